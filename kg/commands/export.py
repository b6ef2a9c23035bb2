"""``kg export STORE --format turtle|nt|jsonld|trig [--out FILE]``: write a store (or graph file) out.

TriG writes one named graph per document (the document, its mentions, its
events with their direct actor-to-actor triples, and the actors they
involve). Without ``--out`` the serialisation goes to standard output.
"""
from __future__ import annotations

import argparse
import sys

from kg.rdf.export import FORMATS, serialize
from kg.rdf.store import load_graph, write_atomic


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export", help="write a store or graph file as Turtle, N-Triples, JSON-LD or TriG",
        description=__doc__.replace("``", ""), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", metavar="STORE", help="a store directory, a graph file or a SPARQL server URL")
    parser.add_argument("--format", "-f", choices=FORMATS, default="turtle",
                        help="output format (default turtle; trig: one named graph per document)")
    parser.add_argument("--out", "-o", metavar="FILE", default=None,
                        help="output file (default: standard output)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    graph = load_graph(args.store)
    try:
        data = serialize(graph, args.format)
    finally:
        graph.close()
    if args.out:
        write_atomic(args.out, data)
        print(f"kg: wrote {args.out} ({args.format})", file=sys.stderr)
    else:
        sys.stdout.write(data)
    return 0

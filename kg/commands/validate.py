"""``kg validate FILE_OR_STORE``: check a graph against the SHACL shapes (``ontologies/shapes.ttl``).

Prints one line per violation (focus node, path, message) and exits with
code 6 when the graph does not conform, 0 when it does. Warnings (an actor
without a label, an event without a target) are listed but do not fail.
"""
from __future__ import annotations

import argparse

from kg.errors import ValidationFailed
from kg.rdf.store import load_graph
from kg.rdf.validate import validate


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "validate", help="check a graph file or store against the SHACL shapes",
        description=__doc__.replace("``", ""), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", metavar="FILE_OR_STORE",
                        help="a .ttl/.nt/.jsonld/.trig file, an on-disk store directory or a SPARQL server URL")
    parser.add_argument("--limit", type=int, default=50,
                        help="list at most this many violations and warnings (default 50)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    graph = load_graph(args.graph)
    try:
        report = validate(graph)
    finally:
        graph.close()
    print(report.text(limit=args.limit))
    if not report.conforms:
        raise ValidationFailed(f"{args.graph}: {len(report.violations)} SHACL violation(s)")
    return 0

"""``kg map STORE_OR_FILE --out FILE``: write the interactive relationship map as one HTML file.

The file works offline (vis-network is inlined; nothing is fetched). States
and organisations are shown by default; a toggle on the page shows persons,
forces and bodies attached to them. Click an actor or a relation for its
evidence. The options below select which events go into the file; the page
has the same filters for exploring what is in it.

Examples:

    kg map build/seeds/graph.ttl --out seeds-map.html
    kg map store/ --out conflict.html --relation-class conflictual --since 2024-01
    kg map store/ --out states.html --types State,Organization --min-confidence 0.6
"""
from __future__ import annotations

import argparse
import sys

from kg.commands.arguments import fraction
from kg.maps.map import check_filters, write_map


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "map", help="write an offline interactive map (HTML) of a graph file or store",
        description=__doc__.replace("``", ""), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", metavar="STORE_OR_FILE",
                        help="a store directory or a .ttl/.nt/.jsonld/.trig file")
    parser.add_argument("--out", "-o", required=True, metavar="FILE", help="the HTML file to write")
    parser.add_argument("--since", metavar="DATE", help="only events on or after DATE (YYYY[-MM[-DD]])")
    parser.add_argument("--until", metavar="DATE", help="only events on or before DATE (YYYY[-MM[-DD]])")
    parser.add_argument("--min-confidence", type=fraction, default=0.0, metavar="P",
                        help="only events with confidence >= P (0-1, default 0)")
    parser.add_argument("--types", metavar="T1,T2",
                        help="only events between actors of these types "
                             "(State, Organization, Person, ArmedForce, GovernmentBody, Group)")
    parser.add_argument("--relation-class", choices=("cooperative", "conflictual"),
                        help="only cooperative (CAMEO 01-09) or conflictual (10-20) events")
    parser.add_argument("--domestic", action="store_true",
                        help="show domestic events too (two sectors of one country: police and demonstrators)")
    parser.add_argument("--title", help="title shown on the page (default: the input's name)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kg.rdf.store import load_graph

    filters = check_filters(since=args.since, until=args.until, min_confidence=args.min_confidence,
                            types=args.types, relation_class=args.relation_class, domestic=args.domestic)
    graph = load_graph(args.graph)
    title = args.title or f"Relationship map: {Path(args.graph).name}"
    counts = write_map(graph, args.out, title=title, **filters)
    print(f"kg map: {counts['polities']} states and organisations, {counts['actors'] - counts['polities']} "
          f"other actors, {counts['events']} events -> {args.out}", file=sys.stderr)
    print(args.out)
    return 0

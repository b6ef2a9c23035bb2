"""``kg export STORE --format FORMAT [--out FILE]``: write a store (or graph file) out.

RDF: turtle, nt, jsonld, trig (one named graph per document: the document,
its mentions, its events with their direct actor-to-actor triples, and the
actors they involve).

Tables and graphs for other tools:

- events-csv, events-jsonl: one row per event, in columns close to GDELT's
  and ICEWS's (date, source and target names, CAMEO actor codes, countries,
  event code, root, quad class, Goldstein score, mentions, source URL,
  sentence); see kg.frames.EVENT_COLUMNS;
- graphml, gexf: actors as nodes and one edge per event, for Gephi, Cytoscape
  or networkx (every attribute has a value).

Without ``--out`` the output goes to standard output.

Examples:

    kg export build/store --format events-csv --out events.csv
    kg export build/seeds/graph.ttl --format gexf --out seeds.gexf
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys

from kg.rdf.export import FORMATS, serialize
from kg.rdf.store import load_graph, write_atomic

#: Formats that are not RDF serialisations.
TABLE_FORMATS = ("events-csv", "events-jsonl", "graphml", "gexf")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export", help="write a store or graph file as RDF, an events table (CSV, JSON Lines) "
                       "or a GraphML/GEXF graph",
        description=__doc__.replace("``", ""), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", metavar="STORE", help="a store directory, a graph file or a SPARQL server URL")
    parser.add_argument("--format", "-f", choices=(*FORMATS, *TABLE_FORMATS), default="turtle",
                        help="output format (default turtle; trig: one named graph per document; "
                             "events-csv/events-jsonl: one row per event; graphml/gexf: for Gephi)")
    parser.add_argument("--out", "-o", metavar="FILE", default=None,
                        help="output file (default: standard output)")
    parser.set_defaults(func=run)


def events_csv(rows: list[dict]) -> str:
    """The event rows as CSV text with a header (:data:`kg.frames.EVENT_COLUMNS`).

    >>> events_csv([]).strip().split(",")[:3]
    ['event_id', 'date', 'date_precision']
    """
    from kg.frames import EVENT_COLUMNS
    from kg.output import csv_cell

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def tables(graph, fmt: str) -> str | bytes:
    """The graph as ``fmt`` (one of :data:`TABLE_FORMATS`)."""
    import networkx as nx

    from kg import frames

    if fmt == "events-csv":
        return events_csv(frames.event_records(graph))
    if fmt == "events-jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n"
                       for row in frames.event_records(graph))
    out = io.BytesIO()
    G = frames.gephi_graph(graph)
    if fmt == "graphml":
        nx.write_graphml(G, out)
    else:
        nx.write_gexf(G, out)
    return out.getvalue()


def run(args: argparse.Namespace) -> int:
    graph = load_graph(args.store)
    try:
        data = tables(graph, args.format) if args.format in TABLE_FORMATS else serialize(graph, args.format)
    finally:
        graph.close()
    if args.out:
        write_atomic(args.out, data)
        print(f"kg: wrote {args.out} ({args.format})", file=sys.stderr)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    return 0

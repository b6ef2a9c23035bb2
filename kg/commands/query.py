"""``kg query STORE_OR_FILE QUERY_OR_FILE``: run SPARQL (or a named query) on a graph.

QUERY_OR_FILE is the name of an example query (``kg query --list``), a ``.rq``
file or SPARQL text. ``--param name=value`` fills ``$name`` in the query.
The ontology and the CAMEO scheme are part of every query's default graph
(so queries can climb skos:broader and rdfs:subPropertyOf); --no-vocab leaves them out.

Examples:

    kg query build/seeds/graph.ttl condemned --param target="North Korea"
    kg query store/ between --param a=Q884 --param b=Q423 --format csv
    kg query store/ 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
"""
from __future__ import annotations

import argparse
import sys

from kg.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "query", help="run SPARQL or a named example query on a graph file or store",
        description=__doc__.replace("``", ""), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", nargs="?", metavar="STORE_OR_FILE",
                        help="a store directory, a .ttl/.nt/.jsonld/.trig file or a SPARQL server URL")
    parser.add_argument("query", nargs="?", metavar="QUERY_OR_FILE",
                        help="a named query, a .rq file or SPARQL text")
    parser.add_argument("--format", "-f", choices=("table", "csv", "json"), default="table",
                        help="output format (default: table)")
    parser.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                        help="value of $NAME in the query (repeatable)")
    parser.add_argument("--no-vocab", action="store_true",
                        help="query the data only, without the ontology and CAMEO scheme")
    parser.add_argument("--list", action="store_true", help="list the named example queries")
    parser.set_defaults(func=run)


def _params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param {item!r}: expected NAME=VALUE")
        params[name.strip()] = value
    return params


def check_params(query: str, params: dict[str, str]) -> None:
    """Raise :class:`UsageError` for a ``--param`` the query does not take (a typo).

    A query takes the parameters its header declares and any ``$name`` in its text.

    >>> check_params("condemned", {"target": "Russia"})
    >>> check_params("condemned", {"tagret": "Russia"})
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: --param tagret: query 'condemned' has no parameter 'tagret' (its parameters: target)
    """
    import re

    from kg.query import resolve_query

    sparql, defaults = resolve_query(query)
    known = set(defaults) | set(re.findall(r"\$(\w+)", sparql))
    for name in params:
        if name not in known:
            label = query if len(query) <= 40 and "\n" not in query else "the query"
            raise UsageError(f"--param {name}: query {label!r} has no parameter {name!r} "
                             f"(its parameters: {', '.join(sorted(known)) or 'none'})")


def list_queries() -> str:
    """The named queries, their titles, descriptions and parameters."""
    out = []
    from kg.query import named_queries

    for q in named_queries().values():
        out.append(f"{q.name}: {q.title}")
        out.append(f"    {q.description}")
        for name, (default, help_) in q.params.items():
            out.append(f"    --param {name}=...  {help_} (default: {default!r})")
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    if args.list:
        sys.stdout.write(list_queries())
        return 0
    if not args.graph or not args.query:
        raise UsageError("kg query needs STORE_OR_FILE and QUERY_OR_FILE (or --list)")
    params = _params(args.param)
    check_params(args.query, params)
    from kg.query import format_result, query_file_or_store

    result = query_file_or_store(args.graph, args.query, params,
                                 vocabularies=not args.no_vocab)
    sys.stdout.write(format_result(result, args.format))
    for note in result.notes:
        print(f"kg: warning: {note}", file=sys.stderr)
    return 0

"""``kg graph STORE_OR_FILE ego|path|rank|blocs|pairs|profile ...``: alliance analytics.

The knowledge graph (a store directory or an RDF file) is projected into
networkx: persons, forces and bodies roll up to the state or organisation
they act for, and the events between two polities sum into one signed edge
(summed Goldstein score). Negated events are left out unless
``--include-negated``. Actors are named by label (any case), QID, ISO3 code
or IRI. Tables go to standard output; ``--format json`` prints the same
answer as JSON.

Examples::

    kg graph build/seeds/graph.ttl blocs
    kg graph build/seeds/graph.ttl path EU Russia
    kg graph build/wikinews/store rank --kind conf --by pagerank --top 10 --since 2019-01 --until 2019-06
    kg graph build/wikinews/store profile Q159 --period year --format json
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kg.commands.arguments import fraction, positive
from kg.errors import KgError, StoreError, UsageError
from kg.graph import analysis, render
from kg.graph.projection import check_date, project


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_argument_group("selection and output")
    g.add_argument("--since", metavar="DATE", help="only events on or after DATE (YYYY[-MM[-DD]])")
    g.add_argument("--until", metavar="DATE", help="only events on or before DATE (YYYY[-MM[-DD]])")
    g.add_argument("--level", choices=analysis.LEVELS, default="polity",
                   help="polity: roll actors up to their state/organisation (default); actor: as named")
    g.add_argument("--include-negated", action="store_true", help="count negated events too")
    g.add_argument("--domestic", action="store_true",
                   help="count domestic events too (two sectors of one country: police and demonstrators)")
    g.add_argument("--min-confidence", type=fraction, default=0.0, metavar="P",
                   help="only events with confidence >= P (default 0)")
    g.add_argument("--modality", action="append", metavar="M",
                   choices=("asserted", "expected", "hypothetical", "demanded", "alleged"),
                   help="only events of this modality (repeatable; default: all)")
    g.add_argument("--format", choices=("table", "json"), default="table",
                   help="readable tables (default) or JSON")
    return p


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("graph", help="alliance analytics: ego, path, rank, blocs, pairs, profile",
                            description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", metavar="STORE_OR_FILE",
                        help="store directory or RDF file (.ttl .nt .jsonld .trig)")
    queries = parser.add_subparsers(dest="query", metavar="QUERY", required=True)
    common = _common()

    p = queries.add_parser("ego", parents=[common], help="the actors within K hops of an actor")
    p.add_argument("actor", help="label, QID, ISO3 code or IRI")
    p.add_argument("-k", "--hops", type=positive(int), default=1, metavar="K", help="radius in hops (default 1)")

    p = queries.add_parser("path", parents=[common],
                           help="shortest paths between two actors, with the sentences behind each step")
    p.add_argument("source", help="label, QID, ISO3 code or IRI")
    p.add_argument("target", help="label, QID, ISO3 code or IRI")
    p.add_argument("--paths", type=positive(int), default=1, metavar="N", help="how many shortest paths (default 1)")
    p.add_argument("--evidence", type=positive(int), default=5, metavar="N",
                   help="sentences shown per step (default 5; JSON gets all)")

    p = queries.add_parser("rank", parents=[common], help="rank actors by degree, PageRank or betweenness")
    p.add_argument("--kind", choices=("coop", "conf", "all"), default="coop",
                   help="cooperative (default), conflictual or whole graph")
    p.add_argument("--by", choices=analysis.RANK_METRICS, default="pagerank",
                   help="metric to sort by (default pagerank)")
    p.add_argument("--top", type=positive(int), default=20, metavar="N", help="rows to show (default 20)")

    p = queries.add_parser("blocs", parents=[common],
                           help="alliance blocs: cooperation communities and the two camps of balance")
    p.add_argument("--method", choices=("louvain", "greedy"), default="louvain",
                   help="community detection (default louvain)")
    p.add_argument("--unweighted", action="store_true",
                   help="count frustrated edges instead of summing their Goldstein weight")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")

    p = queries.add_parser("pairs", parents=[common], help="the most cooperative and most conflictual pairs")
    p.add_argument("--top", type=positive(int), default=10, metavar="N", help="pairs of each kind (default 10)")

    p = queries.add_parser("profile", parents=[common],
                           help="an actor's partners, adversaries and events by type over time")
    p.add_argument("actor", help="label, QID, ISO3 code or IRI")
    p.add_argument("--period", choices=tuple(analysis.PERIODS), default="month",
                   help="time bucket of the timeline (default month)")
    p.add_argument("--top", type=positive(int), default=10, metavar="N", help="partners and adversaries shown (default 10)")
    parser.set_defaults(func=run)


def load(path: str) -> Any:
    """Project the store or file at ``path`` into the actor graph."""
    from kg.rdf.store import load_graph

    graph = load_graph(path)
    try:
        return project(graph)
    except KgError:
        raise
    except Exception as exc:  # a store or SPARQL engine failure
        raise StoreError(f"{path}: cannot read the graph: {exc}") from exc
    finally:
        try:
            graph.close()
        except Exception:  # pragma: no cover - memory graphs may not support close
            pass


def answer(G: Any, args: argparse.Namespace) -> tuple[Any, str]:
    """The answer of the query in ``args`` on actor graph ``G``, as (data, text)."""
    window = {"since": check_date(args.since, "since"), "until": check_date(args.until, "until"),
              "level": args.level, "negated": args.include_negated, "domestic": args.domestic,
              "min_confidence": args.min_confidence, "modalities": args.modality}
    q = args.query
    if q == "ego":
        res = analysis.ego(G, args.actor, k=args.hops, **window)
        return res, render.render_ego(res)
    if q == "path":
        res = analysis.path(G, args.source, args.target, max_paths=args.paths, **window)
        shown = {**res, "paths": [{**p, "steps": [{**s, "evidence": s["evidence"][:args.evidence]}
                                                   for s in p["steps"]]} for p in res["paths"]]}
        return res, render.render_path(shown)
    if q == "rank":
        res = analysis.rank(G, kind=args.kind, by=args.by, top=args.top, **window)
        return res, render.render_rank(res, args.kind, args.by)
    if q == "blocs":
        res = analysis.blocs(G, method=args.method, seed=args.seed, weighted=not args.unweighted,
                             **window)
        return res, render.render_blocs(res)
    if q == "pairs":
        res = analysis.pairs(G, top=args.top, **window)
        return res, render.render_pairs(res)
    res = analysis.profile(G, args.actor, period=args.period, top=args.top, **window)
    return res, render.render_profile(res)


def run(args: argparse.Namespace) -> int:
    since, until = check_date(args.since, "since"), check_date(args.until, "until")
    if since and until and since[:len(until)] > until:
        raise UsageError(f"--since {since} is after --until {until}")
    G = load(args.store)
    data, text = answer(G, args)
    if args.format == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text + "\n")
    return 0

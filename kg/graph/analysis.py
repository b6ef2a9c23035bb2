"""Questions researchers ask of the alliance graph.

Every function takes the actor graph of :func:`kg.graph.projection.project`
and returns plain JSON-ready data (dicts, lists, strings, numbers), so the CLI
prints them as tables or JSON and notebooks use them directly.

Common keyword arguments:

* ``since``/``until``: inclusive ISO date window (``"2024"``, ``"2024-11"``,
  ``"2024-11-04"``); undated events fall outside any bounded window.
* ``level``: ``"polity"`` (default; persons, forces and bodies rolled up to
  the state or organisation they act for) or ``"actor"``.
* ``negated``, ``min_confidence``, ``modalities``: event filters passed to
  :func:`kg.graph.polities.select_events`.

Actors are named by label (case-insensitive), QID, ISO3 code or IRI.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import islice
from typing import Any, Optional

import networkx as nx

from kg.errors import UsageError
from kg.graph.balance import two_camps
from kg.graph.lookup import resolve
from kg.graph.polities import evidence, layer, polity_graph, polity_of, select_events
from kg.rdf.namespace import ROOT_RELATIONS

LEVELS = ("polity", "actor")
RANK_METRICS = ("pagerank", "degree", "events", "betweenness")
PERIODS = {"year": 4, "month": 7, "day": 10}
#: Betweenness is exact up to this many actors, then sampled.
BETWEENNESS_EXACT = 2000
BETWEENNESS_SAMPLE = 500


def _signed(G: nx.MultiDiGraph, level: str, directed: bool = False, **kw: Any) -> nx.Graph:
    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r} (use polity or actor)")
    return polity_graph(G, directed=directed, rollup=level == "polity", **kw)


def _center(G: nx.MultiDiGraph, name: str, level: str) -> str:
    node = resolve(G, name)
    return polity_of(G, node) if level == "polity" else node


def _actor(G: nx.Graph, n: str) -> dict[str, Any]:
    d = G.nodes[n]
    return {"id": n, "label": d.get("label") or n, "type": d.get("type"),
            "wikidata": d.get("wikidata")}


def _pair(P: nx.Graph, u: str, v: str) -> dict[str, Any]:
    """A signed edge as a record, its two actors in label order."""
    d = P.edges[u, v]
    a, b = sorted((_actor(P, u), _actor(P, v)), key=lambda x: (x["label"], x["id"]))
    return {"a": a, "b": b, "weight": d["weight"], "events": d["events"],
            "coop": d["coop"], "conf": d["conf"]}


def ego(G: nx.MultiDiGraph, actor: str, k: int = 1, *, level: str = "polity",
        **window: Any) -> dict[str, Any]:
    """The actors within ``k`` hops of ``actor`` and the signed edges among them.

    >>> from kg.graph.projection import from_tuples
    >>> G = from_tuples([("EU", "Ukraine", "051", 3.4, None), ("Russia", "Ukraine", "190", -10, None),
    ...                  ("North Korea", "Russia", "070", 7.0, None)])
    >>> [(n["label"], n["hops"]) for n in ego(G, "EU", k=2)["nodes"]]
    [('EU', 0), ('Ukraine', 1), ('Russia', 2)]
    """
    P = _signed(G, level, **window)
    center = _center(G, actor, level)
    if center not in P:
        return {"center": _actor(G, center), "k": k, "nodes": [_actor(G, center) | {"hops": 0}],
                "edges": []}
    hops = nx.single_source_shortest_path_length(P, center, cutoff=k)
    nodes = sorted(hops, key=lambda n: (hops[n], P.nodes[n].get("label") or n))
    E = P.subgraph(nodes)
    edges = sorted((_pair(P, u, v) for u, v in E.edges),
                   key=lambda e: (-e["events"], e["a"]["label"], e["b"]["label"]))
    return {"center": _actor(P, center), "k": k,
            "nodes": [_actor(P, n) | {"hops": hops[n]} for n in nodes], "edges": edges}


def path(G: nx.MultiDiGraph, source: str, target: str, *, level: str = "polity",
         max_paths: int = 1, max_evidence: Optional[int] = None,
         **window: Any) -> dict[str, Any]:
    """Shortest paths between two actors on the undirected signed graph.

    Among equally short paths the best-attested ones come first (most events
    on the weakest step, then most events overall). Each step carries its
    evidence: the events with their sentences and documents.

    >>> from kg.graph.projection import from_tuples
    >>> G = from_tuples([("EU", "Ukraine", "051", 3.4, None, "The EU backs Ukraine."),
    ...                  ("Russia", "Ukraine", "190", -10, None, "Russia wages war against Ukraine.")])
    >>> p = path(G, "EU", "Russia")["paths"][0]
    >>> [(s["from"]["label"], s["to"]["label"], s["evidence"][0]["sentence"]) for s in p["steps"]]
    [('EU', 'Ukraine', 'The EU backs Ukraine.'), ('Ukraine', 'Russia', 'Russia wages war against Ukraine.')]
    """
    P = _signed(G, level, **window)
    a, b = _center(G, source, level), _center(G, target, level)
    for n, name in ((a, source), (b, target)):
        if n not in P:
            raise UsageError(f"{name!r} has no events in the selected window")
    if a == b:
        raise UsageError(f"{source!r} and {target!r} are the same {level} "
                         f"({P.nodes[a].get('label') or a})")
    result: dict[str, Any] = {"source": _actor(P, a), "target": _actor(P, b), "paths": []}
    try:
        candidates = list(islice(nx.all_shortest_paths(P, a, b), 1000))
    except nx.NetworkXNoPath:
        return result

    def score(p: list[str]) -> tuple:
        counts = [P.edges[u, v]["events"] for u, v in zip(p, p[1:])]
        return (-min(counts), -sum(counts), [P.nodes[n].get("label") or n for n in p])

    for p in sorted(candidates, key=score)[:max_paths]:
        steps = []
        for u, v in zip(p, p[1:]):
            ev = evidence(G, P.edges[u, v]["refs"])
            steps.append({"from": _actor(P, u), "to": _actor(P, v),
                          "weight": P.edges[u, v]["weight"], "events": P.edges[u, v]["events"],
                          "coop": P.edges[u, v]["coop"], "conf": P.edges[u, v]["conf"],
                          "evidence": ev[:max_evidence] if max_evidence else ev})
        result["paths"].append({"length": len(p) - 1, "steps": steps})
    return result


def _undirected_sum(L: nx.DiGraph) -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(L.nodes(data=True))
    for u, v, d in L.edges(data=True):
        w = U.edges[u, v]["weight"] if U.has_edge(u, v) else 0
        U.add_edge(u, v, weight=w + d["weight"])
    return U


def rank(G: nx.MultiDiGraph, *, kind: str = "coop", by: str = "pagerank",
         top: Optional[int] = None, level: str = "polity", **window: Any) -> list[dict[str, Any]]:
    """Rank actors on the cooperative (``coop``), conflictual (``conf``) or whole graph.

    Metrics: ``degree`` (distinct partners), ``events`` (events with
    partners), ``pagerank`` (on the directed graph weighted by event counts,
    so it favours actors that others act upon) and ``betweenness``
    (normalised, unweighted, on the undirected graph; estimated from
    :data:`BETWEENNESS_SAMPLE` seeded sources above :data:`BETWEENNESS_EXACT`
    actors).

    >>> from kg.graph.projection import from_tuples
    >>> G = from_tuples([("A", "B", "042", 1.9, None), ("C", "B", "057", 8, None),
    ...                  ("B", "D", "190", -10, None)])
    >>> [(r["label"], r["degree"]) for r in rank(G, kind="coop", by="degree")]
    [('B', 2), ('A', 1), ('C', 1)]
    """
    if by not in RANK_METRICS:
        raise UsageError(f"unknown metric {by!r} (use {', '.join(RANK_METRICS)})")
    L = layer(_signed(G, level, directed=True, **window), kind)
    U = _undirected_sum(L)
    pr = nx.pagerank(L, weight="weight") if len(L) else {}
    sample = {"k": BETWEENNESS_SAMPLE, "seed": 0} if len(U) > BETWEENNESS_EXACT else {}
    bc = nx.betweenness_centrality(U, **sample) if len(U) else {}
    rows = [_actor(L, n) | {"degree": U.degree(n), "events": int(U.degree(n, weight="weight")),
                            "pagerank": round(pr[n], 6), "betweenness": round(bc[n], 6)}
            for n in L]
    rows.sort(key=lambda r: (-r[by], r["label"]))
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    return rows[:top] if top else rows


def blocs(G: nx.MultiDiGraph, *, method: str = "louvain", seed: int = 0, weighted: bool = True,
          level: str = "polity", **window: Any) -> dict[str, Any]:
    """Alliance blocs: communities of cooperation and the two camps of balance.

    ``communities`` come from community detection (``louvain`` or ``greedy``
    modularity) on the cooperation graph: the edges whose summed Goldstein
    score is positive, weighted by it. ``camps`` is the structural-balance view
    (see :func:`kg.graph.balance.two_camps`): per connected component of the
    signed graph, the two camps that leave the fewest frustrated edges.

    >>> from kg.graph.projection import from_tuples
    >>> G = from_tuples([("South Korea", "EU", "057", 8, None), ("EU", "North Korea", "111", -2, None),
    ...                  ("North Korea", "Russia", "070", 7, None), ("Russia", "Ukraine", "190", -10, None),
    ...                  ("EU", "Ukraine", "070", 7, None)])
    >>> b = blocs(G)
    >>> [[a["label"] for a in camp] for camp in (b["camps"][0]["camp_a"], b["camps"][0]["camp_b"])]
    [['EU', 'South Korea', 'Ukraine'], ['North Korea', 'Russia']]
    >>> [[a["label"] for a in c] for c in b["communities"]]
    [['EU', 'South Korea', 'Ukraine'], ['North Korea', 'Russia']]
    """
    P = _signed(G, level, **window)
    C = nx.Graph()
    C.add_weighted_edges_from((u, v, d["weight"]) for u, v, d in P.edges(data=True)
                              if d["weight"] > 0)
    if method == "louvain":
        comms = nx.community.louvain_communities(C, weight="weight", seed=seed) if len(C) else []
    elif method == "greedy":
        comms = nx.community.greedy_modularity_communities(C, weight="weight") if len(C) else []
    else:
        raise UsageError(f"unknown method {method!r} (use louvain or greedy)")

    def actors(ns: Any) -> list[dict[str, Any]]:
        return sorted((_actor(P, n) for n in ns), key=lambda a: a["label"])

    communities = sorted((actors(c) for c in comms if len(c) > 1),
                         key=lambda c: (-len(c), c[0]["label"]))
    camps = []
    for c in two_camps(P, weighted=weighted, seed=seed):
        camps.append({"camp_a": actors(c.camp_a), "camp_b": actors(c.camp_b),
                      "frustrated": [_pair(P, u, v) for u, v, _ in c.frustrated],
                      "frustration": c.frustration, "total": c.total, "exact": c.exact})
    return {"communities": communities, "camps": camps,
            "unaligned": sorted(P.nodes[n].get("label") or n for n in P if n not in C)}


def pairs(G: nx.MultiDiGraph, *, top: int = 10, level: str = "polity",
          **window: Any) -> dict[str, list[dict[str, Any]]]:
    """The most cooperative and the most conflictual pairs by summed Goldstein score.

    >>> from kg.graph.projection import from_tuples
    >>> G = from_tuples([("A", "B", "057", 8, None), ("B", "C", "190", -10, None),
    ...                  ("C", "A", "042", 1.9, None)])
    >>> p = pairs(G, top=1)
    >>> [(r["a"]["label"], r["b"]["label"], r["weight"]) for r in p["cooperative"] + p["conflictual"]]
    [('A', 'B', 8.0), ('B', 'C', -10.0)]
    """
    P = _signed(G, level, **window)
    rows = [_pair(P, u, v) for u, v in P.edges]
    coop = sorted((r for r in rows if r["weight"] > 0),
                  key=lambda r: (-r["weight"], -r["events"], r["a"]["label"], r["b"]["label"]))
    conf = sorted((r for r in rows if r["weight"] < 0),
                  key=lambda r: (r["weight"], -r["events"], r["a"]["label"], r["b"]["label"]))
    return {"cooperative": coop[:top], "conflictual": conf[:top]}


def profile(G: nx.MultiDiGraph, actor: str, *, period: str = "month", top: int = 10,
            level: str = "polity", **window: Any) -> dict[str, Any]:
    """An actor's partners, adversaries and events by CAMEO root over time.

    ``timeline`` maps each period (``year``, ``month`` or ``day``; undated
    events under ``"undated"``) to counts by CAMEO root relation, and
    ``goldstein_by_period`` to the summed Goldstein score of its events (how
    the actor's relations warm or cool).

    >>> from kg.graph.projection import from_tuples
    >>> G = from_tuples([("EU", "Ukraine", "051", 3.4, "2024-11-04"),
    ...                  ("EU", "North Korea", "111", -2, "2024-11-04"),
    ...                  ("EU", "North Korea", "112", -2, "2024-12-01")])
    >>> p = profile(G, "eu")
    >>> [x["label"] for x in p["partners"]], [x["label"] for x in p["adversaries"]]
    (['Ukraine'], ['North Korea'])
    >>> p["timeline"]
    {'2024-11': {'cooperatesDiplomaticallyWith': 1, 'disapprovesOf': 1}, '2024-12': {'disapprovesOf': 1}}
    >>> p["goldstein_by_period"]
    {'2024-11': 1.4, '2024-12': -2.0}
    """
    if period not in PERIODS:
        raise UsageError(f"unknown period {period!r} (use year, month or day)")
    P = _signed(G, level, **window)
    center = _center(G, actor, level)
    nbrs = []
    if center in P:
        nbrs = [_actor(P, n) | {k: P.edges[center, n][k] for k in ("weight", "events", "coop", "conf")}
                for n in P[center]]
    partners = sorted((n for n in nbrs if n["weight"] > 0), key=lambda n: (-n["weight"], n["label"]))
    adversaries = sorted((n for n in nbrs if n["weight"] < 0), key=lambda n: (n["weight"], n["label"]))
    H = select_events(G, **window)
    timeline: dict[str, Counter] = defaultdict(Counter)
    net: dict[str, float] = defaultdict(float)
    totals = Counter()
    for u, v, d in H.edges(data=True):
        pu, pv = (polity_of(G, u), polity_of(G, v)) if level == "polity" else (u, v)
        if center not in (pu, pv) or pu == pv:
            continue
        key = d["date"][:PERIODS[period]] if d["date"] else "undated"
        timeline[key][ROOT_RELATIONS.get(d["root"], d["root"])] += 1
        net[key] += d["goldstein"]
        totals["events"] += 1
        totals["as_source" if pu == center else "as_target"] += 1
        totals["coop" if int(d["root"]) <= 9 else "conf"] += 1
        totals["goldstein"] += d["goldstein"]
    totals["goldstein"] = round(totals["goldstein"], 6)
    return {"actor": _actor(G, center),
            "totals": {k: totals[k] for k in ("events", "as_source", "as_target", "coop", "conf",
                                              "goldstein")},
            "partners": partners[:top], "adversaries": adversaries[:top],
            "timeline": {k: dict(sorted(timeline[k].items())) for k in sorted(timeline)},
            "goldstein_by_period": {k: round(net[k], 6) for k in sorted(net)}}

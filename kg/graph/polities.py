"""The polity view of the actor graph, and the events and evidence behind its edges.

Persons, forces and government bodies are rolled up along ``ent:actsFor`` to
the state or organisation they act for (:func:`polity_of`), and the events
between two polities are summed into one signed edge (:func:`polity_graph`:
``weight`` is the summed Goldstein score; ``coop``/``conf`` count cooperative
(CAMEO roots 01-09) and conflictual (10-20) events); :func:`layer` keeps the
cooperative or conflictual part, :func:`evidence` the sentences behind edges.
The actor graph comes from :func:`kg.graph.projection.project` (or
:func:`kg.graph.projection.from_tuples`).
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional

import networkx as nx

from kg.errors import UsageError
from kg.graph.projection import from_tuples, in_window  # noqa: F401 - from_tuples: doctests


def select_events(G: nx.MultiDiGraph, since: Optional[str] = None, until: Optional[str] = None,
                  *, negated: bool = False, min_confidence: float = 0.0,
                  modalities: Optional[Iterable[str]] = None, domestic: bool = False) -> nx.MultiDiGraph:
    """The actor graph restricted to events in a date window (and other filters).

    Negated events are dropped unless ``negated=True``, domestic events (two
    sectors of one country: police and demonstrators) unless ``domestic=True``;
    all nodes are kept so that roll-ups still work.

    >>> G = from_tuples([("A", "B", "042", 1.9, "2019-01-05"), ("A", "B", "190", -10, "2020-03-01")])
    >>> [d["cameo"] for *_, d in select_events(G, since="2020").edges(data=True)]
    ['190']
    """
    mods = {m.lower() for m in modalities} if modalities else None
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    H.graph.update(G.graph)
    for u, v, k, d in G.edges(keys=True, data=True):
        if (d["negated"] and not negated) or (d.get("domestic") and not domestic):
            continue
        if d["confidence"] < min_confidence or (mods and d["modality"] not in mods):
            continue
        if in_window(d["date"], since, until):
            H.add_edge(u, v, key=k, **d)
    return H


def polity_of(G: nx.MultiDiGraph, node: str) -> str:
    """The polity (state or organisation) an actor rolls up to.

    >>> from kg.ids import actor_iri
    >>> G = from_tuples([("Josep Borrell", "Ukraine", "051", 3.4, None)],
    ...                 actors={"Josep Borrell": ("Person", "European Union")})
    >>> G.nodes[polity_of(G, actor_iri("Person", label="Josep Borrell"))]["label"]
    'European Union'
    """
    return G.nodes[node].get("polity") or node


def _new_edge() -> dict[str, Any]:
    return {"weight": 0.0, "events": 0, "mentions": 0, "coop": 0, "conf": 0,
            "coop_goldstein": 0.0, "conf_goldstein": 0.0, "refs": []}


def _accumulate(e: dict[str, Any], u: str, v: str, k: str, d: dict[str, Any]) -> None:
    e["weight"] += d["goldstein"]
    e["events"] += 1  # events, not mentions: a merged event counts once
    e["mentions"] += d.get("mentions", 1)
    if int(d["root"]) <= 9:
        e["coop"] += 1
        e["coop_goldstein"] += d["goldstein"]
    else:
        e["conf"] += 1
        e["conf_goldstein"] += d["goldstein"]
    e["refs"].append((u, v, k))


def _polity_edges(G: nx.MultiDiGraph, directed: bool, rollup: bool,
                  ) -> Iterator[tuple[str, str, str, str, str, dict[str, Any]]]:
    for u, v, k, d in G.edges(keys=True, data=True):
        pu, pv = (polity_of(G, u), polity_of(G, v)) if rollup else (u, v)
        if pu == pv and not d.get("domestic"):
            continue
        if rollup and (G.nodes[pu].get("type") == "Person" or G.nodes[pv].get("type") == "Person"):
            continue  # a person of no known polity is not a state
        if pu == pv:  # a domestic event (asked for): between the two sectors themselves
            pu, pv = u, v
        if not directed and pv < pu:
            pu, pv = pv, pu
        yield pu, pv, u, v, k, d


def polity_graph(G: nx.MultiDiGraph, since: Optional[str] = None, until: Optional[str] = None,
                 *, directed: bool = False, rollup: bool = True, negated: bool = False,
                 min_confidence: float = 0.0,
                 modalities: Optional[Iterable[str]] = None, domestic: bool = False) -> nx.Graph:
    """The aggregated signed graph of polities over a date window.

    Edge attributes: ``weight`` (summed Goldstein), ``events`` (events, a merged event
    once), ``mentions`` (their mentions), ``coop``, ``conf``, ``coop_goldstein``, ``conf_goldstein`` and ``refs`` (the
    ``(source, target, event)`` keys of the actor-graph edges behind it).
    Events inside one polity (a minister meeting a colleague) are left out.
    With ``rollup=False`` the actors themselves are the nodes.

    >>> G = from_tuples([("Cho Tae-yul", "North Korea", "111", -2.0, "2024-11-04"),
    ...                  ("South Korea", "North Korea", "112", -2.0, "2024-11-05"),
    ...                  ("North Korea", "South Korea", "042", 1.9, "2024-11-06")],
    ...                 actors={"Cho Tae-yul": ("Person", "South Korea")})
    >>> P = polity_graph(G)
    >>> [(P.nodes[u]["label"], P.nodes[v]["label"], d["weight"], d["coop"], d["conf"])
    ...  for u, v, d in P.edges(data=True)]
    [('North Korea', 'South Korea', -2.1, 1, 2)]
    """
    H = select_events(G, since, until, negated=negated, min_confidence=min_confidence,
                      modalities=modalities, domestic=domestic)
    P: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    for pu, pv, u, v, k, d in _polity_edges(H, directed, rollup):
        for p in (pu, pv):
            if p not in P:
                P.add_node(p, **G.nodes[p])
        if not P.has_edge(pu, pv):
            P.add_edge(pu, pv, **_new_edge())
        _accumulate(P.edges[pu, pv], u, v, k, d)
    for _, _, d in P.edges(data=True):
        for key in ("weight", "coop_goldstein", "conf_goldstein"):
            d[key] = round(d[key], 6)
    return P


def layer(P: nx.Graph, kind: str) -> nx.Graph:
    """The cooperative or conflictual layer of a polity graph.

    ``kind`` is ``"coop"`` (edges with cooperative events; weight = their
    count), ``"conf"`` (edges with conflictual events; weight = count) or
    ``"all"`` (every edge; weight = count of events).

    >>> P = polity_graph(from_tuples([("A", "B", "042", 1.9, None), ("B", "C", "190", -10, None)]))
    >>> sorted(tuple(sorted(P.nodes[n]["label"] for n in e)) for e in layer(P, "conf").edges)
    [('B', 'C')]
    """
    if kind not in ("coop", "conf", "all"):
        raise UsageError(f"unknown layer {kind!r} (use coop, conf or all)")
    count, gold = ("events", "weight") if kind == "all" else (kind, f"{kind}_goldstein")
    L = P.__class__()
    for u, v, d in P.edges(data=True):
        if d[count]:
            for n in (u, v):
                if n not in L:
                    L.add_node(n, **P.nodes[n])
            L.add_edge(u, v, weight=d[count], goldstein=d[gold])
    return L


def evidence(G: nx.MultiDiGraph, refs: Iterable[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The evidence records behind actor-graph edges, oldest first.

    >>> G = from_tuples([("A", "B", "042", 1.9, "2024-01-02", "A visited B.")])
    >>> [(e["source"], e["target"], e["sentence"]) for e in evidence(G, G.edges(keys=True))]
    [('A', 'B', 'A visited B.')]
    """
    out = []
    for u, v, k in refs:
        d = G.edges[u, v, k]
        out.append({"event": d["event"], "source": G.nodes[u]["label"],
                    "target": G.nodes[v]["label"], "cameo": d["cameo"],
                    "relation": d["relation"], "goldstein": d["goldstein"], "date": d["date"],
                    "modality": d["modality"], "negated": d["negated"],
                    "confidence": d["confidence"], "sentence": d["sentence"], "doc": d["doc"],
                    "mention": d["mention"]})
    out.sort(key=lambda e: (e["date"] or "9999", e["doc"] or "", e["event"]))
    return out

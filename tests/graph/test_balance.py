"""Structural balance: the two-camp split against brute force and planted camps."""
from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from kg.graph.balance import EXACT_LIMIT, frustration, two_camps


def brute_force(G: nx.Graph) -> float:
    nodes = sorted(G)
    best = float("inf")
    for bits in itertools.product([0, 1], repeat=len(nodes)):
        side = {n for n, b in zip(nodes, bits) if b}
        cost = sum(abs(d["weight"]) for u, v, d in G.edges(data=True)
                   if d["weight"] and ((u in side) == (v in side)) != (d["weight"] > 0))
        best = min(best, cost)
    return best


def random_signed(n: int, p: float, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = rng.choice([-1, 1]) * rng.randint(1, 9)
    return G


@pytest.mark.parametrize("seed", range(8))
def test_exact_split_is_optimal(seed):
    G = random_signed(9, 0.45, seed)
    comps = two_camps(G)
    assert sum(c.frustration for c in comps) == pytest.approx(brute_force(G))
    for c in comps:
        assert all(c.exact for c in comps)
        sub = G.subgraph(c.camp_a + c.camp_b)
        assert frustration(sub, c.camp_a) == pytest.approx(c.frustration)
        assert len(c.frustrated) == sum(
            1 for u, v, d in sub.edges(data=True)
            if ((u in c.camp_a) == (v in c.camp_a)) != (d["weight"] > 0))


def test_heuristic_recovers_planted_camps():
    rng = random.Random(1)
    n = EXACT_LIMIT * 3
    camp = {i: i % 2 for i in range(n)}
    G = nx.gnp_random_graph(n, 0.25, seed=1)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = rng.randint(1, 5) * (1 if camp[u] == camp[v] else -1)
    assert nx.is_connected(G)
    (c,) = two_camps(G)
    assert not c.exact and c.balanced and c.frustration == 0
    assert {frozenset(c.camp_a), frozenset(c.camp_b)} == {
        frozenset(i for i in range(n) if camp[i] == 0), frozenset(i for i in range(n) if camp[i] == 1)}
    # with noise: never worse than the planted split
    flipped = rng.sample(list(G.edges), 10)
    for u, v in flipped:
        G.edges[u, v]["weight"] *= -1
    (c,) = two_camps(G)
    assert c.frustration <= frustration(G, {i for i in range(n) if camp[i] == 0})


def test_components_zero_weights_and_unweighted():
    G = nx.Graph()
    G.add_edge("a", "b", weight=-3)
    G.add_edge("c", "d", weight=2)
    G.add_edge("d", "e", weight=0)  # neither friend nor foe: ignored
    comps = two_camps(G)
    assert [(c.camp_a, c.camp_b) for c in comps] == [(["a"], ["b"]), (["c", "d"], [])]
    T = nx.Graph([("x", "y", {"weight": -5}), ("y", "z", {"weight": -5}), ("x", "z", {"weight": -1})])
    (w,) = two_camps(T)
    (u,) = two_camps(T, weighted=False)
    assert w.frustrated == [("x", "z", -1.0)] and w.frustration == 1
    assert u.frustration == 1 and len(u.frustrated) == 1

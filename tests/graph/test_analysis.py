"""The queries on the hand-made scenario, against answers computed independently here."""
from __future__ import annotations

import itertools
from collections import Counter, defaultdict

import networkx as nx
import pytest

from kg.errors import UsageError
from kg.graph import blocs, ego, pairs, path, profile, rank
from kg.graph.projection import from_tuples
from kg.rdf.namespace import ROOT_RELATIONS


def signed(rows):
    """Independent undirected signed graph over polity labels."""
    H = nx.Graph()
    for s, t, code, gold, *_ in rows:
        if not H.has_edge(s, t):
            H.add_edge(s, t, weight=0.0, events=0, sentences=[])
        H.edges[s, t]["weight"] += gold
        H.edges[s, t]["events"] += 1
        H.edges[s, t]["sentences"].append(_[1])
    return H


def directed_layer(rows, coop: bool):
    D = nx.DiGraph()
    for s, t, code, *_ in rows:
        if (int(code[:2]) <= 9) == coop:
            w = D.edges[s, t]["weight"] if D.has_edge(s, t) else 0
            D.add_edge(s, t, weight=w + 1)
    return D


@pytest.mark.parametrize("k", [1, 2, 3])
def test_ego_matches_networkx(scenario, scenario_rows, k):
    H = signed(scenario_rows())
    expected = nx.single_source_shortest_path_length(H, "European Union", cutoff=k)
    res = ego(scenario, "european union", k=k)
    assert {n["label"]: n["hops"] for n in res["nodes"]} == expected
    sub = H.subgraph(expected)
    assert {frozenset((e["a"]["label"], e["b"]["label"])) for e in res["edges"]} == {frozenset(e) for e in sub.edges}


def test_ego_of_a_person_at_actor_level(scenario):
    res = ego(scenario, "Borrell", k=1, level="actor")
    assert res["center"]["label"] == "Josep Borrell"
    assert {n["label"] for n in res["nodes"]} == {"Josep Borrell", "Cho Tae-yul", "Ukraine"}
    # at polity level the same name rolls up to the EU
    assert ego(scenario, "Borrell")["center"]["label"] == "European Union"


def test_path_eu_russia_with_evidence(scenario, scenario_rows):
    H = signed(scenario_rows())
    res = path(scenario, "EU", "Russia", max_paths=5)
    assert res["source"]["label"] == "European Union" and res["target"]["label"] == "Russia"
    expected = {tuple(p) for p in nx.all_shortest_paths(H, "European Union", "Russia")}
    got = [tuple([p["steps"][0]["from"]["label"]] + [s["to"]["label"] for s in p["steps"]]) for p in res["paths"]]
    assert set(got) == expected and len(got) == len(expected)
    # best attested first: via North Korea (1 + 2 events) before via Ukraine (1 + 1)
    assert got[0] == ("European Union", "North Korea", "Russia")
    for p in res["paths"]:
        for step in p["steps"]:
            a, b = step["from"]["label"], step["to"]["label"]
            assert sorted(e["sentence"] for e in step["evidence"]) == sorted(H.edges[a, b]["sentences"])
            assert step["events"] == H.edges[a, b]["events"]
            assert all(e["doc"] == "d1" for e in step["evidence"])


def test_path_errors_and_no_path(scenario):
    with pytest.raises(UsageError, match="no events in the selected window"):
        path(scenario, "EU", "Russia", since="2025")
    with pytest.raises(UsageError, match="'Borrell' and 'EU' are the same polity"):
        path(scenario, "Borrell", "EU")
    # as named: Borrell - Ukraine - South Korea - North Korea - European Union
    assert path(scenario, "Borrell", "EU", level="actor")["paths"][0]["length"] == 4
    G = from_tuples([("A", "B", "042", 1.9, None), ("C", "D", "190", -10, None)])
    assert path(G, "A", "D")["paths"] == []


@pytest.mark.parametrize("kind", ["coop", "conf"])
def test_rank_matches_networkx(scenario, scenario_rows, kind):
    D = directed_layer(scenario_rows(), coop=kind == "coop")
    U = nx.Graph()
    for s, t, d in D.edges(data=True):
        w = U.edges[s, t]["weight"] if U.has_edge(s, t) else 0
        U.add_edge(s, t, weight=w + d["weight"])
    pr, bc = nx.pagerank(D, weight="weight"), nx.betweenness_centrality(U)
    rows = rank(scenario, kind=kind, by="pagerank")
    assert {r["label"] for r in rows} == set(D)
    for r in rows:
        assert r["pagerank"] == pytest.approx(pr[r["label"]], abs=1e-6)
        assert r["betweenness"] == pytest.approx(bc[r["label"]], abs=1e-6)
        assert r["degree"] == U.degree(r["label"])
        assert r["events"] == U.degree(r["label"], weight="weight")
    assert [r["pagerank"] for r in rows] == sorted((r["pagerank"] for r in rows), reverse=True)
    top = rank(scenario, kind=kind, by="betweenness", top=1)
    assert len(top) == 1 and top[0]["betweenness"] == pytest.approx(max(bc.values()))


def test_rank_unknown_metric(scenario):
    with pytest.raises(UsageError, match="unknown metric"):
        rank(scenario, by="closeness")


def test_blocs_two_camps_and_communities(scenario):
    res = blocs(scenario)
    assert len(res["camps"]) == 1
    camp = res["camps"][0]
    sides = {frozenset(a["label"] for a in camp["camp_a"]), frozenset(a["label"] for a in camp["camp_b"])}
    assert sides == {frozenset({"North Korea", "Russia"}),
                     frozenset({"European Union", "South Korea", "Ukraine", "United States"})}
    assert camp["frustrated"] == [] and camp["frustration"] == 0 and camp["exact"]
    comms = {frozenset(a["label"] for a in c) for c in res["communities"]}
    assert comms == {frozenset({"North Korea", "Russia"}), frozenset({"European Union", "South Korea", "Ukraine"})}
    assert res["unaligned"] == ["United States"]


def test_blocs_report_frustrated_edges(scenario, scenario_rows):
    # counting "Russia did not sign an agreement with the EU" as signing unbalances the graph
    camp = blocs(scenario, negated=True)["camps"][0]
    H = signed(scenario_rows(negated=True))
    nodes = sorted(H)

    def cost(side):
        return sum(abs(d["weight"]) for a, b, d in H.edges(data=True)
                   if ((a in side) == (b in side)) != (d["weight"] > 0))
    best = min(cost({n for n, bit in zip(nodes, bits) if bit})
               for bits in itertools.product([0, 1], repeat=len(nodes)))
    camp_a = {a["label"] for a in camp["camp_a"]}
    assert camp["frustration"] == pytest.approx(best) == pytest.approx(cost(camp_a)) == pytest.approx(6.4)
    frustrated = {(f["a"]["label"], f["b"]["label"]) for f in camp["frustrated"]}
    assert frustrated == {tuple(sorted((a, b))) for a, b, d in H.edges(data=True)
                          if ((a in camp_a) == (b in camp_a)) != (d["weight"] > 0)}
    assert sum(abs(f["weight"]) for f in camp["frustrated"]) == pytest.approx(best)


def test_pairs_match_independent_sums(scenario, scenario_rows):
    H = signed(scenario_rows())
    weights = {tuple(sorted((a, b))): d["weight"] for a, b, d in H.edges(data=True)}
    res = pairs(scenario, top=100)
    got_coop = {(r["a"]["label"], r["b"]["label"]): r["weight"] for r in res["cooperative"]}
    got_conf = {(r["a"]["label"], r["b"]["label"]): r["weight"] for r in res["conflictual"]}
    assert got_coop == pytest.approx({k: w for k, w in weights.items() if w > 0})
    assert got_conf == pytest.approx({k: w for k, w in weights.items() if w < 0})
    assert (res["cooperative"][0]["a"]["label"], res["cooperative"][0]["b"]["label"]) == ("North Korea", "Russia")
    assert res["conflictual"][0]["weight"] == min(weights.values())
    assert [r["weight"] for r in res["conflictual"]] == sorted(r["weight"] for r in res["conflictual"])


def test_pairs_in_a_window(scenario):
    res = pairs(scenario, since="2025-01-01", until="2025-12-31")
    assert res["cooperative"] == []
    assert [(r["a"]["label"], r["b"]["label"], r["weight"]) for r in res["conflictual"]] == [
        ("North Korea", "United States", -8.0)]


def test_profile(scenario, scenario_rows):
    rows = scenario_rows()
    res = profile(scenario, "Q423")
    assert res["actor"]["label"] == "North Korea"
    assert [p["label"] for p in res["partners"]] == ["Russia"]
    assert {a["label"] for a in res["adversaries"]} == {"Ukraine", "United States", "European Union", "South Korea"}
    timeline = defaultdict(Counter)
    for s, t, code, _gold, date, _ in rows:
        if "North Korea" in (s, t):
            timeline[date[:7]][ROOT_RELATIONS[code[:2]]] += 1
    assert res["timeline"] == {k: dict(v) for k, v in timeline.items()}
    net = defaultdict(float)
    for s, t, _code, gold, date, _ in rows:
        if "North Korea" in (s, t):
            net[date[:7]] += gold
    assert res["goldstein_by_period"] == pytest.approx(dict(net))
    mine = [r for r in rows if "North Korea" in (r[0], r[1])]
    assert res["totals"]["events"] == len(mine)
    assert res["totals"]["as_source"] == sum(r[0] == "North Korea" for r in mine)
    assert res["totals"]["goldstein"] == pytest.approx(sum(r[3] for r in mine))
    yearly = profile(scenario, "PRK", period="year", until="2024")
    assert list(yearly["timeline"]) == ["2024"] and "United States" not in {a["label"] for a in yearly["adversaries"]}


def test_unknown_actor_lists_close_matches(scenario):
    with pytest.raises(UsageError) as err:
        ego(scenario, "Rusia")
    assert "unknown actor 'Rusia'" in str(err.value) and "Russia" in str(err.value)
    with pytest.raises(UsageError, match="ambiguous actor 'Korea'"):
        profile(scenario, "Korea")
    with pytest.raises(UsageError, match="no similar actor"):
        path(scenario, "Atlantis", "Russia")


def test_actors_by_alias_iso3_and_iri(scenario):
    assert ego(scenario, "America")["center"]["label"] == "United States"  # gazetteer name variant
    assert ego(scenario, "u.s.")["center"]["label"] == "United States"
    assert ego(scenario, "ukr")["center"]["label"] == "Ukraine"
    iri = ego(scenario, "Q159")["center"]["id"]
    assert ego(scenario, iri)["center"]["label"] == "Russia"

"""RDF -> networkx: the actor multigraph and the signed polity graph."""
from __future__ import annotations

from collections import defaultdict

import pytest

from kg.graph import polity_graph, project, select_events
from kg.graph.polities import layer


def _by_label(G, label):
    return next(n for n, d in G.nodes(data=True) if d["label"] == label)


def _expected(rows):
    """Independent aggregation: {frozenset(labels): [sum, events, coop, conf]}."""
    agg = defaultdict(lambda: [0.0, 0, 0, 0])
    for s, t, code, gold, _date, _sentence in rows:
        e = agg[frozenset((s, t))]
        e[0] += gold
        e[1] += 1
        e[2 if int(code[:2]) <= 9 else 3] += 1
    return {k: [round(v[0], 6), *v[1:]] for k, v in agg.items()}


def _actual(P):
    return {frozenset((P.nodes[u]["label"], P.nodes[v]["label"])):
            [d["weight"], d["events"], d["coop"], d["conf"]] for u, v, d in P.edges(data=True)}


def test_one_edge_per_event_with_its_evidence(scenario, scenario_events):
    events = [e for _, evs in scenario_events for e in evs]
    assert scenario.number_of_edges() == len(events)
    for e in events:
        u, v = e.source.id, e.target.id
        d = scenario.edges[u, v, e.id]
        assert (d["cameo"], d["root"], d["goldstein"]) == (e.cameo, e.cameo[:2], e.goldstein)
        assert d["sentence"] == e.sentence and d["doc"] == e.doc
        assert d["negated"] == e.negated and d["modality"] == e.modality
        assert d["relation"] == e.relation and d["confidence"] == pytest.approx(0.9)
        assert d["date"] == (e.date or {"d1": "2024-11-04", "d2": "2025-01-16"}[e.doc])
        assert d["mention"].startswith("https://w3id.org/entente/id/mention/")


def test_nodes_carry_type_wikidata_and_polity(scenario):
    borrell, eu = _by_label(scenario, "Josep Borrell"), _by_label(scenario, "European Union")
    assert scenario.nodes[eu]["type"] == "Organization" and scenario.nodes[eu]["wikidata"] == "Q458"
    b = scenario.nodes[borrell]
    assert (b["type"], b["country"], b["polity"], b["role"]) == ("Person", "Q458", eu, "High Representative")
    forces = scenario.nodes[_by_label(scenario, "North Korean forces")]
    assert forces["type"] == "ArmedForce" and scenario.nodes[forces["polity"]]["label"] == "North Korea"
    assert scenario.nodes[_by_label(scenario, "South Korea")]["iso3"] == "KOR"


def test_polity_graph_matches_independent_aggregation(scenario, scenario_rows):
    P = polity_graph(scenario)
    assert _actual(P) == _expected(scenario_rows())
    labels = {d["label"] for _, d in P.nodes(data=True)}
    assert "Josep Borrell" not in labels and "European Union" in labels


@pytest.mark.parametrize("since,until", [("2025", None), (None, "2024-11-03"), ("2024-11-04", "2024-11-04"),
                                         ("2024-11", "2024-12"), ("2026", None)])
def test_date_window(scenario, scenario_rows, since, until):
    assert _actual(polity_graph(scenario, since, until)) == _expected(scenario_rows(since=since, until=until))


def test_negated_events_only_on_request(scenario, scenario_rows):
    plain, with_neg = _actual(polity_graph(scenario)), _actual(polity_graph(scenario, negated=True))
    pair = frozenset(("Russia", "European Union"))
    assert pair not in plain and with_neg[pair] == [8.0, 1, 1, 0]
    assert with_neg == _expected(scenario_rows(negated=True))


def test_event_filters(scenario):
    asserted = select_events(scenario, modalities=["asserted"])
    assert all(d["modality"] == "asserted" for *_, d in asserted.edges(data=True))
    assert "North Korean forces" not in {scenario.nodes[u]["label"] for u, *_ in asserted.edges}
    assert select_events(scenario, min_confidence=0.95).number_of_edges() == 0
    assert asserted.number_of_nodes() == scenario.number_of_nodes()  # roll-ups still work


def test_directed_polity_graph_and_layers(scenario):
    D = polity_graph(scenario, directed=True)
    names = {(D.nodes[u]["label"], D.nodes[v]["label"]) for u, v in D.edges}
    assert ("North Korea", "Russia") in names and ("Russia", "North Korea") not in names
    assert ("Russia", "Ukraine") in names and ("Ukraine", "Russia") not in names
    nk_ru = D.edges[_by_label(D, "North Korea"), _by_label(D, "Russia")]
    assert (nk_ru["events"], nk_ru["weight"]) == (2, 10.4)  # North Korea and Choe Son Hui
    conf = layer(D, "conf")
    assert {(conf.nodes[u]["label"], conf.nodes[v]["label"]) for u, v in conf.edges} == {
        ("South Korea", "North Korea"), ("European Union", "North Korea"), ("Russia", "Ukraine"),
        ("North Korea", "Ukraine"), ("United States", "North Korea")}
    assert all(d["weight"] == 1 for *_, d in conf.edges(data=True))


def test_actor_level_keeps_persons(scenario):
    A = polity_graph(scenario, rollup=False)
    names = {frozenset((A.nodes[u]["label"], A.nodes[v]["label"])) for u, v in A.edges}
    assert frozenset(("Josep Borrell", "Cho Tae-yul")) in names
    assert frozenset(("Cho Tae-yul", "Kim Yong-hyun")) in names  # intra-polity, kept at actor level
    assert frozenset(("Cho Tae-yul", "Kim Yong-hyun")) not in _actual(polity_graph(scenario))


def test_same_projection_from_turtle_file_and_oxigraph_store(scenario, scenario_rdf, scenario_ttl, tmp_path):
    from kg.rdf.store import add_graph, load_graph, open_store

    store = open_store(tmp_path / "store")
    add_graph(store, scenario_rdf)
    store.close()
    expected = sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in scenario.edges(keys=True, data=True))
    for source in (scenario_ttl, tmp_path / "store"):
        g = load_graph(str(source))
        G = project(g)
        g.close()
        got = sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in G.edges(keys=True, data=True))
        assert got == expected
        assert dict(G.nodes(data=True)) == dict(scenario.nodes(data=True))


def test_polity_known_only_by_qid_gets_reference_name():
    from kg.ids import actor_iri, event_iri
    from kg.model import ActorRef, Document, Event
    from kg.rdf.triples import build_graph

    zelensky = ActorRef(actor_iri("Person", label="Volodymyr Zelensky", country="Q212"),
                        "Volodymyr Zelensky", "Person", country="Q212", role="President")
    pope = ActorRef(actor_iri("Person", label="Pope Francis", country="Q237"), "Pope Francis",
                    "Person", country="Q237")
    doc = Document("z1", "Zelensky met Pope Francis.", date="2024-05-05")
    ev = Event(event_iri("z1", 0, 26, "040", zelensky.id, pope.id), "z1", doc.text, 0, 26, zelensky, pope,
               "040", "CONSULT", "consults", 1.0)
    G = project(build_graph([(doc, [ev])]))
    P = polity_graph(G)
    assert {(d["label"], d["type"], d["wikidata"]) for _, d in P.nodes(data=True)} == {
        ("Ukraine", "State", "Q212"), ("Holy See", "State", "Q237")}
    # without reference names the QID is all there is
    assert {d["label"] for _, d in polity_graph(project(build_graph([(doc, [ev])]), names={})).nodes(data=True)} == {
        "Q212", "Q237"}


def test_actor_with_several_labels_gets_one_stable_label_and_aliases():
    import rdflib

    from kg.graph import resolve
    ttl = """
    @prefix ent: <https://w3id.org/entente/ns#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix act: <https://w3id.org/entente/id/actor/> .
    act:group\\/unknown\\/x a ent:Group ; rdfs:label "Wagner Group", "Wagner" .
    act:Q212 a ent:State ; rdfs:label "Ukraine" .
    <https://w3id.org/entente/id/event/1> a ent:Event ; ent:source act:group\\/unknown\\/x ;
        ent:target act:Q212 ; ent:cameoCode "190" ; ent:goldstein -10.0 .
    """
    G = project(rdflib.Graph().parse(data=ttl, format="turtle"), names={})
    node = "https://w3id.org/entente/id/actor/group/unknown/x"
    assert G.nodes[node]["label"] == "Wagner" and G.nodes[node]["aliases"] == ("Wagner Group",)
    assert resolve(G, "wagner group") == node

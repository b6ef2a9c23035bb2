"""kg graph: domestic events only on request; persons of no known polity are not states."""
from __future__ import annotations

import rdflib

from kg.graph import analysis
from kg.graph.polities import polity_graph
from kg.graph.projection import project

TTL = """
@prefix ent: <https://w3id.org/entente/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix act: <https://w3id.org/entente/id/actor/> .
@prefix ev: <https://w3id.org/entente/id/event/> .
act:Q79 a ent:State ; rdfs:label "Egypt" .
act:Q796 a ent:State ; rdfs:label "Iraq" .
act:police a ent:GovernmentBody ; rdfs:label "Egyptian police" ; ent:actsFor act:Q79 ; ent:actorCode "EGYCOP" .
act:protesters a ent:Group ; rdfs:label "Egyptian protesters" ; ent:actorCode "EGYOPP" ; ent:sector "OPP" .
act:obama a ent:Person ; rdfs:label "Barack Obama" ; ent:actorCode "USAELI" .
ev:e1 a ent:Event ; ent:source act:police ; ent:target act:protesters ; ent:cameoCode "173" ;
    ent:goldstein -5.0 ; ent:domestic true ; ent:date "2013-07-01" .
ev:e2 a ent:Event ; ent:source act:Q79 ; ent:target act:Q796 ; ent:cameoCode "042" ;
    ent:goldstein 1.9 ; ent:date "2013-07-02" .
ev:e3 a ent:Event ; ent:source act:obama ; ent:target act:Q796 ; ent:cameoCode "111" ;
    ent:goldstein -2.0 ; ent:date "2019-07-02" .
"""


def _graph():
    return project(rdflib.Graph().parse(data=TTL, format="turtle"), names={})


def _labels(P):
    return sorted(tuple(sorted((P.nodes[u]["label"], P.nodes[v]["label"]))) for u, v in P.edges())


def test_international_by_default_domestic_on_request():
    G = _graph()
    assert _labels(polity_graph(G)) == [("Egypt", "Iraq")]
    assert ("Egypt", "Egyptian protesters") in _labels(polity_graph(G, domestic=True))


def test_person_without_polity_is_not_a_state():
    G = _graph()
    assert all("Barack Obama" not in pair for pair in _labels(polity_graph(G)))
    ranked = [r["label"] for r in analysis.rank(G, kind="all")]
    assert "Barack Obama" not in ranked and "Egypt" in ranked


def test_nodes_carry_sector_and_code():
    G = _graph()
    node = "https://w3id.org/entente/id/actor/protesters"
    assert G.nodes[node]["code"] == "EGYOPP" and G.nodes[node]["sector"] == "OPP"

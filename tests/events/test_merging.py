"""The same real-world event told in several sentences or documents is one event with many mentions."""
from __future__ import annotations

from kg.graph.polities import polity_graph
from kg.graph.projection import project
from kg.model import Document
from kg.rdf.triples import build_graph

TWICE = ("Japan condemned China on Monday over the drills. "
         "In a statement, Japan condemned China again for the incursion.")


def test_one_event_two_mentions_in_one_document(run):
    events = [e for e in run(TWICE, "2024-03-04") if e.cameo.startswith("11")]
    assert len(events) == 1
    assert events[0].mentions == 2 and events[0].to_record()["mentions"] == 2


def test_other_day_or_other_code_is_another_event(run):
    a = {e.id for e in run("Japan condemned China.", "2024-03-04")}
    b = {e.id for e in run("Japan condemned China.", "2024-03-05")}
    c = {e.id for e in run("Japan praised China.", "2024-03-04")}
    assert a and a.isdisjoint(b) and a.isdisjoint(c)


def test_two_articles_merge_in_the_graph_and_analytics_count_events(nlp):
    from kg.pipeline import extract

    docs = [Document(id="a1", text="Japan condemned China.", date="2024-03-04"),
            Document(id="a2", text="Tokyo — Japan on Monday condemned China.", date="2024-03-04"),
            Document(id="a3", text="Japan condemned China.", date="2024-03-09")]
    pairs = list(extract(docs, nlp))
    assert all(len([e for e in evs if e.cameo.startswith("11")]) == 1 for _, evs in pairs)
    G = project(build_graph(pairs))
    edges = [d for _, _, d in G.edges(data=True) if d["root"] == "11"]
    assert sorted((d["mentions"], d["articles"]) for d in edges) == [(1, 1), (2, 2)]
    P = polity_graph(G)
    (u, v, d), = [(u, v, d) for u, v, d in P.edges(data=True) if d["conf"]]
    assert d["events"] == 2 and d["mentions"] == 3

"""End to end on the seed (real spaCy pipeline): the store answers who condemned North Korea.

Done-when points of the RDF issue: ``condemned`` names the EU and South Korea with
the sentence as evidence; building the seed twice into one store leaves the triple
count unchanged; a second document adds only its own facts; the graph validates.
"""
from __future__ import annotations

import pytest

from kg.query import query_file_or_store
from kg.rdf.store import canonical, load_graph
from kg.rdf.validate import validate

SECOND = "Japan condemned North Korea on Tuesday after the missile test.\n"


def _build(nlp, inputs, out, store):
    from kg.pipeline import build
    return build([str(i) for i in inputs], str(out), store=str(store), nlp=nlp,
                 progress=False, write_map_file=False)


@pytest.fixture(scope="module")
def seed_store(nlp, seed_path, tmp_path_factory):
    base = tmp_path_factory.mktemp("e2e")
    first = _build(nlp, [seed_path], base / "out1", base / "store")
    return base, first


def test_seed_condemned_north_korea(seed_store):
    base, _ = seed_store
    rows = query_file_or_store(base / "store", "condemned", {"target": "North Korea"}).rows
    polities = {r["polity"] for r in rows}
    assert {"European Union", "South Korea"} <= polities
    for polity in ("European Union", "South Korea"):
        evidence = [r for r in rows if r["polity"] == polity and "condemned" in r["sentence"]]
        assert evidence, polity
        assert all(r["doc"].endswith("000_17d850d139d251e7.txt") for r in evidence)
    # by QID too, and from the Turtle file the build wrote
    rows = query_file_or_store(base / "out1" / "graph.ttl", "condemned", {"target": "Q423"}).rows
    assert {"European Union", "South Korea"} <= {r["polity"] for r in rows}


def test_seed_graph_validates(seed_store):
    base, _ = seed_store
    graph = load_graph(str(base / "out1" / "graph.ttl"))
    try:
        report = validate(graph)
    finally:
        graph.close()
    assert report.conforms, report.text()


def test_rebuild_idempotent_and_second_document(seed_store, nlp, seed_path, tmp_path):
    base, first = seed_store
    again = _build(nlp, [seed_path], base / "out2", base / "store")
    assert again.triples == first.triples
    doc2 = tmp_path / "second.txt"
    doc2.write_text(SECOND, encoding="utf-8")
    alone = _build(nlp, [doc2], tmp_path / "alone", tmp_path / "alone-store")
    both = _build(nlp, [doc2], base / "out3", base / "store")
    seed_g, doc2_g = (load_graph(str(p / "graph.ttl")) for p in (base / "out1", tmp_path / "alone"))
    try:
        union = canonical(seed_g) | canonical(doc2_g)
    finally:
        seed_g.close()
        doc2_g.close()
    assert alone.triples > 0
    assert first.triples < both.triples == len(union)
    rows = query_file_or_store(base / "store", "condemned", {"target": "Q423"}).rows
    assert "Japan" in {r["polity"] for r in rows}

"""kg export: every format parses back to the same graph; TriG has one graph per document."""
from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, URIRef

from kg import ids
from kg.cli import main
from kg.rdf.export import serialize
from kg.rdf.store import add_documents, canonical, load_graph, open_store
from kg.rdf.triples import build_graph

from .conftest import KOR, PRK, USA, doc1, doc2


@pytest.fixture()
def store_dir(tmp_path):
    store = open_store(tmp_path / "store")
    add_documents(store, [doc1(), doc2()])
    store.close()
    return tmp_path / "store"


@pytest.mark.parametrize("fmt,rdflib_fmt", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_formats_parse_back(store_dir, tmp_path, fmt, rdflib_fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(store_dir), "--format", fmt, "--out", str(out)]) == 0
    back = Graph().parse(out, format=rdflib_fmt)
    assert canonical(back) == canonical(build_graph([doc1(), doc2()]))
    if fmt == "jsonld":
        assert "@context" in json.loads(out.read_text())


def test_trig_has_one_named_graph_per_document(store_dir, tmp_path):
    out = tmp_path / "out.trig"
    assert main(["export", str(store_dir), "-f", "trig", "-o", str(out)]) == 0
    ds = Dataset().parse(out, format="trig")
    d1, d2 = (URIRef(ids.document_iri(d.id)) for d, _ in (doc1(), doc2()))
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {d1, d2}
    g1, g2 = ds.graph(d1), ds.graph(d2)
    for named, pair in ((g1, doc1()), (g2, doc2())):
        own = canonical(build_graph([pair]))
        assert canonical(named) >= own
        # anything more is what other documents say about the same actors
        extra = canonical(named) - own
        assert {str(s).split("/id/")[1].split("/")[0] for s, _, _ in extra} <= {"actor"}
    # the shared actor is described in both graphs; d2's fact only in d2
    assert (URIRef(KOR.id), None, None) in g1 and (URIRef(KOR.id), None, None) in g2
    from kg.rdf.namespace import ENT
    assert (URIRef(USA.id), ENT.disapprovesOf, URIRef(PRK.id)) in g2
    assert (URIRef(USA.id), ENT.disapprovesOf, URIRef(PRK.id)) not in g1
    # the whole TriG reloads as the union graph
    loaded = load_graph(str(out))
    try:
        assert canonical(loaded) == canonical(build_graph([doc1(), doc2()]))
    finally:
        loaded.close()


def test_export_to_stdout_and_sorted_nt(store_dir, capsys):
    assert main(["export", str(store_dir), "--format", "nt"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == sorted(lines) and len(lines) == len(build_graph([doc1(), doc2()]))


def test_serialize_rejects_unknown_format():
    from kg.errors import UsageError
    with pytest.raises(UsageError):
        serialize(build_graph([doc1()]), "rdfxml")


def test_events_csv_has_one_row_per_event_in_gdelt_like_columns(store_dir, tmp_path):
    import csv

    from kg.frames import EVENT_COLUMNS

    out = tmp_path / "events.csv"
    assert main(["export", str(store_dir), "--format", "events-csv", "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert len(rows) == len(doc1()[1]) + len(doc2()[1])
    kor = next(r for r in rows if r["source_name"] == "South Korea" and r["event_code"] == "111")
    assert (kor["date"], kor["source_country"], kor["target_name"], kor["target_country"]) == (
        "2024-11-04", "KOR", "North Korea", "PRK")
    assert (kor["event_root"], kor["quad_class"], kor["goldstein"]) == ("11", "3", "-2.0")
    assert kor["source_url"] == "https://example.org/d1" and kor["sentence"].startswith("South Korea")
    assert kor["mentions"] == "1" and kor["domestic"] == "False"
    cho = next(r for r in rows if r["source_name"] == "Cho Tae-yul")
    assert (cho["source_type"], cho["source_country"], cho["modality"]) == ("Person", "KOR", "demanded")
    assert next(r for r in rows if r["event_code"] == "190")["negated"] == "True"
    undated = next(r for r in rows if r["source_name"] == "United States")
    assert (undated["date"], undated["date_precision"]) == ("2024-12-01", "document")
    assert undated["source_url"] == ""


def test_events_jsonl_rows_match_the_csv(store_dir, capsys):
    assert main(["export", str(store_dir), "-f", "events-jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 8 and all(None not in row.values() for row in rows)
    assert {r["quad_class"] for r in rows} == {1, 2, 3, 4}
    assert [r["date"] for r in rows if r["date"]] == sorted(r["date"] for r in rows if r["date"])


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_read_back_with_every_attribute_set(store_dir, tmp_path, fmt):
    import networkx as nx

    out = tmp_path / f"g.{fmt}"
    assert main(["export", str(store_dir), "-f", fmt, "-o", str(out)]) == 0
    G = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
    labels = {d["label"] for _, d in G.nodes(data=True)}
    assert {"South Korea", "North Korea", "Josep Borrell"} <= labels
    assert G.number_of_edges() == 8
    for _, _, d in G.edges(data=True):
        assert d["event_code"] and isinstance(d["goldstein"], float)
        assert all(v is not None for v in d.values())


def test_export_unknown_store_is_a_one_line_error(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope"), "-f", "events-csv"]) != 0
    assert capsys.readouterr().err.count("\n") == 1

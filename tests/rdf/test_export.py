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

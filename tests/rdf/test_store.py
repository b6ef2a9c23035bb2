"""The on-disk Oxigraph store: idempotent rebuilds, merging, loading files and stores."""
from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import PROV, RDFS

from kg.errors import OutputError, StoreError
from kg.rdf.namespace import ENT
from kg.rdf.store import (add_document, add_documents, canonical, load_graph, open_store,
                          write_atomic)
from kg.rdf.triples import build_graph, event_uri

from .conftest import KOR, PRK, RUS, USA, doc1, doc2


def test_rebuild_is_idempotent_and_persistent(tmp_path):
    path = tmp_path / "store"
    store = open_store(path)
    doc, events = doc1()
    added = add_document(store, doc, events)
    n = len(store)
    assert added == n == len(build_graph([doc1()]))
    assert add_document(store, *doc1()) == 0
    store.close()
    store = open_store(path)           # reopened from disk
    try:
        assert len(store) == n
        assert add_documents(store, [doc1()]) == 0
        assert len(store) == n
    finally:
        store.close()


def test_second_document_adds_only_its_new_facts(tmp_path):
    store = open_store(tmp_path / "store")
    try:
        add_document(store, *doc1())
        n1 = len(store)
        added = add_document(store, *doc2())
        together = build_graph([doc1(), doc2()])
        assert len(store) == len(together) == n1 + added
        assert canonical(store) == canonical(together)
        # actors merge by IRI: South Korea is described once, with one label
        assert [str(x) for x in store.objects(URIRef(KOR.id), RDFS.label)] == ["South Korea"]
        assert (URIRef(USA.id), ENT.disapprovesOf, URIRef(PRK.id)) in store
        assert (URIRef(KOR.id), ENT.consults, URIRef(RUS.id)) in store
        # events of different documents stay distinct, each with its own evidence
        sources = {row[0] for row in store.query(
            "SELECT ?d WHERE { ?e ent:target ?t ; ent:relation ent:disapprovesOf ;"
            " prov:wasDerivedFrom/dcterms:isPartOf/dcterms:identifier ?d }")}
        assert {str(s) for s in sources} == {"seeds/d1.txt", "seeds/d2.txt"}
    finally:
        store.close()


def test_vocabularies_do_not_count_as_data(tmp_path):
    store = open_store(tmp_path / "store")
    try:
        assert len(store) == 0
        add_document(store, *doc2())
        assert len(store) == len(build_graph([doc2()]))
    finally:
        store.close()


@pytest.mark.parametrize("fmt,suffix", [("turtle", ".ttl"), ("nt", ".nt"),
                                        ("json-ld", ".jsonld"), ("trig", ".trig")])
def test_load_graph_files(tmp_path, pairs, fmt, suffix):
    g = build_graph(pairs)
    path = tmp_path / f"graph{suffix}"
    if fmt == "trig":
        from kg.rdf.export import serialize
        path.write_text(serialize(g, "trig"), encoding="utf-8")
    else:
        g.serialize(path, format=fmt, encoding="utf-8")
    loaded = load_graph(str(path))
    try:
        assert canonical(loaded) == canonical(g)
    finally:
        loaded.close()


def test_load_graph_store_dir(tmp_path):
    store = open_store(tmp_path / "s")
    add_document(store, *doc1())
    n = len(store)
    store.close()
    loaded = load_graph(str(tmp_path / "s"))
    try:
        assert len(loaded) == n
    finally:
        loaded.close()


def test_load_graph_errors(tmp_path):
    with pytest.raises(StoreError, match="no such"):
        load_graph(str(tmp_path / "missing.ttl"))
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not an RDF file"):
        load_graph(str(tmp_path / "notes.txt"))
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").write_text("x")
    with pytest.raises(StoreError, match="not an Entente store"):
        load_graph(str(tmp_path / "folder"))
    (tmp_path / "bad.ttl").write_text("this is not turtle <<<")
    with pytest.raises(StoreError, match="cannot parse") as info:
        load_graph(str(tmp_path / "bad.ttl"))
    assert "\n" not in str(info.value)
    with pytest.raises(StoreError):
        open_store(tmp_path / "notes.txt")


def test_write_atomic(tmp_path):
    target = tmp_path / "out" / "x.ttl"
    write_atomic(target, "hello")
    write_atomic(target, b"bytes")
    assert target.read_bytes() == b"bytes"
    assert [p.name for p in target.parent.iterdir()] == ["x.ttl"]
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError):
        write_atomic(tmp_path / "file" / "x.ttl", "no")


def test_store_in_use_is_a_clear_error_for_a_writer_and_readable_by_a_reader(tmp_path):
    store = open_store(tmp_path / "s")
    add_document(store, *doc1())
    store.store._inner.flush()  # type: ignore[attr-defined]
    try:
        with pytest.raises(StoreError, match="in use"):
            open_store(tmp_path / "s")
        reader = load_graph(str(tmp_path / "s"))  # kg graph, export, map while kg serve runs
        try:
            assert len(reader) == len(store) > 0
        finally:
            reader.close()
    finally:
        store.close()


def test_vocabularies_refreshed_on_open(tmp_path):
    import pyoxigraph as ox
    store = open_store(tmp_path / "s")
    inner = store.store._inner
    name = ox.NamedNode("https://w3id.org/entente/ns/cameo/")
    n = len(list(inner.quads_for_pattern(None, None, None, name)))
    inner.add(ox.Quad(ox.NamedNode("http://x/stale"), ox.NamedNode("http://x/p"), ox.Literal("old"), name))
    del inner  # the pyoxigraph store closes when its last reference goes
    store.close()
    store = open_store(tmp_path / "s")
    try:
        assert len(list(store.store._inner.quads_for_pattern(None, None, None, name))) == n > 3000
    finally:
        store.close()


def test_one_event_in_two_documents_keeps_one_confidence(tmp_path):
    """Two articles telling one event (same source, target, code and day) merge in the store."""
    from dataclasses import replace

    from kg.ids import event_iri
    from kg.model import Document
    from kg.rdf.validate import validate

    from .conftest import make_event

    store = open_store(tmp_path / "store")
    for n, (doc_id, conf, precision) in enumerate([("a1", 0.6, "document"), ("a2", 0.9, "day")]):
        text = "South Korea condemned North Korea."
        ev = make_event(doc_id, 0, text, KOR, PRK, "111", date="2024-11-04",
                        precision=precision, confidence=conf)
        ev = replace(ev, id=event_iri(doc_id, 0, len(text), "111", KOR.id, PRK.id,
                                      day="2024-11-04"))
        add_document(store, Document(id=doc_id, text=text, date="2024-11-04"), [ev])
    e = URIRef(ev.id)
    assert [float(c) for c in store.objects(e, ENT.confidence)] == [0.9]
    assert len(list(store.objects(e, ENT.datePrecision))) == 1
    assert len(list(store.objects(e, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))) == 2
    assert validate(store).conforms


def test_large_document_added_in_batches_gives_the_same_graph(tmp_path):
    """Batching bounds memory; the graph is the one a single transaction writes."""
    import dataclasses

    from kg.rdf.store import memory_graph

    doc, events = doc1()
    # a second mention of the first event, later in the text, with a higher confidence
    again = dataclasses.replace(events[0], start=events[-1].end + 1, end=events[-1].end + 40,
                                confidence=0.99, trigger="denounced")
    events = [*events, again]
    whole, batched = memory_graph(), memory_graph()
    add_document(whole, doc, events)
    add_document(batched, doc, events, batch=1)
    assert canonical(batched) == canonical(whole)
    e = event_uri(events[0].id)
    assert len(list(batched.objects(e, PROV.wasDerivedFrom))) == 2
    assert [str(c) for c in batched.objects(e, ENT.confidence)] == ["0.99"]
    assert [str(t) for t in batched.objects(e, ENT.trigger)] == [events[0].trigger]


def test_flushing_the_write_buffers_keeps_every_triple(tmp_path, monkeypatch):
    """The on-disk store's buffers are flushed as documents are added (memory, issue 16);
    what a reader sees is the graph one transaction writes."""
    from kg.maps.sample import sample_pairs
    from kg.rdf import store as rdfstore

    flushed = []
    real_flush = rdfstore.flush
    monkeypatch.setattr(rdfstore, "FLUSH_TRIPLES", 1)
    monkeypatch.setattr(rdfstore, "flush", lambda g: (flushed.append(1), real_flush(g)))
    pairs = sample_pairs()
    disk = rdfstore.open_store(tmp_path / "s")
    added = rdfstore.add_documents(disk, pairs)
    whole = rdfstore.memory_graph()
    for document, events in pairs:
        add_document(whole, document, events)
    assert len(flushed) >= len(pairs) and added > 0
    assert canonical(disk) == canonical(whole)
    disk.close()

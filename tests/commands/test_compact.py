"""``kg compact STORE``: the store's indexes are compacted and it keeps every triple."""
from __future__ import annotations

from kg.cli import main


def test_compact_keeps_every_triple(tmp_path, capsys):
    from kg.maps.sample import sample_graph
    from kg.rdf.store import add_graph, open_read_only, open_store

    store = tmp_path / "store"
    graph = open_store(store)
    add_graph(graph, sample_graph())
    before = len(graph)
    graph.close()
    assert main(["compact", str(store)]) == 0
    assert "compacted" in capsys.readouterr().err
    graph = open_read_only(store)
    try:
        assert len(graph) == before > 0
    finally:
        graph.close()


def test_compact_refuses_what_is_not_a_store(tmp_path, capsys):
    (tmp_path / "graph.ttl").write_text("<urn:a> <urn:b> <urn:c> .\n")
    assert main(["compact", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an Entente store" in err
    assert main(["compact", str(tmp_path / "missing")]) != 0

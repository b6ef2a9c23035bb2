"""``kg query --param``: a name the query does not take is an error, not silently ignored."""
from __future__ import annotations

from kg.cli import main


def test_misspelt_param_is_a_usage_error(tmp_path, capsys):
    ttl = tmp_path / "g.ttl"
    ttl.write_text("<urn:a> <urn:b> <urn:c> .\n")
    assert main(["query", str(ttl), "condemned", "--param", "tagret=Russia"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "tagret" in err and "target" in err
    assert main(["query", str(ttl), "condemned", "--param", "target=Russia", "-f", "csv"]) == 0


def test_param_of_sparql_text_must_appear_in_it(tmp_path, capsys):
    ttl = tmp_path / "g.ttl"
    ttl.write_text('<urn:a> <urn:b> "x" .\n')
    sparql = "SELECT ?s WHERE { ?s ?p $value }"
    assert main(["query", str(ttl), sparql, "--param", "value=x", "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["s", "urn:a"]
    assert main(["query", str(ttl), sparql, "--param", "valeu=x"]) == 2


def test_query_and_graph_on_a_store_leave_its_files_as_they_were(tmp_path, capsys):
    from kg.maps.sample import sample_graph
    from kg.rdf.store import add_graph, open_store

    store = tmp_path / "store"
    graph = open_store(store)
    add_graph(graph, sample_graph())
    graph.close()

    def files() -> dict:
        return {p.name: (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes())
                for p in sorted(store.iterdir()) if p.is_file() and not p.name.startswith("LOG")}

    before = files()
    assert main(["query", str(store), "actors", "-f", "csv"]) == 0
    assert "Ukraine" in capsys.readouterr().out
    assert main(["graph", str(store), "rank"]) == 0
    assert files() == before  # read-only: no file written, renamed or compacted

"""kg query / validate / export on a SPARQL server URL (a real ``oxigraph serve``)."""
from __future__ import annotations

import json
import sys

import pytest

from kg.cli import main
from kg.rdf.triples import build_graph

from .conftest import doc1, doc2


@pytest.fixture(scope="module")
def server(oxigraph_server):
    """A real ``oxigraph serve`` holding two documents."""
    from kg.rdf.remote import open_remote
    graph = open_remote(oxigraph_server, create=True)
    graph += build_graph([doc1(), doc2()])
    return oxigraph_server

def test_query_validate_export_on_a_server(server, capsys, tmp_path):
    assert main(["query", server, "condemned", "--param", "target=Q423", "-f", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["polity"] for r in rows} == {"South Korea", "European Union", "United States"}
    assert main(["query", server, "rollup", "-f", "csv"]) == 0   # vocabularies on the server
    assert "11,Disapprove,3,4" in capsys.readouterr().out
    assert main(["validate", server]) == 0
    out = tmp_path / "g.nt"
    assert main(["export", server, "-f", "nt", "-o", str(out)]) == 0
    assert len(out.read_text().splitlines()) == len(build_graph([doc1(), doc2()]))
    assert main(["query", server, "SELECT ?x WHERE {"]) == 5

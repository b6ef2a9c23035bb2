"""kg query / validate / export on a SPARQL server URL (a real ``oxigraph serve``)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg.cli import main
from kg.rdf.triples import build_graph

from .conftest import doc1, doc2


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = Path(sys.executable).parent / "oxigraph"
    binary = str(binary) if binary.exists() else shutil.which("oxigraph")
    if not binary:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("ox")),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.2)
        from kg.rdf.remote import open_remote
        graph = open_remote(url, create=True)
        graph += build_graph([doc1(), doc2()])
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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

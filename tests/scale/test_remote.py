"""``kg build --store http://...``: the graph in a real Oxigraph SPARQL server, read back
through the SPARQL Protocol."""
from __future__ import annotations

import urllib.parse
import urllib.request

import pytest

from kg.errors import StoreError
from kg.rdf.remote import DATA_GRAPH, open_remote

from .conftest import canonical_triples, free_port, triples_of


@pytest.fixture(scope="module")
def filled(oxigraph_server, small_corpus, run_kg_session, tmp_path_factory):
    """The server after ``kg build small.jsonl --store URL``; (url, output folder)."""
    out = tmp_path_factory.mktemp("remote-build")
    run_kg_session("build", small_corpus, "--out", out, "--store", oxigraph_server, "-q",
                   check=True)
    return oxigraph_server, out


def test_build_writes_the_same_graph_to_a_sparql_server(filled, reference_build):
    url, out = filled
    reference = triples_of(reference_build / "graph.ttl")
    server = open_remote(url)
    assert len(server) == len(reference) > 200
    assert canonical_triples(server.triples((None, None, None))) == reference
    assert triples_of(out / "graph.ttl") == reference  # graph.ttl streamed from the server
    assert (out / "map.html").stat().st_size > 0


def test_building_again_adds_nothing(filled, small_corpus, run_kg, tmp_path):
    url, _ = filled
    before = len(open_remote(url))
    run_kg("build", small_corpus, "--out", tmp_path, "--store", url, "-q", check=True)
    assert len(open_remote(url)) == before


def test_the_server_answers_sparql_over_data_and_vocabularies(filled):
    url, out = filled
    server = open_remote(url)
    # the graph API (rdflib) reads through the SPARQL Protocol
    condemned = server.query(
        "PREFIX ent: <https://w3id.org/entente/ns#> "
        "SELECT ?s ?t WHERE { ?e ent:cameoCode ?c ; ent:source ?s ; ent:target ?t . "
        "FILTER(STRSTARTS(STR(?c), '11')) }")
    pairs = {(str(s).rsplit("/", 1)[-1], str(t).rsplit("/", 1)[-1]) for s, t in condemned}
    assert ("Q884", "Q423") in pairs
    # CAMEO roll-ups need the vocabularies, loaded once into their own graphs
    rollup = server.store.select(
        "SELECT ?root (COUNT(?e) AS ?n) WHERE { ?e ent:eventCode ?c . ?c skos:broader* ?top . "
        "?top skos:topConceptOf ?scheme ; skos:notation ?root } GROUP BY ?root",
        prefixes={"ent": "https://w3id.org/entente/ns#",
                  "skos": "http://www.w3.org/2004/02/skos/core#"})
    roots = {str(root): int(n) for root, n in rollup}
    assert roots.get("11", 0) >= 2
    # ...but they are not part of the data
    assert "skos:" not in (out / "graph.ttl").read_text(encoding="utf-8")


def test_data_lives_in_its_own_named_graph(filled):
    url, out = filled
    query = urllib.parse.urlencode(
        {"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DATA_GRAPH}> {{ ?s ?p ?o }} }}"})
    request = urllib.request.Request(f"{url}/query?{query}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request) as response:
        count = int(response.read().decode().split()[-1])
    assert count == len(triples_of(out / "graph.ttl"))


def test_actor_graph_projection_reads_the_server(filled, reference_build):
    from kg.graph.projection import project
    from kg.rdf.store import load_graph

    local = project(load_graph(str(reference_build / "graph.ttl")))
    remote = project(open_remote(filled[0]))
    assert len(remote) > 5
    assert set(remote.nodes) == set(local.nodes)
    assert sorted(remote.edges(keys=True)) == sorted(local.edges(keys=True))


def test_query_command_reads_the_server(filled, run_kg):
    from kg.rdf import store

    url, _ = filled
    try:
        store.load_graph(url)
    except StoreError:
        pytest.skip("kg.rdf.store.load_graph does not dispatch http(s) URLs to kg.rdf.remote yet")
    proc = run_kg("query", url, "condemned", "--format", "csv", check=True)
    assert "North Korea" in proc.stdout or "Q423" in proc.stdout


def test_unreachable_server_is_a_one_line_store_error(run_kg, seed_path, tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreError, match="no SPARQL server answers"):
        open_remote(url)
    proc = run_kg("build", seed_path, "--out", tmp_path, "--store", url, "-q")
    assert proc.returncode == 5
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
    assert not (tmp_path / "graph.ttl").exists()


def test_server_contents_copy_into_a_local_oxigraph_store(filled):
    import pyoxigraph as ox

    from kg.rdf.store import VOCABULARIES

    server = open_remote(filled[0])
    local = ox.Store()
    server.store.load_into(local)
    data = sum(1 for _ in local.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert data == len(server)
    assert {g.value for g in local.named_graphs()} == set(VOCABULARIES)


def test_explorer_serves_a_sparql_server(filled):
    """``kg serve http://...`` reads the server's graph and answers SPARQL over it."""
    import json
    import os
    import subprocess
    import sys

    url, _ = filled
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", url, "--port", "0", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONWARNINGS="ignore"))
    try:
        base = proc.stdout.readline().strip()
        assert base.startswith("http://127.0.0.1:"), proc.stderr.read()
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?e a <https://w3id.org/entente/ns#Event> }"
        with urllib.request.urlopen(f"{base.rstrip('/')}/sparql?" + urllib.parse.urlencode(
                {"query": query}), timeout=30) as response:
            rows = json.load(response)["results"]["bindings"]
        assert int(rows[0]["n"]["value"]) > 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)

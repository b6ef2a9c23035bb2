"""``kg serve`` on a store directory: the memory cap of its query processes, their end, live changes."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.server.conftest import serving

#: Sorting a three-way cross join of the whole store: far more than 200 MB.
HUNGRY = ("SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } "
          "ORDER BY ?a ?b ?c ?d LIMIT 1")
ATLANTIS = 'ASK { ?s rdfs:label "Atlantis" }'


def ask(url: str, query: str) -> tuple[int, str]:
    full = url + "sparql?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(full, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    from kg.maps.sample import sample_graph
    from kg.rdf.store import add_graph, open_store

    path = tmp_path_factory.mktemp("live") / "store"
    store = open_store(path)
    add_graph(store, sample_graph())
    store.close()
    return path


@pytest.fixture(scope="module")
def live(store_dir):
    """Base URL of ``kg serve STORE`` with a 200 MB memory cap."""
    with serving(str(store_dir), "--timeout", "30", "--max-memory", "200") as url:
        yield url


def test_query_past_the_memory_cap_gets_503_and_the_server_keeps_serving(live):
    status, body = ask(live, HUNGRY)
    assert status == 503, body
    assert "memory cap of 200 MB" in body
    deadline = time.monotonic() + 30
    while True:  # the next query is answered by a new query process
        status, body = ask(live, "SELECT ?s WHERE { ?s a ent:State } LIMIT 2")
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status == 200, body
    assert len(json.loads(body)["results"]["bindings"]) == 2


def test_a_parse_error_is_400_and_names_the_problem(live):
    status, body = ask(live, "SELECT ?s WHERE { ?s ?p }")
    assert status == 400 and "bad SPARQL" in body


def test_a_change_committed_by_another_process_is_seen_while_serving(live, store_dir):
    import rdflib
    from rdflib.namespace import RDFS

    from kg.rdf.store import open_store

    status, body = ask(live, ATLANTIS)
    assert status == 200 and json.loads(body)["boolean"] is False
    store = open_store(store_dir)  # this test's process writes; kg serve's only reads
    store.add((rdflib.URIRef("urn:x:atlantis"), RDFS.label, rdflib.Literal("Atlantis")))
    store.close()
    deadline = time.monotonic() + 30
    seen = False
    while not seen and time.monotonic() < deadline:
        status, body = ask(live, ATLANTIS)
        seen = status == 200 and json.loads(body)["boolean"] is True
        time.sleep(0.3)
    assert seen, "the new triple was not seen within 30 s"


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


#: Counting a four-way cross join: minutes of work in little memory.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?t ?h }"


def _running(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_query_processes_end_with_the_server_even_mid_query(store_dir):
    """A server killed outright (no clean-up) leaves no query process running, busy or idle."""
    import os
    import signal
    import subprocess
    import sys
    import threading

    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(store_dir), "--port", "0",
                             "--quiet", "--timeout", "600"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert ask(url, "SELECT ?s WHERE { ?s a ent:State } LIMIT 1")[0] == 200
        threading.Thread(target=ask, args=(url, ENDLESS), daemon=True).start()
        time.sleep(1.0)  # the endless query is under way in a query process
        workers = _children(proc.pid)
        assert workers and all(_running(w) for w in workers)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    while any(_running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [w for w in workers if _running(w)]
    for w in alive:
        os.kill(w, signal.SIGKILL)
    assert alive == []


def test_map_data_comes_from_a_child_process(store_dir, tmp_path):
    from kg.errors import StoreError
    from kg.server.mapdata import compute

    data = json.loads(compute(store_dir, "Sample"))
    assert data["meta"]["title"] == "Sample" and data["nodes"] and data["edges"]
    with pytest.raises(StoreError, match="map data could not be computed"):
        compute(tmp_path / "no-store-here", "x")


def test_the_map_is_computed_again_after_the_store_changed(live, store_dir):
    import rdflib
    from rdflib.namespace import RDF, RDFS

    from kg.rdf.namespace import ENT
    from kg.rdf.store import open_store

    def labels() -> set[str]:
        with urllib.request.urlopen(live + "api/map.json", timeout=120) as resp:
            return {n.get("label") for n in json.loads(resp.read())["nodes"]}

    deadline = time.monotonic() + 60
    before = labels()
    while not before and time.monotonic() < deadline:  # the map of the last change may be under way
        time.sleep(0.5)
        before = labels()
    assert before and "Lemuria" not in before
    store = open_store(store_dir)  # two states and an event between them, written beside kg serve
    a, b, e = (rdflib.URIRef(f"urn:x:{n}") for n in ("lemuria", "mu", "e1"))
    for iri, name in ((a, "Lemuria"), (b, "Mu")):
        store.add((iri, RDF.type, ENT.State))
        store.add((iri, RDFS.label, rdflib.Literal(name)))
    store.add((a, ENT.disapprovesOf, b))
    store.add((e, RDF.type, ENT.Event))
    store.add((e, ENT.source, a))
    store.add((e, ENT.target, b))
    store.add((e, ENT.cameoCode, rdflib.Literal("111")))
    store.close()
    deadline = time.monotonic() + 60
    now = before
    while "Lemuria" not in now and time.monotonic() < deadline:
        time.sleep(0.5)
        now = labels()  # the first request after the change starts the new map and gets the last
    assert "Lemuria" in now, "the map did not show the new actor within 60 s"

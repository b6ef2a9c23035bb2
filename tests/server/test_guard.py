"""The read-only guard of ``kg serve`` against a real server: parsed queries, bodies, slots."""
from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest

from kg.server.slots import FairSlots
from kg.server.endpoint import EndpointError, Refused, analyse_query

from .test_endpoint import call


@pytest.fixture()
def trap():
    """A local HTTP server that records whether anything contacted it (a SERVICE target)."""
    hits = []

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/", hits
    srv.shutdown()


@pytest.mark.parametrize("spelling", [
    "SELECT * WHERE {{ <urn:x:\u3000#> ?p ?o SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ <urn:x:\\u3000#> ?p ?o SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SeRvIcE SILENT <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o LATERAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o lateral{{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    # no "*": these are screened (needs_parse) before the parse
    "SELECT ?s WHERE {{ <urn:x:\u3000#> ?p ?o SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT ?s WHERE {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT ?s WHERE {{ \\U00000053ervice <{url}> {{ ?s ?p ?o }} }}",
    "ASK {{ FILTER NOT EXISTS {{ service <{url}> {{ ?s ?p ?o }} }} }}",
])
def test_service_never_reached(server, trap, spelling):
    url, hits = trap
    status, _, body = call(server, query=spelling.format(url=url))
    assert status in (400, 403), body
    time.sleep(0.2)
    assert hits == []


def test_lateral_is_read_as_a_group(server):
    """LATERAL (SPARQL 1.2 draft) runs on Oxigraph; the guard checks it like OPTIONAL."""
    text = ("SELECT ?s ?label WHERE { { SELECT ?s WHERE { ?s a ?type } LIMIT 3 } "
            "LATERAL { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } } ORDER BY ?s")
    assert analyse_query(text).form == "SELECT"
    status, _, body = call(server, query=text, accept="application/sparql-results+json")
    assert status == 200, body
    rows = json.loads(body)["results"]["bindings"]
    assert rows and all(r["label"]["value"] for r in rows)
    # the word elsewhere (a string, a prefixed name) is not a keyword and changes nothing
    assert analyse_query('SELECT ?x WHERE { BIND ("LATERAL {" AS ?x) }').form == "SELECT"


@pytest.mark.parametrize("text", ["LOAD <http://example.org/x.ttl>", "load <file:///etc/passwd>",
                                  "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                  "PREFIX x: <urn:x:> DELETE WHERE { ?s ?p ?o }",
                                  "\\u0049NSERT DATA { <urn:a> <urn:b> <urn:c> }"])
def test_updates_refused_whatever_the_spelling(text):
    with pytest.raises(EndpointError):
        analyse_query(text)
    if "\\u" not in text:
        with pytest.raises(Refused):
            analyse_query(text)


def test_select_star_keeps_query_order(server):
    status, _, body = call(server, query="SELECT * WHERE { BIND (1 AS ?zeta) BIND (2 AS ?alpha) }",
                           accept="text/csv")
    assert status == 200 and body.splitlines()[0] == "zeta,alpha"


def _raw(server, request: bytes) -> bytes:
    host, port = urlsplit(server).hostname, urlsplit(server).port
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(request.replace(b"HOST", f"{host}:{port}".encode()))
        s.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
    return reply


@pytest.mark.parametrize("length, status", [(b"-1", b"400"), (b"+5", b"400"), (b"1e3", b"400"),
                                            (None, b"411"), (b"999", b"400"), (b"99999999999", b"413")])
def test_content_length_checked(server, length, status):
    body = b"query=ASK%7B%7D"
    head = b"POST /sparql HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    if length is not None:
        head += b"Content-Length: " + length + b"\r\n"
    reply = _raw(server, head + b"Connection: close\r\n\r\n" + body)
    assert reply.split(b"\r\n")[0].split()[1] == status, reply[:200]


def test_listen_backlog(server):
    host, port = urlsplit(server).hostname, urlsplit(server).port
    socks = [socket.create_connection((host, port), timeout=5) for _ in range(64)]
    try:
        assert call(server, query="ASK { ?s ?p ?o }")[0] == 200
    finally:
        for s in socks:
            s.close()


def test_fair_slots_keep_a_place_for_others():
    slots = FairSlots(size=2)
    assert slots.acquire("greedy", 1) and not slots.acquire("greedy", 0.1)  # at most size - 1
    assert slots.acquire("polite", 0.1)
    slots.release("greedy")
    slots.release("polite")
    assert slots.acquire("greedy", 0.1)


def test_sparqlwrapper_client(server):
    from SPARQLWrapper import JSON, SPARQLWrapper, XML

    sw = SPARQLWrapper(server + "sparql")
    sw.setQuery("SELECT ?label WHERE { ?a a ent:State ; rdfs:label ?label } ORDER BY ?label")
    sw.setReturnFormat(JSON)
    labels = [b["label"]["value"] for b in sw.query().convert()["results"]["bindings"]]
    assert "North Korea" in labels
    sw.setQuery("CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a ent:State ; rdfs:label ?l }")
    sw.setReturnFormat(XML)  # RDF/XML, parsed into an rdflib graph
    g = sw.queryAndConvert()
    assert len(g) == len(labels)
    sw.setReturnFormat(JSON)  # JSON-LD
    assert sw.query().response.headers["Content-Type"].startswith("application/ld+json")


def test_rdflib_sparqlstore_construct(server):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(SPARQLStore(server + "sparql"))
    res = g.query("CONSTRUCT { ?a ?p ?o } WHERE { ?a a <https://w3id.org/entente/ns#State> ; ?p ?o }")
    assert len(res.graph) > 5


def test_service_description(server):
    status, ctype, body = call(server.rstrip("/") + "/", query=None, accept="text/turtle")
    assert status == 200 and "sd:Service" in body and "SPARQL11Query" in body


def test_fair_slots_give_a_freed_slot_to_the_client_holding_fewest():
    slots = FairSlots(size=3, per_client=2)
    assert slots.acquire("greedy", 1) and slots.acquire("greedy", 1) and slots.acquire("b", 1)
    order: list[str] = []

    def wait(client: str) -> None:
        if slots.acquire(client, 5):
            order.append(client)

    first = threading.Thread(target=wait, args=("greedy",))
    first.start()
    time.sleep(0.1)  # greedy waits first, then c
    second = threading.Thread(target=wait, args=("c",))
    second.start()
    time.sleep(0.1)
    slots.release("b")  # c holds none, greedy holds two: c gets it although it came later
    second.join(2)
    assert order == ["c"]
    slots.release("greedy")
    first.join(2)
    assert order == ["c", "greedy"]


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }",
    "SELECT ?s WHERE { SeRv\\u0069ce <http://example.org/> { ?s ?p ?o } }",
    "SELECT ?s WHERE { \u017fERVICE <http://example.org/> { ?s ?p ?o } }",  # long s folds to s
    "SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o }",
    "SELECT ?s WHERE { <urn:x:\u3000#> ?p ?o SERVICE <http://example.org/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o }",
])
def test_every_query_that_may_be_refused_is_parsed(text):
    from kg.server.endpoint import guard, needs_parse

    assert needs_parse(text)
    assert guard("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1") is None  # nothing to refuse: runs unparsed


def test_a_client_that_hangs_up_leaves_no_traceback(sample_ttl):
    import os
    import struct
    import subprocess
    import sys

    from .conftest import ROOT

    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(sample_ttl), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=dict(os.environ, PYTHONWARNINGS="ignore"))
    try:
        url = urlsplit(proc.stdout.readline().strip())
        for _ in range(3):  # half a request, then a reset (RST) instead of a clean close
            s = socket.create_connection((url.hostname, url.port), timeout=5)
            s.sendall(b"GET /sparql?query=ASK")
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()
        time.sleep(0.5)
        status, _, _ = call(f"{url.scheme}://{url.netloc}/", query="ASK {}")
        assert status == 200  # still serving
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert "Traceback" not in err and "ConnectionResetError" not in err, err

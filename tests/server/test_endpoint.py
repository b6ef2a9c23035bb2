"""The SPARQL 1.1 Protocol endpoint of ``kg serve``, over real HTTP with real clients."""
from __future__ import annotations

import csv
import io
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
import rdflib

STATES = "SELECT ?a ?label WHERE { ?a a ent:State ; rdfs:label ?label } ORDER BY ?label"


def call(url, *, query=None, data=None, ctype=None, accept=None, method=None, params=None,
         headers=None):
    """(status, content type, body text) of one request."""
    q = dict(params or {})
    if query is not None and data is None and method != "POST":
        q["query"] = query
    full = url + "sparql" + ("?" + urllib.parse.urlencode(q) if q else "")
    body = None
    h = dict(headers or {})
    if data is not None:
        body = data if isinstance(data, bytes) else data.encode("utf-8")
        if ctype:
            h["Content-Type"] = ctype
    elif method == "POST":
        body = urllib.parse.urlencode({"query": query}).encode()
        h["Content-Type"] = "application/x-www-form-urlencoded"
    if accept:
        h["Accept"] = accept
    req = urllib.request.Request(full, data=body, headers=h, method=method or ("POST" if body else "GET"))
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode("utf-8")


def labels_from_json(text):
    return [b["label"]["value"] for b in json.loads(text)["results"]["bindings"]]


STATE_LABELS = ["North Korea", "Russia", "South Korea", "Ukraine", "United States"]


def test_listens_on_loopback_by_default(server):
    assert urlsplit(server).hostname == "127.0.0.1"


def test_get_json(server):
    status, ctype, body = call(server, query=STATES)
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["a", "label"]
    assert labels_from_json(body) == STATE_LABELS
    assert data["results"]["bindings"][0]["a"] == {"type": "uri",
                                                   "value": "https://w3id.org/entente/id/actor/Q423"}


def test_post_form_and_direct(server):
    status, _, body = call(server, query=STATES, method="POST")
    assert status == 200 and labels_from_json(body) == STATE_LABELS
    status, _, body = call(server, data=STATES, ctype="application/sparql-query")
    assert status == 200 and labels_from_json(body) == STATE_LABELS


@pytest.mark.parametrize("accept, fmt, expect", [
    ("text/csv", None, "text/csv"),
    ("text/tab-separated-values", None, "text/tab-separated-values"),
    ("application/sparql-results+xml", None, "application/sparql-results+xml"),
    ("text/csv;q=0.2, text/tab-separated-values;q=0.9", None, "text/tab-separated-values"),
    ("application/sparql-results+json", "csv", "text/csv"),
])
def test_content_negotiation(server, accept, fmt, expect):
    status, ctype, body = call(server, query=STATES, accept=accept,
                               params={"format": fmt} if fmt else None)
    assert status == 200 and ctype.startswith(expect)
    if expect == "text/csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["a", "label"] and [r[1] for r in rows[1:]] == STATE_LABELS
    elif expect == "text/tab-separated-values":
        lines = body.splitlines()
        assert lines[0] == "?a\t?label"
        assert lines[1] == '<https://w3id.org/entente/id/actor/Q423>\t"North Korea"'
    else:
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(body)
        got = [b.find("s:literal", ns).text for b in root.iterfind(".//s:binding[@name='label']", ns)]
        assert got == STATE_LABELS


def test_not_acceptable(server):
    status, _, body = call(server, query=STATES, accept="image/png")
    assert status == 406 and "image/png" in body


def test_ask_and_construct(server):
    status, _, body = call(server, query="ASK { ?a rdfs:label \"Ukraine\" }")
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a ent:State ; rdfs:label ?l }"
    status, ctype, body = call(server, query=construct)
    assert status == 200 and ctype.startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    assert {str(o) for o in g.objects()} == set(STATE_LABELS)
    status, ctype, body = call(server, query=construct, accept="application/n-triples")
    assert status == 200 and ctype.startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=body, format="nt")) == 5


def test_rdflib_sparqlstore_client(server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server + "sparql", returnFormat="json")
    g = rdflib.Graph(store=store)
    rows = list(g.query("PREFIX ent: <https://w3id.org/entente/ns#> "
                        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " + STATES))
    assert [str(r.label) for r in rows] == STATE_LABELS
    xml_store = SPARQLStore(server + "sparql")  # rdflib's default: XML results
    rows = list(rdflib.Graph(store=xml_store).query(
        "SELECT ?l WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l LIMIT 1"))
    assert len(rows) == 1


def _count(server):
    return json.loads(call(server, query="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[2])[
        "results"]["bindings"][0]["n"]["value"]


@pytest.mark.parametrize("kind, payload, word", [
    ("query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
    ("query", "DELETE WHERE { ?s ?p ?o }", "read-only"),
    ("query", "LOAD <file:///etc/passwd>", "read-only"),
    ("query", "CLEAR ALL", "read-only"),
    ("update", "DROP ALL", "read-only"),
    ("sparql-update", "DELETE WHERE { ?s ?p ?o }", "read-only"),
    ("query", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "other hosts"),
    ("query", "select * where { service <file:///etc/passwd> { ?s ?p ?o } }", "other hosts"),
    ("query", r"SELECT * WHERE { \u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }", "other hosts"),
    ("query", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "reads no files"),
    ("query", "SELECT * FROM NAMED <http://example.org/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
     "reads no files"),
])
def test_writes_and_remote_access_refused(server, kind, payload, word):
    before = _count(server)
    if kind == "update":
        status, _, body = call(server, data=urllib.parse.urlencode({"update": payload}),
                               ctype="application/x-www-form-urlencoded")
    elif kind == "sparql-update":
        status, _, body = call(server, data=payload, ctype="application/sparql-update")
    else:
        status, _, body = call(server, query=payload)
    assert status == 403 and word in body
    assert len(body.strip().splitlines()) == 1
    assert _count(server) == before


def test_words_inside_strings_and_names_are_not_keywords(server):
    q = 'SELECT ?service WHERE { ?service rdfs:label ?l FILTER(?l != "INSERT SERVICE FROM <x>") } LIMIT 1'
    status, _, body = call(server, query=q)
    assert status == 200, body


def test_own_named_graphs_may_be_named(server):
    q = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/entente/ns> WHERE { ?s ?p ?o }"
    status, _, body = call(server, query=q)
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0


def test_time_limit(server):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = call(server, query=slow)
    assert status == 503 and "time limit" in body
    assert call(server, query="ASK { ?s ?p ?o }")[0] == 200  # still serving


def test_result_size_limit(server):
    status, _, body = call(server, query="SELECT * WHERE { ?s ?p ?o }")
    assert status == 413 and "LIMIT" in body
    status, _, body = call(server, query="SELECT * WHERE { ?s ?p ?o } LIMIT 60")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 60


def test_request_body_bounded(server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000
    status, _, body = call(server, data=big, ctype="application/sparql-query")
    assert status == 413 and "too large" in body


def test_bad_requests(server):
    status, _, body = call(server, query="SELEKT nothing")
    assert status == 400
    status, _, body = call(server, query="SELECT * WHERE { ?s ?p }")
    assert status == 400 and "bad SPARQL" in body
    status, _, body = call(server, data=b"", ctype="application/sparql-query", method="POST")
    assert status == 400 and "missing query" in body
    status, _, body = call(server, data="x", ctype="image/png")
    assert status == 415


def test_foreign_host_header_refused(server):
    status, _, body = call(server, query="ASK { ?s ?p ?o }", headers={"Host": "evil.example:80"})
    assert status == 403 and "Host" in body


def test_pages_and_static(server):
    with urllib.request.urlopen(server, timeout=10) as resp:
        csp = resp.headers["Content-Security-Policy"]
        html = resp.read().decode()
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert "<script>" not in html and 'src="/static/explorer.js"' in html
    with urllib.request.urlopen(server + "api/map.json", timeout=10) as resp:
        data = json.loads(resp.read())
    assert {n["label"] for n in data["nodes"]} >= set(STATE_LABELS)
    host, port = urlsplit(server).hostname, urlsplit(server).port
    with socket.create_connection((host, port), timeout=10) as s:  # raw path traversal attempt
        s.sendall(f"GET /static/../../../etc/passwd HTTP/1.1\r\nHost: {host}:{port}\r\n"
                  "Connection: close\r\n\r\n".encode())
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 404") and b"root:" not in reply


def test_describe(server):
    status, ctype, body = call(server, query="DESCRIBE <https://w3id.org/entente/id/actor/Q212>")
    assert status == 200 and ctype.startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/entente/id/actor/Q212"), rdflib.RDFS.label,
            rdflib.Literal("Ukraine")) in {(s, p, rdflib.Literal(str(o)) if isinstance(o, rdflib.Literal) else o)
                                          for s, p, o in g}


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_row_limit_in_every_format_without_a_parse(server, accept):
    # no '*', FROM or SERVICE: the guard lets Oxigraph parse it, so the rows are counted as written
    every = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    status, _, body = call(server, query=every, accept=accept)
    assert status == 413 and "more than 60 rows" in body
    status, ctype, body = call(server, query=every + " LIMIT 60", accept=accept)
    assert status == 200 and ctype.startswith(accept)
    status, _, body = call(server, query="SELECT ?s ?p ?o WHERE { ?s ?p ?o } OFFSET 0 LIMIT 60 ",
                           accept=accept)  # a LIMIT the guard did not read: the rows are counted
    assert status == 200
    if "json" in accept:
        assert len(json.loads(body)["results"]["bindings"]) == 60
    elif "xml" in accept:
        assert len(ET.fromstring(body).findall(".//{http://www.w3.org/2005/sparql-results#}result")) == 60
    else:
        assert len(body.strip("\r\n").splitlines()) == 61

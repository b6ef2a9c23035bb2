"""The lean HTTP/1.1 handling of ``kg serve`` (kg.server.protocol), on a real server and raw sockets."""
from __future__ import annotations

import random
import socket
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from kg.server.protocol import Headers, parse_form

ASK = "/sparql?query=" + quote("ASK { ?s ?p ?o }")


def exchange(server: str, raw: bytes, replies: int = 1) -> list[bytes]:
    """Send ``raw`` on one connection; the status lines of the first ``replies`` responses."""
    u = urlsplit(server)
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.sendall(raw)
        data, lines = b"", []
        while len(lines) < replies:
            while b"\r\n\r\n" not in data:
                chunk = s.recv(65536)
                if not chunk:
                    return lines
                data += chunk
            head, _, data = data.partition(b"\r\n\r\n")
            length = next((int(h.split(b":")[1]) for h in head.split(b"\r\n")
                           if h.lower().startswith(b"content-length:")), 0)
            while len(data) < length:
                data += s.recv(65536)
            data = data[length:]
            lines.append(head.split(b"\r\n")[0] + b"\r\n" + b"\r\n".join(
                h for h in head.split(b"\r\n")[1:] if h.lower().startswith(b"connection")))
        return lines


def host(server: str) -> bytes:
    return f"Host: {urlsplit(server).netloc}\r\n".encode()


def test_keep_alive_answers_several_requests_on_one_connection(server):
    one = b"GET " + ASK.encode() + b" HTTP/1.1\r\n" + host(server) + b"\r\n"
    lines = exchange(server, one * 3, replies=3)
    assert [line.split(b"\r\n")[0] for line in lines] == [b"HTTP/1.1 200 OK"] * 3


def test_http_1_0_closes_after_the_answer(server):
    lines = exchange(server, b"GET " + ASK.encode() + b" HTTP/1.0\r\n" + host(server) + b"\r\n", 2)
    assert len(lines) == 1 and lines[0].startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize("bad, status", [
    (b"NoColonHere\r\n", b"400"),
    (b"X-Folded: a\r\n continued\r\n", b"400"),
    (b"Bad Name: x\r\n", b"400"),
    (b"".join(b"X-%d: y\r\n" % i for i in range(101)), b"431"),
    (b"X-Long: " + b"y" * 70000 + b"\r\n", b"431"),
])
def test_bad_header_blocks_are_refused(server, bad, status):
    lines = exchange(server, b"GET " + ASK.encode() + b" HTTP/1.1\r\n" + host(server) + bad + b"\r\n")
    assert lines and lines[0].split(b" ")[1] == status


def test_expect_100_continue_and_head(server):
    body = b"ASK { ?s ?p ?o }"
    raw = (b"POST /sparql HTTP/1.1\r\n" + host(server) + b"Content-Type: application/sparql-query\r\n"
           b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    assert [line.split(b"\r\n")[0] for line in exchange(server, raw, 2)] == \
        [b"HTTP/1.1 100 Continue", b"HTTP/1.1 200 OK"]
    u = urlsplit(server)
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.sendall(b"HEAD " + ASK.encode() + b" HTTP/1.1\r\n" + host(server) + b"Connection: close\r\n\r\n")
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    head, _, rest = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"Content-Length: " in head and rest == b""
    assert b"Connection: close" in head


def test_other_versions_take_the_standard_library_path(server):
    u = urlsplit(server)
    for line, expected in ((b"GET " + ASK.encode() + b" HTTP/2.0", b"Invalid HTTP version"),
                           (b"GET / HTTP/x", b"Bad request version")):
        with socket.create_connection((u.hostname, u.port), timeout=10) as s:
            s.sendall(line + b"\r\n" + host(server) + b"\r\n")
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
        assert expected in reply


def test_parse_form_agrees_with_parse_qs():
    rng = random.Random(7)
    alphabet = ["a", "b", "=", "&", "+", "%2F", "%zz", "%E2%82%AC", "%C3", "é", "%", "%4", "\n", " "]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert parse_form(text) == parse_qs(text, keep_blank_values=True), text
    form = parse_form("q=1")
    form["q"].append("changed")
    assert parse_form("q=1") == {"q": ["1"]}  # the cached answer is not shared


def test_headers_are_case_insensitive_and_keep_repeats():
    h = Headers([("Content-Length", "5"), ("content-length", "6")])
    assert h.get("CONTENT-LENGTH") == "5" and h.get_all("Content-Length") == ["5", "6"]
    assert h.get("Accept") is None and h.get_all("Accept") is None and "content-length" in h


def _get(url: str, headers: dict | None = None, method: str = "GET") -> tuple[int, dict, str]:
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8")


def _count(server: str, query: str, params: dict | None = None) -> int:
    import json
    from urllib.parse import urlencode

    status, _, body = _get(server + "sparql?" + urlencode({"query": query, **(params or {})}),
                           {"Accept": "application/sparql-results+json"})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_default_and_named_graph_uri(server):
    from urllib.parse import urlencode

    events = "SELECT (COUNT(*) AS ?n) WHERE { ?e a ent:Event }"
    classes = "SELECT (COUNT(*) AS ?n) WHERE { ?c a owl:Class }"
    ontology, scheme = "https://w3id.org/entente/ns", "https://w3id.org/entente/ns/cameo/"
    assert _count(server, events) > 0  # the default graph is the union of the store's graphs
    assert _count(server, events, {"default-graph-uri": ontology}) == 0
    assert _count(server, classes, {"default-graph-uri": ontology}) > 0
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(server, graphs) >= 2
    assert _count(server, graphs, {"named-graph-uri": scheme}) == 1
    status, _, body = _get(server + "sparql?" + urlencode(
        {"query": events, "default-graph-uri": "https://example.org/elsewhere"}))
    assert status == 403 and "not in the store" in body


def test_cors_only_when_asked(server, sample_ttl):
    from tests.server.conftest import serving

    ask = "sparql?query=" + quote("ASK { ?s ?p ?o }")
    status, headers, _ = _get(server + ask, {"Origin": "https://example.org"})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    assert _get(server + "sparql", {"Origin": "https://example.org"}, "OPTIONS")[0] == 405
    with serving(str(sample_ttl), "--cors", "https://example.org") as url:
        status, headers, _ = _get(url + ask, {"Origin": "https://example.org"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://example.org"
        status, headers, _ = _get(url + "sparql", {"Origin": "https://example.org",
                                                   "Access-Control-Request-Method": "POST"}, "OPTIONS")
        assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
        # the page itself is never opened to other sites
        status, headers, _ = _get(url, {"Origin": "https://example.org"})
        assert status == 200 and "Access-Control-Allow-Origin" not in headers

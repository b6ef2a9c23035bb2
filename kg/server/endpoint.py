"""A read-only SPARQL 1.1 Protocol endpoint over an in-memory Oxigraph store.

Safety rules, checked before a query runs:

* only queries (SELECT, ASK, CONSTRUCT, DESCRIBE): SPARQL Update (``INSERT``,
  ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ...) is refused with 403;
* no ``SERVICE`` (federation would reach other hosts) and no ``FROM``/``FROM NAMED``
  except the store's own named graphs (nothing is fetched or read from files);
* each query runs in a forked child process that is killed at the time limit
  (503), and results are cut off at a row limit and a byte limit (413 with a
  message asking for a ``LIMIT``);
* request bodies and query texts are bounded (413).

Results: SPARQL JSON, XML, CSV and TSV for SELECT/ASK; Turtle or N-Triples for
CONSTRUCT/DESCRIBE; chosen by the ``format`` parameter or the Accept header.

>>> check_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
'SELECT'
>>> check_query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
Traceback (most recent call last):
...
kg.server.endpoint.Refused: SPARQL Update (INSERT) is not allowed: this endpoint is read-only
>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.server.endpoint.Refused: SERVICE is not allowed: this endpoint never contacts other hosts
"""
from __future__ import annotations

import io
import csv
import json
import os
import re
import select
import signal
import time
from dataclasses import dataclass
from typing import Iterable, Optional
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox


class EndpointError(Exception):
    """A request the endpoint answers with an error status and a one-line message."""

    status = 400

    def __init__(self, message: str, status: Optional[int] = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class Refused(EndpointError):
    """Forbidden by the endpoint's read-only rules (403)."""

    status = 403


@dataclass(frozen=True)
class Limits:
    """Bounds on what one request may cost."""

    timeout: float = 10.0         #: seconds per query
    max_rows: int = 10000         #: solutions (or triples) per result
    max_bytes: int = 20_000_000   #: bytes per response body
    max_body: int = 1_000_000     #: bytes per request body
    max_query: int = 100_000      #: characters per query


UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<pname>[A-Za-z_\u00C0-\uFFFF][\w\-.\u00B7-\uFFFF]*:[\w\-.:%\\\u00B7-\uFFFF]*|:[\w\-.:%\\\u00B7-\uFFFF]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>\S)
""", re.X)


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescape(m: "re.Match[str]") -> str:
    try:
        return chr(int(m.group(1) or m.group(2), 16))
    except (ValueError, OverflowError):
        return m.group()


def tokens(text: str) -> Iterable[tuple[str, str]]:
    """(kind, text) tokens of SPARQL: comments, strings, IRIs, variables, names, words.

    >>> [t for t in tokens('SELECT ?service WHERE { ?s ex:service "SERVICE" } # SERVICE')
    ...  if t[0] == "word"]
    [('word', 'SELECT'), ('word', 'WHERE')]
    """
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind != "comment":
            yield kind, m.group()


def check_query(text: str, named_graphs: Iterable[str] = (), limits: Limits = Limits()) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) of an allowed query, else raise.

    Raises :class:`Refused` (403) for updates, ``SERVICE`` and ``FROM`` a graph
    that is not in the store, and :class:`EndpointError` (400/413) for empty,
    oversized or formless text.
    """
    if not text or not text.strip():
        raise EndpointError("missing query: send it as the 'query' parameter or as an "
                            "application/sparql-query body")
    if len(text) > limits.max_query:
        raise EndpointError(f"query too long ({len(text)} characters; limit {limits.max_query})", 413)
    # SPARQL allows \uXXXX escapes anywhere (processed before parsing by some engines):
    # check the text as such an engine would read it.
    toks = list(tokens(_ESCAPE.sub(_unescape, text)))
    words = [(i, t.upper()) for i, (k, t) in enumerate(toks) if k == "word"]
    for _, w in words:
        if w in UPDATE_WORDS:
            raise Refused(f"SPARQL Update ({w}) is not allowed: this endpoint is read-only")
    for _, w in words:
        if w == "SERVICE":
            raise Refused("SERVICE is not allowed: this endpoint never contacts other hosts")
    graphs = set(named_graphs)
    for i, w in words:
        if w != "FROM":
            continue
        j = i + 1
        if j < len(toks) and toks[j][1].upper() == "NAMED":
            j += 1
        if j >= len(toks) or toks[j][0] != "iri" or toks[j][1][1:-1] not in graphs:
            target = toks[j][1] if j < len(toks) else ""
            raise Refused(f"FROM {target}: only the store's own graphs may be named "
                          "(this endpoint reads no files and fetches nothing)")
    form = next((w for _, w in words if w in QUERY_FORMS), None)
    if form is None:
        raise EndpointError("not a SPARQL query (expected SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return form


# ---------------------------------------------------------------- formats

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples"}
_ALIASES = {
    "application/sparql-results+json": "json", "application/json": "json", "json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml", "xml": "xml",
    "text/csv": "csv", "csv": "csv", "text/tab-separated-values": "tsv", "tsv": "tsv",
    "text/turtle": "turtle", "application/x-turtle": "turtle", "turtle": "turtle", "ttl": "turtle",
    "application/n-triples": "nt", "text/plain": "nt", "nt": "nt", "ntriples": "nt",
    "n-triples": "nt",
}


def negotiate(form: str, accept: Optional[str], fmt: Optional[str]) -> str:
    """Result format name for a query form, from ``format`` (wins) or an Accept header.

    >>> negotiate("SELECT", "text/csv;q=0.5, application/sparql-results+json", None)
    'json'
    >>> negotiate("CONSTRUCT", "*/*", None), negotiate("SELECT", None, "tsv")
    ('turtle', 'tsv')
    """
    allowed = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
    default = "turtle" if allowed is GRAPH_TYPES else "json"
    if fmt:
        name = _ALIASES.get(fmt.strip().lower())
        if name not in allowed:
            raise EndpointError(f"format {fmt!r} is not available for {form} "
                                f"(use {', '.join(allowed)})", 406)
        return name
    if not accept:
        return default
    ranked = []
    for n, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mime, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, n, mime))
    for negq, _, mime in sorted(ranked):
        if negq == 0:
            continue
        if mime in ("*/*", "application/*", "text/*"):
            return default
        name = _ALIASES.get(mime)
        if name in allowed:
            return name
    raise EndpointError(f"none of the accepted types ({accept}) is available for {form} "
                        f"(offered: {', '.join(allowed.values())})", 406)


def content_type(name: str) -> str:
    """MIME type (with charset) of a format name."""
    mime = RESULT_TYPES.get(name) or GRAPH_TYPES[name]
    return mime + "; charset=utf-8"


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "literal", "value": str(t)}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def _csv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    return t.value if hasattr(t, "value") else str(t)


def _tsv_term(t) -> str:
    return "" if t is None else str(t)  # N-Triples syntax, as the TSV results format asks


class TooLarge(EndpointError):
    status = 413


def serialize(result, name: str, limits: Limits, prefixes: Optional[dict] = None) -> bytes:
    """Serialise a pyoxigraph query result in format ``name`` within the row limit."""
    if isinstance(result, ox.QueryBoolean):
        value = bool(result)
        if name == "json":
            return json.dumps({"head": {}, "boolean": value}).encode()
        if name == "xml":
            return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                    f"<head/><boolean>{str(value).lower()}</boolean></sparql>\n").encode()
        return f"_askResult\r\n{str(value).lower()}\r\n".encode() if name == "csv" else \
            f"?_askResult\n{str(value).lower()}\n".encode()

    def bounded(items):
        for n, item in enumerate(items):
            if n >= limits.max_rows:
                raise TooLarge(f"the result has more than {limits.max_rows} rows: "
                               "add a LIMIT (or narrow the query)")
            yield item

    if isinstance(result, ox.QueryTriples):
        triples = list(bounded(result))
        if name == "turtle":
            return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes or None) or b""
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    variables = [v.value for v in result.variables]
    rows = bounded(result)
    if name == "json":
        bindings = [{v: _json_term(sol[v]) for v in variables if sol[v] is not None} for sol in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if name == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head>\n<results>")
        for sol in rows:
            out.append("<result>" + "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(sol[v])}</binding>"
                for v in variables if sol[v] is not None) + "</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if name == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for sol in rows:
            w.writerow([_csv_term(sol[v]) for v in variables])
        return buf.getvalue().encode("utf-8")
    lines = ["\t".join("?" + v for v in variables)]
    lines += ["\t".join(_tsv_term(sol[v]) for v in variables) for sol in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- execution

def _run(store: ox.Store, text: str, name: str, default_graphs: list, prefixes: dict,
         limits: Limits) -> tuple[int, bytes]:
    try:
        result = store.query(text, default_graph=default_graphs, prefixes=prefixes)
        body = serialize(result, name, limits, prefixes)
    except EndpointError as exc:
        return exc.status, str(exc).encode("utf-8")
    except SyntaxError as exc:
        msg = " ".join(str(exc).split())
        return 400, f"bad SPARQL: {msg[:300]}".encode("utf-8")
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        return 400, f"query failed: {' '.join(str(exc).split())[:300]}".encode("utf-8")
    if len(body) > limits.max_bytes:
        return 413, (f"the result is larger than {limits.max_bytes} bytes: add a LIMIT "
                     "(or narrow the query)").encode("utf-8")
    return 200, body


def execute(store: ox.Store, text: str, name: str, *, default_graphs: list, prefixes: dict,
            limits: Limits = Limits()) -> tuple[int, bytes]:
    """Run a checked query; (status, body). The body is the result or a one-line error.

    Where ``os.fork`` exists the query runs in a child process that is
    killed when the time limit passes (status 503); elsewhere it runs in
    the calling thread without a hard time limit.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - not on Linux
        return _run(store, text, name, default_graphs, prefixes, limits)
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: run, write "status\n" + body, exit without cleanup
        try:
            os.close(rfd)
            try:
                import resource

                cpu = int(limits.timeout) + 2
                resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
            except (ImportError, ValueError, OSError):
                pass
            status, body = _run(store, text, name, default_graphs, prefixes, limits)
            data = f"{status}\n".encode() + body
            view = memoryview(data)
            while view:
                n = os.write(wfd, view)
                view = view[n:]
        finally:
            os._exit(0)
    os.close(wfd)
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + limits.timeout
    status: Optional[tuple[int, bytes]] = None
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                status = (503, f"the query ran longer than the time limit of {limits.timeout:g} s "
                               "and was stopped".encode())
                break
            ready, _, _ = select.select([rfd], [], [], left)
            if not ready:
                continue
            chunk = os.read(rfd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limits.max_bytes + 64:
                status = (413, f"the result is larger than {limits.max_bytes} bytes: add a LIMIT "
                               "(or narrow the query)".encode())
                break
    finally:
        os.close(rfd)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    if status is not None:
        return status
    data = b"".join(chunks)
    head, sep, body = data.partition(b"\n")
    if not sep or not head.isdigit():
        return 500, b"the query process failed (out of memory or CPU time?)"
    return int(head), body

"""The rules and formats of the read-only SPARQL 1.1 Protocol endpoint of ``kg serve``.

The guard decides on the parse tree of the query (rdflib's SPARQL 1.1
parser, on the text after ``\\uXXXX`` escapes are applied, as Oxigraph reads
it), never on tokens:

* only queries (SELECT, ASK, CONSTRUCT, DESCRIBE): any SPARQL Update
  (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ...) is refused with 403;
* no ``SERVICE`` anywhere in the tree (federation would reach other hosts) and
  no ``FROM``/``FROM NAMED`` except the store's own named graphs;
* text that does not parse as a query is refused (400): what is not
  understood is not run.

``LATERAL`` (SPARQL 1.2 draft, which Oxigraph runs) has the grammar of
``OPTIONAL`` (a keyword and a group); rdflib's parser knows only the latter,
so the guard reads the keyword as ``OPTIONAL``: the tree it checks has the
same shape and the same nodes as the query Oxigraph runs.

Results: SPARQL JSON, XML, CSV and TSV for SELECT/ASK; Turtle, N-Triples,
RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE; chosen by the ``format``
parameter or the Accept header. Execution is in :mod:`kg.server.backend`.

>>> check_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
'SELECT'
>>> check_query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
Traceback (most recent call last):
...
kg.server.endpoint.Refused: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) is not allowed: this endpoint is read-only
>>> check_query("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.org/> { ?s ?p ?o } } }")
Traceback (most recent call last):
...
kg.server.endpoint.Refused: SERVICE is not allowed: this endpoint never contacts other hosts
"""
from __future__ import annotations

import csv
import functools
import io
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional
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


QUERY_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
               "DescribeQuery": "DESCRIBE"}

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LATERAL = re.compile(r"(?<![\w?$:])LATERAL(?=\s*\{)", re.I)


def _unescape(m: "re.Match[str]") -> str:
    try:
        return chr(int(m.group(1) or m.group(2), 16))
    except (ValueError, OverflowError):
        return m.group()


@dataclass(frozen=True)
class Checked:
    """What the guard found in an allowed query."""

    form: str                                #: SELECT, ASK, CONSTRUCT or DESCRIBE
    star: Optional[tuple[str, ...]] = None   #: for SELECT *: its variables in order of appearance
    limit: Optional[int] = None              #: the query's own top-level LIMIT, if any


def _nodes(tree: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree, depth first in text order."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):  # rdflib CompValue (an OrderedDict)
            yield node
            stack.extend(reversed(list(dict.values(node))))
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(reversed(list(node)))
        else:
            yield node


@functools.lru_cache(maxsize=4096)
def _analyse(text: str, graphs: frozenset) -> "Checked | EndpointError":
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.term import URIRef, Variable

    # SPARQL applies \uXXXX escapes before parsing (Oxigraph does): read what it reads.
    text = _ESCAPE.sub(_unescape, text)
    text = _LATERAL.sub("OPTIONAL", text)
    try:
        tree = parseQuery(text)
    except Exception:  # noqa: BLE001 - pyparsing raises many kinds
        try:
            parseUpdate(text)
        except Exception:  # noqa: BLE001
            return EndpointError("bad SPARQL: the query could not be parsed "
                                 "(this endpoint accepts SPARQL 1.1 queries only)")
        return Refused("SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) is not allowed: "
                       "this endpoint is read-only")
    query = tree[1]
    form = QUERY_FORMS.get(getattr(query, "name", ""))
    if form is None:
        return EndpointError("not a SPARQL query (expected SELECT, ASK, CONSTRUCT or DESCRIBE)")
    star: list[str] = []
    for node in _nodes(tree):
        name = getattr(node, "name", None) if isinstance(node, dict) else None
        if name == "ServiceGraphPattern":
            return Refused("SERVICE is not allowed: this endpoint never contacts other hosts")
        if name == "DatasetClause":
            target = node.get("default") or node.get("named")
            if not isinstance(target, URIRef) or str(target) not in graphs:
                return Refused(f"FROM <{target}>: only the store's own graphs may be named "
                               "(this endpoint reads no files and fetches nothing)")
        if isinstance(node, Variable) and str(node) not in star:
            star.append(str(node))
    clauses = dict.get(query, "limitoffset")
    limit = clauses.get("limit") if isinstance(clauses, dict) else None
    limit = int(limit) if limit is not None else None
    if form == "SELECT" and not dict.get(query, "projection"):
        return Checked(form, tuple(star), limit)
    return Checked(form, limit=limit)


def analyse_query(text: str, named_graphs: Iterable[str] = (), limits: Limits = Limits()) -> Checked:
    """Check a query on its parse tree (rdflib's SPARQL 1.1 parser); raise if not allowed.

    Refused (403): any SPARQL Update (whatever its spelling), ``SERVICE``
    anywhere (also inside ``EXISTS`` or sub-queries), ``FROM`` a graph that
    is not in the store. 400: text neither parser accepts; 413: too long.
    """
    if not text or not text.strip():
        raise EndpointError("missing query: send it as the 'query' parameter or as an "
                            "application/sparql-query body")
    if len(text) > limits.max_query:
        raise EndpointError(f"query too long ({len(text)} characters; limit {limits.max_query})", 413)
    out = _analyse(text, frozenset(named_graphs))
    if isinstance(out, EndpointError):
        raise out
    return out


#: What a query's text must contain (after its \\u escapes, case-folded) for the guard to parse it.
_PARSE_MARKS = ("service", "from", "*")


def needs_parse(text: str) -> bool:
    """Whether the guard must parse ``text`` before it runs.

    Only the parse decides what is refused (:func:`analyse_query`). A query
    whose text holds neither ``service`` nor ``from`` anywhere (in any case,
    after its ``\\u`` escapes, even inside IRIs and strings) cannot call
    another host or name a graph, and one without ``*`` is no ``SELECT *``:
    it runs as it is, and Oxigraph's query parser, which never runs an
    update, reads it. Parsing with rdflib takes milliseconds; this takes
    microseconds.

    >>> needs_parse("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    False
    >>> needs_parse("SELECT ?s WHERE { SERV\\u0049CE <http://example.org/> { ?s ?p ?o } }")
    True
    """
    plain = _ESCAPE.sub(_unescape, text).casefold()
    return any(mark in plain for mark in _PARSE_MARKS)


def guard(text: str, named_graphs: Iterable[str] = (), limits: Limits = Limits()) -> Optional[Checked]:
    """Check a query before it runs: its analysis, or None when it needs no parse; raise if refused.

    See :func:`needs_parse` and :func:`analyse_query` (which also says what is refused).
    """
    if text and text.strip() and len(text) <= limits.max_query and not needs_parse(text):
        return None
    return analyse_query(text, named_graphs, limits)


def check_query(text: str, named_graphs: Iterable[str] = (), limits: Limits = Limits()) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) of an allowed query, else raise.

    See :func:`analyse_query`.
    """
    return analyse_query(text, named_graphs, limits).form


# ---------------------------------------------------------------- formats

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
               "jsonld": "application/ld+json"}
_ALIASES = {
    "application/sparql-results+json": "json", "application/json": "json", "json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml", "xml": "xml",
    "text/csv": "csv", "csv": "csv", "text/tab-separated-values": "tsv", "tsv": "tsv",
    "text/turtle": "turtle", "application/x-turtle": "turtle", "turtle": "turtle", "ttl": "turtle",
    "application/n-triples": "nt", "text/plain": "nt", "nt": "nt", "ntriples": "nt",
    "n-triples": "nt", "application/rdf+xml": "rdfxml", "rdfxml": "rdfxml", "rdf": "rdfxml",
    "application/ld+json": "jsonld", "jsonld": "jsonld", "json-ld": "jsonld",
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
        if allowed is GRAPH_TYPES and name in ("json", "xml"):  # SPARQLWrapper's names
            name = "jsonld" if name == "json" else "rdfxml"
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
        if allowed is GRAPH_TYPES and mime == "application/json":
            name = "jsonld"
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

    @classmethod
    def rows(cls, limits: "Limits") -> "TooLarge":
        """The error of a result with more rows than ``limits`` allow."""
        return cls(f"the result has more than {limits.max_rows} rows: add a LIMIT (or narrow the query)")


def ordered_variables(result, order: Optional[Iterable[str]]) -> list[str]:
    """A SELECT result's variables with those of ``order`` (a ``SELECT *``'s, in the query's order) first.

    >>> r = ox.Store().query("SELECT * WHERE { BIND (1 AS ?z) BIND (2 AS ?a) }")
    >>> ordered_variables(r, ["a"])
    ['a', 'z']
    """
    variables = [v.value for v in result.variables]
    first = [v for v in order or () if v in variables]
    return first + [v for v in variables if v not in first]


_RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}


#: Oxigraph's writers of query results, by format name.
RESULT_WRITERS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


def serialize(result, name: str, limits: Limits, prefixes: Optional[dict] = None,
              order: Optional[Iterable[str]] = None, counted: bool = False) -> bytes:
    """Serialise a pyoxigraph query result in format ``name`` within the row limit.

    ``result`` is a ``QueryBoolean``, ``QuerySolutions`` or a list (or
    ``QueryTriples``) of triples; ``order`` puts the variables of a
    ``SELECT *`` in the query's order (others follow). ``counted``: the rows
    were already counted against the row limit (by the backend, as they
    streamed in), so Oxigraph's own writer may serialise them.

    >>> r = ox.Store().query("SELECT * WHERE { BIND (1 AS ?z) BIND (2 AS ?a) }")
    >>> serialize(r, "csv", Limits(), order=["z", "a"])
    b'z,a\\r\\n1,2\\r\\n'
    """
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
                raise TooLarge.rows(limits)
            yield item

    if isinstance(result, (ox.QueryTriples, list)):
        triples = list(bounded(result))
        if name in ("turtle", "rdfxml"):
            return ox.serialize(triples, format=_RDF_FORMATS[name], prefixes=prefixes or None) or b""
        return ox.serialize(triples, format=_RDF_FORMATS[name]) or b""
    variables = ordered_variables(result, order)
    if counted and name in RESULT_WRITERS and variables == [v.value for v in result.variables]:
        return result.serialize(format=RESULT_WRITERS[name]) or b""
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

"""SPARQL over the graph, and the project's named example queries (``kg/queries/*.rq``).

A query runs on Oxigraph (the store's engine; a file or an in-memory graph is
copied into an in-memory Oxigraph store), with the ontology and the CAMEO
scheme added to the default graph, so a query can climb ``skos:broader``
from "111" to "11 Disapprove" and use ``rdfs:subPropertyOf``.

Parameters: ``$name`` in a query is replaced by the string literal given with
``--param name=value`` (or the default declared in the query's header).
``$name`` is an ordinary SPARQL variable, so a query file stays valid SPARQL.

Named query header (comment lines at the top of the ``.rq`` file)::

    # title: Who condemned an actor
    # Free text describing the query ...
    # param: target = North Korea | label or Wikidata QID of the condemned actor

>>> from kg.rdf.triples import new_graph
>>> from kg.rdf.namespace import ENT, ENTID
>>> from rdflib import Literal
>>> from rdflib.namespace import RDFS
>>> g = new_graph()
>>> _ = g.add((ENTID["actor/Q884"], RDFS.label, Literal("South Korea")))
>>> r = run_query(g, "SELECT ?x WHERE { ?x rdfs:label $name }", {"name": "South Korea"})
>>> r.rows[0]["x"]
'https://w3id.org/entente/id/actor/Q884'
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError, UsageError
from kg.output import csv_cell
from kg.rdf.store import VOCABULARIES, ensure_vocabularies, memory_graph
from kg.rdf.triples import PREFIXES

QUERIES = Path(__file__).resolve().parent / "queries"

#: Prefixes every query may use without declaring them.
QUERY_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}
QUERY_PREFIXES["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@dataclass
class NamedQuery:
    """A documented query shipped in ``kg/queries``."""

    name: str
    title: str
    description: str
    params: dict[str, tuple[str, str]]  # name -> (default, help)
    text: str
    path: Path


@dataclass
class QueryResult:
    """Result of a query: variables and rows (values as strings, None if unbound)."""

    variables: list[str]
    rows: list[dict[str, Optional[str]]] = field(default_factory=list)
    boolean: Optional[bool] = None
    #: what the user should know about an empty result (a parameter naming no actor)
    notes: list[str] = field(default_factory=list)


def parse_header(path: Path) -> NamedQuery:
    """Read a named query and its header comments."""
    text = path.read_text(encoding="utf-8")
    title, desc, params = path.stem, [], {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if body.lower().startswith("title:"):
            title = body.split(":", 1)[1].strip()
        elif body.lower().startswith("param:"):
            spec = body.split(":", 1)[1]
            name_default, _, help_ = spec.partition("|")
            name, _, default = name_default.partition("=")
            params[name.strip()] = (default.strip(), help_.strip())
        elif body:
            desc.append(body)
    return NamedQuery(path.stem, title, " ".join(desc), params, text, path)


def named_queries() -> dict[str, NamedQuery]:
    """All named queries, by name."""
    return {p.stem: parse_header(p) for p in sorted(QUERIES.glob("*.rq"))}


def resolve_query(query: str) -> tuple[str, dict[str, str]]:
    """SPARQL text and parameter defaults for a query name, a ``.rq`` path or SPARQL text."""
    named = named_queries()
    if query in named:
        q = named[query]
        return q.text, {k: v[0] for k, v in q.params.items()}
    p = Path(query)
    if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and p.is_file()):
        if not p.is_file():
            raise StoreError(f"{query}: no such query file")
        q = parse_header(p)
        return q.text, {k: v[0] for k, v in q.params.items()}
    if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.I):
        raise UsageError(f"{query!r} is not a named query, a .rq file or SPARQL "
                         f"(named queries: {', '.join(named) or 'none'})")
    return query, {}


def _literal(value: str) -> str:
    """A SPARQL string literal."""
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"'


_QID = re.compile(r"Q[1-9][0-9]*")
_IRI = re.compile(r"(?:https?|urn):[^\s<>\"{}|^`\\]+")
WIKIDATA = "http://www.wikidata.org/entity/"


def actor_keys(value: str) -> str:
    """The terms an actor parameter may be: its label, its Wikidata entity, its IRI.

    >>> actor_keys("Q884"), actor_keys("South Korea")
    ('"Q884" <http://www.wikidata.org/entity/Q884>', '"South Korea"')
    """
    keys = [_literal(value)]
    if _QID.fullmatch(value):
        keys.append(f"<{WIKIDATA}{value}>")
    elif _IRI.fullmatch(value):
        keys.append(f"<{value}>")
    return " ".join(keys)


#: A parameter alone in a VALUES block names an actor (see :func:`substitute`): the block's
#: opening, the parameter's name, the block's end.
_ACTOR_PARAM = re.compile(r"(VALUES\s+[?$]\w+\s*\{\s*)\$(\w+)(\s*\})", re.I)


def substitute(sparql: str, params: dict[str, str]) -> str:
    """Replace ``$name`` by the string literal of ``params[name]``.

    Alone in a ``VALUES`` block, ``$name`` stands for the keys of an actor
    (:func:`actor_keys`): its exact label, and its Wikidata entity for a QID
    or the IRI itself for an IRI; a query then finds the actor through the
    indexes (``?a rdfs:label|owl:sameAs|(rdfs:label/^rdfs:label) ?key``), never by a scan of labels.

    >>> substitute('SELECT * WHERE { ?x ?p $who }', {"who": 'Q"1'})
    'SELECT * WHERE { ?x ?p "Q\\\\"1" }'
    >>> substitute('SELECT * WHERE { VALUES ?k { $who } }', {"who": "Q1"})
    'SELECT * WHERE { VALUES ?k { "Q1" <http://www.wikidata.org/entity/Q1> } }'
    """
    sparql = _ACTOR_PARAM.sub(lambda m: m.group(1) + actor_keys(params[m.group(2)]) + m.group(3)
                              if m.group(2) in params else m.group(0), sparql)
    for name, value in params.items():
        sparql = re.sub(r"\$" + re.escape(name) + r"\b", lambda _m: _literal(value), sparql)
    return sparql


def _oxigraph_graph(graph: Graph) -> Graph:
    if hasattr(graph.store, "_inner"):
        return graph
    copy = memory_graph()
    from kg.rdf.store import add_graph

    add_graph(copy, graph)
    return copy


def _term(term: Any) -> Optional[str]:
    if term is None:
        return None
    if isinstance(term, ox.Triple):
        return f"<< {_term(term.subject)} {_term(term.predicate)} {_term(term.object)} >>"
    return str(term.value)


def run_query(graph: Graph, sparql: str, params: Optional[dict[str, str]] = None,
              vocabularies: bool = True) -> QueryResult:
    """Run SPARQL on ``graph`` (a store or any rdflib graph); parameters fill ``$name``.

    With ``vocabularies`` the ontology and the CAMEO scheme are part of the
    query's default graph; without, only the data is.
    """
    text = substitute(sparql, params or {})
    if hasattr(graph.store, "select"):  # a SPARQL server (kg.rdf.remote)
        return _from_rdflib(graph.store.select(text, prefixes=QUERY_PREFIXES,
                                               vocabularies=vocabularies))
    g = _oxigraph_graph(graph)
    inner = g.store._inner  # type: ignore[attr-defined]
    defaults = [ox.DefaultGraph()]
    if vocabularies:
        ensure_vocabularies(g)
        defaults += [ox.NamedNode(v) for v in VOCABULARIES]
    try:
        result = inner.query(text, default_graph=defaults, prefixes=QUERY_PREFIXES)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(["ask"], [{"ask": str(bool(result)).lower()}], bool(result))
        if isinstance(result, ox.QueryTriples):
            rows = [{"subject": _term(t.subject), "predicate": _term(t.predicate),
                     "object": _term(t.object)} for t in result]
            return QueryResult(["subject", "predicate", "object"], rows)
        variables = [v.value for v in result.variables]
        rows = [{v: _term(sol[v]) for v in variables} for sol in result]
        return QueryResult(variables, rows)
    except SyntaxError as exc:
        msg = " ".join(str(exc).split())
        if len(msg) > 160:
            msg = msg[:159] + "…"
        raise StoreError(f"bad SPARQL: {msg}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise StoreError(f"query failed: {' '.join(str(exc).split())}") from exc


def _from_rdflib(result: Any) -> QueryResult:
    """A QueryResult from an rdflib ``Result`` (what a SPARQL server answers)."""
    if result.type == "ASK":
        return QueryResult(["ask"], [{"ask": str(bool(result.askAnswer)).lower()}],
                           bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        rows = [{"subject": str(s), "predicate": str(p), "object": str(o)}
                for s, p, o in result.graph]
        return QueryResult(["subject", "predicate", "object"], rows)
    variables = [str(v) for v in result.vars]
    rows = [{v: (None if row[i] is None else str(row[i])) for i, v in enumerate(variables)}
            for row in result]
    return QueryResult(variables, rows)


def shorten(value: Optional[str]) -> str:
    """An IRI with a known prefix as ``prefix:local``; other values unchanged.

    >>> shorten("https://w3id.org/entente/ns#disapprovesOf"), shorten("http://www.wikidata.org/entity/Q884")
    ('ent:disapprovesOf', 'wd:Q884')
    """
    if value is None:
        return ""
    for prefix, ns in sorted(QUERY_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


_LONG_DECIMAL = re.compile(r"-?\d+\.\d{4,}")


def _cell(value: Optional[str]) -> str:
    """A table cell: IRIs shortened, whitespace runs as one space, long decimals to 3 places."""
    text = " ".join(shorten(value).split())
    if _LONG_DECIMAL.fullmatch(text):
        text = f"{float(text):.3f}".rstrip("0").rstrip(".")
    return text


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as an aligned ``table``, ``csv`` or ``json`` (a list of row objects).

    The table is for reading: IRIs with a known prefix are shortened, whitespace is
    collapsed and long decimals (a mean) are shown to three places; ``csv`` and ``json``
    keep every value as it is. CSV cells that a spreadsheet would run as a formula are
    escaped (:func:`kg.output.csv_cell`).
    """
    if fmt == "json":
        if result.boolean is not None:
            return json.dumps({"boolean": result.boolean}) + "\n"
        return json.dumps(result.rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=result.variables, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else csv_cell(v)) for k, v in r.items()}
                         for r in result.rows)
        return buf.getvalue()
    if fmt != "table":
        raise UsageError(f"unknown format {fmt!r} (use table, csv or json)")
    cells = [[_cell(r.get(v)) for v in result.variables] for r in result.rows]
    width = [min(60, max([len(v)] + [len(c[i]) for c in cells]))
             for i, v in enumerate(result.variables)]

    def fit(text: str, w: int) -> str:
        return text if len(text) <= w else text[: w - 1] + "…"

    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, width)).rstrip(),
             "  ".join("-" * w for w in width)]
    lines += ["  ".join(fit(c, w).ljust(w) for c, w in zip(row, width)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


_ACTOR_EXISTS = "ASK { VALUES ?key { $key } ?a rdfs:label|owl:sameAs|(rdfs:label/^rdfs:label) ?key }"


def unknown_actors(graph: Graph, sparql: str, params: dict[str, str]) -> list[str]:
    """The values of the actor parameters of ``sparql`` that name no actor of ``graph``.

    An actor parameter stands alone in a ``VALUES`` block; an empty value
    (meaning "all") is not checked.

    >>> from kg.rdf.store import memory_graph
    >>> unknown_actors(memory_graph(), "SELECT * WHERE { VALUES ?k { $a } }", {"a": "Atlantis"})
    ['Atlantis']
    """
    out = []
    for name in dict.fromkeys(m.group(2) for m in _ACTOR_PARAM.finditer(sparql)):
        value = (params.get(name) or "").strip()
        if value and not run_query(graph, _ACTOR_EXISTS, {"key": value}, vocabularies=False).boolean:
            out.append(value)
    return out


def query_file_or_store(source: Union[str, Path], query: str,
                        params: Optional[dict[str, str]] = None,
                        vocabularies: bool = True) -> QueryResult:
    """Load a graph file or store, run a named query / .rq file / SPARQL text on it."""
    from kg.rdf.store import is_store_dir, load_graph, open_read_only

    sparql, defaults = resolve_query(query)
    values = dict(defaults)
    values.update(params or {})
    # a store is opened read-only: nothing rewritten, no lock taken
    graph = open_read_only(source) if is_store_dir(source) else load_graph(str(source))
    try:
        result = run_query(graph, sparql, values, vocabularies)
        if not result.rows and result.boolean is None:  # say why, when an actor is unknown
            result.notes = [f"no actor has the label, Wikidata QID or IRI {v!r} (`kg query "
                            f"{source} actors` lists them)" for v in unknown_actors(graph, sparql, values)]
        return result
    finally:
        graph.close()

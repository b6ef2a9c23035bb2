"""The graph as tables: events, actors and relations, for pandas, R and Gephi.

Each function reads a store, a graph file (anything :func:`kg.rdf.store.load_graph`
opens) or an rdflib graph, with plain SPARQL, so it works on an Oxigraph
store, an in-memory graph and a SPARQL server alike.

- :func:`event_records` / :func:`events`: one row per event, in columns close
  to GDELT's and ICEWS's (``date``, ``source_name``, ``source_code`` (CAMEO
  actor code, when the graph has one), ``source_country`` (ISO3 of the state
  acted for), ``event_code``, ``event_root``, ``quad_class``, ``goldstein``,
  ``mentions``, ``source_url``, ``sentence``, ...);
- :func:`actor_records` / :func:`actors`: one row per actor;
- :func:`relation_records` / :func:`relations`: one row per (source, target,
  relation) with the number of events and the summed Goldstein score;
- :func:`gephi_graph`: a networkx ``MultiDiGraph`` whose attributes are all
  strings, numbers or booleans (never None), ready for ``write_graphml`` or
  ``write_gexf``.

``events``, ``actors`` and ``relations`` return pandas DataFrames; pandas is
an optional dependency (``pip install 'entente[frames]'``); the ``*_records``
functions return plain dicts and need nothing more.

>>> from kg.rdf.triples import build_graph
>>> from kg.model import ActorRef, Document, Event
>>> kor = ActorRef.create("State", "South Korea", wikidata="Q884", iso3="KOR", country="Q884")
>>> prk = ActorRef.create("State", "North Korea", wikidata="Q423", iso3="PRK", country="Q423")
>>> ev = Event(id="https://w3id.org/entente/id/event/1", doc="d", sentence="S condemned N.",
...            start=0, end=13, date="2024-11-04", date_precision="day", source=kor,
...            target=prk, cameo="111", plover="ACCUSE", relation="disapprovesOf",
...            goldstein=-2.0, confidence=0.8, trigger="condemned")
>>> g = build_graph([(Document(id="d", text="S condemned N.", url="http://x/1"), [ev])])
>>> row = event_records(g)[0]
>>> row["date"], row["source_name"], row["target_country"], row["event_root"], row["quad_class"]
('2024-11-04', 'South Korea', 'PRK', '11', 3)
>>> row["source_url"], row["mentions"]
('http://x/1', 1)
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, Iterator, Optional, Union

import networkx as nx
import rdflib

from kg.graph.projection import select
from kg.ids import ONTOLOGY, WIKIDATA
from kg.rdf.namespace import CLASS_TYPES as _CLASS_TYPES
from kg.rdf.namespace import SPARQL_PREFIXES as _PREFIXES

if TYPE_CHECKING:
    import pandas

#: Columns of :func:`event_records`, in order (the CSV header of ``kg export --format events-csv``).
EVENT_COLUMNS = (
    "event_id", "date", "date_precision",
    "source_name", "source_code", "source_type", "source_country", "source_wikidata",
    "source_sector",
    "target_name", "target_code", "target_type", "target_country", "target_wikidata",
    "target_sector",
    "event_code", "event_root", "quad_class", "goldstein", "plover", "relation",
    "modality", "negated", "confidence", "mentions", "domestic",
    "doc", "doc_title", "source_url", "sentence", "trigger", "target_event",
    "source_id", "target_id",
)
#: Columns of :func:`actor_records`.
ACTOR_COLUMNS = ("actor_id", "name", "type", "code", "sector", "country", "wikidata", "iso3",
                 "role", "acts_for", "events_as_source", "events_as_target")
#: Columns of :func:`relation_records`.
RELATION_COLUMNS = ("source_name", "target_name", "relation", "event_root", "quad_class",
                    "events", "goldstein_sum", "goldstein_mean", "first_date", "last_date",
                    "source_id", "target_id")

# ent:domestic, ent:actorCode and ent:sector are read when the graph has them (older
# graphs do not); ``mentions`` counts the event's prov:wasDerivedFrom mentions (or
# ent:mentions, if a graph states it).
EVENTS_QUERY = _PREFIXES + """
SELECT ?ev ?source ?target ?code ?date ?prec ?goldstein ?plover ?relation ?modality ?negated
       ?confidence ?trigger ?tev ?sentence ?docid ?title ?url ?mentions ?domestic ?m WHERE {
  ?ev a ent:Event ; ent:source ?source .
  OPTIONAL { ?ev ent:target ?target }
  OPTIONAL { ?ev ent:cameoCode ?code }
  OPTIONAL { ?ev ent:date ?date }
  OPTIONAL { ?ev ent:datePrecision ?prec }
  OPTIONAL { ?ev ent:goldstein ?goldstein }
  OPTIONAL { ?ev ent:ploverType ?plover }
  OPTIONAL { ?ev ent:relation ?relation }
  OPTIONAL { ?ev ent:modality ?modality }
  OPTIONAL { ?ev ent:negated ?negated }
  OPTIONAL { ?ev ent:confidence ?confidence }
  OPTIONAL { ?ev ent:trigger ?trigger }
  OPTIONAL { ?ev ent:targetEvent ?tev }
  OPTIONAL { ?ev ent:mentions ?mentions }
  OPTIONAL { ?ev ent:domestic ?domestic }
  OPTIONAL { ?ev prov:wasDerivedFrom ?m .
             OPTIONAL { ?m ent:sentenceText ?sentence }
             OPTIONAL { ?m dcterms:isPartOf ?doc .
                        OPTIONAL { ?doc dcterms:identifier ?docid }
                        OPTIONAL { ?doc dcterms:title ?title }
                        OPTIONAL { ?doc dcterms:source ?url } } }
}"""

ACTORS_QUERY = _PREFIXES + """
SELECT ?a ?p ?o WHERE {
  { ?e a ent:Event . { ?e ent:source ?a } UNION { ?e ent:target ?a } }
  UNION { ?x ent:actsFor ?a }
  ?a ?p ?o .
  FILTER(?p IN (rdf:type, rdfs:label, owl:sameAs, ent:iso3, ent:actsFor, ent:role,
                ent:actorCode, ent:sector))
}"""

Source = Union[str, "rdflib.Graph"]


def _select(graph: rdflib.Graph, query: str) -> Iterator[tuple[Optional[str], ...]]:
    """Rows of a SELECT over every graph of the store (see :func:`kg.graph.projection.select`)."""
    return select(graph, query, union=True)


def _local(iri: Optional[str]) -> str:
    return "" if not iri else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def quad_class(root: str) -> int:
    """CAMEO quad class of a root code: 1 verbal cooperation (01-05), 2 material
    cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).

    >>> [quad_class(r) for r in ("04", "07", "11", "19")]
    [1, 2, 3, 4]
    """
    n = int(root[:2])
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _open(source: Source) -> tuple[rdflib.Graph, bool]:
    if isinstance(source, rdflib.Graph):
        return source, False
    from kg.rdf.store import load_graph

    return load_graph(str(source)), True


def _actor_table(graph: rdflib.Graph) -> dict[str, dict[str, Any]]:
    actors: dict[str, dict[str, Any]] = defaultdict(dict)
    for a, p, o in _select(graph, ACTORS_QUERY):
        rec, prop = actors[a], _local(p)
        if prop == "label":
            rec["name"] = min(rec.get("name") or o, o)  # several labels: pick one, stably
        elif prop == "sameAs" and o.startswith(WIKIDATA):
            rec["wikidata"] = o[len(WIKIDATA):]
        elif prop == "type":
            if o.startswith(ONTOLOGY) and _local(o) in _CLASS_TYPES:
                rec["type"] = _CLASS_TYPES[_local(o)]
        elif prop == "actsFor":
            rec["acts_for"] = o
        elif prop in ("iso3", "role", "sector"):
            rec[prop] = o
        elif prop == "actorCode":
            rec["code"] = o
    _fill_countries(actors)
    return actors


def _fill_countries(actors: dict[str, dict[str, Any]]) -> None:
    """``country``: ISO3 of the actor's state (its own for a state), via ent:actsFor."""
    from kg.graph.lookup import polity_names

    names = None
    for rec in actors.values():
        polity = actors.get(rec.get("acts_for") or "", rec)
        iso3 = rec.get("iso3") or polity.get("iso3")
        qid = polity.get("wikidata") or rec.get("wikidata")
        if not iso3 and qid:
            names = names if names is not None else polity_names()
            ref = names.get(qid)
            iso3 = ref.iso3 if ref else None
            rec.setdefault("name", ref.label if ref else None)
        rec["country"] = iso3 or ""


def _bool(value: Optional[str]) -> bool:
    return (value or "").lower() in ("true", "1")


def _number(value: Optional[str], kind: type, default: Any) -> Any:
    try:
        return kind(float(value)) if kind is int else kind(value)
    except (TypeError, ValueError):
        return default


def _event_rows(graph: rdflib.Graph, actors: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    seen: dict[str, set[str]] = defaultdict(set)
    for (ev, src, tgt, code, date, prec, gold, plover, rel, mod, neg, conf, trigger, tev,
         sentence, docid, title, url, mentions, domestic, mention) in _select(graph, EVENTS_QUERY):
        if mention:
            seen[ev].add(mention)
        if ev in rows:  # several values of an optional property: keep the first
            rows[ev]["mentions"] = max(rows[ev]["mentions"], len(seen[ev]))
            continue
        code = code or ""
        row: dict[str, Any] = {"event_id": ev, "date": (date or "")[:10],
                               "date_precision": _local(prec).lower().replace("documentdate",
                                                                               "document")}
        for side, iri in (("source", src), ("target", tgt)):
            a = actors.get(iri or "", {})
            row.update({f"{side}_name": a.get("name") or _local(iri), f"{side}_code": a.get("code", ""),
                        f"{side}_type": a.get("type", ""), f"{side}_country": a.get("country", ""),
                        f"{side}_wikidata": a.get("wikidata", ""),
                        f"{side}_sector": a.get("sector", ""), f"{side}_id": iri or ""})
        row.update({
            "event_code": code, "event_root": code[:2],
            "quad_class": quad_class(code) if code[:2].isdigit() else 0,
            "goldstein": _number(gold, float, 0.0), "plover": plover or "",
            "relation": _local(rel), "modality": _local(mod).lower(), "negated": _bool(neg),
            "confidence": _number(conf, float, 0.0), "mentions": max(_number(mentions, int, 1), len(seen[ev])),
            "domestic": (_bool(domestic) if domestic is not None
                         else bool(row["source_country"])
                         and row["source_country"] == row["target_country"]),
            "doc": docid or "", "doc_title": title or "", "source_url": url or "",
            "sentence": sentence or "", "trigger": trigger or "", "target_event": tev or ""})
        rows[ev] = row
    return sorted(rows.values(), key=lambda r: (r["date"] or "9999", r["doc"], r["event_id"]))


def event_records(source: Source) -> list[dict[str, Any]]:
    """One dict per event (keys :data:`EVENT_COLUMNS`), sorted by date; values never None.

    Missing values are empty strings (text) or 0 (numbers); ``mentions`` is 1
    unless the graph records more; ``domestic`` is read from the graph, else
    true when both actors act for the same state.
    """
    graph, owned = _open(source)
    try:
        return _event_rows(graph, _actor_table(graph))
    finally:
        if owned:
            graph.close()


def actor_records(source: Source) -> list[dict[str, Any]]:
    """One dict per actor that takes part in an event or is acted for (keys :data:`ACTOR_COLUMNS`)."""
    graph, owned = _open(source)
    try:
        actors = _actor_table(graph)
        events = _event_rows(graph, actors)
    finally:
        if owned:
            graph.close()
    count: dict[tuple[str, str], int] = defaultdict(int)
    for e in events:
        count[("source", e["source_id"])] += 1
        count[("target", e["target_id"])] += 1
    rows = [{"actor_id": iri, "name": a.get("name") or _local(iri), "type": a.get("type", ""),
             "code": a.get("code", ""), "sector": a.get("sector", ""),
             "country": a.get("country", ""), "wikidata": a.get("wikidata", ""),
             "iso3": a.get("iso3", ""), "role": a.get("role", ""),
             "acts_for": a.get("acts_for", ""),
             "events_as_source": count[("source", iri)], "events_as_target": count[("target", iri)]}
            for iri, a in actors.items()]
    return sorted(rows, key=lambda r: (r["name"], r["actor_id"]))


def _relation_rows(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        if e["target_id"] and not e["negated"]:
            groups[(e["source_id"], e["target_id"], e["relation"])].append(e)
    rows = []
    for (src, tgt, rel), evs in groups.items():
        dates = sorted(e["date"] for e in evs if e["date"])
        total = sum(e["goldstein"] for e in evs)
        rows.append({"source_name": evs[0]["source_name"], "target_name": evs[0]["target_name"],
                     "relation": rel, "event_root": evs[0]["event_root"],
                     "quad_class": evs[0]["quad_class"], "events": len(evs),
                     "goldstein_sum": round(total, 3), "goldstein_mean": round(total / len(evs), 3),
                     "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else "",
                     "source_id": src, "target_id": tgt})
    return sorted(rows, key=lambda r: (-r["events"], r["source_name"], r["target_name"], r["relation"]))


def relation_records(source: Source) -> list[dict[str, Any]]:
    """One dict per (source, target, relation) of the non-negated events (keys :data:`RELATION_COLUMNS`)."""
    return _relation_rows(event_records(source))


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> "pandas.DataFrame":
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the installation
        from kg.errors import UsageError

        raise UsageError("kg.frames needs pandas: pip install 'entente[frames]'") from exc
    frame = pd.DataFrame(rows, columns=list(columns))
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"].replace("", None), errors="coerce")
    return frame


def events(source: Source) -> "pandas.DataFrame":
    """The events as a DataFrame (columns :data:`EVENT_COLUMNS`; ``date`` as datetime64).

    >>> from kg.rdf.triples import build_graph
    >>> events(build_graph([])).shape[1] == len(EVENT_COLUMNS)
    True
    """
    return _frame(event_records(source), EVENT_COLUMNS)


def actors(source: Source) -> "pandas.DataFrame":
    """The actors as a DataFrame (columns :data:`ACTOR_COLUMNS`)."""
    return _frame(actor_records(source), ACTOR_COLUMNS)


def relations(source: Source) -> "pandas.DataFrame":
    """Actor-to-actor relations with event counts and Goldstein sums (columns :data:`RELATION_COLUMNS`)."""
    return _frame(relation_records(source), RELATION_COLUMNS)


def gephi_graph(source: Source) -> nx.MultiDiGraph:
    """Actors as nodes, one edge per event; every attribute a str, int, float or bool.

    Node attributes: ``label`` and the :data:`ACTOR_COLUMNS`; edge attributes:
    the event's code, root, quad class, Goldstein score, date, confidence,
    modality, sentence, ... ``nx.write_graphml`` and ``nx.write_gexf`` take it
    as it is, and Gephi opens both.

    >>> from kg.rdf.triples import build_graph
    >>> import io
    >>> nx.write_graphml(gephi_graph(build_graph([])), io.BytesIO())
    """
    graph, owned = _open(source)
    try:
        actors_ = actor_records(graph)
        events_ = event_records(graph)
    finally:
        if owned:
            graph.close()
    G = nx.MultiDiGraph(name="Entente actor graph")
    for a in actors_:
        G.add_node(a["actor_id"], label=a["name"],
                   **{k: v for k, v in a.items() if k not in ("actor_id",)})
    skip = {"source_id", "target_id", "source_name", "target_name"}
    for e in events_:
        if not e["target_id"]:
            continue
        G.add_edge(e["source_id"], e["target_id"], key=e["event_id"],
                   label=e["relation"], weight=abs(e["goldstein"]) or 0.1,
                   **{k: v for k, v in e.items() if k not in skip})
    return G

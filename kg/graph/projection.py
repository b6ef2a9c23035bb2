"""Project the RDF knowledge graph into networkx graphs.

Two views are built:

* the **actor graph**, a :class:`networkx.MultiDiGraph` whose nodes are actor
  IRIs (attributes ``label``, ``type``, ``wikidata``, ``iso3``, ``role``,
  ``country`` (QID of the polity acted for), ``polity`` (IRI of that polity),
  ``acts_for`` and ``aliases``)
  and which has one edge per event, keyed by the event IRI (attributes
  ``event``, ``cameo``, ``root``, ``relation``, ``goldstein``, ``date``,
  ``modality``, ``negated``, ``confidence``, ``mention``, ``sentence``,
  ``doc``);
* the **polity graph**, where persons, forces and government bodies are rolled
  up along ``ent:actsFor`` to the state or organisation they act for, and all
  events between two polities are summed into one signed edge (``weight`` is
  the summed Goldstein score; ``coop``/``conf`` count cooperative (CAMEO roots
  01-09) and conflictual (10-20) events), built from the actor graph by
  :mod:`kg.graph.polities`.

The RDF is read with plain SPARQL strings, so the same code runs over an
in-memory rdflib graph and over an Oxigraph-backed store.
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from typing import Any, Iterable, Iterator, Optional

import networkx as nx
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import UsageError
from kg.graph.lookup import PolityName, polity_names
from kg.ids import ONTOLOGY, WIKIDATA, actor_iri, event_iri
from kg.rdf.namespace import ACTOR_CLASSES, CLASS_TYPES, ROOT_RELATIONS
from kg.rdf.namespace import SPARQL_PREFIXES as _PREFIXES

#: Actor types that are polities: the end of an ``ent:actsFor`` chain.
POLITY_TYPES = ("State", "Organization")

EVENTS_QUERY = _PREFIXES + """
SELECT ?ev ?source ?target ?code ?ecode ?relation ?goldstein ?confidence ?modality ?negated
       ?date ?trigger ?mention WHERE {
  ?ev a ent:Event ; ent:source ?source ; ent:target ?target .
  OPTIONAL { ?ev ent:cameoCode ?code }
  OPTIONAL { ?ev ent:eventCode ?ecode }
  OPTIONAL { ?ev ent:relation ?relation }
  OPTIONAL { ?ev ent:goldstein ?goldstein }
  OPTIONAL { ?ev ent:confidence ?confidence }
  OPTIONAL { ?ev ent:modality ?modality }
  OPTIONAL { ?ev ent:negated ?negated }
  OPTIONAL { ?ev ent:date ?date }
  OPTIONAL { ?ev ent:trigger ?trigger }
  OPTIONAL { ?ev prov:wasDerivedFrom ?mention }
}"""

MENTIONS_QUERY = _PREFIXES + """
SELECT ?m ?text ?docid ?docdate WHERE {
  ?m a ent:Mention .
  OPTIONAL { ?m ent:sentenceText ?text }
  OPTIONAL { ?m dcterms:isPartOf ?doc .
             OPTIONAL { ?doc dcterms:identifier ?docid }
             OPTIONAL { ?doc dcterms:date ?docdate } }
}"""

ACTORS_QUERY = _PREFIXES + """
SELECT ?a ?p ?o WHERE {
  ?a a ?cls ; ?p ?o .
  VALUES ?cls { %s }
  FILTER(?p IN (rdfs:label, owl:sameAs, ent:iso3, ent:actsFor, ent:role, ent:sector, ent:actorCode, rdf:type))
}""" % " ".join(f"ent:{c}" for c in ("Actor", *ACTOR_CLASSES.values()))

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _local(term: Any) -> str:
    """The local name of an IRI (after '#' or the last '/')."""
    s = str(term)
    return re.split(r"[#/]", s)[-1]


def _qid(term: Any) -> Optional[str]:
    s = str(term)
    return s[len(WIKIDATA):] if s.startswith(WIKIDATA) else None


def check_date(value: Optional[str], name: str = "date") -> Optional[str]:
    """Validate an ISO date bound (YYYY, YYYY-MM or YYYY-MM-DD); None passes.

    >>> check_date("2024-11")
    '2024-11'
    >>> check_date("2024-13-01")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: bad date for --date: '2024-13-01' (use YYYY-MM-DD, YYYY-MM or YYYY)
    >>> check_date("Nov 2024")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: bad date for --date: 'Nov 2024' (use YYYY-MM-DD, YYYY-MM or YYYY)
    """
    if value is None:
        return None
    if not _DATE.match(value) or not _real_date(value):
        raise UsageError(f"bad date for --{name}: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


def _real_date(value: str) -> bool:
    """True when a YYYY, YYYY-MM or YYYY-MM-DD bound names a day, month or year that exists."""
    import datetime as dt

    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def in_window(date: Optional[str], since: Optional[str] = None,
              until: Optional[str] = None) -> bool:
    """True if an ISO ``date`` lies in the inclusive window [since, until].

    Bounds may be partial (``"2024"``, ``"2024-11"``): ``until="2024-11"``
    includes the whole of November. An undated event lies in no window but
    the unbounded one.

    >>> in_window("2024-11-04", since="2024-11", until="2024-11")
    True
    >>> in_window("2024-12-01", until="2024-11"), in_window(None, since="2024")
    (False, False)
    """
    if since is None and until is None:
        return True
    if not date:
        return False
    if since is not None and date[:len(since)] < since:
        return False
    if until is not None and date[:len(until)] > until:
        return False
    return True


def select(graph: rdflib.Graph, query: str, *,
           union: bool = False) -> Iterator[tuple[Optional[str], ...]]:
    """Rows of a SPARQL SELECT as tuples of strings (IRIs, lexical forms) or None.

    On an Oxigraph-backed graph the query runs on the pyoxigraph store
    directly, which skips building rdflib terms (several times faster);
    with ``union`` it sees every named graph as the default graph. Any
    other graph goes through ``graph.query``.

    >>> g = rdflib.Graph().parse(data='<urn:a> <urn:p> "x" .', format="turtle")
    >>> list(select(g, "SELECT ?s ?o WHERE { ?s ?p ?o }"))
    [('urn:a', 'x')]
    """
    inner = getattr(graph.store, "_inner", None)
    if inner is not None and graph.identifier == DATASET_DEFAULT_GRAPH_ID:
        result = inner.query(query, use_default_graph_as_union=union)
        width = len(result.variables)
        for sol in result:
            yield tuple(None if sol[i] is None else sol[i].value for i in range(width))
        return
    for row in graph.query(query):
        yield tuple(None if x is None else str(x) for x in row)


def _actors(graph: rdflib.Graph) -> dict[str, dict[str, Any]]:
    actors: dict[str, dict[str, Any]] = defaultdict(dict)
    for a, p, o in select(graph, ACTORS_QUERY):
        rec = actors[a]
        prop = _local(p)
        if prop == "label":
            rec.setdefault("labels", set()).add(o)
        elif prop == "sameAs" and _qid(o):
            rec["wikidata"] = _qid(o)
        elif prop == "iso3":
            rec["iso3"] = o
        elif prop == "actsFor":
            rec["acts_for"] = o
        elif prop == "role":
            rec["role"] = o
        elif prop in ("sector", "actorCode"):
            rec[prop] = o
        elif prop == "type" and o.startswith(ONTOLOGY) and _local(o) in CLASS_TYPES:
            rec["type"] = CLASS_TYPES[_local(o)]
    for rec in actors.values():  # several labels (from several documents): pick one, stably
        labels = rec.pop("labels", None)
        if labels:
            rec["label"] = min(labels)
            rec["other_labels"] = labels
    return actors


def _mentions(graph: rdflib.Graph) -> dict[str, tuple[Optional[str], Optional[str], Optional[str]]]:
    """Mention IRI -> (sentence, document id, document date)."""
    out: dict[str, tuple[Optional[str], Optional[str], Optional[str]]] = {}
    for m, text, docid, docdate in select(graph, MENTIONS_QUERY):
        old = out.get(m, (None, None, None))
        out[m] = (old[0] or text, old[1] or _one(docid),
                  old[2] or _one(docdate[:10] if docdate else None))
    return out


def _one(value: Optional[str]) -> Optional[str]:
    """One string object for each repeated value (actor IRIs, codes, dates of many events)."""
    return sys.intern(value) if value else value


DOMESTIC_QUERY = _PREFIXES + """
SELECT ?ev WHERE { ?ev ent:domestic true }
"""


def _float(value: Optional[str], default: float) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def _events(graph: rdflib.Graph) -> dict[str, dict[str, Any]]:
    events: dict[str, dict[str, Any]] = {}
    for (ev, src, tgt, code, ecode, rel, gold, conf, mod, neg, date, trigger,
         mention) in select(graph, EVENTS_QUERY):
        if ev in events:  # several values of an optional property: keep the first
            if mention:  # merged mentions of one event: counted, the event once
                events[ev]["mentions"].add(mention)
            continue
        events[ev] = {"source": _one(src), "target": _one(tgt),
                      "cameoCode": _one(code or (ecode and _local(ecode))),
                      "relation": _one(rel and _local(rel)), "goldstein": _float(gold, 0.0),
                      "confidence": _float(conf, 0.5), "modality": _one(mod and _local(mod).lower()),
                      "negated": (neg or "").lower() in ("true", "1"),
                      "date": _one(date[:10] if date else None), "trigger": _one(trigger),
                      "wasDerivedFrom": mention, "mentions": {mention} if mention else set()}
    return events


def _polity(actors: dict[str, dict[str, Any]], iri: str) -> str:
    """Follow ``acts_for`` links up to a State/Organization (or the chain's end)."""
    seen = {iri}
    cur = iri
    while actors.get(cur, {}).get("type") not in POLITY_TYPES:
        nxt = actors.get(cur, {}).get("acts_for")
        if not nxt or nxt in seen:
            break
        seen.add(nxt)
        cur = nxt
    return cur


def _fill_names(actors: dict[str, dict[str, Any]], names: dict[str, PolityName]) -> None:
    """Reference label, type, ISO3 and name variants for actors with a known QID."""
    for rec in actors.values():
        ref = names.get(rec.get("wikidata") or "")
        if ref is None:
            continue
        if not rec.get("label") or rec["label"] == ref.qid \
                or ref.label in rec.get("other_labels", ()):
            rec["label"] = ref.label
        rec["type"] = rec.get("type") or ref.type
        rec["iso3"] = rec.get("iso3") or ref.iso3
        rec["aliases"] = ref.names


def _add_actor_nodes(G: nx.MultiDiGraph, actors: dict[str, dict[str, Any]],
                     names: Optional[dict[str, PolityName]] = None) -> None:
    by_qid = {rec["wikidata"]: iri for iri, rec in actors.items() if rec.get("wikidata")}
    for rec in actors.values():  # acts_for given as a Wikidata IRI
        tgt = rec.get("acts_for")
        if tgt and _qid(tgt) and _qid(tgt) in by_qid:
            rec["acts_for"] = by_qid[_qid(tgt)]
    for iri in list(actors):
        tgt = actors[iri].get("acts_for")
        if tgt and tgt not in actors:  # a polity mentioned only as an actsFor target
            actors[tgt] = {"label": _qid(tgt) or _local(tgt), "wikidata": _qid(tgt)}
    _fill_names(actors, names or {})
    for iri, rec in sorted(actors.items()):  # stable node order: stable communities
        polity = _polity(actors, iri)
        G.add_node(iri, label=rec.get("label") or _local(iri), type=rec.get("type"),
                   wikidata=rec.get("wikidata"), iso3=rec.get("iso3"), role=rec.get("role"),
                   sector=rec.get("sector"), code=rec.get("actorCode"),
                   acts_for=rec.get("acts_for"), polity=polity,
                   country=actors.get(polity, {}).get("wikidata"),
                   aliases=tuple(sorted(set(rec.get("aliases", ()))
                                        | set(rec.get("other_labels", ())) - {rec.get("label")})))


def project(graph: rdflib.Graph, names: Optional[dict[str, PolityName]] = None,
            ) -> nx.MultiDiGraph:
    """The actor graph of an RDF graph: one edge per event between two actors.

    Events without an actor target (only a nested ``ent:targetEvent``) are
    left out. An event's ``date`` falls back to its document's date. Actors
    known only by QID get their label and type from ``names`` (default: the
    gazetteer's, :func:`kg.graph.lookup.polity_names`).

    >>> ttl = '''
    ... @prefix ent: <https://w3id.org/entente/ns#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... @prefix act: <https://w3id.org/entente/id/actor/> .
    ... @prefix ev: <https://w3id.org/entente/id/event/> .
    ... act:Q884 a ent:State ; rdfs:label "South Korea" .
    ... act:Q423 a ent:State ; rdfs:label "North Korea" .
    ... ev:e1 a ent:Event ; ent:source act:Q884 ; ent:target act:Q423 ;
    ...     ent:cameoCode "111" ; ent:goldstein -2.0 ; ent:date "2024-11-04" .
    ... '''
    >>> G = project(rdflib.Graph().parse(data=ttl, format="turtle"))
    >>> [(G.nodes[u]["label"], G.nodes[v]["label"], d["root"], d["goldstein"])
    ...  for u, v, d in G.edges(data=True)]
    [('South Korea', 'North Korea', '11', -2.0)]
    """
    actors = _actors(graph)
    mentions = _mentions(graph)
    events = _events(graph)
    domestic = {ev for (ev,) in select(graph, DOMESTIC_QUERY)}
    G = nx.MultiDiGraph()
    for iri in {r.get(k) for r in events.values() for k in ("source", "target")}:
        if iri and iri not in actors:  # an actor used by events but not described
            actors[iri] = {"label": _local(iri)}
    _add_actor_nodes(G, actors, polity_names() if names is None else names)
    none = (None, None, None)
    for ev in sorted(events):
        rec = events.pop(ev)  # freed as the edges are made: the two are not held at once
        src, tgt, code = rec.get("source"), rec.get("target"), rec.get("cameoCode")
        if not src or not tgt or not code:
            continue
        sentence, doc, doc_date = mentions.get(rec.get("wasDerivedFrom") or "", none)
        root = code[:2]
        G.add_edge(src, tgt, key=ev, event=ev, cameo=code, root=root,
                   relation=rec.get("relation") or ROOT_RELATIONS.get(root),
                   goldstein=rec.get("goldstein", 0.0), date=rec.get("date") or doc_date,
                   modality=rec.get("modality") or "asserted",
                   negated=rec.get("negated", False), confidence=rec.get("confidence", 0.5),
                   trigger=rec.get("trigger"), mention=rec.get("wasDerivedFrom"),
                   sentence=sentence, doc=doc, domestic=ev in domestic,
                   mentions=max(1, len(rec["mentions"])),
                   articles=max(1, len({mentions.get(x, none)[1] for x in rec["mentions"]})))
    return G


def from_tuples(rows: Iterable[tuple], actors: Optional[dict[str, tuple]] = None,
                ) -> nx.MultiDiGraph:
    """A small actor graph from ``(source, target, cameo, goldstein, date)`` rows.

    Actors are given by label; they are states unless ``actors`` maps a label
    to ``(type, polity_label)``. Meant for examples, notebooks and tests; the
    result has the same shape as :func:`project`'s.

    >>> G = from_tuples([("Cho Tae-yul", "North Korea", "111", -2.0, "2024-11-04")],
    ...                 actors={"Cho Tae-yul": ("Person", "South Korea")})
    >>> cho = next(n for n, d in G.nodes(data=True) if d["label"] == "Cho Tae-yul")
    >>> G.nodes[G.nodes[cho]["polity"]]["label"]
    'South Korea'
    """
    actors = dict(actors or {})
    rows = list(rows)
    labels = {r[0] for r in rows} | {r[1] for r in rows} | {p for _, p in actors.values() if p}
    recs: dict[str, dict[str, Any]] = {}
    iri_of: dict[str, str] = {}
    for label in sorted(labels):
        typ, polity = actors.get(label, ("State", None))
        iri_of[label] = actor_iri(typ, label=label)
        recs[iri_of[label]] = {"label": label, "type": typ, "_polity": polity}
    for rec in recs.values():
        if rec.pop("_polity"):
            rec["acts_for"] = iri_of[actors[rec["label"]][1]]
    G = nx.MultiDiGraph()
    _add_actor_nodes(G, recs)
    for i, (src, tgt, code, gold, date, *rest) in enumerate(rows):
        ev = event_iri("tuples", i, i, code, src, tgt)
        sentence = rest[0] if rest else f"{src} {ROOT_RELATIONS[code[:2]]} {tgt}."
        G.add_edge(iri_of[src], iri_of[tgt], key=ev, event=ev, cameo=code, root=code[:2],
                   relation=ROOT_RELATIONS[code[:2]], goldstein=float(gold), date=date,
                   modality="asserted", negated=False, confidence=1.0, trigger=None,
                   mention=None, sentence=sentence, doc=f"row {i}")
    return G


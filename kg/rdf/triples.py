"""Events and documents to RDF triples, in the shape documented in :mod:`kg.rdf.namespace`.

Every IRI comes from :mod:`kg.ids` (content-derived), and no blank node is
used, so adding the same document twice yields the same triples and a store
that receives them again does not grow.

>>> from kg.model import ActorRef, Document, Event
>>> from kg.ids import actor_iri, event_iri
>>> kor = ActorRef(actor_iri("State", wikidata="Q884", label="South Korea"),
...                "South Korea", "State", wikidata="Q884", iso3="KOR", country="Q884")
>>> prk = ActorRef(actor_iri("State", wikidata="Q423", label="North Korea"),
...                "North Korea", "State", wikidata="Q423", iso3="PRK", country="Q423")
>>> doc = Document(id="d1", text="South Korea condemned North Korea.", date="2024-11-04")
>>> ev = Event(event_iri("d1", 0, 33, "111", kor.id, prk.id), "d1", doc.text, 0, 33,
...            kor, prk, "111", "ACCUSE", "disapprovesOf", -2.0, confidence=0.8)
>>> g = build_graph([(doc, [ev])])
>>> (URIRef(kor.id), ENT.disapprovesOf, URIRef(prk.id)) in g
True
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import ids
from kg.model import ActorRef, Document, Event
from kg.rdf.namespace import (ACTOR_CLASSES, CAMEO, ENT, ENTID, MODALITY_TERMS,
                              PLOVER_CLASSES, PRECISION_TERMS, ROOT_RELATIONS, WD,
                              relation_for)

#: Prefixes bound on every graph the project writes.
PREFIXES = {
    "ent": ENT._NS, "cameo": CAMEO, "id": ENTID, "wd": WD, "prov": PROV,
    "dcterms": DCTERMS, "owl": OWL, "rdfs": RDFS, "skos": SKOS, "xsd": XSD,
}

#: Names of the twenty direct relations.
RELATION_NAMES = frozenset(ROOT_RELATIONS.values())

#: Actor types that are polities themselves (no ent:actsFor to themselves).
POLITY_TYPES = ("State", "Organization")

_DATE_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def new_graph() -> Graph:
    """An empty in-memory graph with the project's prefixes bound."""
    return bind_prefixes(Graph())


def date_literal(value: Optional[str]) -> Optional[Literal]:
    """An ISO date (or year-month, or year) as a typed literal; None if not a date.

    >>> date_literal("2024-11-04").datatype == XSD.date
    True
    >>> date_literal("2024-11").datatype == XSD.gYearMonth
    True
    >>> date_literal("last week") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    for pattern, datatype in _DATE_FORMS:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return None


def decimal_literal(value: float, places: int = 3) -> Literal:
    """An ``xsd:decimal`` literal in canonical form (as Oxigraph stores it).

    The same number always gets the same lexical form, so a graph read back
    from a store equals the graph that was written.

    >>> str(decimal_literal(0.8)), str(decimal_literal(-2)), str(decimal_literal(1e-9))
    ('0.8', '-2', '0')
    """
    text = f"{float(value):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return Literal(text, datatype=XSD.decimal)


def event_uri(event_id: str) -> URIRef:
    """The IRI of an event id (already an IRI, or a bare hash)."""
    if event_id.startswith(("http://", "https://", "urn:")):
        return URIRef(event_id)
    return ENTID["event/" + event_id]


def polity_iri(qid: str) -> URIRef:
    """IRI of the state or intergovernmental organisation with this QID."""
    return URIRef(ids.actor_iri("State", wikidata=qid, label=qid))


def add_actor(graph: Graph, actor: ActorRef, labels: Optional[dict[str, str]] = None) -> URIRef:
    """Describe an actor: class, label, Wikidata link, ISO code, role, affiliation."""
    a = URIRef(actor.id)
    graph.add((a, RDF.type, ENT[ACTOR_CLASSES.get(actor.type, "Actor")]))
    graph.add((a, RDFS.label, Literal(actor.label)))
    if actor.wikidata:
        graph.add((a, OWL.sameAs, WD[actor.wikidata]))
    if actor.iso3:
        graph.add((a, ENT.iso3, Literal(actor.iso3)))
    if actor.role:
        graph.add((a, ENT.role, Literal(actor.role)))
    if actor.sector:
        graph.add((a, ENT.sector, Literal(actor.sector)))
    if actor.code:
        graph.add((a, ENT.actorCode, Literal(actor.code)))
    if actor.country and actor.country != actor.wikidata:  # not acting for itself
        polity = polity_iri(actor.country)
        if polity != a:
            graph.add((a, ENT.actsFor, polity))
            graph.add((polity, RDF.type, ENT.Actor))
            graph.add((polity, OWL.sameAs, WD[actor.country]))
            label = (labels or {}).get(actor.country)
            if label:
                graph.add((polity, RDFS.label, Literal(label)))
    return a


def add_document_node(graph: Graph, document: Document) -> URIRef:
    """Describe a document: id, title, url, date."""
    d = URIRef(ids.document_iri(document.id))
    graph.add((d, RDF.type, ENT.Document))
    graph.add((d, DCTERMS.identifier, Literal(document.id)))
    if document.title:
        graph.add((d, DCTERMS.title, Literal(document.title)))
    if document.url and re.match(r"^[a-z][a-z0-9+.-]*://\S+$", document.url, re.I):
        graph.add((d, DCTERMS.source, URIRef(document.url)))
    date = date_literal(document.date)
    if date is not None:
        graph.add((d, DCTERMS.date, date))
    return d


def add_event(graph: Graph, document: Document, event: Event,
              labels: Optional[dict[str, str]] = None) -> URIRef:
    """Describe one event, its evidence and its direct actor-to-actor triple."""
    doc_iri = URIRef(ids.document_iri(document.id))
    e = event_uri(event.id)
    if (e, RDF.type, ENT.Event) in graph:
        # another mention of an event already described (same source, target, code and day):
        # the event keeps one description, the highest confidence, and gains the mention
        old = graph.value(e, ENT.confidence)
        if old is None or float(old) < event.confidence:
            graph.set((e, ENT.confidence, decimal_literal(event.confidence, 3)))
        add_mention(graph, e, document, event, doc_iri)
        return e
    graph.add((e, RDF.type, ENT.Event))
    plover = (event.plover or "").upper()
    if plover in PLOVER_CLASSES:
        graph.add((e, RDF.type, ENT[PLOVER_CLASSES[plover]]))
        graph.add((e, ENT.ploverType, Literal(plover)))
    source = add_actor(graph, event.source, labels)
    graph.add((e, ENT.source, source))
    target = add_actor(graph, event.target, labels) if event.target else None
    if target is not None:
        graph.add((e, ENT.target, target))
    if event.target_event:
        graph.add((e, ENT.targetEvent, event_uri(event.target_event)))
    graph.add((e, ENT.eventCode, CAMEO[event.cameo]))
    graph.add((e, ENT.cameoCode, Literal(event.cameo)))
    name = event.relation if event.relation in RELATION_NAMES else relation_for(event.cameo)
    relation = ENT[name]
    graph.add((e, ENT.relation, relation))
    graph.add((e, ENT.goldstein, decimal_literal(event.goldstein, 1)))
    graph.add((e, ENT.confidence, decimal_literal(event.confidence, 3)))
    graph.add((e, ENT.modality, ENT[MODALITY_TERMS.get(event.modality, "Asserted")]))
    graph.add((e, ENT.negated, Literal(bool(event.negated))))
    if getattr(event, "domestic", False):
        graph.add((e, ENT.domestic, Literal(True)))
    date = date_literal(event.date) or date_literal(document.date)
    if date is not None:
        graph.add((e, ENT.date, date))
        precision = event.date_precision if date_literal(event.date) else "document"
        graph.add((e, ENT.datePrecision, ENT[PRECISION_TERMS.get(precision, "DocumentDate")]))
    if event.trigger:
        graph.add((e, ENT.trigger, Literal(event.trigger)))
    add_mention(graph, e, document, event, doc_iri)
    if target is not None and not event.negated:
        graph.add((source, relation, target))
    return e


def add_mention(graph: Graph, e: URIRef, document: Document, event: Event, doc_iri: URIRef) -> URIRef:
    """The evidence of one mention of event ``e``: a span of a document (``prov:wasDerivedFrom``)."""
    m = URIRef(ids.mention_iri(document.id, event.start, event.end))
    graph.add((e, PROV.wasDerivedFrom, m))
    graph.add((m, RDF.type, ENT.Mention))
    graph.add((m, ENT.sentenceText, Literal(event.sentence)))
    graph.add((m, ENT.start, Literal(int(event.start))))
    graph.add((m, ENT.end, Literal(int(event.end))))
    graph.add((m, DCTERMS.isPartOf, doc_iri))
    return m


def polity_labels(events: Iterable[Event]) -> dict[str, str]:
    """QID -> label of every state or IGO that appears as an actor in ``events``."""
    labels: dict[str, str] = {}
    for ev in events:
        for actor in (ev.source, ev.target):
            if actor and actor.wikidata and actor.type in POLITY_TYPES:
                labels.setdefault(actor.wikidata, actor.label)
    return labels


def add_document(graph: Graph, document: Document, events: Iterable[Event],
                 labels: Optional[dict[str, str]] = None) -> Graph:
    """Add a document and its events to ``graph`` (idempotent) and return the graph.

    ``labels`` maps QIDs of polities to labels, for the state or IGO that a
    person, force or body acts for when it is not itself an actor of an event.
    """
    events = list(events)
    known = {a.wikidata: a.label for a in document.actors
             if a.wikidata and a.type in POLITY_TYPES}
    known.update(polity_labels(events))
    known.update(labels or {})
    doc_iri = add_document_node(graph, document)
    for actor in document.actors:
        graph.add((doc_iri, DCTERMS.subject, add_actor(graph, actor, known)))
    for event in events:
        add_event(graph, document, event, known)
    return graph


def build_graph(pairs: Iterable[tuple[Document, list[Event]]],
                labels: Optional[dict[str, str]] = None) -> Graph:
    """An in-memory graph (prefixes bound) of documents and their events."""
    pairs = [(doc, list(evs)) for doc, evs in pairs]
    known = polity_labels(ev for _, evs in pairs for ev in evs)
    known.update(labels or {})
    graph = new_graph()
    for document, events in pairs:
        add_document(graph, document, events, known)
    return graph

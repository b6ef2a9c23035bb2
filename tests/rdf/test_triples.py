"""kg.rdf.triples builds the shape documented in kg.rdf.namespace from kg.model records."""
from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS
import rdflib.namespace as rns

from kg import ids
from kg.rdf.namespace import CAMEO, ENT, WD
from kg.rdf.triples import build_graph, date_literal, new_graph, add_document

from .conftest import BORRELL, CHO, EU, KOR, PRK, PRK_FORCES, RUS, UKR, doc1


def test_event_has_every_property(pairs):
    g = build_graph(pairs)
    doc, events = pairs[0]
    ev = events[0]
    e = URIRef(ev.id)
    assert {ENT.Event, ENT.Accuse} <= set(g.objects(e, RDF.type))
    assert g.value(e, ENT.source) == URIRef(KOR.id)
    assert g.value(e, ENT.target) == URIRef(PRK.id)
    assert g.value(e, ENT.eventCode) == CAMEO["111"]
    assert g.value(e, ENT.cameoCode) == Literal("111")
    assert g.value(e, ENT.relation) == ENT.disapprovesOf
    assert g.value(e, ENT.goldstein).toPython() == Decimal("-2")
    assert g.value(e, ENT.confidence).toPython() == Decimal("0.8")
    assert g.value(e, ENT.modality) == ENT.Asserted
    assert g.value(e, ENT.negated).toPython() is False
    assert g.value(e, ENT.date) == Literal("2024-11-04", datatype=rns.XSD.date)
    assert g.value(e, ENT.datePrecision) == ENT.Day
    assert g.value(e, ENT.ploverType) == Literal("ACCUSE")


def test_provenance(pairs):
    g = build_graph(pairs)
    doc, events = pairs[0]
    ev = events[0]
    m = g.value(URIRef(ev.id), PROV.wasDerivedFrom)
    assert m == URIRef(ids.mention_iri(doc.id, ev.start, ev.end))
    assert (m, RDF.type, ENT.Mention) in g
    assert str(g.value(m, ENT.sentenceText)) == ev.sentence
    assert g.value(m, ENT.start).toPython() == ev.start
    assert g.value(m, ENT.end).toPython() == ev.end
    d = g.value(m, DCTERMS.isPartOf)
    assert d == URIRef(ids.document_iri(doc.id))
    assert str(g.value(d, DCTERMS.identifier)) == doc.id
    assert str(g.value(d, DCTERMS.title)) == doc.title
    assert g.value(d, DCTERMS.source) == URIRef(doc.url)
    assert g.value(d, DCTERMS.date) == Literal("2024-11-04", datatype=rns.XSD.date)


def test_direct_triples_only_for_non_negated_events(pairs):
    g = build_graph(pairs)
    assert (URIRef(KOR.id), ENT.disapprovesOf, URIRef(PRK.id)) in g
    assert (URIRef(EU.id), ENT.disapprovesOf, URIRef(PRK.id)) in g
    assert (URIRef(PRK.id), ENT.aids, URIRef(RUS.id)) in g
    assert (URIRef(CHO.id), ENT.demands, URIRef(PRK_FORCES.id)) in g
    negated = [e for e in pairs[0][1] if e.negated][0]
    assert g.value(URIRef(negated.id), ENT.negated).toPython() is True
    assert (URIRef(RUS.id), ENT.fights, URIRef(UKR.id)) not in g


def test_nested_event_and_modality(pairs):
    g = build_graph(pairs)
    events = pairs[0][1]
    nested = [e for e in events if e.target_event][0]
    assert g.value(URIRef(nested.id), ENT.targetEvent) == URIRef(nested.target_event)
    assert (URIRef(nested.target_event), RDF.type, ENT.Event) in g
    demand = [e for e in events if e.cameo == "1056"][0]
    assert g.value(URIRef(demand.id), ENT.modality) == ENT.Demanded
    # no event date: the document's date, with DocumentDate precision
    assert g.value(URIRef(demand.id), ENT.date) == Literal("2024-11-04", datatype=rns.XSD.date)
    assert g.value(URIRef(demand.id), ENT.datePrecision) == ENT.DocumentDate


def test_actors_labels_sameas_affiliation(pairs):
    g = build_graph(pairs)
    kor, eu, borrell, forces = (URIRef(a.id) for a in (KOR, EU, BORRELL, PRK_FORCES))
    assert (kor, RDF.type, ENT.State) in g and (eu, RDF.type, ENT.InternationalOrganization) in g
    assert g.value(kor, RDFS.label) == Literal("South Korea")
    assert g.value(kor, OWL.sameAs) == WD.Q884
    assert g.value(kor, ENT.iso3) == Literal("KOR")
    assert g.value(kor, ENT.actsFor) is None           # a state acts for itself: no triple
    assert (borrell, RDF.type, ENT.Person) in g
    assert g.value(borrell, ENT.actsFor) == eu
    assert g.value(borrell, ENT.role) == Literal("High Representative")
    assert g.value(borrell, OWL.sameAs) == WD.Q57231
    assert (forces, RDF.type, ENT.ArmedForce) in g
    assert g.value(forces, ENT.actsFor) == URIRef(ids.actor_iri("State", wikidata="Q423", label="x"))
    cho_polity = g.value(URIRef(CHO.id), ENT.actsFor)
    assert cho_polity == kor and g.value(cho_polity, RDFS.label) == Literal("South Korea")


def test_polity_created_with_label_when_known_only_as_affiliation():
    doc, events = doc1()
    only_cho = [e for e in events if e.source == CHO]
    g = add_document(new_graph(), doc, only_cho, labels={"Q884": "South Korea"})
    polity = g.value(URIRef(CHO.id), ENT.actsFor)
    assert (polity, RDF.type, ENT.Actor) in g
    assert g.value(polity, OWL.sameAs) == WD.Q884
    assert g.value(polity, RDFS.label) == Literal("South Korea")


def test_same_input_same_triples_no_blank_nodes(pairs):
    g1, g2 = build_graph(pairs), build_graph([doc1()])
    assert set(g1) == set(g2)
    assert not any(t.__class__.__name__ == "BNode" for triple in g1 for t in triple)
    assert dict(g1.namespaces())["ent"] == URIRef(str(ENT._NS))


def test_date_literal_forms():
    assert date_literal("2024-11-04").datatype == rns.XSD.date
    assert date_literal("2024").datatype == rns.XSD.gYear
    assert date_literal(None) is None and date_literal("Monday") is None


def test_actor_acting_for_itself_has_no_affiliation():
    from kg.model import ActorRef
    taliban = ActorRef(ids.actor_iri("Group", wikidata="Q42418", label="Taliban"), "Taliban",
                       "Group", wikidata="Q42418", country="Q42418")
    doc, events = doc1()
    ev = events[0]
    ev.source = taliban
    g = add_document(new_graph(), doc, [ev])
    assert g.value(URIRef(taliban.id), ENT.actsFor) is None
    assert not list(g.subjects(OWL.sameAs, WD.Q42418))[1:]   # only the group itself


def test_unknown_relation_name_falls_back_to_the_cameo_root():
    doc, events = doc1()
    ev = events[0]
    ev.relation = "condemns"          # not an ontology term
    g = add_document(new_graph(), doc, [ev])
    assert g.value(URIRef(ev.id), ENT.relation) == ENT.disapprovesOf


def test_named_actors_without_events_are_in_the_graph():
    from kg.model import ActorRef, Document
    blinken = ActorRef(ids.actor_iri("Person", label="Antony Blinken", country="Q30"),
                       "Antony Blinken", "Person", country="Q30", role="Secretary of State")
    usa = ActorRef(ids.actor_iri("State", wikidata="Q30", label="United States"),
                   "United States", "State", wikidata="Q30", iso3="USA", country="Q30")
    doc = Document(id="d-named", text="Blinken said so.", actors=[blinken, usa])
    g = build_graph([(doc, [])])
    d = URIRef(ids.document_iri("d-named"))
    b = URIRef(blinken.id)
    assert set(g.objects(d, DCTERMS.subject)) == {b, URIRef(usa.id)}
    assert g.value(b, ENT.role) == Literal("Secretary of State")
    polity = g.value(b, ENT.actsFor)
    assert polity == URIRef(usa.id) and g.value(polity, RDFS.label) == Literal("United States")

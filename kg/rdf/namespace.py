"""The Entente ontology as a closed rdflib namespace.

A misspelt term (``ENT.conflictWith``) fails at import or attribute access.
``ontologies/entente.ttl`` declares every term listed here and no other
(checked by ``tests/rdf/test_namespace.py``).

Shape of the graph (data IRIs come from :mod:`kg.ids`)::

    ev   a ent:Event, ent:<PloverClass> ;            # e.g. ent:Accuse
         ent:source <actor> ; ent:target <actor> ;
         ent:targetEvent <ev2> ;                     # nested event, optional
         ent:eventCode cameo:111 ; ent:cameoCode "111" ;
         ent:relation ent:disapprovesOf ;            # the direct property below
         ent:ploverType "ACCUSE" ;                   # when the event has a PLOVER type
         ent:goldstein -2.0 ; ent:confidence 0.8 ;
         ent:modality ent:Asserted ; ent:negated false ;
         ent:date "2024-11-04"^^xsd:date ; ent:datePrecision ent:Day ;
         ent:trigger "condemned" ;
         prov:wasDerivedFrom <mention> .
    <actor> ent:disapprovesOf <actor2> .             # direct triple, non-negated events
    <mention> a ent:Mention ; ent:sentenceText "..." ; ent:start 12 ; ent:end 40 ;
         dcterms:isPartOf <doc> .
    <doc> a ent:Document ; dcterms:identifier "seeds/x.txt" ; dcterms:title "..." ;
         dcterms:source <url> ; dcterms:date "2024-11-04"^^xsd:date ;
         dcterms:subject <actor> .                   # every actor the text names
    <actor> a ent:State ; rdfs:label "South Korea" ; owl:sameAs wd:Q884 ;
         ent:iso3 "KOR" ; ent:actsFor <state-or-igo> ; ent:role "Foreign Minister" .
    <state-or-igo> a ent:Actor ; owl:sameAs wd:Q884 ; rdfs:label "South Korea" .  # label if known

Classes ent:State ... ent:Group are subclasses of ent:Actor; the PLOVER
classes are subclasses of ent:Event. The twenty CAMEO root relations are
sub-properties of ent:cooperatesWith (roots 01-09) or ent:conflictsWith
(roots 10-20), both sub-properties of ent:interactsWith.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.ids import ID, ONTOLOGY, WIKIDATA


class ENT(DefinedNamespace):
    """Terms of the Entente ontology (``https://w3id.org/entente/ns#``)."""

    _NS = Namespace(ONTOLOGY)
    _fail = True

    # Actor classes
    Actor: URIRef
    State: URIRef
    InternationalOrganization: URIRef
    Person: URIRef
    ArmedForce: URIRef
    GovernmentBody: URIRef
    Group: URIRef

    # Event classes: ent:Event and one subclass per PLOVER type
    Event: URIRef
    Statement: URIRef  # CAMEO 01, which PLOVER leaves out
    Agree: URIRef
    Consult: URIRef
    Support: URIRef
    Cooperate: URIRef
    Aid: URIRef
    Concede: URIRef
    Retreat: URIRef
    Accuse: URIRef
    Request: URIRef
    Reject: URIRef
    Threaten: URIRef
    Protest: URIRef
    Mobilize: URIRef
    Sanction: URIRef
    Coerce: URIRef
    Assault: URIRef

    # Provenance
    Mention: URIRef
    Document: URIRef

    # Modality and date precision (individuals)
    Modality: URIRef
    Asserted: URIRef
    Expected: URIRef
    Hypothetical: URIRef
    Demanded: URIRef
    Alleged: URIRef
    DatePrecision: URIRef
    Day: URIRef
    Week: URIRef
    Month: URIRef
    Year: URIRef
    DocumentDate: URIRef

    # Event properties
    source: URIRef
    target: URIRef
    targetEvent: URIRef
    eventCode: URIRef
    cameoCode: URIRef
    relation: URIRef
    goldstein: URIRef
    confidence: URIRef
    modality: URIRef
    negated: URIRef
    domestic: URIRef
    date: URIRef
    datePrecision: URIRef
    trigger: URIRef
    ploverType: URIRef

    # Evidence properties
    sentenceText: URIRef
    start: URIRef
    end: URIRef

    # Actor properties
    iso3: URIRef
    actsFor: URIRef
    role: URIRef
    sector: URIRef
    actorCode: URIRef

    # CAMEO codebook extras (on skos:Concepts in ontologies/cameo.ttl)
    quadClass: URIRef

    # Direct actor-to-actor relations
    interactsWith: URIRef
    cooperatesWith: URIRef
    conflictsWith: URIRef
    makesStatementAbout: URIRef  # 01
    appealsTo: URIRef  # 02
    intendsToCooperateWith: URIRef  # 03
    consults: URIRef  # 04
    cooperatesDiplomaticallyWith: URIRef  # 05
    cooperatesMateriallyWith: URIRef  # 06
    aids: URIRef  # 07
    yieldsTo: URIRef  # 08
    investigates: URIRef  # 09
    demands: URIRef  # 10
    disapprovesOf: URIRef  # 11
    rejects: URIRef  # 12
    threatens: URIRef  # 13
    protestsAgainst: URIRef  # 14
    posturesAgainst: URIRef  # 15
    reducesRelationsWith: URIRef  # 16
    coerces: URIRef  # 17
    assaults: URIRef  # 18
    fights: URIRef  # 19
    usesMassViolenceAgainst: URIRef  # 20


#: CAMEO codebook concepts: ``CAMEO["111"]``.
CAMEO = Namespace(ONTOLOGY.rsplit("#", 1)[0] + "/cameo/")
#: Data IRIs (actors, events, mentions, documents).
ENTID = Namespace(ID)
#: Wikidata entities.
WD = Namespace(WIKIDATA)

#: CAMEO root code -> name of the direct relation property.
ROOT_RELATIONS: dict[str, str] = {
    "01": "makesStatementAbout",
    "02": "appealsTo",
    "03": "intendsToCooperateWith",
    "04": "consults",
    "05": "cooperatesDiplomaticallyWith",
    "06": "cooperatesMateriallyWith",
    "07": "aids",
    "08": "yieldsTo",
    "09": "investigates",
    "10": "demands",
    "11": "disapprovesOf",
    "12": "rejects",
    "13": "threatens",
    "14": "protestsAgainst",
    "15": "posturesAgainst",
    "16": "reducesRelationsWith",
    "17": "coerces",
    "18": "assaults",
    "19": "fights",
    "20": "usesMassViolenceAgainst",
}

#: PLOVER type (as in ``Event.plover``) -> class name; None for CAMEO 01.
PLOVER_CLASSES: dict[str, str] = {
    "AGREE": "Agree", "CONSULT": "Consult", "SUPPORT": "Support",
    "COOPERATE": "Cooperate", "AID": "Aid", "CONCEDE": "Concede",
    "RETREAT": "Retreat", "ACCUSE": "Accuse", "REQUEST": "Request",
    "REJECT": "Reject", "THREATEN": "Threaten", "PROTEST": "Protest",
    "MOBILIZE": "Mobilize", "SANCTION": "Sanction", "COERCE": "Coerce",
    "ASSAULT": "Assault", "STATEMENT": "Statement",
}

#: Event.modality -> individual; Event.date_precision -> individual.
MODALITY_TERMS = {"asserted": "Asserted", "expected": "Expected",
                  "hypothetical": "Hypothetical", "demanded": "Demanded",
                  "alleged": "Alleged"}
PRECISION_TERMS = {"day": "Day", "week": "Week", "month": "Month",
                   "year": "Year", "document": "DocumentDate"}

#: JSON actor type -> class name.
ACTOR_CLASSES = {"State": "State", "Organization": "InternationalOrganization",
                 "Person": "Person", "ArmedForce": "ArmedForce",
                 "GovernmentBody": "GovernmentBody", "Group": "Group"}
#: Ontology class name -> JSON actor type ("InternationalOrganization" -> "Organization").
CLASS_TYPES = {cls: typ for typ, cls in ACTOR_CLASSES.items()}

#: The PREFIX lines that the project's own SPARQL (projection, frames) starts with.
SPARQL_PREFIXES = f"""PREFIX ent: <{ONTOLOGY}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def relation_for(cameo: str) -> str:
    """Name of the direct relation for a CAMEO code.

    >>> relation_for("111")
    'disapprovesOf'
    """
    return ROOT_RELATIONS[cameo[:2]]


def is_cooperative(cameo: str) -> bool:
    """True for CAMEO roots 01-09 (verbal and material cooperation).

    >>> is_cooperative("042"), is_cooperative("190")
    (True, False)
    """
    return int(cameo[:2]) <= 9

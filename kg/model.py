"""Records that cross stages.

Every stage imports its inputs and outputs from here, so the data flow
``ingest -> nlp -> actors -> events -> rdf -> store/query/graph/maps`` is
visible in one file. The JSON form of :class:`Event` (``Event.to_record``)
is the public contract of ``kg events`` and is documented in README.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

#: Actor types, as used in JSON records and as class names in the ontology.
ACTOR_TYPES = ("State", "Organization", "Person", "ArmedForce", "GovernmentBody", "Group")

#: Modalities an event can carry.
MODALITIES = ("asserted", "expected", "hypothetical", "demanded", "alleged")

#: Precision of an event's date.
DATE_PRECISIONS = ("day", "week", "month", "year", "document")


@dataclass
class Document:
    """One news text, as read by :mod:`kg.ingest`.

    ``id`` is the record's own id in a corpus, else the path as given or
    found under a folder, with ``:LINE`` for records without an id.
    ``date`` is an ISO date string (YYYY-MM-DD) or None.
    """

    id: str
    text: str
    date: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    path: Optional[str] = None
    #: Actors the document names (filled by the pipeline from the mentions,
    #: with the polities they act for), so the graph holds every official
    #: named, not only those taking part in an event.
    actors: list["ActorRef"] = field(default_factory=list)


@dataclass(frozen=True)
class ActorRef:
    """An actor as the graph knows it.

    ``id`` is the actor's IRI (minted by :func:`kg.ids.actor_iri`).
    ``wikidata`` is the actor's own QID ("Q884"), when known.
    ``country`` is the QID of the state or intergovernmental organisation
    the actor acts for (its own QID for a state or IGO).
    ``role`` is a person's office ("Foreign Minister") or an agent's kind
    ("foreign ministry", "troops").
    ``sector`` is the CAMEO sector ("GOV", "MIL", "COP", "REB", "OPP", "IGO", ...;
    "STATE" for a state itself) and ``code`` the CAMEO actor code ("KORGOV",
    "SYRREB", "EGYCOP", "IGOUNO"), see ontologies/actors/README.md.
    """

    id: str
    label: str
    type: str
    wikidata: Optional[str] = None
    iso3: Optional[str] = None
    country: Optional[str] = None
    role: Optional[str] = None
    sector: Optional[str] = None
    code: Optional[str] = None

    @classmethod
    def create(cls, type_: str, label: str, *, wikidata: Optional[str] = None,
               iso3: Optional[str] = None, country: Optional[str] = None,
               role: Optional[str] = None, sector: Optional[str] = None,
               code: Optional[str] = None) -> "ActorRef":
        """An actor with its IRI minted from its type, name, QID and polity.

        >>> ActorRef.create("State", "South Korea", wikidata="Q884", country="Q884").id
        'https://w3id.org/entente/id/actor/Q884'
        """
        from kg.ids import actor_iri

        return cls(actor_iri(type_, label=label, wikidata=wikidata, country=country), label, type_,
                   wikidata=wikidata, iso3=iso3, country=country, role=role, sector=sector, code=code)

    def to_record(self) -> dict[str, Any]:
        """The actor as it appears inside an event record."""
        return {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "wikidata": self.wikidata,
            "iso3": self.iso3,
            "country": self.country,
            "role": self.role,
            "sector": self.sector,
            "code": self.code,
        }


@dataclass(frozen=True)
class Mention:
    """A span of a document that refers to an actor.

    ``start``/``end`` are character offsets into the document text;
    ``token_start``/``token_end`` are spaCy token indices (end exclusive)
    in the parsed ``Doc``. ``via`` says how the actor was found
    ("gazetteer", "demonym", "alias", "role", "agent", "coref"; "place": a city
    that stands for its state only as the target of an attack or occupation).
    """

    doc: str
    sentence: int
    start: int
    end: int
    token_start: int
    token_end: int
    text: str
    actor: ActorRef
    via: str = "gazetteer"


@dataclass
class Event:
    """One coded interaction between two actors, with its evidence.

    ``sentence`` is the sentence text; ``start``/``end`` the character
    offsets of the evidence (the trigger's clause) in the document.
    ``target_event`` is the id of a nested event this one is about.
    """

    id: str
    doc: str
    sentence: str
    start: int
    end: int
    source: ActorRef
    target: Optional[ActorRef]
    cameo: str
    plover: Optional[str]
    relation: str
    goldstein: float
    modality: str = "asserted"
    negated: bool = False
    confidence: float = 0.5
    date: Optional[str] = None
    date_precision: str = "document"
    target_event: Optional[str] = None
    trigger: Optional[str] = None
    extras: dict[str, Any] = field(default_factory=dict)
    #: Both sides act for the same polity (police against demonstrators, government against rebels).
    domestic: bool = False
    #: How many mentions (sentences) of the document tell this event (GDELT's NumMentions).
    mentions: int = 1

    def to_record(self) -> dict[str, Any]:
        """The public JSON record of ``kg events`` (see README)."""
        return {
            "id": self.id,
            "doc": self.doc,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "date": self.date,
            "date_precision": self.date_precision,
            "source": self.source.to_record(),
            "target": self.target.to_record() if self.target else None,
            "target_event": self.target_event,
            "cameo": self.cameo,
            "plover": self.plover,
            "relation": self.relation,
            "goldstein": self.goldstein,
            "modality": self.modality,
            "negated": self.negated,
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
            "domestic": self.domestic,
            "mentions": self.mentions,
        }


def event_from_record(rec: dict[str, Any]) -> Event:
    """Rebuild an :class:`Event` from its JSON record (inverse of ``to_record``)."""
    def actor(a: Optional[dict[str, Any]]) -> Optional[ActorRef]:
        return ActorRef(**a) if a else None

    fields = {k: v for k, v in rec.items() if k not in ("source", "target")}
    return Event(source=actor(rec["source"]), target=actor(rec.get("target")), **fields)


def as_dict(obj: Any) -> dict[str, Any]:
    """A plain dict of any record above (for debugging and tests)."""
    return asdict(obj)

"""Every IRI the project mints, derived from content so rebuilds are idempotent.

Actors with a Wikidata QID are named by it; other actors by their type, the
polity they act for and a slug of their name. Events are named by a hash of
code, actors and day (:func:`event_iri`), so the same fact always gets the same
IRI and its mentions in several sentences or documents merge into one event.

>>> actor_iri("State", wikidata="Q884", label="South Korea")
'https://w3id.org/entente/id/actor/Q884'
>>> actor_iri("Person", label="Cho Tae-yul", country="Q884")
'https://w3id.org/entente/id/actor/person/Q884/cho-tae-yul'
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Optional

BASE = "https://w3id.org/entente/"
ONTOLOGY = BASE + "ns#"
ID = BASE + "id/"
WIKIDATA = "http://www.wikidata.org/entity/"


def slug(text: str) -> str:
    """A lowercase ASCII slug.

    >>> slug("Kim Yong-hyun")
    'kim-yong-hyun'
    """
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-") or "x"


def _hash(*parts: object, n: int = 16) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def actor_iri(type_: str, *, label: str, wikidata: Optional[str] = None,
              country: Optional[str] = None) -> str:
    """IRI of an actor: by QID when it has one, else by type, polity and name."""
    if wikidata and type_ in ("State", "Organization"):
        return f"{ID}actor/{wikidata}"
    if wikidata:
        return f"{ID}actor/{type_.lower()}/{wikidata}"
    return f"{ID}actor/{type_.lower()}/{country or 'unknown'}/{slug(label)}"


def document_iri(doc_id: str) -> str:
    """IRI of a document, from its id."""
    return f"{ID}doc/{_hash(doc_id)}"


def mention_iri(doc_id: str, start: int, end: int) -> str:
    """IRI of a piece of evidence: a character span of a document."""
    return f"{ID}mention/{_hash(doc_id, start, end)}"


def event_iri(doc_id: str, start: int, end: int, cameo: str,
              source: str, target: Optional[str], target_event: Optional[str] = None, *,
              day: Optional[str] = None, modality: str = "asserted", negated: bool = False) -> str:
    """IRI of an event, stable across rebuilds of the same document.

    With ``day`` (an ISO date) the IRI names the real-world event: the same source, target,
    code, day, nested event, modality and negation give the same IRI in any sentence or
    document, so its mentions merge into one event (like GDELT's NumMentions). Without a day
    the event is one mention's: named by its document and offsets.

    >>> a = event_iri("d1", 0, 20, "111", "act:Q884", "act:Q423", day="2024-11-04")
    >>> a == event_iri("d2", 50, 90, "111", "act:Q884", "act:Q423", day="2024-11-04")
    True
    >>> a == event_iri("d2", 50, 90, "111", "act:Q884", "act:Q423", day="2024-11-05")
    False
    """
    if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return f"{ID}event/{_hash('fact', day, cameo, source, target, target_event, modality, bool(negated))}"
    return f"{ID}event/{_hash(doc_id, start, end, cameo, source, target, target_event)}"


def wikidata_iri(qid: str) -> str:
    """Wikidata entity IRI of a QID.

    >>> wikidata_iri("Q423")
    'http://www.wikidata.org/entity/Q423'
    """
    return WIKIDATA + qid

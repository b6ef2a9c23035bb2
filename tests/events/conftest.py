"""Helpers for the event tests: run the real pipeline on a sentence and summarise its events."""
from __future__ import annotations

import pytest

from kg.model import Event


def polity(actor) -> str | None:
    return None if actor is None else (actor.country or actor.wikidata)


@pytest.fixture(scope="session")
def run(nlp):
    """``run(text, date=...)`` -> the events of ``text`` (a one-document pipeline run)."""
    def go(text: str, date: str | None = "2024-03-06") -> list[Event]:
        doc = nlp.make_doc(text)
        doc._.doc_id = "test"
        doc._.doc_date = date
        return list(nlp(doc)._.events)
    return go


@pytest.fixture(scope="session")
def triples(run):
    """``triples(text)`` -> set of (source polity, CAMEO root, target polity) of non-negated events."""
    def go(text: str, date: str | None = "2024-03-06") -> set[tuple]:
        return {(polity(e.source), e.cameo[:2], polity(e.target))
                for e in run(text, date) if not e.negated and e.target is not None}
    return go

"""Fixtures for the actor tests: the spaCy model with only the actors component, loaded once."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def actors_nlp():
    import spacy

    import kg.actors  # noqa: F401  (registers the factory)
    from kg.nlp import DEFAULT_MODEL, register_extensions

    register_extensions()
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("entente_actors")
    return nlp


@pytest.fixture(scope="session")
def mentions(actors_nlp):
    """Parse a text and return ``[(text, label, type, country, role, via)]`` of its mentions."""
    def run(text: str):
        doc = actors_nlp(text)
        return [(m.text, m.actor.label, m.actor.type, m.actor.country, m.actor.role, m.via)
                for m in doc._.mentions]
    return run


@pytest.fixture(scope="session")
def by_text(mentions):
    """Parse a text and return ``{mention text: actor country}``."""
    def run(text: str):
        return {t: c for t, _l, _ty, c, _r, _v in mentions(text)}
    return run

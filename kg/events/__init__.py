"""Event extraction: lexicon triggers + dependency patterns -> CAMEO-coded events.

Importing this package registers the spaCy factory ``"entente_events"``
(:mod:`kg.events.component`), which reads ``doc._.mentions`` (set by
``entente_actors``), ``doc._.doc_id`` and ``doc._.doc_date`` and sets
``doc._.events``. Modules: :mod:`~kg.events.lexicon` (data in
``ontologies/lexicon/``), :mod:`~kg.events.arguments` (tokens -> actors),
:mod:`~kg.events.patterns` (pattern families), :mod:`~kg.events.participants` (subjects and
objects), :mod:`~kg.events.clauses` (nested clauses), :mod:`~kg.events.nominals`,
:mod:`~kg.events.responses` (threats, replies, trade measures), :mod:`~kg.events.modality`,
:mod:`~kg.events.dates`, :mod:`~kg.events.component`.
"""
from kg.events.component import EventExtractor, make_entente_events  # noqa: F401  (registers the factory)
from kg.events.lexicon import Lexicon, load_lexicon  # noqa: F401

__all__ = ["EventExtractor", "Lexicon", "load_lexicon"]

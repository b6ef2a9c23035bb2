"""Actors: gazetteer, role/agent linking and coreference; the ``entente_actors`` component.

Importing this package registers the spaCy factory ``"entente_actors"``,
which sets ``doc._.mentions`` (a sorted list of :class:`kg.model.Mention`).
Helpers for the events stage: :func:`mention_at`, :func:`mentions_at`,
:func:`actor_of`; :class:`Gazetteer` (``by_qid``).
"""
from kg.actors.component import ActorsComponent, actor_of, dateline_end, mention_at, mentions_at
from kg.actors.gazetteer import Gazetteer

__all__ = ["ActorsComponent", "Gazetteer", "actor_of", "dateline_end", "mention_at", "mentions_at"]

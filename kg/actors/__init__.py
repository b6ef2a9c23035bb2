"""Actors: gazetteer, role/agent linking and coreference; the ``entente_actors`` component.

Importing this package registers the spaCy factory ``"entente_actors"``,
which sets ``doc._.mentions`` (a sorted list of :class:`kg.model.Mention`;
``via`` is "gazetteer", "demonym", "alias", "role", "agent" or "coref").

Helpers for the events stage:

- :func:`mention_at` / :func:`mentions_at` / :func:`actor_of`: the mention(s)
  or actor covering a token;
- :func:`gazetteer_of`: the component's :class:`Gazetteer`
  (``gazetteer_of(nlp).by_qid("Q884")`` is South Korea's ``ActorRef``).
"""
from __future__ import annotations

from spacy.language import Language

from kg.actors.component import ActorsComponent, actor_of, dateline_end, mention_at, mentions_at
from kg.actors.gazetteer import Gazetteer


def gazetteer_of(nlp: Language) -> Gazetteer:
    """The gazetteer held by the pipeline's ``entente_actors`` component.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("entente_actors")
    >>> gazetteer_of(nlp).by_qid("Q458").label
    'European Union'
    """
    return nlp.get_pipe("entente_actors").gazetteer


__all__ = ["ActorsComponent", "Gazetteer", "actor_of", "dateline_end", "gazetteer_of", "mention_at",
           "mentions_at"]

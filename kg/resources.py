"""Where the project's data files live: the ``ontologies/`` folder.

In a checkout (the editable install that ``make install`` makes) it is the
``ontologies/`` folder beside the ``kg`` package; a regular install puts a copy
in ``<prefix>/share/entente/ontologies`` (``data_files`` in setup.cfg).
``KG_ONTOLOGIES`` overrides both.

>>> (ontologies() / "entente.ttl").is_file()
True
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

from kg.errors import KgError


@lru_cache(maxsize=1)
def ontologies() -> Path:
    """The folder holding the ontology, shapes, gazetteer and lexicon."""
    candidates = []
    if os.environ.get("KG_ONTOLOGIES"):
        candidates.append(Path(os.environ["KG_ONTOLOGIES"]))
    candidates.append(Path(__file__).resolve().parents[1] / "ontologies")
    candidates.append(Path(sys.prefix) / "share" / "entente" / "ontologies")
    for folder in candidates:
        if (folder / "entente.ttl").is_file():
            return folder
    raise KgError("cannot find the ontologies/ data folder; set KG_ONTOLOGIES to its path")

"""Reference names of states and organisations, from the actor gazetteer data.

A graph may name a polity only by its QID (a person's ``ent:actsFor``
target when the polity itself took part in no event of the same document).
The projection fills such nodes' label, type and ISO3 code from
``ontologies/actors/states.tsv`` and ``organizations.tsv``, and records the
name variants ("US", "U.S.", "America") so actors can be looked up by them.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

DATA_DIR = Path(__file__).resolve().parents[2] / "ontologies" / "actors"


@dataclass(frozen=True)
class PolityName:
    """A polity's reference label, actor type, ISO3 code and name variants."""

    qid: str
    label: str
    type: str
    iso3: Optional[str]
    names: tuple[str, ...]


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def polity_names(data_dir: Path = DATA_DIR) -> dict[str, PolityName]:
    """QID -> :class:`PolityName` for every state and organisation with a QID.

    >>> names = polity_names()
    >>> names["Q212"].label, names["Q458"].type, "US" in names["Q30"].names
    ('Ukraine', 'Organization', True)
    """
    out: dict[str, PolityName] = {}
    for r in _rows(data_dir / "states.tsv"):
        if r.get("qid"):
            out[r["qid"]] = PolityName(r["qid"], r["label"], "State", r.get("iso3") or None,
                                       tuple(n for n in (r.get("names") or "").split("|") if n))
    for r in _rows(data_dir / "organizations.tsv"):
        if r.get("qid") and r["qid"] not in out:
            out[r["qid"]] = PolityName(r["qid"], r["label"], r.get("type") or "Organization", None,
                                       tuple(n for n in (r.get("names") or "").split("|") if n))
    return out

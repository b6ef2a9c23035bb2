"""Names of actors: reference names of polities, and finding an actor by name.

A graph may name a polity only by its QID (a person's ``ent:actsFor``
target when the polity itself took part in no event of the same document).
:func:`polity_names` reads the reference label, type, ISO3 code and name
variants ("US", "U.S.", "America") of states and organisations from the
actor gazetteer data (``ontologies/actors/states.tsv``, ``organizations.tsv``);
the projection fills such nodes from it.

:func:`resolve` finds an actor by label or name variant (any case), QID, ISO3
code or IRI; an unknown name raises :class:`kg.errors.UsageError` listing the
closest labels, so a typo on the command line gets a useful one-line answer.
"""
from __future__ import annotations

from kg.resources import ontologies

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import networkx as nx

from kg.errors import UsageError
from kg.ids import WIKIDATA

DATA_DIR = ontologies() / "actors"


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


#: Preference among actors sharing a label: polities first.
_TYPE_RANK = {"State": 0, "Organization": 1, "GovernmentBody": 2, "ArmedForce": 3,
              "Person": 4, "Group": 5, None: 6}


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


_MINOR = {"of", "the", "and", "for", "de", "la"}


def acronym(label: str) -> str:
    """Initials of a label's words, minor words skipped.

    >>> acronym("European Union"), acronym("Organization of American States")
    ('eu', 'oas')
    """
    words = [w for w in re.split(r"[\s\-]+", _norm(label)) if w and w not in _MINOR]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _candidates(G: nx.Graph, name: str) -> list[str]:
    """Exact matches (label, QID, ISO3, IRI); else acronym or whole-word matches."""
    key = _norm(name)
    if name in G:
        return [name]
    if key.startswith(_norm(WIKIDATA)):
        key = key[len(WIKIDATA):]
    found, loose = [], []
    tokens = set(re.findall(r"\w+", key))
    for n, d in G.nodes(data=True):
        label = d.get("label") or ""
        if _norm(label) == key or any(_norm(a) == key for a in d.get("aliases", ())) \
                or (d.get("wikidata") and d["wikidata"].casefold() == key) \
                or (d.get("iso3") and d["iso3"].casefold() == key):
            found.append(n)
        elif label and (acronym(label) == key
                        or (tokens and tokens <= set(re.findall(r"\w+", _norm(label))))):
            loose.append(n)
    return found or loose


def close_matches(G: nx.Graph, name: str, n: int = 5) -> list[str]:
    """Labels of ``G`` that look like ``name`` (for error messages).

    >>> from kg.graph.projection import from_tuples
    >>> close_matches(from_tuples([("North Korea", "South Korea", "042", 1.9, None)]), "korea")
    ['North Korea', 'South Korea']
    """
    labels = sorted({d["label"] for _, d in G.nodes(data=True) if d.get("label")})
    key = _norm(name)
    sub = [lab for lab in labels if key and key in _norm(lab)]
    fuzzy = difflib.get_close_matches(name, labels, n=n, cutoff=0.6)
    fuzzy += difflib.get_close_matches(key, [_norm(lab) for lab in labels], n=n, cutoff=0.6)
    by_norm = {_norm(lab): lab for lab in labels}
    out: list[str] = []
    for lab in sub + [by_norm.get(f, f) for f in fuzzy]:
        if lab not in out:
            out.append(lab)
    return out[:n]


def resolve(G: nx.Graph, name: str, *, within: Optional[nx.Graph] = None) -> str:
    """The node of ``G`` that ``name`` refers to (label, alias, QID, ISO3 or IRI).

    Without an exact match, an acronym ("EU") or a whole-word part of a
    label ("Borrell") will do. If several actors share the label, a state or organisation wins; if that
    is still ambiguous, the error lists their IRIs. ``within`` restricts the
    answer to nodes of another graph (e.g. a polity graph) after the lookup.

    >>> from kg.graph.projection import from_tuples
    >>> G = from_tuples([("Russia", "Ukraine", "190", -10.0, None)])
    >>> G.nodes[resolve(G, "ukraine")]["label"]
    'Ukraine'
    >>> resolve(G, "Rusia")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: unknown actor 'Rusia'; did you mean: Russia?
    >>> G = from_tuples([("European Union", "North Korea", "111", -2, None),
    ...                  ("South Korea", "North Korea", "111", -2, None)])
    >>> G.nodes[resolve(G, "EU")]["label"]
    'European Union'
    >>> resolve(G, "Korea")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: ambiguous actor 'Korea': one of North Korea, South Korea?
    """
    found = _candidates(G, name)
    if within is not None:
        found = [n for n in found if n in within] or found
    if not found:
        near = close_matches(G, name)
        hint = f"; did you mean: {', '.join(near)}?" if near else " (no similar actor in the graph)"
        raise UsageError(f"unknown actor {name!r}{hint}")
    if len(found) > 1:
        best = min(_TYPE_RANK.get(G.nodes[n].get("type"), 6) for n in found)
        found = sorted(n for n in found if _TYPE_RANK.get(G.nodes[n].get("type"), 6) == best)
        if len(found) > 1 and within is None:
            labels = sorted({G.nodes[n].get("label") or n for n in found})
            if len(labels) == len(found):
                raise UsageError(f"ambiguous actor {name!r}: one of {', '.join(labels)}?")
            raise UsageError(f"ambiguous actor {name!r}: give one of the IRIs {', '.join(found)}")
    return found[0]

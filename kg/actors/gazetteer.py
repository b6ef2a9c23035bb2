"""The actor gazetteer: states, organisations, demonyms, aliases, roles, agents.

All names live as data in ``ontologies/actors/`` (see its README); this module
loads them once into a :class:`Gazetteer` held by the spaCy component and
matches them with spaCy ``PhraseMatcher``s:

- names, capitals, demonyms and aliases case-sensitively (``ORTH``), so "US"
  is the United States and "us" is not;
- role words ("Foreign Minister") and agent words ("air force")
  case-insensitively (``LOWER``).

Overlapping matches are resolved longest-first; "blocker" phrases
("South China Sea", "Latin American") win over the names inside them and
produce nothing.

>>> import spacy
>>> gaz = Gazetteer(spacy.blank("en"))
>>> gaz.by_qid("Q884").label
'South Korea'
>>> [(m.text, m.entry.actor.wikidata) for m in gaz.match(gaz.nlp("The U.S. and Seoul met."))]
[('U.S.', 'Q30'), ('Seoul', 'Q884')]
"""
from __future__ import annotations

from kg.resources import ontologies

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.actors.petrarch import DatedRole, load_petrarch, petrarch_org_codes
from kg.model import ActorRef

#: Where the data files live (repository root / ontologies / actors).
DATA_DIR = ontologies() / "actors"

#: Kinds of gazetteer entries.
KINDS = ("name", "capital", "city", "demonym", "people", "alias", "org", "person", "person_short", "blocker")


@dataclass(frozen=True)
class Entry:
    """What a matched phrase stands for.

    ``kind`` is one of :data:`KINDS`; ``requires`` lists QIDs that must be
    named elsewhere in the document for the phrase to count ("the North").
    """

    actor: Optional[ActorRef]
    kind: str
    requires: tuple[str, ...] = ()
    #: Dated persons (``petrarch_people.tsv`` labels) the phrase may name; resolved by the document's date.
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class GazMatch:
    """A gazetteer phrase found in a ``Doc`` (token span, end exclusive)."""

    start: int
    end: int
    entry: Entry
    text: str


@dataclass(frozen=True)
class Role:
    """An office word: canonical role and implied gender (m/f/"")."""

    role: str
    gender: str = ""


@dataclass(frozen=True)
class Agent:
    """An agent word: actor type, canonical role, and whether it acts for its polity."""

    type: str
    role: str
    acts_for: bool = True
    org_only: bool = False
    #: CAMEO sector code appended to the polity's code ("COP", "REB", "GOVMED").
    sector: str = ""


@dataclass
class PhraseMatch:
    """A role or agent phrase found in a ``Doc``."""

    start: int
    end: int
    value: object


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV data file, skipping ``#`` comment lines."""
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _longest(spans: list[tuple[int, int, object]], weak: Optional[set[int]] = None) -> list[tuple[int, int, object]]:
    """Non-overlapping spans, longest first, then leftmost; sorted by start.

    Spans whose start is in ``weak`` (phrases beginning with "the") lose ties:
    "the North Korean forces" is "North Korean", not "the North".
    """
    taken: set[int] = set()
    out = []
    weak = weak or set()
    for s, e, v in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0] in weak, x[0])):
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        out.append((s, e, v))
    return sorted(out, key=lambda x: x[0])


@dataclass
class Gazetteer:
    """Actor names and words, loaded once from ``data_dir``, with matchers.

    ``nlp`` is used only for its tokenizer and vocab (patterns must be
    tokenized as the documents are).
    """

    nlp: Language
    data_dir: Path = DATA_DIR
    actors: dict[str, ActorRef] = field(default_factory=dict, init=False)
    kinds: dict[str, str] = field(default_factory=dict, init=False)
    island: set[str] = field(default_factory=set, init=False)
    family_first: set[str] = field(default_factory=set, init=False)
    adjective: dict[str, str] = field(default_factory=dict, init=False)
    persons: dict[str, ActorRef] = field(default_factory=dict, init=False)
    gender: dict[str, str] = field(default_factory=dict, init=False)
    #: Dated roles of the PETRARCH persons by label (see :mod:`kg.actors.petrarch`).
    dated: dict[str, tuple] = field(default_factory=dict, init=False)
    iso3: dict[str, str] = field(default_factory=dict, init=False)
    #: QIDs of the states that no longer exist (``former_states.tsv``).
    former: set[str] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        if not (self.data_dir / "states.tsv").exists():
            raise FileNotFoundError(f"actor gazetteer data not found in {self.data_dir}")
        self._entries: list[Entry] = []
        self._phrases: dict[str, int] = {}
        self._roles: dict[str, Role] = {}
        self._agents: dict[str, Agent] = {}
        self._descriptions: dict[str, str] = {}
        self._load()
        self._build_matchers()

    # ------------------------------------------------------------------ loading
    def _add(self, text: str, entry: Entry) -> None:
        """Register a phrase; the first registration of a phrase wins."""
        text = text.strip()
        if text.startswith("the ") and len(text) > 4:
            self._add_one("The " + text[4:], entry)
        self._add_one(text, entry)

    def _add_one(self, text: str, entry: Entry) -> None:
        if text in self._phrases and entry.people:
            old = self._entries[self._phrases[text]]
            if old.people and not set(entry.people) <= set(old.people):  # "President Bush": 1989 or 2001
                self._entries[self._phrases[text]] = Entry(old.actor, old.kind, old.requires,
                                                           old.people + entry.people)
            return
        if not text or text in self._phrases:
            return
        self._entries.append(entry)
        self._phrases[text] = len(self._entries) - 1

    def _load(self) -> None:
        d = self.data_dir
        for text in _rows_plain(d / "blockers.txt"):
            self._add_one(text, Entry(None, "blocker"))
        states = list(_rows(d / "states.tsv"))
        demonyms = {r["iso3"]: r for r in _rows(d / "demonyms.tsv")}
        self.iso3 = {r["qid"]: r["iso3"] for r in states}
        self.org_codes = petrarch_org_codes(d)
        for r in states:
            qid, iso3 = r["qid"], r["iso3"]
            actor = ActorRef.create("State", r["label"], wikidata=qid, iso3=iso3, country=qid,
                                    sector="STATE", code=iso3)
            self.actors[qid] = actor
            self.kinds[qid] = "state"
            dem = demonyms.get(iso3)
            if dem and dem.get("island") == "y":
                self.island.add(qid)
        for r in states:
            adjs = _split(demonyms.get(r["iso3"], {}).get("adjectives", ""))
            if adjs:
                self.adjective[r["qid"]] = adjs[0]
        for r in states:  # names first, so a name wins over a capital or demonym spelled alike
            for name in _split(r["names"]):
                self._add(name, Entry(self.actors[r["qid"]], "name"))
        for r in _rows(d / "former_states.tsv"):  # "Yugoslavia", "Soviet troops": older news
            self._load_former_state(r)
        for r in _rows(d / "organizations.tsv"):
            self._load_org(r)
        for r in _rows(d / "aliases.tsv"):
            self._load_alias(r)
        for r in _rows(d / "cities.tsv"):  # beside the cities of PETRARCH2's dictionary
            if r["qid"] in self.actors:
                self._add(r["city"], Entry(self.actors[r["qid"]], "city", (r["qid"],)))
        for r in _rows(d / "people.tsv"):
            self._load_person(r)
        for r in states:
            if r["independent"] == "y":
                for cap in _split(r["capitals"]):
                    self._add(cap, Entry(self.actors[r["qid"]], "capital"))
        for r in _rows(d / "former_states.tsv"):  # "Bonn" for West Germany; a living state's capital wins
            for cap in _split(r.get("capitals") or ""):
                self._add(cap, Entry(self.actors[r["qid"]], "capital"))
        by_iso = {r["iso3"]: self.actors[r["qid"]] for r in states}
        for iso3, r in demonyms.items():
            actor = by_iso.get(iso3)
            if actor is None:
                continue
            adjs = _split(r["adjectives"])
            for adj in adjs:
                self._add(adj, Entry(actor, "demonym"))
            people = _split(r.get("people", ""))
            people += [a + "s" for a in adjs if a.endswith(("an", "i")) and " " not in a]
            for noun in people:
                self._add(noun, Entry(actor, "people"))
        for r in _rows(d / "roles.tsv"):
            self._roles.setdefault(r["phrase"].lower(), Role(r["role"], r.get("gender", "")))
        for r in _rows(d / "agents.tsv"):
            self._agents.setdefault(r["phrase"].lower(), Agent(r["type"], r["role"], r.get("acts_for") != "n",
                                                                      r.get("acts_for") == "org",
                                                                      r.get("sector", "")))
        self.family_first = set(_rows_plain(d / "family_name_first.txt"))
        for r in _rows(d / "descriptions.tsv"):
            self._descriptions.setdefault(r["phrase"].lower(), r["target"])
        load_petrarch(self, d)

    def _load_former_state(self, r: dict[str, str]) -> None:
        """A state that no longer exists: its names, adjectives and people nouns, coded as CAMEO does."""
        qid, code = r["qid"], r["code"]
        actor = ActorRef.create("State", r["label"], wikidata=qid, iso3=code, country=qid,
                                sector="STATE", code=code)
        self.actors[qid] = actor
        self.kinds[qid] = "state"
        self.former.add(qid)
        self.iso3.setdefault(qid, code)
        adjs = _split(r["adjectives"])
        if adjs:
            self.adjective[qid] = adjs[0]
        for name in _split(r["names"]):
            self._add(name, Entry(actor, "name"))
        for adj in adjs:
            self._add(adj, Entry(actor, "demonym"))
        for noun in _split(r["people"]):
            self._add(noun, Entry(actor, "people"))

    def _load_org(self, r: dict[str, str]) -> None:
        qid = r["qid"] or None
        acts_for = r["acts_for"] or qid
        code = next((self.org_codes[n] for n in _split(r["names"]) if n in self.org_codes), "")
        if not code and r["kind"] == "group":
            code = "REB"
        sector = code[:3] if code[:3] in ("IGO", "NGO", "MNC") else (code[3:6] or "REB") if code else "IGO"
        actor = ActorRef.create(r["type"], r["label"], wikidata=qid, country=acts_for, sector=sector,
                                code=code or "IGO")
        key = qid or "org:" + r["label"]
        self.actors[key] = actor
        self.kinds[key] = r["kind"]
        acronyms = [n for n in _split(r["names"]) if n.replace(".", "").isupper() and len(n) <= 8]
        if acronyms and qid:
            self.adjective[qid] = acronyms[0]  # "EU officials", "NATO allies"
        for name in _split(r["names"]):
            self._add(name, Entry(actor, "org"))

    def _load_person(self, r: dict[str, str]) -> None:
        country, qid = r["country"] or None, r["qid"] or None
        actor = ActorRef.create("Person", r["name"], wikidata=qid, country=country,
                                role=r["role"] or None)
        self.gender[actor.id] = r["gender"]
        people: tuple[str, ...] = ()
        if (r.get("from") or r.get("until")) and country in self.iso3:  # dated: "Obama" after 2017 is not the government
            iso3 = self.iso3[country]
            self.dated[r["name"]] = (DatedRole(iso3 + "GOV", r.get("from", ""), r.get("until", "")),
                                     DatedRole(iso3 + "ELI"))
            people = (r["name"],)
        for name in [r["name"], *_split(r["variants"])]:
            self.persons.setdefault(name, actor)
            self._add(name, Entry(actor, "person", people=people))
        for name in _split(r["short"]):
            self.persons.setdefault(name, actor)
            self._add(name, Entry(actor, "person_short", people=people))

    def agent(self, phrase: str) -> Optional[Agent]:
        """The agent word entry for a phrase ("military"), if any."""
        return self._agents.get(phrase.lower())

    def person_named(self, name: str) -> Optional[ActorRef]:
        """A well-known person (``people.tsv``) by full name, spelling variant or short name."""
        return self.persons.get(name)

    def _load_alias(self, r: dict[str, str]) -> None:
        qid, type_ = r["qid"], r["type"]
        requires = tuple(_split(r["requires"].replace(",", "|")))
        if type_ in ("State", "Organization"):
            actor = self.actors[qid]
        else:
            label = f"{self.modifier(qid)} {r['role']}"
            actor = ActorRef.create(type_, label, country=qid, role=r["role"] or None)
        self._add(r["alias"], Entry(actor, "alias", requires))

    def _build_matchers(self) -> None:
        vocab = self.nlp.vocab
        make = self.nlp.make_doc
        rules = {k.lower() for k in (getattr(self.nlp.tokenizer, "rules", None) or {})}
        plain = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
        # Names are matched by their exact token texts (as a PhraseMatcher on ORTH would), from an
        # index on the first token: 40,000 phrases load in well under a second, with no Doc each.
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for text, idx in self._phrases.items():
            words = text.split(" ")
            if plain.fullmatch(text) and not any(w.lower() in rules for w in words):
                orths = tuple(words)  # plain words tokenize as themselves
            else:
                orths = tuple(t.text for t in make(text))
            if orths:
                self._by_first.setdefault(orths[0], []).append((orths, idx))
        self._role_matcher = PhraseMatcher(vocab, attr="LOWER")
        for phrase in self._roles:
            self._role_matcher.add("role:" + phrase, [make(phrase)])
        self._agent_matcher = PhraseMatcher(vocab, attr="LOWER")
        for phrase in self._agents:
            self._agent_matcher.add("agent:" + phrase, [make(phrase)])
        self._desc_matcher = PhraseMatcher(vocab, attr="LOWER")
        for phrase in self._descriptions:
            self._desc_matcher.add("desc:" + phrase, [make(phrase)])

    # ------------------------------------------------------------------ lookups
    def by_qid(self, qid: str) -> Optional[ActorRef]:
        """The state or organisation actor with this QID, if known."""
        return self.actors.get(qid)

    def kind_of(self, actor: ActorRef) -> str:
        """"state" for a state, else the organisation's kind ("bloc", "alliance", ...)."""
        key = actor.wikidata or "org:" + actor.label
        return self.kinds.get(key, "")

    def modifier(self, qid: Optional[str]) -> str:
        """The word for a polity before a noun: "Ukrainian", "EU", "Turkish"."""
        if not qid:
            return ""
        actor = self.actors.get(qid)
        return self.adjective.get(qid) or (actor.label if actor else qid)

    def entry_for(self, phrase: str) -> Optional[Entry]:
        """The entry registered for this exact phrase, if any."""
        idx = self._phrases.get(phrase)
        return None if idx is None else self._entries[idx]

    def qid_of_iso3(self, iso3: str) -> Optional[str]:
        """The QID of the state with this ISO3 code ("EGY" -> "Q79")."""
        if not hasattr(self, "_by_iso3"):
            self._by_iso3 = {v: k for k, v in self.iso3.items()}
        return self._by_iso3.get(iso3)

    def polity(self, qid: Optional[str]) -> Optional[ActorRef]:
        """The actor a ``country`` QID names (a state or an IGO)."""
        return self.actors.get(qid) if qid else None

    # ------------------------------------------------------------------ matching
    def match(self, doc: Doc) -> list[GazMatch]:
        """Names, capitals, demonyms, aliases and organisations, longest first.

        Blocker phrases take their span and are dropped from the result.
        """
        spans = self._name_spans(doc)
        weak = {s for s, e, idx in spans if doc[s].lower_ == "the"}
        out = []
        for s, e, idx in _longest(spans, weak):
            entry = self._entries[idx]
            if entry.kind != "blocker":
                out.append(GazMatch(s, e, entry, doc[s:e].text))
        return out

    def _name_spans(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every (start, end, entry index) whose token texts are a registered phrase (first registration wins)."""
        out = []
        texts = [t.text for t in doc]
        n = len(texts)
        seen: set[tuple[str, ...]] = set()
        for i, first in enumerate(texts):
            cands = self._by_first.get(first)
            if not cands:
                continue
            seen.clear()
            for orths, idx in cands:
                k = len(orths)
                if i + k <= n and orths not in seen and tuple(texts[i:i + k]) == orths:
                    seen.add(orths)
                    out.append((i, i + k, idx))
        return out

    def roles(self, doc: Doc) -> list[PhraseMatch]:
        """Office words ("foreign minister"), longest first, non-overlapping."""
        spans = []
        for mid, s, e in self._role_matcher(doc):
            spans.append((s, e, self._roles[self.nlp.vocab.strings[mid][5:]]))
        return [PhraseMatch(s, e, v) for s, e, v in _longest(spans)]

    def agents(self, doc: Doc) -> list[PhraseMatch]:
        """Agent words ("troops", "foreign ministry"), longest first, non-overlapping."""
        spans = []
        for mid, s, e in self._agent_matcher(doc):
            spans.append((s, e, self._agents[self.nlp.vocab.strings[mid][6:]]))
        return [PhraseMatch(s, e, v) for s, e, v in _longest(spans)]

    def descriptions(self, doc: Doc) -> list[PhraseMatch]:
        """Descriptions standing for actors ("the two countries", "the bloc"); value is the target kind."""
        spans = []
        for mid, s, e in self._desc_matcher(doc):
            spans.append((s, e, self._descriptions[self.nlp.vocab.strings[mid][5:]]))
        return [PhraseMatch(s, e, v) for s, e, v in _longest(spans)]


def _rows_plain(path: Path) -> list[str]:
    """Lines of a one-phrase-a-line data file (``#`` comments skipped)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]

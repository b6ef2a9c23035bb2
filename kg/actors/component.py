"""The ``entente_actors`` spaCy component: ``Doc`` -> ``doc._.mentions``.

Order of work on a document:

1. the dateline ("Seoul, South Korea — ") is found and left out;
2. gazetteer phrases (states, capitals, demonyms, aliases, organisations);
3. persons by role patterns and agents of polities (:mod:`kg.actors.linker`),
   which absorb the polity phrase they contain; groups named by their sector alone
   ("rebels", "the court") or with the state they are in ("police in Kenya",
   :mod:`kg.actors.sectors`);
4. the remaining phrases become State/Organization mentions; aliases with a
   ``requires`` condition ("the North") only when the document names the
   polity they require;
5. later references to persons ("Borrell said");
6. pronouns and descriptions (:mod:`kg.actors.coref`);
7. cities and capitals named in no other mention, which may stand for their
   state where an event needs a place as its target ("shelled Kharkiv"):
   place mentions, read only by the events stage's ``placeobj`` verbs.

Mentions are sorted by position and do not overlap, except that a plural
description ("the two countries") carries one mention per actor on the same
span; a place mention overlaps no other mention. ``Mention.via`` says how the actor was found: "gazetteer" (a name,
capital, organisation or well-known person), "demonym" (a bare adjective or
people noun: "Australian wine", "Cubans"), "alias" ("the Kremlin", "the
North", a later "Borrell"), "role" (a person by office), "agent" (an agent
of a polity), "coref" (a pronoun or description) or "place" (step 7).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.actors.coref import resolve as resolve_coref
from kg.actors.gazetteer import GazMatch, Gazetteer
from kg.actors.petrarch import dated_person
from kg.actors.sectors import find_sector_groups
from kg.actors.linker import (NAME_SUFFIXES, Found, find_agents, find_persons, find_references,
                              make_person, person_keys)
from kg.model import ActorRef, Mention

#: Capitals that are also given names: tagged PERSON, they are taken for persons. Other
#: capitals tagged PERSON ("Berlin denied", "Ankara dismissed") are tagger errors.
CAPITAL_GIVEN_NAMES = frozenset({"Sofia", "Victoria", "Santiago", "Kingston", "Sucre", "Lima", "Valletta",
                                 "Monaco", "Jerusalem", "Vienna", "Florence", "Paris", "Regina"})
#: Dashes that end a dateline.
DATELINE_DASHES = {"—", "–", "--", "-"}
#: Longest dateline we accept, in tokens ("WASHINGTON, D.C. (AP) —").
DATELINE_MAX = 12


def _register_extensions() -> None:
    try:
        from kg.nlp import register_extensions
        register_extensions()
    except ImportError:  # pragma: no cover - kg.nlp is part of the project
        for name in ("doc_id", "doc_date", "mentions", "events"):
            if not Doc.has_extension(name):
                Doc.set_extension(name, default=None)


def dateline_end(doc: Doc) -> int:
    """Token index just after a leading dateline's dash, or 0 if there is none.

    A dateline is a few capitalised words (place names, commas, an agency
    in brackets) at the start of the text, ended by a dash.
    """
    for i, tok in enumerate(doc[:DATELINE_MAX + 1]):
        if tok.text in DATELINE_DASHES and i > 0 and doc[i - 1].whitespace_ and tok.whitespace_:
            words = [t for t in doc[:i] if t.is_alpha]
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if not words or not all(t.text[:1].isupper() for t in words) or "\n" in doc[:i].text:
                return 0
            if nxt is not None and nxt.is_alpha and not nxt.text[:1].isupper():
                return 0  # "Russia — which invaded ... —" is a parenthesis, not a dateline
            if any(t.text == tok.text for t in doc[i + 1:i + 16]):
                return 0
            return i + 1
        if tok.is_space and "\n" in tok.text:
            return 0
        if tok.is_punct and tok.text not in {",", "(", ")", "."}:
            return 0
    return 0


class ActorsComponent:
    """Finds actor mentions; holds the gazetteer (loaded once)."""

    def __init__(self, nlp: Language, name: str = "entente_actors") -> None:
        _register_extensions()
        self.name = name
        self.gazetteer = Gazetteer(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = self.mentions(doc)
        return doc

    def pipe(self, docs, batch_size: int = 128):  # noqa: D102 - spaCy protocol
        for doc in docs:
            yield self(doc)

    # ------------------------------------------------------------------
    def mentions(self, doc: Doc) -> list[Mention]:
        """All actor mentions in ``doc`` (see module docstring)."""
        gaz = self.gazetteer
        skip = set(range(dateline_end(doc)))
        matches = [m for m in gaz.match(doc) if m.start not in skip]
        shared = _shared_places(matches)
        places = [Found(m.start, m.end, m.entry.actor, "place") for m in matches
                  if _stands_for_state(doc, m, shared)]  # targets of placeobj verbs only (kg.events)
        matches = _drop_person_names(doc, matches)
        named = {m.entry.actor.country for m in matches if not m.entry.requires and m.entry.actor}
        matches = [m for m in matches if all(q in named for q in m.entry.requires)]  # "the North"
        persons = find_persons(doc, gaz, matches, skip)
        persons = _non_overlapping(persons)
        taken = skip | {i for f in persons for i in range(f.start, f.end)}
        agents = find_agents(doc, gaz, matches, taken)
        taken |= {i for f in agents for i in range(f.start, f.end)}
        groups = find_sector_groups(doc, gaz, matches, taken)  # "rebels", "police in Kenya"
        taken |= {i for f in groups for i in range(f.start, f.end)}
        found: list[Found] = persons + agents + groups
        plain = [m for m in matches if not any(i in taken for i in range(m.start, m.end))]
        present = {f.actor.country for f in found if f.actor.country}
        present |= {m.entry.actor.country for m in plain if not m.entry.requires and m.entry.actor}
        for m in plain:
            if m.entry.requires and not all(q in present for q in m.entry.requires):
                continue
            if m.entry.kind.startswith("person") and m.end < len(doc) and doc[m.end].text in NAME_SUFFIXES:
                continue  # "Donald Trump Jr." is someone else
            if m.entry.kind in ("person_short", "capital") and _inside_other_name(doc, m):
                continue  # "Jill Biden", "Trump Tower", "Denzel Washington", "Paris Hilton"
            if m.entry.kind == "city" and (doc[m.start].ent_type_ != "GPE" or _inside_other_name(doc, m)
                                           or _is_place(doc[m.end - 1])):
                continue  # a city stands for its state as an actor ("Kandahar", not "Nasser", not "in Belgorod")
            if m.entry.kind == "person_short" and m.entry.people and doc[m.start].ent_type_ != "PERSON":
                continue  # a dictionary surname only where the tagger reads a person ("Friday" is a day)
            if m.entry.kind == "person_short" and _someone_else(doc, gaz, m):
                continue  # "Soleimani" after "Qasem Soleimani" is not the dictionary's Mohammad Soleimani
            if m.entry.kind in ("person", "person_short"):
                actor = m.entry.actor
                if m.entry.people:  # PETRARCH persons: the role held on the document's date
                    actor = dated_person(gaz, m.entry.people, getattr(doc._, "doc_date", None), actor)
                    if actor is None:
                        continue
                found.append(Found(m.start, m.end, actor, "gazetteer", (m.start, m.end),
                                   gaz.gender.get(actor.id, "")))
                taken |= set(range(m.start, m.end))
                continue
            if m.entry.kind in ("demonym", "name", "capital") and _inside_named_thing(doc, m):
                continue  # "Scientific American", "the Egyptian Theatre"
            via = {"demonym": "demonym", "people": "demonym", "alias": "alias", "city": "alias"}.get(m.entry.kind, "gazetteer")
            found.append(Found(m.start, m.end, m.entry.actor, via))
            taken |= set(range(m.start, m.end))
        when = getattr(doc._, "doc_date", None)
        found = [_dated(doc, gaz, f, when) for f in found]
        found = _unify_persons(doc, gaz, _fill_person_countries(found))
        keys = person_keys(gaz, [f for f in found if f.actor.type == "Person"], doc)
        found += find_references(doc, keys, taken)
        found.sort(key=lambda f: (f.start, f.end))
        found += resolve_coref(doc, found, gaz, skip)
        used = {i for f in found for i in range(f.start, f.end)}  # a city named as an actor is one
        places = [replace(f, actor=coded(gaz, f.actor)) for f in places
                  if not any(i in used for i in range(f.start, f.end))]
        return to_mentions(doc, [replace(f, actor=coded(gaz, f.actor)) for f in found] + places)


def _someone_else(doc: Doc, gaz: Gazetteer, m: GazMatch) -> bool:
    """The document names in full another person with this short name."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == m.text and ent.start != m.start:
            entry = gaz.entry_for(ent.text)
            if entry is None or entry.actor is None or entry.actor.label != m.entry.actor.label:
                return True
    return False


def _dated(doc: Doc, gaz: Gazetteer, f: Found, when: Optional[str]) -> Found:
    """A person found by role pattern without polity ("President Bush") who is a dated
    dictionary person: the one holding a state role on the document's date."""
    a = f.actor
    if a.type != "Person" or a.country:
        return f
    for text in (doc[f.start:f.end].text, a.label):
        entry = gaz.entry_for(text)
        if entry is not None and entry.people:
            actor = dated_person(gaz, entry.people, when, entry.actor)
            if actor is not None and actor.country:
                return replace(f, actor=actor)
    return f


def coded(gaz: Gazetteer, actor: ActorRef) -> ActorRef:
    """The actor with its CAMEO sector and code filled in where the finder left them out.

    A person or body acting for a state is that state's government ("KORGOV"), for an IGO
    that IGO ("IGOUNO"); a person with no known polity gets no code.
    """
    if actor.code is not None:
        return actor
    polity = gaz.polity(actor.country)
    sector = {"ArmedForce": "MIL", "Person": "GOV", "GovernmentBody": "GOV", "State": "STATE"}.get(actor.type, "CVL")
    if polity is None:
        return replace(actor, sector=sector if actor.type != "Person" else None)
    if polity.type == "State":
        code = (polity.code or "") + ("" if sector == "STATE" else sector)
    else:
        code, sector = polity.code or "IGO", polity.sector or "IGO"
    return replace(actor, sector=sector, code=code)


#: Prepositions that make a city a place, not an actor ("in Belgorod", "near Kandahar").
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "into", "outside", "around", "across", "inside",
                                "towards", "toward", "of", "on", "over", "through", "via", "between"})


def _is_place(tok: Token) -> bool:
    """A city named as a place: the object of a locative preposition, or a compound of a noun."""
    while tok.dep_ in ("compound", "conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return (tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS) or tok.dep_ in ("npadvmod", "nmod")


def _capitalised_name(tok: Token) -> bool:
    """A proper name, or a capitalised word the small model tags as a noun ("Odesa was hit")."""
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.text[:1].isupper())


def _shared_places(matches: list[GazMatch]) -> set[tuple[int, int]]:
    """Spans that name a city or capital of more than one state ("Tripoli")."""
    states: dict[tuple[int, int], set] = {}
    for m in matches:
        if m.entry.kind in ("city", "capital"):
            states.setdefault((m.start, m.end), set()).add(m.entry.actor)
    return {span for span, actors in states.items() if len(actors) > 1}


def _stands_for_state(doc: Doc, m: GazMatch, shared: set[tuple[int, int]]) -> bool:
    """A city or capital that may stand for the state it lies in where an event needs a place as
    its target ("shelled Kharkiv"): a capitalised name (the small model's entity types for Ukrainian
    cities vary from GPE to FAC, NORP, ORG or PERSON, so the type is not asked), not glued to
    another name, and in one state's list only. A locative ("in Kharkiv") is one too: the events
    stage reads it only where a place noun of an attack lies in it ("a facility in Kharkiv")."""
    return (m.entry.kind in ("city", "capital") and all(_capitalised_name(doc[i]) for i in range(m.start, m.end))
            and not _inside_other_name(doc, m) and (m.start, m.end) not in shared)


def _drop_person_names(doc: Doc, matches: list[GazMatch]) -> list[GazMatch]:
    """Drop a place name inside a longer PERSON entity ("Jordan Peterson", "George Washington"),
    or a capital inside a longer organisation name ("Washington Nationals", "Kyiv Independent")."""
    out = []
    for m in matches:
        tok = doc[m.start]
        if tok.ent_type_ == "PERSON" and m.entry.kind == "capital" and tok.text in CAPITAL_GIVEN_NAMES:
            continue  # "Sofia said": the tagger reads a person here (and may be right)
        if (tok.ent_type_ == "PERSON" and m.entry.kind in ("name", "capital")) or \
                (tok.ent_type_ in ("ORG", "FAC", "WORK_OF_ART") and m.entry.kind == "capital"):
            ent = next((e for e in doc.ents if e.start <= m.start < e.end), None)
            if ent is not None and _ent_length(doc, ent.start, ent.end, m.start) > (m.end - m.start):
                continue
        out.append(m)
    return out


def _ent_length(doc: Doc, start: int, end: int, at: int) -> int:
    """Length of the part of entity ``start..end`` around token ``at`` that no dash cuts:
    the tagger often runs a dateline into the first name ("Niamey — Mali" as one PERSON)."""
    lo = at
    while lo > start and doc[lo - 1].text not in DATELINE_DASHES:
        lo -= 1
    hi = at
    while hi < end and doc[hi].text not in DATELINE_DASHES:
        hi += 1
    return hi - lo


def _inside_other_name(doc: Doc, m: GazMatch) -> bool:
    """A short name ("Biden") glued to other capitalised words is someone or something else."""
    before = doc[m.start - 1] if m.start > 0 else None
    after = doc[m.end] if m.end < len(doc) else None
    if before is not None and before.is_alpha and before.text[:1].isupper() and before.pos_ == "PROPN" and before.text not in ("Mr", "Mrs", "Ms", "President", "Premier"):
        return True
    return after is not None and after.is_alpha and after.text[:1].isupper() and after.pos_ == "PROPN"


def _inside_named_thing(doc: Doc, m: GazMatch) -> bool:
    """A bare demonym inside the name of a work, building or event, or ending an organisation name."""
    tok = doc[m.start]
    named = ("WORK_OF_ART", "FAC", "PRODUCT", "LANGUAGE")
    if m.entry.kind == "demonym":
        named += ("EVENT", "LAW")
    if tok.ent_type_ in named:
        return True
    if tok.ent_type_ in ("ORG", "PERSON") and tok.ent_iob_ == "I" and m.start > 0 \
            and doc[m.start - 1].pos_ == "PROPN" and doc[m.start - 1].ent_iob_ != "O":
        return True  # "Scientific American", "Mister America"
    return False


def _non_overlapping(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    taken: set[int] = set()
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if any(i in taken for i in range(f.start, f.end)):
            continue
        taken.update(range(f.start, f.end))
        out.append(f)
    return sorted(out, key=lambda f: f.start)


def _fill_person_countries(found: list[Found]) -> list[Found]:
    """A person introduced without polity takes the one given to the same name elsewhere."""
    known: dict[str, set[str]] = {}
    for f in found:
        if f.actor.type == "Person" and f.actor.country and f.name is not None:
            known.setdefault(f.actor.label, set()).add(f.actor.country)
    out = []
    for f in found:
        a = f.actor
        if a.type == "Person" and not a.country and len(known.get(a.label, ())) == 1:
            f = Found(f.start, f.end, make_person(a.label, a.role, next(iter(known[a.label]))),
                      f.via, f.name, f.gender)
        out.append(f)
    return out


def _unify_persons(doc: Doc, gaz: Gazetteer, found: list[Found]) -> list[Found]:
    """"Prime Minister Johnson" after "Prime Minister Boris Johnson" is the same person."""
    keys = person_keys(gaz, [f for f in found if f.actor.type == "Person" and f.name
                             and f.name[1] - f.name[0] > 1], doc)
    named: dict[tuple, set] = {}
    for f in found:
        if f.actor.type == "Person" and f.name is not None and f.actor.country and f.actor.role:
            named.setdefault((f.actor.country, f.actor.role), set()).add(f.actor)
    out = []
    for f in found:
        a = f.actor
        if a.type == "Person" and f.name is None and len(named.get((a.country, a.role), ())) == 1:
            # "the Russian president" after "Russian President Vladimir Putin"
            f = Found(f.start, f.end, next(iter(named[(a.country, a.role)])), f.via, f.name, f.gender)
        elif a.type == "Person" and f.name and f.name[1] - f.name[0] == 1:
            other = keys.get(a.label)
            if other is not None and other != a and (a.country is None or a.country == other.country):
                f = Found(f.start, f.end, other, f.via, f.name, f.gender)
        out.append(f)
    return out


def to_mentions(doc: Doc, found: list[Found]) -> list[Mention]:
    """:class:`Found` spans as sorted :class:`Mention` records."""
    doc_id = getattr(doc._, "doc_id", "") or "" if Doc.has_extension("doc_id") else ""
    sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    out = []
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        span = doc[f.start:f.end]
        out.append(Mention(doc=doc_id, sentence=bisect_right(sent_starts, f.start) - 1,
                           start=span.start_char, end=span.end_char, token_start=f.start,
                           token_end=f.end, text=span.text, actor=f.actor, via=f.via))
    return out


def mentions_at(doc: Doc, token: Token | int) -> list[Mention]:
    """Every mention covering ``token`` (more than one only for plural descriptions)."""
    i = token if isinstance(token, int) else token.i
    return [m for m in (doc._.mentions or []) if m.token_start <= i < m.token_end]


def mention_at(doc: Doc, token: Token | int) -> Optional[Mention]:
    """The mention covering ``token``, or None."""
    found = mentions_at(doc, token)
    return found[0] if found else None


def actor_of(doc: Doc, token: Token | int) -> Optional[ActorRef]:
    """The actor of the mention covering ``token``, or None."""
    m = mention_at(doc, token)
    return m.actor if m else None


#: Infix splitting a hyphen after an abbreviation: "U.S.-China", "U.S.-led", "U.N.-brokered".
ABBREV_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


def split_abbreviation_hyphens(nlp: Language) -> None:
    """Make the tokenizer split "U.S.-China" into "U.S." "-" "China" (idempotent).

    spaCy keeps such words whole, which hides the polity from the gazetteer
    and the parser. The rule is added to the tokenizer's own infix pattern.
    """
    tokenizer = nlp.tokenizer
    finditer = getattr(tokenizer, "infix_finditer", None)
    current = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if current is not None and ABBREV_HYPHEN in current:
        return
    pattern = f"{current}|{ABBREV_HYPHEN}" if current else ABBREV_HYPHEN
    tokenizer.infix_finditer = re.compile(pattern).finditer


@Language.factory("entente_actors", default_config={"split_abbreviation_hyphens": True})
def make_actors(nlp: Language, name: str, split_abbreviation_hyphens: bool) -> ActorsComponent:
    """spaCy factory: ``nlp.add_pipe("entente_actors")``.

    With ``split_abbreviation_hyphens`` (default) the tokenizer also splits
    "U.S.-China" so that "U.S." is found (:func:`split_abbreviation_hyphens`).
    """
    if split_abbreviation_hyphens:
        _split_hyphens(nlp)
    return ActorsComponent(nlp, name)


_split_hyphens = split_abbreviation_hyphens

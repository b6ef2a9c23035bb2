"""Actors from the PETRARCH2 dictionaries: country spellings, IGOs, armed groups, dated persons, sectors.

The tables ``ontologies/actors/petrarch_*.tsv`` are made by
``scripts/make_petrarch_actors.py`` from the MIT-licensed dictionaries in
``ontologies/sources/petrarch2/``. They are loaded *after* the hand-written
tables, so a hand-written row always wins over a PETRARCH one for the same
phrase. Persons carry dated roles (``USAGOV:2001-01-20:2009-01-20``), resolved
against the document's date by :func:`resolve_roles`; an open-ended role ("from
2009", never closed because the dictionaries stop in February 2015) is trusted
until :data:`OPEN_ROLE_HORIZON`.

>>> roles = parse_roles("USAELI:1964-01-01:2001-01-20|USAGOV:2001-01-20:2009-01-20|USAELI::")
>>> resolve_roles(roles, "2003-05-01")
('USAGOV', 'GOV')
>>> resolve_roles(roles, "2012-01-01")
('USAELI', 'ELI')
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

from kg.model import ActorRef

if TYPE_CHECKING:  # pragma: no cover
    from kg.actors.gazetteer import Gazetteer

#: Sectors whose members act for their state (the rest are of their country, not for it).
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")
#: Agent nouns of a non-state sector that name people (the others, "tanker", "airline", stay with the state).
PERSON_NOUN = re.compile(r"(man|men|woman|women|person|persons|people|ists?|ers|ors|ians|ants|ents|ees|ics)$")
#: The PETRARCH2 dictionaries' last edit; later roles (the Factbook's) are open-ended.
DICT_END = "2015-03-01"
#: Open-ended roles are trusted until two years after the dictionaries' last edit (February 2015).
OPEN_ROLE_HORIZON = "2017-01-19"


@dataclass(frozen=True)
class DatedRole:
    """One coded role of a person: CAMEO code and ISO dates (empty = open)."""

    code: str
    start: str = ""
    end: str = ""


def parse_roles(value: str) -> tuple[DatedRole, ...]:
    """``CODE:FROM:UNTIL|...`` as :class:`DatedRole`s."""
    out = []
    for part in value.split("|"):
        bits = (part.split(":") + ["", ""])[:3]
        if bits[0]:
            out.append(DatedRole(*bits))
    return tuple(out)


def resolve_roles(roles: tuple[DatedRole, ...], when: Optional[str]) -> Optional[tuple[str, str]]:
    """The (code, sector) a person holds on date ``when`` (today when None).

    A dated role active on that date wins (state sectors first, then the latest
    start); else an undated default role; else the person is an elite ("ELI")
    of the country of the last role; None when no role names a country.
    """
    when = (when or date.today().isoformat())[:10]
    active = []
    for r in roles:
        if not (r.start or r.end):
            continue
        end = r.end or (OPEN_ROLE_HORIZON if r.start and r.start < DICT_END else "")
        if (not r.start or r.start <= when) and (not end or when < end):
            active.append(r)
    if active:
        best = max(active, key=lambda r: (r.code[3:6] in STATE_SECTORS, r.start))
        return best.code, best.code[3:6] or "GOV"
    default = [r for r in roles if not (r.start or r.end)]
    if default:
        return default[0].code, default[0].code[3:6] or "ELI"
    if roles:
        head = roles[-1].code[:3]
        return (head + "ELI", "ELI") if head != "IGO" else (roles[-1].code, "IGO")
    return None


def rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a generated table (``#`` comment lines skipped); nothing if it is absent."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def petrarch_org_codes(data_dir: Path) -> dict[str, str]:
    """Name -> CAMEO code of the international and armed actors (to code the hand-written organisations)."""
    out: dict[str, str] = {}
    for r in rows(data_dir / "petrarch_actors.tsv"):
        for name in _split(r["names"]):
            out.setdefault(name, r["code"])
    return out


def load_petrarch(gaz: "Gazetteer", data_dir: Path) -> None:
    """Add the PETRARCH tables to ``gaz`` (after its hand-written tables: the first phrase wins).

    "the X" is not added where X is known already ("the UK" stays "UK" after "the").
    """
    from kg.actors.gazetteer import Agent, Entry

    def add(name: str, entry: "Entry") -> None:
        if name.startswith("the ") and name[4:] in gaz._phrases:
            return
        gaz._add(name, entry)

    for r in rows(data_dir / "petrarch_countries.tsv"):
        actor = gaz.actors.get(r["qid"])
        if actor is None:
            continue
        for name in _split(r["names"]):
            add(name, Entry(actor, "name"))
        for city in _split(r["cities"]):  # a city stands for its state only in a document naming the state
            add(city, Entry(actor, "city", (r["qid"],)))
    role_words = {w for phrase in gaz._roles for w in phrase.split()}
    for r in rows(data_dir / "petrarch_actors.tsv"):
        country = r["country"] or None
        if r["kind"] == "institution" and role_words & set(r["label"].lower().split()):
            continue  # "Secretary of State" is an office introducing a person
        if r["kind"] == "institution" and country is None:
            continue
        names = _split(r["names"])
        if any(n in gaz._phrases or n.removeprefix("the ") in gaz._phrases for n in names):
            continue  # a hand-written actor already: it wins, with its QID
        sector = r["sector"]
        acts = country if r["kind"] == "institution" and sector in STATE_SECTORS else None
        actor = ActorRef.create(r["type"], r["label"], country=acts, sector=sector, code=r["code"],
                                iso3=gaz.iso3.get(country or "") or None, role=r["kind"] if r["kind"] != "institution" else None)
        gaz.kinds.setdefault("org:" + r["label"], "group" if r["kind"] == "armed" else r["kind"])
        for name in names:
            add(name, Entry(actor, "org"))
    for r in rows(data_dir / "factbook_leaders.tsv"):  # today's leaders first: they win a shared phrase
        iso3 = gaz.iso3.get(r["country"])
        if not iso3:
            continue
        label = r["name"]
        gaz.dated.setdefault(label, (DatedRole(iso3 + "GOV", r["from"], ""), DatedRole(iso3 + "ELI")))
        actor = ActorRef.create("Person", label, country=r["country"], role=r["role"] or None)
        for name in [label, *_split(r["variants"])]:
            add(name, Entry(actor, "person", people=(label,)))
        for name in _split(r["short"]):
            add(name, Entry(actor, "person_short", people=(label,)))
    for r in rows(data_dir / "petrarch_people.tsv"):
        roles = parse_roles(r["roles"])
        if not any(x.code[3:6] in STATE_SECTORS or x.code[:3] == "IGO" for x in roles):
            continue
        label = r["name"]
        gaz.dated[label] = roles
        actor = ActorRef.create("Person", label)
        for name in [label, *_split(r["variants"])]:
            add(name, Entry(actor, "person", people=(label,)))
        for name in _split(r["short"]):
            add(name, Entry(actor, "person_short", people=(label,)))
    for r in rows(data_dir / "petrarch_agents.tsv"):
        if r["phrase"] in gaz._roles or role_words & set(r["phrase"].split()):
            continue  # an office word introduces a person ("Secretary of State Antony Blinken")
        sector = r["code"][:3]
        if sector not in STATE_SECTORS and not PERSON_NOUN.search(r["phrase"]):
            continue  # "Iranian oil tanker" is Iran's; "a Saudi businessman", "Egyptian journalists" are of their sector
        gaz._agents.setdefault(r["phrase"], Agent(r["type"], r["role"], sector in STATE_SECTORS, False, r["code"]))


def dated_person(gaz: "Gazetteer", labels: tuple[str, ...], when: Optional[str],
                 base: Optional[ActorRef] = None) -> Optional[ActorRef]:
    """The person a phrase names on date ``when``, with the polity and code of the role held then.

    Of several persons sharing a phrase ("President Bush"), the one holding a
    state role on that date; None when that is not exactly one.
    """
    resolved = []
    for label in labels:
        res = resolve_roles(gaz.dated.get(label, ()), when)
        resolved.append((label, res))
    if len(resolved) > 1:
        resolved = [(lab, res) for lab, res in resolved if res and res[1] in STATE_SECTORS]
        if len(resolved) != 1:
            return None
    label, res = resolved[0]
    if res is None:
        return ActorRef.create("Person", label)
    code, sector = res
    country = gaz.qid_of_iso3(code[:3])
    acts = country if sector in STATE_SECTORS else None
    role = {"GOV": "government", "MIL": "military", "ELI": "former official"}.get(sector)
    qid = None
    if base is not None and base.label == label:  # a hand-written row: its own office, QID and polity
        qid = base.wikidata
        if acts is not None and base.country == acts:
            return replace(base, sector=sector, code=code)
    return ActorRef.create("Person", label, wikidata=qid, country=acts, role=role, sector=sector, code=code,
                           iso3=code[:3] if country else None)

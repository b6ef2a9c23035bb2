"""Persons by role patterns, agents of polities, and later references to persons.

- ``POLITY? ROLE NAME``: "South Korean Foreign Minister Cho Tae-yul",
  "EU foreign policy chief Josep Borrell", "Chancellor Olaf Scholz" (no
  polity: ``country`` stays None unless the same person is given one
  elsewhere in the document). ``POLITY ROLE`` without a name ("Iran's
  foreign minister") is a Person labelled by polity and role.
- ``POLITY('s)? ... AGENT``: "North Korean troops", "Ukraine's air force",
  "the U.S. Treasury", "Chinese coast guard vessels": an ArmedForce,
  GovernmentBody or Group acting for the polity (role from ``agents.tsv``).
- Later references: "Borrell", "Mr. Scholz", "Cho" (family name first for
  Korean and Chinese names) resolve to the person introduced earlier, unless
  two persons share the name (then nothing).

Every function returns :class:`Found` spans; the component turns them into
:class:`kg.model.Mention`s.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Doc, Token

from kg.actors.gazetteer import Agent, GazMatch, Gazetteer, Role
from kg.model import ActorRef

#: Lower-case particles allowed inside a person's name ("Abdel Fattah al-Sisi").
NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "di", "del", "van", "von", "der", "la", "le", "dos", "du"}
#: Title-case words that never start or continue a name after a role.
NOT_NAME = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "The", "A", "An", "In", "On", "At", "And", "But", "He",
    "She", "It", "They", "We", "I", "His", "Her", "Their", "Its", "This", "That", "Mr", "Mr.",
    "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Last", "Next", "Earlier", "Later", "Also", "Who",
}
#: Words allowed between a polity and a role ("former U.S. President").
ROLE_MODIFIERS = {"former", "then", "acting", "outgoing", "incoming", "new", "interim", "deputy", "-"}
NAME_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "III"}
HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Dr"}
POSSESSIVE = {"'s", "’s", "'", "’"}
#: Gazetteer kinds that can act as the polity of a role or agent.
POLITY_KINDS = {"name", "capital", "demonym", "org", "alias"}


@dataclass
class Found:
    """An actor found on tokens ``start:end`` of a doc (end exclusive)."""

    start: int
    end: int
    actor: ActorRef
    via: str
    name: tuple[int, int] | None = None  # token span of a person's name
    gender: str = ""


def _is_name_token(tok: Token) -> bool:
    t = tok.text
    if t in NOT_NAME or not t[:1].isupper():
        return False
    if tok.is_alpha:
        return True
    return len(t) == 2 and t[1] == "." and t[0].isalpha()  # an initial: "J."


def name_span(doc: Doc, start: int, limit: int = 6) -> Optional[tuple[int, int]]:
    """The person's name starting at ``start`` (hyphenated parts kept whole)."""
    i, n, words = start, len(doc), 0
    if i >= n or not _is_name_token(doc[i]):
        return None
    end = i
    while i < n and words < limit:
        tok = doc[i]
        if _is_name_token(tok):
            words += 1
            end = i + 1
            i += 1
            # "Tae-yul", "Al-Sisi": a hyphen glued to both neighbours joins the parts
            while (i + 1 < n and doc[i].text in ("-", "‐") and not doc[i - 1].whitespace_
                   and not doc[i].whitespace_ and doc[i + 1].is_alpha):
                i += 2
                end = i
            continue
        if tok.lower_ in NAME_PARTICLES and i + 1 < n and _is_name_token(doc[i + 1]):
            i += 1
            continue
        if tok.lower_ in NAME_PARTICLES and i + 2 < n and doc[i + 1].text == "-":
            i += 2
            continue
        break
    return (start, end) if end > start else None


def make_person(label: str, role: Optional[str], country: Optional[str]) -> ActorRef:
    """A Person actor, its IRI from name and polity."""
    return ActorRef.create("Person", label, country=country, role=role)


def _polity_before(doc: Doc, idx: int, by_end: dict[int, GazMatch]) -> Optional[GazMatch]:
    """A polity phrase ending just before token ``idx`` (possessive and modifiers allowed)."""
    j = idx
    while j > 0 and doc[j - 1].lower_ in ROLE_MODIFIERS:
        j -= 1
    if j > 0 and doc[j - 1].text in POSSESSIVE:
        j -= 1
    m = by_end.get(j)
    if m is not None and m.entry.kind in POLITY_KINDS and m.entry.actor is not None:
        return m
    return None


def _polity_qid(m: GazMatch) -> Optional[str]:
    return m.entry.actor.country if m.entry.actor else None


def find_persons(doc: Doc, gaz: Gazetteer, matches: list[GazMatch], blocked: set[int]) -> list[Found]:
    """Persons introduced by a role word, with or without polity and name."""
    by_end = {m.end: m for m in matches}
    by_start = {m.start: m for m in matches if not m.entry.kind.startswith("person")}
    person_at = {m.start: m for m in matches if m.entry.kind == "person"}
    out: list[Found] = []
    covered = {i for m in matches if not m.entry.kind.startswith("person") for i in range(m.start, m.end)}
    roles = [r for r in gaz.roles(doc) if r.start not in blocked
             and not any(i in covered for i in range(r.start, r.end))]  # "UN General Assembly"
    stash: Optional[tuple[int, Optional[GazMatch], Role, int]] = None  # a role directly before another
    for k, rm in enumerate(roles):
        role: Role = rm.value  # type: ignore[assignment]
        polity = _polity_before(doc, rm.start, by_end)
        role_start = rm.start
        prev = doc[role_start - 1] if role_start > 0 else None
        if polity is None and prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() \
                and (role_start - 1) not in by_end and not prev.is_sent_start:
            stash = None
            continue  # a role word inside a name: "GNU General Public License", "Senate President"
        if stash is not None and stash[0] == rm.start:
            polity, role, role_start = stash[1], stash[2], stash[3]  # "Pakistan's army chief General X"
        stash = None
        if k + 1 < len(roles) and roles[k + 1].start == rm.end:
            stash = (rm.end, polity, role, role_start)
            continue
        span = name_span(doc, rm.end)
        if span is not None and all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in doc[span[0]:span[1]]):
            span = None  # "General Santos City", "Sultan Kudarat" are places
        if span is not None and span[0] in person_at:  # "Prime Minister Theresa May"
            span = (span[0], max(span[1], person_at[span[0]].end))
        if span is not None and span[0] in by_start:
            span = None  # "President Xi" fine, but "Prime Minister Japan" is no name
        if span is not None and any(i in by_start for i in range(*span)):
            # cut the name before a gazetteer phrase ("President Biden Seoul")
            cut = min(i for i in range(*span) if i in by_start)
            span = (span[0], cut) if cut > span[0] else None
        title_case = doc[role_start].text[:1].isupper() or doc[rm.start].text[:1].isupper()
        if polity is None and span is not None and span[1] + 1 < len(doc) and doc[span[1]].lower_ == "of":
            after = by_start.get(span[1] + 1) or by_start.get(span[1] + 2) if doc[span[1] + 1].lower_ == "the" \
                else by_start.get(span[1] + 1)
            if after is not None and after.entry.kind in POLITY_KINDS and after.entry.actor is not None \
                    and after.entry.actor.type in ("State", "Organization"):
                # "President Lee Jae-myung of South Korea"
                label = doc[span[0]:span[1]].text
                country = after.entry.actor.country
                known = gaz.person_named(label)
                actor = known if known is not None and known.country == country else \
                    make_person(label, role.role, country)
                out.append(Found(role_start, after.end, actor, "role", span, role.gender))
                continue
        if span is None:
            if polity is None:
                continue
            country = _polity_qid(polity)
            appos = _apposed_name(doc, polity.start, rm.end, by_start)
            if appos is not None:
                (start, end), name = appos
                label = doc[name[0]:name[1]].text
                known = gaz.person_named(label)
                if known is not None and known.country == country:
                    out.append(Found(start, end, known, "role", name, gaz.gender.get(known.id, "")))
                else:
                    out.append(Found(start, end, make_person(label, role.role, country), "role", name,
                                     role.gender))
                continue
            label = f"{gaz.modifier(country) or polity.text} {role.role}"
            out.append(Found(polity.start, rm.end, make_person(label, role.role, country), "role",
                             None, role.gender))
            continue
        if polity is None and not title_case:
            continue  # "the president Joe" is not a pattern we trust
        label = doc[span[0]:span[1]].text
        country = _polity_qid(polity) if polity is not None else None
        start = polity.start if polity is not None else role_start
        known = gaz.person_named(label)
        if known is not None and (country is None or country == known.country):
            out.append(Found(start, span[1], known, "role", span, gaz.gender.get(known.id, "")))
            continue
        out.append(Found(start, span[1], make_person(label, role.role, country), "role", span, role.gender))
    return out


def _propn(doc: Doc, span: tuple[int, int]) -> bool:
    """All words of a name are proper nouns to the tagger (guards "Meanwhile, the envoy")."""
    return all(t.pos_ == "PROPN" for t in doc[span[0]:span[1]] if t.is_alpha and t.text[:1].isupper())


def _apposed_name(doc: Doc, pstart: int, rend: int, by_start: dict) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
    """A name in apposition to "POLITY ROLE": "Russia's foreign minister, Sergei Lavrov," or
    "Sergei Lavrov, the Russian foreign minister". Returns (mention span, name span)."""
    n = len(doc)
    # ROLE , NAME (, | . | verb)
    if rend + 1 < n and doc[rend].text == ",":
        span = name_span(doc, rend + 1)
        if span is not None and span[0] not in by_start and _propn(doc, span):
            after = doc[span[1]] if span[1] < n else None
            if after is None or after.is_punct or after.pos_ in ("VERB", "AUX"):
                return (pstart, span[1]), span
    # NAME , (the)? POLITY ROLE
    j = pstart
    if j > 0 and doc[j - 1].lower_ in ("the", "a"):
        j -= 1
    if j >= 2 and doc[j - 1].text == ",":
        end = j - 1
        k = end
        while k > 0 and (_is_name_token(doc[k - 1]) or (doc[k - 1].text == "-" and k - 2 >= 0
                                                       and not doc[k - 2].whitespace_)):
            k -= 1
        while k < end and not _is_name_token(doc[k]):
            k += 1
        if k < end and end - k <= 6 and k not in by_start:
            span = name_span(doc, k)
            if span is not None and span[1] == end and _propn(doc, span):
                return (k, rend), span
    return None


def find_agents(doc: Doc, gaz: Gazetteer, matches: list[GazMatch], taken: set[int]) -> list[Found]:
    """Agents of polities: "North Korean troops", "Ukraine's air force", "forces of Russia"."""
    covered = {i for m in matches if m.entry.kind not in POLITY_KINDS or m.entry.kind == "alias"
               for i in range(m.start, m.end)}
    agents = [a for a in gaz.agents(doc) if a.start not in taken
              and not any(i in covered for i in range(a.start, a.end))]  # "People's Liberation Army"
    agent_at = {}
    for a in agents:
        for i in range(a.start, a.end):
            agent_at[i] = a
    out: list[Found] = []
    used: set[int] = set()
    for m in matches:
        city = m.entry.kind == "city"  # a region or city of a state named in the document
        if (m.entry.kind not in POLITY_KINDS and not city) or m.entry.actor is None or m.start in taken:
            continue
        if m.entry.actor.type not in ("State", "Organization"):
            continue
        if m.entry.kind == "capital" and not (m.end < len(doc) and doc[m.end].text in POSSESSIVE):
            continue  # "Washington Nationals": a capital acts through agents only as "Kyiv's air force"
        last = doc[m.end - 1]
        head = last.head
        if head.dep_ == "amod" and head.lower_ == "led" and head.i == m.end + 1 and \
                doc[m.end].text in ("-", "–") and head.head.i > head.i:
            head = head.head  # "Vietnamese-led forces", "Saudi-led coalition": led by the polity
        candidates = []
        if last.dep_ in ("amod", "poss", "compound", "nmod", "npadvmod") and head.i >= m.end and head.i - m.end <= 4:
            candidates = [agent_at[i] for i in range(m.end, head.i + 1) if i in agent_at]
        if not candidates:
            j = m.end + (1 if m.end < len(doc) and doc[m.end].text in POSSESSIVE else 0)
            if j in agent_at and agent_at[j].start == j:
                candidates = [agent_at[j]]
        if not candidates:
            continue
        agent = candidates[0]
        if city and (agent.value.acts_for or m.end != agent.start):
            continue  # only groups that do not act for the state: "Darfur rebels", not "Moscow police"
        if agent.value.org_only and m.entry.actor.type != "Organization":
            continue  # "Ukraine's allies" are not Ukraine
        between = [t for t in doc[m.end:agent.start] if t.text not in POSSESSIVE]
        if any(t.text[:1].isupper() and t.i not in agent_at for t in between):
            continue  # a named body ("Syrian Democratic Forces"), not an agent of the state
        end = max(agent.end, head.i + 1) if head.i >= m.end and head.i - m.end <= 4 and head.i in agent_at else agent.end
        if any(i in used or i in taken for i in range(m.start, end)):
            continue
        used.update(range(m.start, end))
        out.append(Found(m.start, end, _agent_actor(gaz, m, agent.value), "agent"))  # type: ignore[arg-type]
    # PERSON('s)? administration/government: "the Biden administration", "Putin's government"
    for m in matches:
        if not m.entry.kind.startswith("person") or m.entry.actor is None or m.start in taken:
            continue
        j = m.end + (1 if m.end < len(doc) and doc[m.end].text in POSSESSIVE else 0)
        a = agent_at.get(j)
        if a is None or a.start != j or a.value.type != "State" or any(i in used for i in range(m.start, a.end)):
            continue
        polity = gaz.polity(m.entry.actor.country)
        if polity is not None:
            used.update(range(m.start, a.end))
            out.append(Found(m.start, a.end, polity, "agent"))
    # AGENT of POLITY: "the forces of Russia", "the government of Iran"
    by_start = {m.start: m for m in matches}
    for a in agents:
        if a.start in used or a.end + 1 >= len(doc) or doc[a.end].lower_ != "of":
            continue
        m = by_start.get(a.end + 1)
        if m is None or m.entry.kind not in POLITY_KINDS or m.entry.actor is None or m.start in taken:
            continue
        if any(t.conjuncts for t in doc[m.start:m.end]):
            continue  # "the leaders of Greece and Turkey": leave the coordination to the events stage
        if any(i in used for i in range(a.start, m.end)):
            continue
        used.update(range(a.start, m.end))
        out.append(Found(a.start, m.end, _agent_actor(gaz, m, a.value), "agent"))  # type: ignore[arg-type]
    return out


def _agent_actor(gaz: Gazetteer, m: GazMatch, agent: Agent) -> ActorRef:
    polity = m.entry.actor
    assert polity is not None
    if agent.type == polity.type:
        return gaz.polity(polity.country) or polity
    return agent_actor(gaz, polity.country, agent) or polity


def agent_actor(gaz: Gazetteer, country: Optional[str], agent: Agent) -> Optional[ActorRef]:
    """The actor for an agent of a polity ("Ukrainian air force"); the polity itself for type State."""
    polity = gaz.polity(country)
    if polity is None:
        return None
    if agent.type == "State":
        return polity
    label = f"{gaz.modifier(country) or polity.label} {agent.role}"
    sector = agent.sector or {"ArmedForce": "MIL", "GovernmentBody": "GOV"}.get(agent.type, "CVL")
    head = polity.code if polity.type == "State" and polity.code else (polity.code or "")
    code = head + sector if polity.type == "State" else (head or "IGO")
    if not agent.acts_for:  # "Syrian rebels" do not act for Syria: of Syria (iso3, code), not for it
        return ActorRef.create(agent.type, label, role=agent.role, iso3=polity.iso3, sector=sector[:3], code=code)
    return ActorRef.create(agent.type, label, country=country, role=agent.role, iso3=polity.iso3,
                           sector=sector[:3], code=code)


def person_keys(gaz: Gazetteer, persons: Iterable[Found], doc: Doc) -> dict[str, ActorRef]:
    """Names by which introduced persons are referred to later (ambiguous keys dropped)."""
    keys: dict[str, set[ActorRef]] = {}
    for f in persons:
        if f.name is None:
            continue
        full = doc[f.name[0]:f.name[1]].text
        parts = full.split()
        cands = {full}
        if len(parts) >= 2:
            cands.add(parts[-1])
            if parts[0] in gaz.family_first:
                cands.add(parts[0])
        for k in cands:
            keys.setdefault(k, set()).add(f.actor)
    return {k: next(iter(v)) for k, v in keys.items() if len(v) == 1}


def find_references(doc: Doc, keys: dict[str, ActorRef], taken: set[int]) -> list[Found]:
    """Later mentions of introduced persons by full name or family name."""
    out: list[Found] = []
    if not keys:
        return out
    maxlen = max(len(k.split()) for k in keys) + 3
    i, n = 0, len(doc)
    while i < n:
        if i in taken or not doc[i].text[:1].isupper():
            i += 1
            continue
        span = name_span(doc, i)
        if span is None:
            i += 1
            continue
        text = doc[span[0]:span[1]].text
        actor = keys.get(text)
        if span[1] < n and doc[span[1]].text in NAME_SUFFIXES:
            actor = None  # "Donald Trump Jr." is someone else
        if actor is not None and span[1] - span[0] <= maxlen and not any(k in taken for k in range(*span)):
            start = span[0]
            if start > 0 and doc[start - 1].text in HONORIFICS:
                start -= 1
            out.append(Found(start, span[1], actor, "alias", span))
        i = span[1]
    return out

"""Sector groups named without a polity: "rebels", "the court", "prisoners", "police in Kenya".

The linker (:mod:`kg.actors.linker`) finds agents of a named polity ("Ugandan rebels",
"Egyptian police"). News text also names groups by their sector alone, and the CAMEO
codebook codes them by that sector ("REB", "OPP", "COP", "JUD"):

- a bare agent noun of a sector that names people or a court ("Prisoners rioted",
  "demonstrators protested", "the court ruled", "Islamic fundamentalist leaders") is an actor of
  that sector with no polity: its ``code`` is the sector ("REB") and it counts as no state;
- with a locative or origin phrase naming a state ("police in Kenya", "rebels in Darfur",
  "opposition groups in Zimbabwe", "workers from Poland") it is that state's agent, coded
  and acting for the state exactly as "Kenyan police" would be.

Generic state nouns ("officials", "authorities", "the government", "troops") are left to
coreference: without a polity they most often stand for a state named earlier.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from kg.actors.gazetteer import Agent, GazMatch, Gazetteer
from kg.actors.linker import POLITY_KINDS, Found, agent_actor
from kg.model import ActorRef

#: Sectors whose bare nouns name a group of their own (not a state named elsewhere).
BARE_SECTORS = frozenset({"REB", "OPP", "LAB", "EDU", "CVL", "REF", "RAD", "INS", "UAF", "CRM",
                          "ETH", "MED", "AGR", "JUD", "COP", "BUS", "REL", "HLH", "HRI", "ENV", "NGO"})
#: Prepositions by which a group's phrase names the state it is in or comes from.
LOCATIVE_PREPS = frozenset({"in", "from", "of", "inside", "throughout", "across"})
#: Words that make a bare noun no group ("police station", "court ruling" are things).
THING_HEADS = frozenset({"station", "stations", "officer", "officers", "ruling", "rulings", "case",
                         "cases", "order", "orders", "movement", "leader", "camp", "camps", "union"})


def sector_of(agent: Agent) -> str:
    """The CAMEO sector code of an agent word ("REB")."""
    return (agent.sector or {"ArmedForce": "MIL", "GovernmentBody": "GOV"}.get(agent.type, "CVL"))[:3]


def bare_actor(agent: Agent) -> ActorRef:
    """The actor of a sector group named without a polity ("rebels": code and sector REB)."""
    sector = sector_of(agent)
    return ActorRef.create(agent.type, agent.role, role=agent.role, sector=sector, code=sector)


def _located(head: Token, by_start: dict[int, GazMatch], taken: set[int],
             former: set[str]) -> Optional[GazMatch]:
    """The state a group's ``in``/``from`` phrase names ("police in Kenya"), if one does (a
    state that no longer exists is a place in history, "prisoners in the Soviet Union", not
    the polity of a group)."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.conjuncts:
                continue  # "rebels in Chad and Sudan": no one state
            start = pobj.left_edge.i
            for i in range(start, pobj.i + 1):
                m = by_start.get(i)
                if m is not None and m.end == pobj.i + 1 and m.entry.kind in POLITY_KINDS \
                        and m.entry.actor is not None and m.entry.actor.type == "State" \
                        and m.start not in taken and m.entry.actor.country not in former:
                    return m
    return None


def find_sector_groups(doc: Doc, gaz: Gazetteer, matches: list[GazMatch], taken: set[int]) -> list[Found]:
    """Groups named by their sector alone, or by their sector and the state they are in."""
    by_start = {m.start: m for m in matches}
    matched = {i for m in matches for i in range(m.start, m.end)}
    out: list[Found] = []
    used: set[int] = set()
    for pm in gaz.agents(doc):
        agent: Agent = pm.value  # type: ignore[assignment]
        if agent.type == "State" or agent.org_only or sector_of(agent) not in BARE_SECTORS:
            continue
        span = range(pm.start, pm.end)
        if any(i in taken or i in matched or i in used for i in span):
            continue
        head = doc[pm.end - 1]
        if head.pos_ not in ("NOUN", "PROPN") or head.text[:1].isupper() and head.i > head.sent.start:
            continue  # "the Supreme Court of Kenya" is a name the gazetteer knows or does not
        if head.dep_ == "compound" and head.head.i > head.i:
            continue  # "police station", "union leader": the noun names something else
        if head.lower_ in THING_HEADS:
            continue
        if any(c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.i in matched)
               for c in head.children):
            continue  # "Kenya's police", "Kurdish rebels": the linker's, or a polity it lacks
        if any(t.i in matched or t.i in taken for t in doc[head.left_edge.i:pm.start]):
            continue
        where = _located(head, by_start, taken, gaz.former)
        if where is not None:
            actor = agent_actor(gaz, where.entry.actor.country, agent)  # type: ignore[union-attr]
            if actor is None:
                continue
            end = where.end
        else:
            actor, end = bare_actor(agent), pm.end
        used.update(range(pm.start, end))
        out.append(Found(pm.start, end, actor, "agent"))
    return out

"""Descriptions that stand for actors named earlier: "the two countries", "the three
countries", "both sides", "the bloc", "the island", "the minister".

Used by :mod:`kg.actors.coref` (which owns the index of mentions, ``_Index``). Counted
descriptions resolve to the last coordination of exactly that many distinct polities
("Mali, Burkina Faso and Niger ... the three countries"; a written list counts when the
parse of a long list is wrong); otherwise nothing is produced.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.actors.linker import Found, agent_actor, name_span
from kg.model import ActorRef

if TYPE_CHECKING:
    from kg.actors.coref import _Index

SUBJ = {"nsubj", "nsubjpass"}
#: Verbs whose subject and object form a pair ("X met Y ... the two leaders").
MEETING_VERBS = {"meet", "host", "call", "visit", "receive", "welcome", "talk", "speak", "phone"}
#: Sentences looked back for descriptions and the unique-candidate rule.
WINDOW = 3
#: Sentences looked back for the last coordinated pair ("the two countries").
PAIR_WINDOW = 8


def resolve_description(ix: "_Index", start: int, target: str) -> list[ActorRef]:
    gaz = ix.gaz
    recent = ix.before(start, WINDOW)
    if target == "pair":
        return _last_pair(ix, start)
    if target.startswith("group") and target[5:].isdigit():
        return _last_pair(ix, start, int(target[5:]))
    if target == "state" or target.startswith("agent:"):
        near = ix.before(start, 2)
        states = {f.actor.country for f in near if (p := ix.polity(f)) is not None and p.type == "State"}
        others = {f.actor.country for f in near if f.actor.country} - states
        if len(states) == 1 and not others:
            qid = next(iter(states))
            if target.startswith("agent:"):
                agent = gaz.agent(target[6:])
                actor = agent_actor(gaz, qid, agent) if agent else None
                return [actor] if actor is not None else []
            return [gaz.polity(qid)]  # type: ignore[list-item]
        return []
    polities = [ix.polity(f) for f in recent]
    polities = [p for p in polities if p is not None]
    if target == "island":
        cands = {p.wikidata for p in polities if p.type == "State" and p.wikidata in gaz.island}
    elif target == "org":
        cands = {p.country for p in polities if p.type == "Organization"}
    else:
        cands = {p.country for p in polities if p.type in ("Organization", "Group") and gaz.kind_of(p) == target}
    if len(cands) == 1:
        p = gaz.polity(next(iter(cands)))
        return [p] if p is not None else []
    return []


def _last_pair(ix: "_Index", start: int, size: int = 2) -> list[ActorRef]:
    """The polities of the last coordination of exactly ``size`` actors before ``start``,
    other than the subject of a clause governing the description ("X and Y said both
    sides had agreed": both sides are not X and Y)."""
    governing = set()
    for t in ix.doc[start].ancestors:  # verbs whose complement holds the description
        if any(a.dep_ in ("ccomp", "xcomp", "advcl", "pcomp") for a in ix.doc[start].ancestors
               if a.i != t.i and t in a.ancestors):
            governing.add(t.i)
    for f in reversed(ix.before(start, PAIR_WINDOW)):
        tok = ix.doc[f.end - 1]
        if tok.dep_ in SUBJ and tok.head.i in governing:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ == "by":
            continue  # "a deal brokered by Qatar and Egypt": mediators, not the two sides
        # the coordination's first member is the one whose head token has conjuncts after it
        head = tok if tok.head.i != tok.i and tok.dep_ != "conj" else tok
        group = ix.conj_group(head) if head.dep_ != "conj" else []
        if size == 2 and len(group) < 2 and tok.dep_ in SUBJ and tok.head.lemma_ in MEETING_VERBS:
            # "Modi met Xi ... The two leaders": subject and object of a meeting verb
            objs = [c for c in tok.head.children if c.dep_ == "dobj"]
            objs += [g for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "with"
                     for g in c.children if g.dep_ == "pobj"]
            if len(objs) == 1 and not objs[0].conjuncts and ix.actor_token(objs[0]) is not None:
                group = [f, ix.actor_token(objs[0])]  # type: ignore[list-item]
        if len(group) != size and size > 2:
            surface = ix.surface_list(f)
            if len(surface) == size and (f.end >= len(ix.doc) or ix.doc[f.end].lower_ not in (",", "and")):
                group = surface
        if len(group) == size:
            polities = [ix.polity(g) for g in group]
            if all(polities) and len({p.id for p in polities if p is not None}) == size:
                return polities  # type: ignore[return-value]
    return []


def role_descriptions(ix: "_Index", skip: set[int]) -> list[Found]:
    """"the minister", "the president": the only person with that office named nearby."""
    out: list[Found] = []
    doc = ix.doc
    for rm in ix.gaz.roles(doc):
        start = rm.start - 1
        if start < 0 or doc[start].lower_ != "the" or any(i in skip for i in range(start, rm.end)):
            continue
        if name_span(doc, rm.end) is not None:
            continue
        word = doc[rm.end - 1].lower_
        people = {f.actor.id: f for f in ix.before(start, WINDOW)
                  if f.actor.type == "Person" and f.actor.role and word in f.actor.role.lower()}
        if len(people) == 1:
            f = next(iter(people.values()))
            out.append(Found(start, rm.end, f.actor, "coref", None, f.gender))
    return out

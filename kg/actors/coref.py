"""Coreference without a downloaded model: pronouns and descriptions to actors.

Conservative by design: a pronoun or description resolves only when the
syntax or the context leaves one candidate; otherwise nothing is produced
(an event left out is better than one naming a wrong state).

Pronouns (outside quotations):

- possessive ``its``/``their``: the subject of its own clause when that is
  one actor of the right number ("China lifted its tariffs"); if that subject
  is no actor, the subject of the clause it depends on ("Poland scrambled jets
  after a missile entered its airspace"). Object ``it``/``them`` are left
  alone: they are not their clause's subject and often stand for a thing
  ("Kyiv denied it").
- ``it``/``they`` as subject of a clause reported by a speech verb: the
  speaker ("Ukraine's air force said it shot down ...").
- ``its``/``it`` otherwise: the only polity named in this sentence (before
  the pronoun) and the previous one, when it is also the subject there.
- sentence-initial ``They``: the coordinated actors that were the subject of
  the previous sentence ("X and Y condemned ... They demanded ...").
- ``her/his/their country`` (``government``, ``nation``): the polity of the
  person who is the subject of the clause or of the reporting verb
  ("Choe Son Hui said her country would back Russia").

- ``it`` as subject of a complement of a verb coordinated with an earlier one whose
  subject is plural: the single actor possessing (or being) that verb's object ("X and Y
  condemned North Korea's supply ... and demanded that it withdraw").

Descriptions (``ontologies/actors/descriptions.tsv``): "the two countries",
"both sides" -> the two actors last named together (one mention each); "the three
countries" -> the three (a written list "A, B and C" counts even when misparsed);
"the bloc", "the alliance", "the island", "the country" -> the single
candidate of that kind named recently.
"""
from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Doc, Token

from kg.actors.descriptions import SUBJ, resolve_description, role_descriptions
from kg.actors.gazetteer import Gazetteer
from kg.actors.linker import Found, agent_actor, make_person, name_span
from kg.model import ActorRef

#: Verbs that report speech or thought: "X said it would ..." -> it = X.
SAY_VERBS = {
    "say", "tell", "add", "announce", "state", "claim", "insist", "warn", "vow", "pledge",
    "promise", "deny", "confirm", "declare", "argue", "believe", "think", "report", "note",
    "stress", "reiterate", "threaten", "signal", "indicate", "hope", "expect", "fear", "allege",
    "accuse", "acknowledge", "admit", "assert", "maintain", "suggest", "know", "decide",
}
#: Verbs whose ``it`` subject is usually expletive ("it is unclear", "it seems").
EXPLETIVE_VERBS = {"be", "seem", "appear", "remain", "become", "take", "happen", "matter", "mean", "rain", "look"}
#: Predicates of a dummy ``it`` ("it is unclear whether ...").
EXPLETIVE_PREDICATES = {
    "unclear", "clear", "important", "possible", "impossible", "likely", "unlikely", "necessary",
    "time", "difficult", "hard", "easy", "early", "essential", "vital", "crucial", "true", "obvious",
    "evident", "critical", "imperative", "worth", "known", "unknown", "certain", "uncertain", "not",
    "enough", "right", "wrong", "good", "bad", "better", "best", "up", "unacceptable", "acceptable",
}
SINGULAR_TYPES = {"State", "Organization", "ArmedForce", "GovernmentBody", "Group"}
POLITY_NOUNS = {"country", "government", "nation", "administration", "state", "people"}
#: Agent roles that are things, not actors a pronoun can stand for.
NON_REFERENT_ROLES = {"missiles", "drones", "vessels", "artillery"}
OPEN_QUOTES = {"“", "«"}
CLOSE_QUOTES = {"”", "»"}


def _quoted(doc: Doc) -> set[int]:
    """Token indices inside quotation marks (curly or straight)."""
    inside, out, straight = False, set(), False
    for tok in doc:
        t = tok.text
        if t in OPEN_QUOTES:
            inside = True
            continue
        if t in CLOSE_QUOTES:
            inside = False
            continue
        if t == '"':
            straight = not straight
            continue
        if "\n\n" in t:
            inside = straight = False
        if inside or straight:
            out.add(tok.i)
    return out


def _plural(doc: Doc, f: Found) -> bool:
    if f.actor.type in ("State", "Organization", "Person"):
        return f.via == "demonym" and doc[f.end - 1].tag_ in ("NNS", "NNPS")
    return doc[f.end - 1].tag_ in ("NNS", "NNPS")


class _Index:
    """Lookups over the mentions found so far."""

    def __init__(self, doc: Doc, found: list[Found], gaz: Gazetteer) -> None:
        self.doc, self.found, self.gaz = doc, found, gaz
        self.at: dict[int, Found] = {}
        for f in found:
            for i in range(f.start, f.end):
                self.at[i] = f
        self.sent_of = {}
        self.sents = list(doc.sents)
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k

    def actor_token(self, tok: Token) -> Optional[Found]:
        f = self.at.get(tok.i)
        if f is not None and f.actor.role in NON_REFERENT_ROLES:
            return None
        return f

    def surface_list(self, last: Found) -> list[Found]:
        """The written list of actors ending with ``last`` ("Chad, Sudan and Libya"): mentions
        separated only by commas and "and" (the parse of long lists is often wrong)."""
        run = [last]
        while True:
            first = run[0]
            i = first.start - 1
            seps = 0
            while i >= 0 and self.doc[i].lower_ in (",", "and", "&"):
                i, seps = i - 1, seps + 1
            prev = self.at.get(i) if seps else None
            if prev is None or prev in run or self.sent_of.get(i) != self.sent_of.get(first.start):
                return run
            run.insert(0, prev)

    def conj_group(self, tok: Token) -> list[Found]:
        """Actors of a coordination headed by ``tok`` ("X and Y"), in order."""
        toks, todo = [tok], [tok]
        while todo:  # "Mali, Burkina Faso and Niger" is often parsed as an apposition with a conjunct
            for c in todo.pop().children:
                if c.i > tok.i and (c.dep_ == "conj" or (c.dep_ == "appos" and self.actor_token(c))):
                    toks.append(c)
                    todo.append(c)
        out: list[Found] = []
        for t in toks:
            f = self.actor_token(t)
            if f is None:
                return []
            if f not in out:
                out.append(f)
        return out

    def polity(self, f: Found) -> Optional[ActorRef]:
        return self.gaz.polity(f.actor.country) if f.actor.country else None

    def before(self, idx: int, sentences: int) -> list[Found]:
        """Mentions before token ``idx`` in its sentence and the ``sentences - 1`` before."""
        k = self.sent_of.get(idx, 0)
        first = self.sents[max(0, k - sentences + 1)].start
        return [f for f in self.found if first <= f.start and f.end <= idx]


def _expletive(verb: Token) -> bool:
    """``it`` as a dummy subject: "it seems", "it is unclear whether", "it is time to"."""
    if verb.lemma_ in ("seem", "appear", "happen", "matter", "rain", "take"):
        return True
    if verb.lemma_ in ("be", "remain", "become"):
        return any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in EXPLETIVE_PREDICATES
                   for c in verb.children)
    return False


def _subject(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ in SUBJ:
            return c
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)  # "X raced to launch and upgrade its ..."
    return None


def _clause_verb(tok: Token) -> Optional[Token]:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux":
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def _single(ix: _Index, tok: Optional[Token], plural: bool = False) -> list[Found]:
    """The actor(s) a subject token stands for, when number agrees."""
    if tok is None:
        return []
    f = ix.actor_token(tok)
    if f is None:
        return []
    group = ix.conj_group(tok)
    if plural:
        if len(group) >= 2:
            return group
        return [f] if _plural(ix.doc, f) else []
    if len(group) > 1 or f.actor.type not in SINGULAR_TYPES or _plural(ix.doc, f):
        return []
    return [f]


def _speaker(ix: _Index, verb: Token, plural: bool) -> list[Found]:
    """Subject of the reporting verb governing ``verb`` ("X said [it would ...]")."""
    v = verb
    while v.dep_ == "conj":
        v = v.head
    if v.dep_ in ("ccomp", "xcomp") and v.head.lemma_ in SAY_VERBS:
        return _single(ix, _subject(v.head), plural)
    return []


def _resolve_pronoun(ix: _Index, tok: Token) -> list[Found]:
    low = tok.lower_
    plural = low in ("they", "them", "their")
    verb = _clause_verb(tok)
    if verb is None:
        return []
    is_subject = tok.dep_ in SUBJ
    if low == "it" and is_subject and _expletive(verb):
        return []
    if is_subject:
        got = _speaker(ix, verb, plural)
        if got:
            return got
        if low == "they" and tok.i == tok.sent.start:
            return _previous_subject_group(ix, tok)
        if low == "it" and verb.lemma_ not in EXPLETIVE_VERBS:
            return _object_possessor(ix, verb) or _unique_recent(ix, tok)
        return []
    if low in ("it", "them"):
        return []  # an object pronoun is not its clause's subject, and is often a thing ("denied it")
    # possessive: the clause's own subject, else the governing clause's
    for _ in range(2):
        subj = _subject(verb)
        if subj is not None and subj.i != tok.i:
            got = _single(ix, subj, plural)
            if got:
                return got
            if ix.actor_token(subj) is not None or subj.pos_ == "PRON":
                return []  # an actor of the wrong number, or another pronoun: stop
        if verb.dep_ in ("advcl", "ccomp", "xcomp", "conj", "relcl") and verb.head is not verb:
            verb = _clause_verb(verb.head) or verb
        else:
            break
    if low == "its":
        return _unique_recent(ix, tok)
    return []


def _object_possessor(ix: _Index, verb: Token) -> list[Found]:
    """``X and Y condemned North Korea's supply of weapons to Moscow and demanded that it
    withdraw``: the subject ``it`` of a complement of a verb coordinated with an earlier verb
    whose subject is plural (so not "it") is the one singular actor possessing that earlier
    verb's object. Nothing when there is no such possessor or more than one."""
    gov = verb.head
    if verb.dep_ != "ccomp" or gov.dep_ != "conj" or gov.head.pos_ not in ("VERB", "AUX"):
        return []
    prev = gov.head
    subj = _subject(prev)
    if subj is None or len(ix.conj_group(subj)) < 2:
        return []
    owners: dict[str, Found] = {}
    for obj in prev.children:
        if obj.dep_ != "dobj":
            continue
        for o in [obj] + list(obj.conjuncts):
            own = ix.actor_token(o)
            if own is not None:  # an actor as object is a candidate too
                owners[own.actor.country or own.actor.id] = own
            for c in o.children:
                if c.dep_ == "poss":
                    got = _single(ix, c)
                    if not got or ix.polity(got[0]) is None:
                        return []
                    owners[got[0].actor.country] = got[0]
    return list(owners.values()) if len(owners) == 1 else []


def _unique_recent(ix: _Index, tok: Token) -> list[Found]:
    """The only polity named in this and the previous sentence, when it is also the subject
    of the previous sentence or of this one ("North Korea tested a missile. It said ...")."""
    polities = {f.actor.country for f in ix.before(tok.i, 2) if f.actor.country}
    if len(polities) != 1:
        return []
    k = ix.sent_of[tok.i]
    roots = [ix.sents[k].root] + ([ix.sents[k - 1].root] if k > 0 else [])
    for root in roots:
        subj = _subject(root)
        if subj is None or subj.i >= tok.i:
            continue
        got = _single(ix, subj)
        if got and got[0].actor.type in SINGULAR_TYPES:
            return got
    return []


def _previous_subject_group(ix: _Index, tok: Token) -> list[Found]:
    k = ix.sent_of[tok.i]
    if k == 0:
        return []
    root = ix.sents[k - 1].root
    subj = _subject(root)
    if subj is None:
        return []
    group = ix.conj_group(subj)
    if len(group) >= 2:
        return group
    f = ix.actor_token(subj)
    return [f] if f is not None and _plural(ix.doc, f) else []


def _resolve_polity_noun(ix: _Index, det: Token) -> Optional[ActorRef]:
    """"her country", "his government": the polity of the person in subject position."""
    noun = det.head
    verb = _clause_verb(noun)
    if verb is None:
        return None
    cands: list[Found] = []
    subj = _subject(verb)
    if subj is not None and subj.i != noun.i:
        cands = _single_person(ix, subj)
    if not cands:
        v = verb
        while v.dep_ == "conj":
            v = v.head
        if v.dep_ in ("ccomp", "xcomp") and v.head.lemma_ in SAY_VERBS:
            cands = _single_person(ix, _subject(v.head))
    if len(cands) != 1:
        return None
    person = cands[0]
    want = {"her": "f", "his": "m"}.get(det.lower_, "")
    if want and person.gender and person.gender != want:
        return None
    polity = ix.polity(person)
    if polity is None or (polity.type != "State" and noun.lower_ in ("country", "nation", "state")):
        return None
    return polity


def _resolve_person(ix: _Index, tok: Token) -> list[Found]:
    """he/she/him/his/her: the reporting speaker, else the only person named nearby."""
    want = "f" if tok.lower_ in ("she", "her") else "m"
    verb = _clause_verb(tok)
    if verb is not None and tok.dep_ in SUBJ:
        v = verb
        while v.dep_ == "conj":
            v = v.head
        if v.dep_ in ("ccomp", "xcomp") and v.head.lemma_ in SAY_VERBS:
            got = _single_person(ix, _subject(v.head))
            if got and got[0].gender in ("", want):
                return got
    people = {}
    for f in ix.before(tok.i, 2):
        if f.actor.type == "Person" and f.gender in ("", want):
            people[f.actor.id] = f
    others = [f for f in ix.before(tok.i, 2) if f.actor.type == "Person" and f.gender not in ("", want)]
    if len(people) == 1 and not others:
        person = next(iter(people.values()))
        if tok.dep_ in ("dobj", "pobj", "dative", "iobj") and verb is not None:
            subj = _subject(verb)
            if subj is not None and ix.actor_token(subj) is person:
                return []  # "Trump praised him": not Trump
        return [person]
    return []


def _single_person(ix: _Index, tok: Optional[Token]) -> list[Found]:
    if tok is None:
        return []
    f = ix.actor_token(tok)
    if f is None or f.actor.type != "Person" or len(ix.conj_group(tok)) > 1:
        return []
    return [f]


def resolve(doc: Doc, found: list[Found], gaz: Gazetteer, skip: Iterable[int] = ()) -> list[Found]:
    """Coreferent mentions for pronouns and descriptions, as :class:`Found` with via "coref"."""
    if not doc.has_annotation("DEP"):
        return []  # no parse, no coreference
    ix = _Index(doc, found, gaz)
    skip = set(skip) | _quoted(doc) | set(ix.at)
    out: list[Found] = []
    for d in gaz.descriptions(doc):
        if any(i in skip for i in range(d.start, d.end)):
            continue
        for actor in resolve_description(ix, d.start, d.value):  # type: ignore[arg-type]
            out.append(Found(d.start, d.end, actor, "coref"))
    taken = {i for f in out for i in range(f.start, f.end)}
    for f in role_descriptions(ix, skip | taken):
        out.append(f)
        taken.update(range(f.start, f.end))
    if out:  # pronouns may stand for a description resolved above ("The military said it ...")
        ix = _Index(doc, sorted(found + [f for f in out if f.actor.type != "State" or
                                         sum(1 for g in out if g.start == f.start) == 1],
                                key=lambda f: (f.start, f.end)), gaz)
    for tok in doc:
        if tok.i in skip or tok.i in taken:
            continue
        low = tok.lower_
        if low in ("it", "its", "they", "them", "their"):
            for f in _resolve_pronoun(ix, tok):
                actor = f.actor
                out.append(Found(tok.i, tok.i + 1, actor, "coref"))
        elif low in ("he", "she", "him") or (low in ("his", "her") and tok.dep_ == "poss"
                                             and tok.head.lower_ not in POLITY_NOUNS):
            for f in _resolve_person(ix, tok):
                out.append(Found(tok.i, tok.i + 1, f.actor, "coref"))
        elif low in ("her", "his", "their") and tok.head.lower_ in POLITY_NOUNS and tok.head.i == tok.i + 1:
            if tok.head.i in skip:
                continue
            polity = _resolve_polity_noun(ix, tok)
            if polity is not None:
                out.append(Found(tok.i, tok.i + 2, polity, "coref"))
                taken.update((tok.i, tok.i + 1))
    return _extend_possessives(doc, gaz, out, skip)


def _extend_possessives(doc: Doc, gaz: Gazetteer, out: list[Found], skip: set[int]) -> list[Found]:
    """"its foreign ministry", "the country's defence minister": a resolved polity owning
    an agent or an office becomes that agent or office holder."""
    roles = {r.start: r for r in gaz.roles(doc)}
    agents = {a.start: a for a in gaz.agents(doc)}
    starts = [f.start for f in out]
    result = []
    for f in out:
        polity = gaz.polity(f.actor.country) if f.actor.type in ("State", "Organization") else None
        if polity is None or starts.count(f.start) > 1:
            result.append(f)
            continue
        j = f.end
        if doc[f.end - 1].lower_ != "its":
            if j >= len(doc) or doc[j].text not in ("'s", "’s"):
                result.append(f)
                continue
            j += 1
        r, a = roles.get(j), agents.get(j)
        if r is not None and not any(i in skip for i in range(r.start, r.end)):
            span = name_span(doc, r.end)
            if span is not None and any(i in skip for i in range(*span)):
                span = None
            role = r.value.role  # type: ignore[attr-defined]
            if span is not None:
                person = make_person(doc[span[0]:span[1]].text, role, polity.country)
                result.append(Found(f.start, span[1], person, "coref", span, r.value.gender))  # type: ignore[attr-defined]
            else:
                label = f"{gaz.modifier(polity.country)} {role}"
                result.append(Found(f.start, r.end, make_person(label, role, polity.country), "coref"))
            continue
        if a is not None and not any(i in skip for i in range(a.start, a.end)) and a.value.acts_for \
                and not a.value.org_only and doc[a.end - 1].dep_ != "amod":  # type: ignore[attr-defined]
            actor = agent_actor(gaz, polity.country, a.value)  # type: ignore[arg-type]
            if actor is not None:
                result.append(Found(f.start, a.end, actor, "coref"))
                continue
        result.append(f)
    return result

"""The ``entente_events`` spaCy component: mentions + parse -> ``doc._.events``.

Only sentences with at least one actor mention and one lexicon trigger word are
visited. Each event found by :mod:`kg.events.patterns` becomes one
:class:`kg.model.Event` per (source, target) pair, with its modality
(:mod:`kg.events.modality`), date (:mod:`kg.events.dates`), evidence (the
sentence text and the character span from the first to the last token used) and
a confidence score. Events whose source and target act for the same polity are
left out. An event without a target is kept only when another event nests it
("demanded that it withdraw troops": the withdrawal, with modality *demanded*).
The same event (source, target, code, day, modality) told in several sentences is one record
whose ``mentions`` counts them (its IRI, :func:`kg.ids.event_iri`, merges it across documents too).
Triggers flagged ``irrealis`` ("respond") are events only when promised or conditional, and a
hostile act promised on a condition ("would impose sanctions on X if ...") is a threat (CAMEO 13).

Confidence
----------
The score starts from the pattern family and is multiplied by a factor for each
weaker piece of evidence; it is clamped to [0.05, 0.99].

| evidence | factor |
| -------- | ------ |
| family verb / phrasal / idiom / passive | base 0.85 / 0.8 / 0.8 / 0.8 |
| family support verb + nominal ("imposed sanctions on") | base 0.75 |
| family nominal event ("Russia's aggression against Ukraine") | base 0.65 |
| symmetric event between coordinated participants | x 0.85 |
| target taken from an earlier event ("welcomed the vote") | x 0.7 |
| target is the source of a nested event ("condemned X's supply") | x 0.9 |
| subject inherited across clauses ("... and demanded") | x 0.9 |
| an actor found through a modifier, of-phrase or relative pronoun | x 0.85 (each side) |
| an actor found by coreference ("it", "the two countries") | x 0.85 (each side) |
| each parse repair used | x 0.9 |
| modality other than asserted | x 0.9 |
| trigger and farthest argument more than 12 / 25 tokens apart | x 0.9 / x 0.8 |
"""
from __future__ import annotations

import itertools
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from kg import ids
from kg.events.arguments import VIA_MENTION, ActorIndex, Arg
from kg.events.dates import date_of
from kg.events.lexicon import Lexicon, load_lexicon
from kg.events.modality import modality_of
from kg.events.candidates import (CONDITION_MARKS, FUTURE_AUX, FUTURE_THREAT_CODES, INTENT_CODES,
                                  PLAN_GOVERNORS, PROMISE_CODES, REFUSAL_CODES, THREAT_CODES, Found)
from kg.events.patterns import sentence_events
from kg.model import ActorRef, Event, Mention
from kg.nlp import register_extensions
from kg.rdf.namespace import relation_for

BASE_CONFIDENCE = {"verb": 0.85, "phrasal": 0.8, "idiom": 0.8, "passive": 0.8,
                   "support": 0.75, "noun": 0.65}


def confidence(f: Found, source: Arg, target: Optional[Arg]) -> float:
    """The confidence of one event drawn from ``f`` (see the module's table)."""
    score = BASE_CONFIDENCE.get(f.family, 0.6)
    if f.pairwise:
        score *= 0.85
    if f.antecedent is not None:
        score *= 0.7
    elif f.inner is not None and target is not None and \
            any(target.actor.id == a.actor.id for a in f.inner.sources):
        score *= 0.9
    if f.inherited:
        score *= 0.9
    for arg in (source, target):
        if arg is None:
            continue
        if arg.via != VIA_MENTION:
            score *= 0.85
        if arg.coref:
            score *= 0.85
    score *= 0.9 ** f.repairs
    if f.modality != "asserted":
        score *= 0.9
    far = max(abs(a.token - f.trigger.i) for a in (source, target) if a is not None)
    if far > 25:
        score *= 0.8
    elif far > 12:
        score *= 0.9
    return max(0.05, min(0.99, score))


#: Auxiliaries of an act promised or held out on a condition: "would impose sanctions if", "may halt
#: its mediation if cooperation founders" (as the codebook codes it, 135). Not "could" or "might",
#: which mostly tell a journalist's or an analyst's guess ("Russia could invade if talks fail").
CONDITIONAL_AUX = frozenset({"would", "will", "'ll", "may"})


def conditional_threat(f: Found) -> None:
    """``Germany said it would impose sanctions on Russia if Russia invaded Ukraine``: a hostile
    act promised on a condition is a threat (CAMEO 13), stated now; the act in the condition
    ("if Russia invaded") keeps its hypothetical modality."""
    if f.modality not in ("expected", "hypothetical") or f.negated or f.entry.root not in THREAT_CODES \
            or f.entry.root in ("11", "12", "13") or not f.sources or not f.targets:
        return
    verb = f.trigger
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if not any(any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
               for c in verb.children if c.dep_ == "advcl"):
        return
    if not any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_AUX for c in verb.children):
        return
    f.code, f.modality = THREAT_CODES[f.entry.root], "asserted"


def promise(f: Found) -> None:
    """``Finland will give Tanzania a grant``: a cooperative act (CAMEO 04-08) told in the future
    tense is an intent to carry it out (CAMEO 03, by the act's root: 033 aid, 036 meeting, 0353
    release), as the codebook codes announced acts; a hostile material act so told is a threat
    (CAMEO 13: "will impose sanctions on X" 132, "will extend the curfew" 130). The act's own verb or
    support verb must carry the future auxiliary ("will", "would") or be the infinitive of a plan
    ("plans to impose restrictions"); a negated cooperative act so told is a refusal (CAMEO 12:
    "will not accept refugees" 122, "would not meet the envoy" 125)."""
    if f.modality != "expected":
        return
    root = f.entry.root
    if f.negated and f.code[:2] == "03" and f.code[:3] in REFUSAL_CODES:
        root = f.code[:3]  # an intent pattern ("accept &refugee" 0333) refused: "will not accept refugees"
    elif f.code[:2] != root or (root not in INTENT_CODES and root not in FUTURE_THREAT_CODES) or \
            (f.negated and root not in REFUSAL_CODES):
        return
    verb = f.trigger
    if verb.pos_ not in ("VERB", "AUX"):
        if f.family != "support" or verb.dep_ not in ("dobj", "nsubjpass") or verb.head.pos_ not in ("VERB", "AUX"):
            return
        verb = verb.head
    planned = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PLAN_GOVERNORS  # "plans to impose"
    if not planned and not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return
    if f.negated:  # "Syria will not accept more refugees": a refusal, asserted now
        f.code, f.negated, f.modality = REFUSAL_CODES[root], False, "asserted"
    elif root in FUTURE_THREAT_CODES:
        f.code = FUTURE_THREAT_CODES[root]
    else:
        f.code = PROMISE_CODES.get(f.code[:3]) or INTENT_CODES[root]


class EventExtractor:
    """Finds events in a parsed ``Doc`` with actor mentions."""

    def __init__(self, lexicon: Optional[Lexicon] = None) -> None:
        self.lex = lexicon or load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.extract(doc, doc._.mentions or [])
        return doc

    def candidate_sentences(self, doc: Doc, index: ActorIndex):
        """``(position, sentence)`` of the sentences with a mention and a trigger word (the only ones worth parsing for events)."""
        triggers = self.lex.trigger_lemmas | (self.lex.cameo.lemmas if self.lex.cameo else frozenset())
        for n, sent in enumerate(doc.sents):
            if not index.sentence_has_mention(sent.start, sent.end):
                continue
            if any(t.lemma_.lower() in triggers for t in sent):
                yield n, sent

    def extract(self, doc: Doc, mentions: Iterable[Mention]) -> list[Event]:
        """Events of a document, inner events before the events that nest them."""
        index = ActorIndex(doc, mentions, self.lex)
        history: list[Found] = []
        every: Optional[dict] = None  # CAMEO verbs of the whole doc, matched once, when needed
        for n, sent in self.candidate_sentences(doc, index):
            if self.lex.cameo and every is None:
                every = self.lex.cameo.match(doc)
            cameo = {i: every[i] for i in range(sent.start, sent.end) if i in every} if every else {}
            found = sentence_events(sent, index, self.lex, history, n, cameo)
            for f in found:
                f.modality, f.negated = modality_of(f.trigger, self.lex)
                if f.entry.has("irrealis") and f.modality == "asserted":
                    f.targets, f.standalone = [], False  # "responded to the report" is no threat
                conditional_threat(f)
                promise(f)
            history.extend(found)
        return Emitter(doc, self.lex).emit(history)


#: CAMEO roots whose events the codebook codes without a target ("demonstrators rallied",
#: "workers went on strike", "NATO said on Wednesday ...": statements, appeals, intents).
TARGETLESS_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13", "14", "15"})
#: Codes of other roots that act on a place or a population rather than on another actor:
#: easing and imposing administrative restrictions ("imposed a curfew", "lifted the state of
#: emergency", "banned political parties"), easing dissent ("called off the strike": protests need
#: no target either), de-escalating ("suspended its offensive"), declaring a ceasefire, and
#: returning, releasing or surrendering.
TARGETLESS_CODES = frozenset({"081", "0811", "0812", "0813", "0814", "082", "087", "0871", "0873", "0874",
                              "1721", "1722", "1723", "1724"})


#: The linked event of a deployment the codebook codes with the actors reversed (triggers flagged
#: ``received``): peacekeepers deployed (074) are received (0861), inspectors sent to investigate
#: (090) are received (0862).
RECEIVING_CODES = {"074": "0861", "090": "0862"}


def targetless(code: str) -> bool:
    """Whether the codebook codes events of ``code`` without a target.

    >>> targetless("141"), targetless("1723"), targetless("190")
    (True, True, False)
    """
    return code[:2] in TARGETLESS_ROOTS or code[:4] in TARGETLESS_CODES


def shadowed(f: Found, found: list[Found]) -> bool:
    """A source-only statement (01) whose own clause holds another event: "X said it would
    impose sanctions on Y" is the sanctions, not a statement. Only a bare statement (010, 01)
    is replaced so: a comment that qualifies what it is about ("was sceptical over Moscow's will
    to agree" 012, "was optimistic" 013, "denied responsibility for" 016) is an event of its own,
    and declining to comment (011) says nothing, so events inside what it declines to comment on
    do not replace it."""
    if f.code not in ("01", "010"):
        return False
    inside = {t.i for t in f.trigger.subtree}
    return any(g is not f and g.trigger.i in inside and g.sources for g in found)


def domestic(source: ActorRef, target: ActorRef) -> bool:
    """Both sides of one country in different sectors (police and demonstrators, government and
    rebels), by their CAMEO codes ("EGYCOP", "EGYOPP")."""
    a, b = source.code or "", target.code or ""
    if len(a) < 3 or a[:3] != b[:3] or a[:3] in ("IGO", "NGO", "MNC", "IMG"):
        return False
    return (source.sector or "") != (target.sector or "") and \
        not {source.sector, target.sector} <= {"STATE", "GOV", "MIL", "COP", "JUD", "LEG", "SPY", None}


class Emitter:
    """Turns :class:`Found` events into :class:`kg.model.Event` records."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.doc_id = doc._.doc_id or ""
        self.doc_date = doc._.doc_date
        self.done: dict[int, list[Event]] = {}
        self.found: list[Found] = []

    def emit(self, found: list[Found]) -> list[Event]:
        self.found = found
        nested = {id(f.inner) for f in found
                  if f.inner is not None and f.sources and (f.targets or f.pairwise)}
        out: list[Event] = []
        for f in found:
            out.extend(self.events_for(f, id(f) in nested))
        referenced = {ev.target_event for ev in out if ev.target_event}
        first: dict[str, Event] = {}
        told: dict[str, set[int]] = {}

        def sentence_of(ev: Event) -> int:  # the sentence's start: a repeated sentence counts again
            span = self.doc.char_span(ev.start, ev.end, alignment_mode="expand")
            return span.sent.start if span is not None else ev.start
        for ev in out:
            if ev.target is None and ev.id not in referenced and not targetless(ev.cameo):
                continue
            if ev.id in first:  # the same event told again: one event, one more mention
                kept = first[ev.id]
                sentence = sentence_of(ev)
                if sentence not in told[ev.id]:
                    told[ev.id].add(sentence)
                    kept.mentions += 1
                kept.confidence = max(kept.confidence, ev.confidence)
                continue
            first[ev.id], told[ev.id] = ev, {sentence_of(ev)}
        return list(first.values())

    def events_for(self, f: Found, nested: bool) -> list[Event]:
        if id(f) in self.done:
            return self.done[id(f)]
        self.done[id(f)] = []
        inner_events = self.events_for(f.inner, True) if f.inner is not None else []
        if f.antecedent is not None:
            inner_events = self.done.get(id(f.antecedent), [])
        pairs: list[tuple[Arg, Optional[Arg]]] = []
        if f.pairwise:
            pairs = list(itertools.combinations(f.sources, 2))
        elif f.targets:
            pairs = [(s, t) for s in f.sources for t in f.targets]
        elif nested or (f.inner is not None and inner_events):
            pairs = [(s, None) for s in f.sources] if f.standalone or nested else []
        elif f.standalone and targetless(f.code) and not f.negated and \
                not shadowed(f, self.found):
            pairs = [(s, None) for s in f.sources]  # "protesters demonstrated": no target in the codebook
        events = []
        for source, target in pairs:
            if target is not None and source.polity == target.polity and not domestic(source.actor, target.actor):
                continue
            events.append(self.make(f, source, target, inner_events))
            if target is not None and f.entry.has("received") and f.code == f.entry.code and \
                    f.modality == "asserted" and not f.negated and f.code in RECEIVING_CODES:
                # "Bangladeshi peacekeepers arrived in Sierra Leone": and Sierra Leone received them
                events.append(self.make(f, target, source, [], code=RECEIVING_CODES[f.code]))
        if not events and pairs and f.targets and not f.pairwise and f.standalone and targetless(f.code) \
                and not f.negated and not nested and f.inner is None and not shadowed(f, self.found):
            # "the UN rejected a call for its forces to be deployed": its only target is itself
            events = [self.make(f, s, None, inner_events) for s in f.sources]
        self.done[id(f)] = events
        return events

    def make(self, f: Found, source: Arg, target: Optional[Arg],
             inner_events: list[Event], code: Optional[str] = None) -> Event:
        doc = self.doc
        sent = f.trigger.sent
        toks = {f.trigger.i, source.token} | ({target.token} if target else set()) | f.tokens
        toks = {i for i in toks if sent.start <= i < sent.end}
        first, last = doc[min(toks)], doc[max(toks)]
        start, end = first.idx, last.idx + len(last.text)
        target_event = None
        if inner_events:
            match = [e for e in inner_events if target is not None and
                     (e.source.country or e.source.id) == target.polity]
            target_event = (match or inner_events)[0].id
        cameo = code or f.code
        date, precision = date_of(f.trigger, self.doc_date, future=f.modality == "expected",
                                  light=f.family == "support")
        return Event(
            id=ids.event_iri(self.doc_id, start, end, cameo, source.actor.id,
                             target.actor.id if target else None, target_event,
                             day=date, modality=f.modality, negated=f.negated),
            doc=self.doc_id,
            sentence=sent.text.strip(),
            start=start,
            end=end,
            source=source.actor,
            target=target.actor if target else None,
            cameo=cameo,
            plover=self.lex.codebook.plover(cameo),
            relation=relation_for(cameo),
            goldstein=self.lex.codebook.goldstein(cameo),
            modality=f.modality,
            negated=f.negated,
            confidence=round(confidence(f, source, target), 3),
            date=date,
            date_precision=precision,
            target_event=target_event,
            trigger=f.trigger.text,
            extras={"family": f.family},
            domestic=target is not None and domestic(source.actor, target.actor),
        )


@Language.factory("entente_events")
def make_entente_events(nlp: Language, name: str) -> EventExtractor:
    """spaCy factory: ``nlp.add_pipe("entente_events")`` after ``entente_actors``."""
    register_extensions()
    return EventExtractor()

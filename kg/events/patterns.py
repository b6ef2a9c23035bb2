"""Dependency patterns: from a parsed sentence to events (who did what to whom).

Each pattern family reads spaCy's parse around a lexicon trigger
(:mod:`kg.events.lexicon`) and fills the event's sources and targets with the
actors found by :mod:`kg.events.arguments`. Parses of news text are imperfect,
so every pattern tolerates the commonest errors (noted as *repairs*, which lower
confidence).

| family | example | sources | targets |
| ------ | ------- | ------- | ------- |
| verb | "Japan condemned China" | subject (and its conjuncts) | object / licensed preposition |
| passive | "part of which was seized by Ukraine" | ``by`` agent | passive subject |
| phrasal | "Sweden cracked down on ..." | subject | particle's preposition |
| idiom | "Washington sounded the alarm about X" | subject | the object noun's preposition |
| support | "imposed sanctions on X", "held talks with X" | the light verb's subject | the noun's (or verb's) preposition |
| noun | "Russia's aggression against Ukraine" | possessor, demonym, ``by``/``from`` | the noun's preposition |
| comp | "demanded that it withdraw" | subject | the complement's subject |
| control | "urged Iran to stop", "agreed to hold summits" | subject | object / the complement's target |
| nested | "condemned North Korea's arms transfers to Russia" | subject | the inner event's source; ``target_event`` |
| anaphora | "Stockholm welcomed the vote" | subject | the earlier event's participants |
| symmetric | "X and Y signed a pact", "talks in Moscow" | each pair of participants | |
| threat | "warned that it would respond if Y ...", "vowed to retaliate against Y" | subject | the condition's subject / the complement's target (CAMEO 13, by the threatened act's root) |
| reply | "X accused Y of ... Y denied any involvement" | subject | the source of the accusation, criticism, demand or threat it answers (CAMEO 12) |
| trade | "banned seafood imports from Japan", "halted exports to Russia" | subject | the trade noun's from/to phrase (``lexicon/goods.txt``) |

Gerunds after "of/for/against/from" take the verb's object as subject ("warned China against
supplying"). A definite event noun with no earlier event refers to the nearest earlier verb of
its stem or noun of its root ("launched a satellite ... condemned the launch").

Subjects (found in :mod:`kg.events.participants`, with objects) are inherited across coordination ("condemned ... and demanded"),
control ("agreed to hold"), participles ("accusing Tehran of ...") and relative
clauses; a gerund takes the noun before it as its subject ("about North Korea
sending soldiers"). Repairs: a preposition the parser hung on the verb moves to
the nominal event that licenses it ("condemned X's supply of weaponry to Moscow");
a past participle parsed as an adjective acts as a verb ("but rebuffed requests");
a possessive split from its noun is found to the left ("the North's unlawful
transfers").

The families that nest an event in another's clause (comp, control, obligations, prepositional
clauses) are in :mod:`kg.events.clauses`; nominal ones in :mod:`kg.events.nominals`; threats,
replies and trade in :mod:`kg.events.responses`.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from spacy.tokens import Span, Token

from kg.events.arguments import OWNER, ActorIndex, conjuncts
from kg.events.candidates import (AGENT_ADJECTIVES, DEESCALATE_CODES, EASE_CODES, HOSTILE_ROOTS, INTENT_CODES,
                                  THREAT_CODES, VERB_POS, Found, dedupe, nearest)
from kg.events.clauses import ClausePatterns
from kg.events.lexicon import Entry, Lexicon
from kg.events.nominals import NominalPatterns
from kg.events.participants import ParticipantPatterns
from kg.events.responses import ResponsePatterns


class SentenceParser(ParticipantPatterns, ClausePatterns, NominalPatterns, ResponsePatterns):
    """Applies the pattern families to one sentence."""

    def __init__(self, sent: Span, index: ActorIndex, lex: Lexicon,
                 history: list[Found], sent_index: int = 0,
                 cameo: Optional[dict[int, Entry]] = None) -> None:
        self.sent = sent
        self.cameo = cameo or {}
        self.sent_index = sent_index
        self.index = index
        self.lex = lex
        self.history = history
        self.found: list[Found] = []
        self.used_nouns: set[int] = set()
        self.used_verbs: set[int] = set()

    # ----------------------------------------------------------------- triggers
    def verb_entry(self, v: Token) -> tuple[Optional[Entry], str, Optional[Token]]:
        """The entry a verb token triggers: ``(entry, family, consumed object)``."""
        lemma = v.lemma_.lower()
        for child in v.children:
            if child.dep_ in ("prt", "prep"):
                e = self.lex.phrasal.get((lemma, child.lower_))
                if e:
                    for obj in (c for c in v.children if c.dep_ in ("dobj", "nsubjpass")):
                        idiom = self.idiom_noun((lemma, child.lower_), obj, compounds=False)  # "forced out 1,000 refugees"
                        if idiom:
                            return idiom, "idiom", obj
                    return e, "phrasal", None
        objects = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
        # an intransitive verb with its subject: "UN peacekeepers withdrew", "peacekeeping troops arrived"
        nouns = objects or [c for c in v.children if c.dep_ == "nsubj"]
        for child in nouns:
            e = self.idiom_noun((lemma,), child)
            if e:
                return e, "idiom", child
        for child in (c for c in v.children if c.dep_ == "nsubj" and objects):
            e = self.idiom_noun((lemma,), child)  # an idiom of the subject: "suicide bombers killed 23 people"
            if e and e.has("subject"):
                return e, "idiom", child
        for child in v.children:  # "declined to comment": a verb with its to-infinitive
            bare = child.dep_ == "xcomp" and not any(c.dep_ in ("dobj", "nsubj") for c in child.children)
            # or with a subject of its own: "allowed thousands of refugees to return" (the subject a target)
            controlled = child.dep_ == "ccomp" and not any(c.dep_ == "dobj" for c in child.children) and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            if (bare or controlled) and child.pos_ == "VERB" and child.i > v.i:
                e = self.lex.idioms.get((lemma, child.lemma_.lower()))
                if e:
                    self.used_verbs.add(child.i)  # the infinitive is this event, not one of its own
                    return e, "idiom", None
        for child in v.children:  # "called the measures illegal": a verb with a predicate adjective
            if child.dep_ in ("oprd", "acomp", "ccomp") and child.pos_ == "ADJ":
                e = self.lex.idioms.get((lemma, child.lemma_.lower()))
                if e:
                    return e, "idiom", None
        e = self.lex.verb(lemma)
        cameo = self.cameo.get(v.i)
        if e is None and not self.lex.is_support(lemma):
            # the CAMEO verb dictionary, where the hand-written lexicon has no row
            e = cameo
        elif e is not None and cameo is not None and cameo.root == e.root and cameo.code != e.code:
            # within the hand-written root, a CAMEO pattern names the exact code ("asked for aid": 023)
            e = replace(e, code=cameo.code)
        return e, "verb", None

    def idiom_noun(self, verb: tuple[str, ...], child: Token, compounds: bool = True) -> Optional[Entry]:
        """The verb+noun idiom of ``verb`` (a lemma, or a lemma and particle: "force out refugee")
        with ``child``, its conjuncts ("launched drones and missiles at"), its compounds ("violated
        the ceasefire agreement") or the noun of its of-phrase ("received a mission of observers",
        "a patch of peacekeeping troops")."""
        nouns = conjuncts(child, appos=False)
        nouns += [p for c in child.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
        for noun in nouns:
            for word in [noun] + [m for m in noun.children if compounds and m.dep_ == "compound" and m.i < noun.i]:
                e = self.lex.idioms.get((*verb, word.lemma_.lower()))
                if e and (word is noun or not e.has("headonly")):  # not "expelled the UN refugee agency"
                    return e
        return None

    # ----------------------------------------------------------------- verbal events
    def verb_event(self, v: Token, entry: Entry, family: str,
                   consumed: Optional[Token] = None, *, as_object: Optional[Token] = None,
                   subject_from: Optional[Token] = None) -> Found:
        """A verbal event, with its nested, anaphoric and symmetric readings."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children) or (
            # "was airlifted to Berlin and transferred to a hospital": a passive conjunct
            v.dep_ == "conj" and v.tag_ == "VBN" and v.head.tag_ == "VBN"
            and not any(c.dep_ in ("aux", "nsubj") for c in v.children)
            and any(c.dep_ in ("nsubjpass", "auxpass") for c in v.head.children))
        f = Found(v, entry, entry.code, "passive" if passive else family)
        f.tokens.add(v.i)
        self.used_verbs.add(v.i)
        if consumed is not None:  # an idiom's noun is part of it: "halted its aid" asserts no aid
            self.used_nouns.update(t.i for t in conjuncts(consumed, appos=False))
        stative = passive and entry.has("intent") and not any(c.dep_ == "agent" for c in v.children) and \
            any(c.dep_ == "prep" and c.lower_ == "to" and not any(self.index.at(p) for p in c.children)
                for c in v.children)  # "committed to opening up", not "was promised to Russia"
        # "the guerrillas have been demobilized": with no agent, the subject is the one that acts
        stative = stative or (passive and entry.has("selfpassive") and not any(c.dep_ == "agent" for c in v.children))
        if stative:  # "Vietnam is committed to opening up": a stative passive, its subject intends
            passive, f.family = False, family
            f.sources = [a for c in v.children if c.dep_ == "nsubjpass"
                         for a in self.index.group(c, loose=OWNER)]
        elif passive:
            f.sources = self.prep_args(v, ("by",))
            if not f.sources:  # "was condemned in a joint statement by Egypt, Greece and Cyprus"
                for prep in v.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "through", "with"):
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                f.sources += self.prep_args(pobj, ("by",))
                f.repairs += bool(f.sources)
        elif subject_from is not None:
            f.sources, f.inherited = self.subjects(subject_from)
            f.repairs += 1
        else:
            f.sources, f.inherited = self.subjects(v)
        if entry.has("armedsubj"):  # "Russian missiles hit Odesa"; not "the US hit China with tariffs"
            f.sources = [a for a in f.sources if a.actor.type == "ArmedForce"]
        objects: list[Token] = []
        takes_object = "obj" in entry.targets or family == "idiom" or entry.has("absorb")
        if as_object is not None:
            objects = [as_object]
        else:
            deps = ("nsubjpass",) if passive else ("dobj", "dative")
            objects = [c for c in v.children if c.dep_ in deps and (consumed is None or c.i != consumed.i)]
            if passive:
                objects = nearest(objects, v)
            elif not objects:
                objects = self.counted_object(v)
                f.repairs += bool(objects)
        obj_tokens = [t for o in objects for t in conjuncts(o)]
        if entry.root == "07" and any(t.lemma_.lower() in self.lex.nonmaterial for t in obj_tokens):
            return f  # "sent a letter to Germany" is a message, not aid
        if passive and not objects and v.dep_ == "conj" and v.head.pos_ in VERB_POS:
            # "Turkey is under EU sanctions, and was condemned by ...": the shared subject
            shared = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            obj_tokens = [t for o in nearest(shared, v.head) for t in conjuncts(o)]
        # the idiom's object and its conjuncts: "launched artillery and rocket fire against X"
        carriers = [v] + (conjuncts(consumed, appos=False) if consumed is not None else [])
        if consumed is not None:  # and its of-phrase: "received a team of monitors from the AU"
            carriers += [p for c in consumed.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"]
        for t in obj_tokens:
            if t.pos_ in ("NOUN", "PROPN", "PRON") or t.dep_ == "dative":
                carriers.append(t)
        preps = tuple(p for p in entry.targets if p not in ("obj", "comp"))
        for carrier in carriers:
            f.targets += self.prep_args(carrier, preps)
        if consumed is not None and not f.targets and consumed.dep_ != "nsubj":  # "killed Pakistan's interior minister"
            f.targets += [a for t in conjuncts(consumed, appos=False) for a in self.index.at(t)]
        if not f.targets and entry.root in ("08", "12"):  # "conceded to demands from UNITA": the demander
            for c in v.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    for p in c.children:
                        asked = self.noun_entry(p) if p.dep_ == "pobj" else None
                        if asked is not None and asked.root in ("02", "10"):
                            f.targets += self.prep_args(p, ("from", "by")) + \
                                [a for x in p.children if x.dep_ == "poss" for a in self.index.group(x)]
        for t in obj_tokens if takes_object else ():
            self._object(f, v, t, entry)
        if entry.has("absorb") and entry.root == "08":  # "lifted martial law", "eased emergency measures"
            eased = [n.code for t in obj_tokens if (n := self.noun_entry(t)) is not None and n.code in EASE_CODES]
            if eased:
                f.code = EASE_CODES[eased[0]]
        elif entry.has("absorb") and entry.root == "16":  # "suspended its offensive", "called off the strike"
            halted = [n.root for t in obj_tokens if (n := self.noun_entry(t)) is not None and n.root in DEESCALATE_CODES]
            if halted:
                f.code = DEESCALATE_CODES[halted[0]]
        if "comp" in entry.targets and not entry.has("nocomp"):
            self._complement(f, v)
        if entry.has("intent") or entry.has("negating"):
            self._control(f, v)
        if entry.has("accord") and f.inner is None:
            self._accord(f, v)
        if f.inner is None:
            self._pcomp_inner(f, v)
        if entry.root == "13" and f.sources:
            self._warned_party(f, v)
        if entry.root == "01" and f.sources and not f.targets:
            self._obligation(f, v)
        if entry.has("reply") and f.sources:
            self._answered(f)
        if entry.root == "11" and f.sources and not f.targets:
            self._provocation(f, v)
        if not f.targets and v.dep_ == "conj" and v.head.pos_ in VERB_POS:
            self._requester(f, obj_tokens, v.head)
        if f.inner is not None and entry.has("intent") and \
                f.inner.trigger.i in {t.i for t in obj_tokens}:
            # "vowed support for Azerbaijan": intent to do what the noun names, towards its target
            if not f.targets:
                f.targets = list(f.inner.targets)
            if entry.root == "03" and f.inner.entry.root in THREAT_CODES:
                f.code = THREAT_CODES[f.inner.entry.root]
            elif entry.root == "03":
                f.code = INTENT_CODES.get(f.inner.entry.root, entry.code)
        if not f.targets and f.inner is not None:
            mine = {a.polity for a in f.sources}
            f.targets = [a for a in (f.inner.targets if entry.has("absorb") else f.inner.sources)
                         if a.polity not in mine]
        if entry.has("absorb") and f.inner is not None:
            # "suspended its aid to Mali": the aid is what is undone, no event of its own
            f.inner.standalone, f.inner.targets, f.inner.pairwise = False, [], False
        if entry.has("eventobj"):  # "cited X's repression": only a hostile nominal event counts
            hostile = f.inner is not None and f.inner.entry.root in HOSTILE_ROOTS and f.inner.sources
            f.targets = dedupe([a for a in f.inner.sources if a.polity not in
                                {s.polity for s in f.sources}]) if hostile else []
        if not f.targets and entry.root == "09" and v.dep_ == "advcl" and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            # "sent personnel to Yugoslavia to investigate": the sending's target is investigated
            sent = next((x for x in self.found if x.trigger.i == v.head.i and x.entry.root == "07"), None)
            if sent is not None:
                f.targets = list(sent.targets)
                f.repairs += bool(f.targets)
        if f.sources:
            self.locative_target(f, carriers)
        if entry.has("sym") and not f.targets and len({a.polity for a in f.sources}) >= 2:
            # between the subjects themselves; inherited subjects only through an intent verb
            # ("agreed to hold talks") or a prepositional clause ("are guilty of violating the
            # ceasefire"), not others ("helped negotiate the deal")
            governor = self.lex.verb(v.head.lemma_.lower()) if v.dep_ == "xcomp" else None
            guilty = v.dep_ == "pcomp" and v.head.head.lemma_.lower() in AGENT_ADJECTIVES
            if not f.inherited or v.dep_ == "conj" or guilty or (governor is not None and governor.has("intent")):
                f.pairwise = True
        f.sources, f.targets = dedupe(f.sources), dedupe(f.targets)
        if entry.has("targeted") and not f.targets and not f.pairwise:
            f.standalone = False  # "Russia wants peace" appeals to no one
        return f

    def clause_event(self, c: Token) -> Optional[Found]:
        """The event a clause head triggers (a verb, or a support verb with a nominal)."""
        if c.i in self.used_verbs:
            return next((x for x in self.found if x.trigger.i == c.i), None)
        entry, family, consumed = self.verb_entry(c)
        lemma = c.lemma_.lower()
        particle = next((d.lower_ for d in c.children if d.dep_ == "prt"), None)
        if self.lex.is_support(lemma, particle) and family == "verb":
            for d in c.children:
                if d.dep_ in ("dobj", "nsubjpass") and d.i not in self.used_nouns:
                    noun = self.noun_entry(d)
                    if noun is not None:
                        f = self.noun_event(d, noun, light=c)
                        self.used_verbs.add(c.i)
                        self.found.append(f)
                        return f
            if entry is None:  # "imposed a curfew": no nominal trigger, a CAMEO verb pattern
                entry = self.cameo.get(c.i)
        if entry is None:
            return None
        f = self.verb_event(c, entry, family, consumed)
        self.found.append(f)
        return f

    # ----------------------------------------------------------------- driver
    def run(self) -> list[Found]:
        """All events of the sentence, inner events before the events that nest them."""
        for tok in self.sent:
            if tok.i in self.used_verbs:
                continue
            if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBD"):
                self._participle(tok)
            elif tok.pos_ in VERB_POS:
                self.clause_event(tok)
        for tok in self.sent:
            if tok.i in self.used_nouns:
                continue
            entry = self.noun_entry(tok)
            if entry is not None:
                head = tok.head
                particle = next((d.lower_ for d in head.children if d.dep_ == "prt"), None)
                light = head if tok.dep_ in ("dobj", "nsubjpass") and \
                    self.lex.is_support(head.lemma_.lower(), particle) else None
                measure = head.head if tok.dep_ == "pobj" and head.lower_ == "of" else None
                if light is None and measure is not None and measure.dep_ in ("dobj", "nsubjpass") and \
                        self.lex.proxies.get(measure.lemma_.lower()) == "quantity" and \
                        measure.head.pos_ in VERB_POS and self.lex.is_support(measure.head.lemma_.lower()):
                    light = measure.head  # "launched ten days of war games", "held a round of talks"
                if light is None and tok.dep_ == "pobj" and head.dep_ == "prep" and \
                        head.head.pos_ in VERB_POS and head.head.i not in self.used_verbs and \
                        (head.head.lemma_.lower(), head.lower_) in self.lex.support_phrasal:
                    light = head.head  # "were engaged in ethnic cleansing": a light verb and its preposition
                governor = tok.head if light is None and tok.dep_ == "dobj" and \
                    tok.head.pos_ in VERB_POS else None
                self.found.append(self.noun_event(tok, entry, light=light, governor=governor))
        for f in self.found:
            f.sent_index = self.sent_index
        return self.found

    def _participle(self, tok: Token) -> None:
        """``but rebuffed requests for weapons``: a verb the parser took for an adjective."""
        entry = self.lex.verb(tok.lemma_.lower())
        noun = tok.head
        if entry is None or noun.dep_ != "conj" or noun.head.pos_ not in VERB_POS:
            return
        f = self.verb_event(tok, entry, "verb", as_object=noun, subject_from=noun.head)
        self._requester(f, [noun], noun.head)
        self.found.append(f)

    def _requester(self, f: Found, objects: list[Token], coordinated: Token) -> None:
        """``provided aid to Ukraine but rebuffed requests for weapons``: the unnamed requester
        is the party the coordinated clause was about."""
        if f.targets or f.entry.root != "12":
            return
        if not any((self.noun_entry(o) or f.entry).root in ("02", "10") and self.noun_entry(o)
                   for o in objects):
            return
        prior = next((x for x in self.found if x.trigger.i == coordinated.i), None)
        if prior is None:
            prior = next((x for x in self.found if x.trigger.head.i == coordinated.i
                          and x.trigger.dep_ == "dobj"), None)
        if prior is not None and prior.targets:
            f.targets = list(prior.targets)
            f.repairs += 1


def sentence_events(sent: Span, index: ActorIndex, lex: Lexicon,
                    history: list[Found], sent_index: int = 0,
                    cameo: Optional[dict[int, Entry]] = None) -> list[Found]:
    """Events found in one sentence (``history``: earlier events of the document;
    ``sent_index``: the sentence's position in the document; ``cameo``: the CAMEO verb
    entries matched in it, :meth:`kg.events.cameo.CameoVerbs.match`)."""
    return SentenceParser(sent, index, lex, history, sent_index, cameo).run()

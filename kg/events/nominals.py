"""Nominal events: "North Korea's supply of weaponry to Moscow", "talks in Moscow".

A noun of the lexicon is an event when its phrase names who acts (a possessor,
a demonym, a ``by``/``from`` phrase, or the subject of a support verb: "imposed
sanctions on") and whom it concerns (its licensed prepositions). Meeting nouns
take their participants from ``between``, from the clause they sit in ("At talks
in Moscow, Choe said") and from the host named by ``in``. A definite event noun
with no actor of its own refers back to an earlier event ("welcomed the vote").
Violence against no named party targets the state where it happens.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from kg.events.arguments import OWNER, Arg
from kg.events.candidates import (ANAPHORA_SENTENCES, CONCESSIVE_PREPS, CONTEXT_PREPS, DEMONSTRATIVES,
                                  GATHERING_VERBS, TRAVEL_VERBS,
                                  HOSTILE_ROOTS, OFFICIAL_PROTEST_CODE, OFFICIAL_SECTORS, REACTION_ROOTS,
                                  CITY_PREPS, LOCATIVE_PREPS, PLACE_PREPS, VERB_POS, VIOLENT_ROOTS, Found, dedupe, depth)
from kg.events.lexicon import Entry

#: Prepositions by which a clause's subject carries out a violent nominal event ("killed dozens in
#: strikes on Lebanon", "hit the port with a missile attack").
INSTRUMENT_PREPS = frozenset({"in", "with", "through"})
#: Participles of a route that name the polity it serves ("power lines leading into Kabul").
ROUTE_VERBS = frozenset({"lead", "run", "go"})
#: Participles that name where goods come from ("vehicles made in China"), or whose they are
#: ("a ship operated by Greenpeace").
ORIGIN_VERBS = frozenset({"make", "produce", "manufacture", "build", "import", "export", "grow",
                          "own", "operate", "run", "charter"})


class NominalPatterns:
    """Pattern families of nominal events (mixed into :class:`kg.events.patterns.SentenceParser`)."""

    def noun_entry(self, n: Token) -> Optional[Entry]:
        """The nominal trigger a noun heads, if any ("ethnic cleansing" included)."""
        if n.pos_ not in ("NOUN", "PROPN") or n.dep_ == "compound":
            return None
        for child in n.children:
            if child.dep_ in ("amod", "compound"):
                e = self.lex.noun_phrases.get((child.lemma_.lower(), n.lemma_.lower()))
                if e:
                    return e
            elif child.dep_ == "prep" and child.lower_ == "of" and self.lex.noun_of:
                for pobj in child.children:  # "a state of emergency"
                    e = self.lex.noun_of.get((n.lemma_.lower(), pobj.lemma_.lower()))
                    if e and pobj.dep_ == "pobj":
                        return e
        return self.lex.noun(n.lemma_.lower())

    def locative_target(self, f: Found, carriers: list[Token]) -> None:
        """``carried out air strikes on military targets in Iran``: violence against no named
        party targets the state where it happens (CAMEO roots 18-20 only)."""
        if f.targets or f.entry.root not in VIOLENT_ROOTS:
            return
        for tok in carriers:  # a named non-state target ("war on drug cartels in Colombia")
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in f.entry.targets and any(
                        p.dep_ == "pobj" and not self.is_place(p)
                        and p.ent_type_ not in ("DATE", "TIME") for p in c.children):
                    return
        mine = {a.polity for a in f.sources}
        for tok in carriers:
            for a in self.prep_args(tok, ("in", "inside", "into", "across")):
                if a.actor.type == "State" and a.polity not in mine:
                    f.targets.append(a)
        places = [t for t in carriers if t.i != f.trigger.i]
        if not f.targets and f.entry.has("placeobj") and all(self.is_place(t) for t in places):
            # "shelled villages outside Kharkiv", "attacked in Kharkiv" (not "attacked the
            # proclamation of the Golan Heights": an object that is no place is no attack)
            f.targets += [a for tok in carriers for c in tok.children
                          if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS | CITY_PREPS
                          for p in c.children if p.dep_ == "pobj"
                          for a in self.named_place(p) if a.polity not in mine]
        f.repairs += bool(f.targets)

    def is_place(self, tok: Token) -> bool:
        """A place noun of ``lexicon/places.txt`` (by lemma, or by its singular when the
        lemmatiser errs: "bases" -> "basis")."""
        low = tok.lower_
        return tok.lemma_.lower() in self.lex.places or low in self.lex.places or \
            (low.endswith("es") and low[:-2] in self.lex.places) or \
            (low.endswith("s") and low[:-1] in self.lex.places)

    def prep_args(self, tok: Token, preps: tuple[str, ...]) -> list[Arg]:
        """Actors of ``tok``'s prepositional objects introduced by one of ``preps``
        (a place named by its surroundings counts: "fired into waters around Taiwan")."""
        out = []
        for child in tok.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
                objs = [p for p in child.children if p.dep_ in ("pobj", "pcomp")] or self.stranded_object(child)
                for pobj in objs:
                    out.extend(self.index.group(pobj) or self.place_of(pobj))
        return out

    @staticmethod
    def stranded_object(prep: Token) -> list[Token]:
        """Repair: the object of a preposition left without one: of a two-word preposition ("out of
        the enclave"), or ``granted asylum to five officers holed up in ...`` parsed with the
        object as the subject of the clause after it (that subject, when the clause starts right
        after the preposition)."""
        if any(c.dep_ in ("pobj", "pcomp") for c in prep.children) or prep.i + 1 >= len(prep.doc):
            return []
        inner = [p for c in prep.children if c.dep_ == "prep" and c.i == prep.i + 1 and c.lower_ in ("of", "from")
                 for p in c.children if p.dep_ == "pobj"]
        if inner:  # a two-word preposition: "shipped out of the enclave", "away from the border"
            return inner
        return [s for c in prep.head.children if c.dep_ in ("advcl", "ccomp", "relcl") and c.i > prep.i
                for s in c.children if s.dep_ == "nsubj" and s.left_edge.i == prep.i + 1]

    def place_of(self, tok: Token, cities: bool = False) -> list[Arg]:
        """The polity a place noun lies in: "waters around Taiwan", "military sites in Iran",
        "the region of Guyana" (only nouns of ``lexicon/places.txt``); with ``cities`` (for a
        ``placeobj`` verb) also a city of the dictionary: "an energy facility in the Odesa
        region", "positions near Kharkiv"; the origin of goods: "electric vehicles made in
        China"; the end of a route: "power lines leading into Kabul"."""
        if not self.is_place(tok):
            return [a for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                    and c.lemma_.lower() in ORIGIN_VERBS
                    for a in self.prep_args(c, ("in", "by", "from"))] or \
                [a for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBG"  # "power lines leading into Kabul"
                 and c.lemma_.lower() in ROUTE_VERBS for a in self.prep_args(c, ("into", "to"))]
        preps = PLACE_PREPS | CITY_PREPS if cities else PLACE_PREPS
        return [a for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
                for p in c.children if p.dep_ == "pobj"
                for a in (self.index.group(p) or (self.named_place(p) if cities else []))]

    def named_place(self, tok: Token) -> list[Arg]:
        """The state of a city named by ``tok`` or by its compound ("the Odesa region")."""
        return self.index.place(tok) or [a for c in tok.children if c.dep_ == "compound"
                                         for a in self.index.place(c)]

    def noun_event(self, n: Token, entry: Entry, light: Optional[Token] = None,
                   governor: Optional[Token] = None) -> Found:
        """A nominal event: "North Korea's supply of weaponry to Moscow"."""
        f = Found(n, entry, entry.code, "support" if light is not None else "noun")
        f.tokens.add(n.i)
        self.used_nouns.add(n.i)
        poss = [c for c in n.children if c.dep_ == "poss"]
        for p in poss:
            f.sources.extend(self.index.group(p))
        if not f.sources:
            for c in n.children:
                if c.dep_ in ("compound", "amod", "nmod") and c.i < n.i:
                    f.sources.extend(self.index.at(c))
        if not f.sources and light is None and governor is not None and n.dep_ == "dobj":
            cue = self.lex.cue(governor.lemma_.lower(), "governor")
            if cue is not None and cue.kind in ("expected", "hypothetical"):
                light = governor  # "is considering sanctions on Iran", "plans talks with X"
        reduced = self.reduced_relative(n) if light is None else None
        if reduced is not None:  # "sanctions imposed by the EU on Russia", "talks held between X and Y"
            light = reduced
            f.family = "support"
            if not f.sources:
                f.sources = self.prep_args(reduced, ("by",))
                f.targets += [a for agent in reduced.children if agent.dep_ == "agent"
                              for pobj in agent.children if pobj.dep_ == "pobj"
                              for a in self.prep_args(pobj, entry.targets)]
        elif not f.sources and light is not None:
            f.sources, f.inherited = self.subjects(light)
            if not f.sources and n.dep_ == "pobj" and n.head.head.i == light.i:
                # "Serb forces were engaged in ethnic cleansing": the subject of the passive light verb
                f.sources = [a for c in light.children if c.dep_ == "nsubjpass"
                             for a in self.index.group(c, loose=OWNER)]
        if not f.sources and entry.has("ofagent"):
            f.sources = self.prep_args(n, ("of",))
        if not f.sources:
            f.sources = self.prep_args(n, ("by", "from"))
        if not f.sources:
            f.sources = self.index.possessor_left(n)
            f.repairs += bool(f.sources)
        if not f.sources and light is None and entry.root == "14" and n.dep_ == "pobj" and \
                n.head.lower_ == "for" and n.head.head.lemma_.lower() in GATHERING_VERBS:
            # "thousands of Nigerians were converging for a rally": the clause's subject protests
            f.sources, _ = self.subjects(n.head.head)
            f.repairs += bool(f.sources)
        if not f.sources and entry.root in VIOLENT_ROOTS and n.dep_ == "pobj" and \
                n.head.lower_ in INSTRUMENT_PREPS and n.head.head.pos_ in VERB_POS:
            # "Israel killed dozens in strikes on Lebanon": the clause's subject acts
            f.sources, _ = self.subjects(n.head.head)
            f.repairs += bool(f.sources)
        preps = tuple(p for p in entry.targets  # symmetric nouns read "between" as their participants
                      if not (p == "of" and entry.has("ofagent")) and not (p == "between" and entry.has("sym")))
        f.targets += self.prep_args(n, preps)
        if not f.targets and entry.root in ("16", "17"):  # "sanctions against gold from South Africa"
            f.targets += [a for carrier in ([n] if light is None else [n, light]) for c in carrier.children
                          if c.dep_ == "prep" and c.lower_ in preps
                          for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in self.lex.goods
                          for a in self.traded_with(p, light if light is not None else carrier)]
        if " of " in entry.lemma:  # "a suspension of air links with Yugoslavia": the of-object's phrase
            f.targets += [a for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj" for a in self.prep_args(p, preps)]
        if light is not None:
            f.targets += self.prep_args(light, preps)
            if "obj" in entry.targets and n.dep_ == "pobj" and n.head.head.i == light.i:
                # "used civilians as human shields": the object of a light verb with its preposition
                f.targets += [a for c in light.children if c.dep_ == "dobj" for a in self.index.group(c)]
            # "gave Nigeria a loan", "granted Peru asylum": the light verb's indirect object
            f.targets += [a for c in light.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON")
                          for a in self.index.group(c, loose=False)]
        if governor is not None:
            licensed = self.lex.verb(governor.lemma_.lower())
            own = licensed.targets if licensed else ()
            moved = self.prep_args(governor, tuple(p for p in preps if p not in own))
            if moved:
                f.targets += moved
                f.repairs += 1
        if f.sources and not f.targets and n.dep_ == "pobj" and n.head.lower_ in CONCESSIVE_PREPS \
                and n.head.head.pos_ in VERB_POS and entry.root in HOSTILE_ROOTS:
            # "despite criticism by the Greek foreign minister, Turkey sent ...": Turkey is criticised
            mine = {a.polity for a in f.sources}
            f.targets = [a for a in self.subjects(n.head.head)[0] if a.polity not in mine]
            f.repairs += bool(f.targets)
        if governor is not None and n.dep_ == "dobj" and governor.lemma_.lower() in self.lex.reactions \
                and entry.root in REACTION_ROOTS:
            self._reaction(n, f, governor)
        if entry.has("sym"):
            self._meeting_context(n, f, light)
        if f.sources and light is not None:
            self.locative_target(f, [n, light])
        if entry.has("lightonly") and light is None and not poss:
            f.standalone = False
            f.sources, f.targets = [], []
        f.sources, f.targets = dedupe(f.sources), dedupe(f.targets)
        return f

    def _reaction(self, n: Token, f: Found, governor: Token) -> None:
        """A reaction drawn by the subject's act: "North Korea's launch drew condemnation from
        Japan", "North Korea fired a missile, drawing condemnation from Japan" (the reacting party
        from the from- or by-phrase of the noun or the verb; the target, the party whose act drew
        it: the verb's subject, or the subject of the clause a participle hangs on)."""
        if not f.sources:
            f.sources = self.prep_args(governor, ("from", "by"))
        if not f.sources or f.targets:
            return
        mine = {a.polity for a in f.sources}
        actors, _ = self.subjects(governor)
        f.targets = [a for a in actors if a.polity not in mine]
        f.repairs += bool(f.targets)
        if f.targets and f.entry.root == "14" and all(a.actor.sector in OFFICIAL_SECTORS for a in f.sources):
            f.code = OFFICIAL_PROTEST_CODE  # "prompted a protest from Britain": a diplomatic protest

    def reduced_relative(self, n: Token) -> Optional[Token]:
        """A support verb's participle after its noun: "the attack launched by Hamas"."""
        for c in n.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                particle = next((d.lower_ for d in c.children if d.dep_ == "prt"), None)
                if self.lex.is_support(c.lemma_.lower(), particle):
                    return c
        return None

    def _meeting_context(self, n: Token, f: Found, light: Optional[Token] = None) -> None:
        """Participants of a meeting noun from its clause: "At talks in Moscow, Choe said"."""
        head = n.head
        if n.dep_ == "pobj" and head.lower_ in CONTEXT_PREPS and head.head.pos_ in VERB_POS:
            subj, _ = self.subjects(head.head)
            f.sources = f.sources + subj
        elif n.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in TRAVEL_VERBS:
            subj, _ = self.subjects(head.head)  # "negotiators return to Geneva for talks"
            f.sources = f.sources + subj
        carriers = [n] + ([light] if light is not None and light.head.i == n.i else [])
        between = [a for tok in carriers for child in tok.children
                   if child.dep_ == "prep" and child.lower_ == "between"
                   for pobj in child.children for a in self.index.group(pobj)]
        if len({a.polity for a in between}) >= 2:
            f.sources, f.targets = between, []  # "deals between Israel and Bahrain" (not the announcer)
        else:
            f.sources = f.sources + between
        if f.sources and not f.targets and len({a.polity for a in f.sources}) < 2:
            for child in n.children:  # the host, when the participants are not both named
                if child.dep_ == "prep" and child.lower_ == "in":
                    for pobj in child.children:
                        host = [a for a in self.index.at(pobj) if a.actor.type == "State"]
                        if host:
                            f.targets = host
                            f.repairs += 1
        polities = {a.polity for a in f.sources + f.targets}
        if not f.targets and len(polities) >= 2:
            f.pairwise = True

    def verb_antecedent(self, t: Token, noun: Optional[Entry] = None) -> list[Arg]:
        """``North Korea launched a spy satellite. Japan condemned the launch``: with no earlier
        event found, a definite event noun refers to the nearest earlier verb it derives from
        (same stem: launch/launched, seizure/seized, deployment/deployed, annexation/annexed)
        or earlier noun of the same CAMEO root ("surrounded Taiwan during drills ... condemned
        the exercises"); the subject of that clause is responsible."""
        if not any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in t.children):
            return []
        lemma = t.lemma_.lower()
        sents = [t.sent]
        if t.sent.start > 0:
            sents.insert(0, t.doc[t.sent.start - 1].sent)
        for sent in reversed(sents):
            for v in reversed(list(sent)):
                if v.i >= t.i:
                    continue
                if noun is not None and v.pos_ == "NOUN" and v.lemma_.lower() != lemma:
                    other = self.noun_entry(v)
                    if other is None or other.root != noun.root:
                        continue
                    while v.pos_ not in VERB_POS and v.head.i != v.i and v.dep_ in (
                            "pobj", "prep", "dobj", "nsubjpass"):
                        v = v.head
                    if v.pos_ not in VERB_POS:
                        return []
                else:
                    stem = v.lemma_.lower()
                    if v.pos_ != "VERB" or len(stem) < 4 or \
                            not (lemma == stem or lemma.startswith(stem[:-1])):
                        continue
                who, _ = self.subjects(v)
                mine = {a.polity for a in who}
                if who and len(mine) <= 2:
                    return who
                return []
        return []

    def anaphor(self, t: Token, noun: Optional[Entry]) -> Optional[Found]:
        """The earlier event a definite event noun refers back to ("the vote", "the meeting")."""
        if not any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in t.children):
            return None
        if any(c.dep_ in ("compound", "poss", "prep", "nmod", "relcl", "acl") for c in t.children):
            return None  # a description of its own ("the impeachment investigation"), not an anaphor
        roots = self.lex.anaphors.get(t.lemma_.lower())
        generic = roots is not None
        if noun is None and not generic:
            return None
        best: Optional[Found] = None
        for prior in reversed(self.history + self.found):
            if prior.trigger.i >= t.i or not prior.sources:
                continue
            if self.sent_index - prior.sent_index > ANAPHORA_SENTENCES + (noun is not None):
                break
            if best is not None and prior.sent_index != best.sent_index:
                break
            if noun is not None and prior.entry.root != noun.root:
                continue
            if generic and (prior.entry.root == "01" or (roots and prior.entry.root not in roots)):
                continue
            if best is None or depth(prior.trigger) < depth(best.trigger):
                best = prior  # in the nearest sentence, the main clause's event
        return best

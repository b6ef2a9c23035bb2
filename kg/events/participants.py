"""Subjects and objects of a verbal event.

Mixed into :class:`kg.events.patterns.SentenceParser`. The subject is the clause's own, or one
inherited: subjects are inherited across
coordination ("condemned ... and demanded"), control ("agreed to hold"), participles
("accusing Tehran of ..."), prepositional clauses ("accused Tehran of supplying": the object;
"is guilty of violating": the adjective's subject) and relative clauses; a gerund takes the
noun before it as its subject ("about North Korea sending soldiers"); an object pronoun of a
participle clause stands for the main clause's object ("expelled 15 diplomats, accusing them").
An object is an actor, a nested nominal event, an anaphor ("welcomed the vote"), a traded good
("banned seafood imports from Japan") or a noun whose modifier or phrase names the party.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.events.arguments import OWNER, Arg
from kg.events.candidates import AGENT_ADJECTIVES, OBJECT_CONTROL_PREPS, OBJECT_PREPS, VERB_POS, Found, nearest
from kg.events.lexicon import Entry


class ParticipantPatterns:
    """The subject and objects of a verb (a mixin of the sentence parser)."""

    def subjects(self, v: Token, depth: int = 0) -> tuple[list[Arg], bool]:
        """Actors of a verb's subject, inherited across clauses when it has none."""
        direct = nearest([c for c in v.children if c.dep_ in ("nsubj", "csubj")], v)
        if not direct and depth > 0 and not any(c.dep_ == "agent" for c in v.children):
            # a controller in the passive: "X was forced to withdraw", "X, allied with Y in fighting Z"
            direct = nearest([c for c in v.children if c.dep_ == "nsubjpass"], v)
        if direct:
            return [a for s in direct for a in self.index.group(s, loose=OWNER)], False
        if depth > 4:
            return [], False
        head = v.head
        if v.tag_ == "VBG" and v.i > v.sent.start:
            before = v.doc[v.i - 1]
            own = {a.actor.id for c in v.children if c.dep_ == "dobj" for a in self.index.at(c)}
            if before.dep_ in ("pobj", "dobj") and self.index.at(before) and \
                    not own & {a.actor.id for a in self.index.at(before)}:
                # "about North Korea sending soldiers"; not "wrote to Bush urging him to send"
                return self.index.at(before), False
        if head.i == v.i:
            return [], False
        if v.dep_ == "acl" and head.dep_ == "conj" and head.head.pos_ in VERB_POS and \
                head.pos_ in ("NOUN", "PROPN") and v.i > head.i:
            # "X criticised the vote, and the two countries called on Y": a clause parsed as a
            # noun coordinated with a verb, its verb as a participle
            found = self.index.group(head)
            if found:
                return found, True
        if v.dep_ == "acl" and v.i == head.i + 1 and head.pos_ in ("NOUN", "PROPN") and (
                head.dep_ == "ROOT" or (head.dep_ == "nsubj" and any(
                    c.dep_ == "nsubj" and c.i != head.i for c in head.head.children))):
            # repair: a clause parsed as a noun with a participle, the sentence left with no verb or
            # its verb with two subjects ("Palestinian youths resorted to throwing stones ...,
            # officials said"): the noun is the clause's subject
            found = self.index.group(head)
            if found:
                return found, True
        if v.tag_ == "VBN" and v.dep_ in ("acl", "advcl", "amod") and \
                not any(c.dep_ in ("aux", "auxpass") for c in v.children):
            return [], False  # a participle: "delegates pledged to Sanders"
        if v.dep_ == "conj" and head.pos_ in VERB_POS:
            return self.subjects(head, depth + 1)[0], True
        if v.dep_ == "xcomp":
            for c in head.children:
                if c.dep_ == "dobj":
                    found = self.index.group(c, loose=False)
                    if found:
                        return found, True
            for c in head.children:  # "called on the President to demand"
                if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                    found = [a for p in c.children if p.dep_ == "pobj"
                             for a in self.index.group(p, loose=False)]
                    if found:
                        return found, True
            return self.subjects(head, depth + 1)[0], True
        if v.dep_ == "advcl" and (v.tag_ == "VBG" or any(c.lower_ == "to" for c in v.children)):
            if head.pos_ in VERB_POS:
                return self.subjects(head, depth + 1)[0], True
        if v.dep_ == "pcomp" and head.head.i != head.i:
            gov = head.head
            for c in gov.children:
                if c.dep_ == "dobj" and head.lower_ in OBJECT_CONTROL_PREPS:
                    # "accused Tehran of supplying", "blamed X for attacking": X does it
                    return self.index.group(c, loose=False) or self.bound_pronoun(c), True
            if gov.pos_ in VERB_POS:
                return self.subjects(gov, depth + 1)[0], True
            if gov.pos_ == "ADJ" and gov.lemma_.lower() in AGENT_ADJECTIVES and gov.dep_ == "acomp" \
                    and gov.head.pos_ in VERB_POS:
                return self.subjects(gov.head, depth + 1)[0], True  # "X is guilty of violating"
            poss = [c for c in gov.children if c.dep_ == "poss"]
            if poss:
                return self.index.group(poss[0]), True  # "its use in attacking Ukraine"
        if v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ != "VBN"):
            found = self.index.group(head)
            if found or v.dep_ == "relcl":
                return found, True
            # "posted a message on Twitter blaming Iran": the clause's subject
            gov = head
            for _ in range(4):
                if gov.dep_ not in ("dobj", "pobj", "prep") or gov.head.i == gov.i:
                    break
                gov = gov.head
            if gov.pos_ in VERB_POS and gov.i != head.i:
                return self.subjects(gov, depth + 1)[0], True
        return [], False

    def bound_pronoun(self, pron: Token) -> list[Arg]:
        """``Norway expelled 15 Russian diplomats, accusing them of spying``: an object pronoun of
        a participle clause stands for the main clause's object."""
        if pron.lower_ not in ("it", "them", "him", "her") or self.index.at(pron):
            return []
        clause = pron.head
        if clause.dep_ != "advcl" or clause.tag_ != "VBG" or clause.head.pos_ not in VERB_POS:
            return []
        return [a for c in clause.head.children if c.dep_ == "dobj"
                for a in self.index.group(c, loose=OWNER)]  # not "their withdrawal"

    @staticmethod
    def counted_object(v: Token) -> list[Token]:
        """Repair: ``kidnapped up to 16 Soviet advisers`` parsed with "up" as the verb's particle and
        "to" as its preposition: the counted noun is the object."""
        return [p for c in v.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > 0
                and v.doc[c.i - 1].lower_ == "up" and v.doc[c.i - 1].head.i == v.i
                for p in c.children if p.dep_ == "pobj" and any(n.dep_ == "nummod" for n in p.children)]

    def _object(self, f: Found, v: Token, t: Token, entry: Entry) -> None:
        """One object of a verb: an actor, a nested event, an anaphor, or a modified noun."""
        f.tokens.add(t.i)
        direct = self.index.at(t) or self.bound_pronoun(t)
        if direct:
            f.targets += direct
            return
        if self.lex.proxies.get(t.lemma_.lower()) == "quantity" and not self.lex.is_support(v.lemma_.lower()):
            # "suspended part of a military aid program for Bosnia": the part stands for the whole
            # (a light verb's measure noun is the run loop's: "launched a wave of attacks on X")
            whole = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN")]
            if whole:
                self._object(f, v, whole[0], entry)
                return
        if entry.root in ("16", "17") and t.lemma_.lower() in self.lex.goods:
            traded = self.traded_with(t, v)
            if traded:  # "banned seafood imports from Japan", "halted exports to Russia"
                f.targets += traded
                return
        if entry.has("actorobj"):
            if entry.has("mentionobj"):
                return
            if self.noun_entry(t) is None:  # "received aid" is no visit, "attacked the plan" no attack
                # "attacked Ukrainian cities" is an attack on Ukraine; "met his Canadian wife" no meeting
                f.targets += self.index.actors(t, loose=OWNER if entry.root in ("04", "05") else True)
                if entry.root not in ("04", "05") and not f.targets:
                    f.targets += self.place_of(t, cities=entry.has("placeobj"))
                if entry.has("placeobj") and not f.targets:  # "shelled Kharkiv": Ukraine
                    f.targets += self.index.place(t)
            return
        noun = self.noun_entry(t) if t.i not in self.used_nouns else None
        if noun is not None:
            inner = self.noun_event(t, noun, governor=v)
            if inner.sources or inner.targets:
                if f.inner is None:
                    f.inner = inner
                self.found.append(inner)
                return
        ante = self.anaphor(t, noun)
        if ante is not None:
            f.antecedent = ante
            mine = {a.polity for a in f.sources}
            mutual = ante.pairwise or ante.symmetric or ante.entry.root in ("04", "05", "06")
            # the party responsible for the earlier event (all parties to a meeting or deal)
            f.targets += [a for a in (ante.participants() if mutual else ante.sources)
                          if a.polity not in mine]
            return
        if (noun is not None or t.lemma_.lower() in self.lex.anaphors) and \
                not any(c.dep_ in ("compound", "poss", "prep", "nmod") for c in t.children):
            mine = {a.polity for a in f.sources}
            earlier = [a for a in self.verb_antecedent(t, noun) if a.polity not in mine]
            if earlier:
                f.targets += earlier
                f.repairs += 1
                return
        if t.pos_ in ("NOUN", "PROPN"):
            loose = self.index.actors(t) or self.place_of(t, cities=entry.has("placeobj")) or \
                (self.index.place(t) if entry.has("placeobj") else [])
            if loose:  # "approved Sweden's bid", "annex the region of Guyana"
                f.targets += loose
                return
            for child in t.children:  # "requested an explanation from Moscow"
                if child.dep_ == "prep" and (child.lower_ in entry.targets
                                             or child.lower_ in OBJECT_PREPS):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            f.targets += self.index.group(pobj)

"""Threats, replies and trade measures: whom they are aimed at when the parse does not say.

Mixed into :class:`kg.events.patterns.SentenceParser`:

- threats (CAMEO 13) without an object: "warned that it would respond if the Philippines
  continued" (the condition's subject), "warned that Y would face consequences", "vowed to
  respond to any provocation by the United States" (the provocation's agent);
- replies: "Russia accused Ukraine of ... Kyiv denied any involvement" (a rejection answers the
  latest accusation, criticism, demand or threat aimed at its subject);
- complaints (CAMEO 11) without an object: "lodged a protest after a Chinese drone entered its
  airspace" (the party whose act the after- or because-clause tells);
- trade measures: "banned seafood imports from Japan", "halted exports to Russia" (the from/to
  phrase of a trade noun of ``lexicon/goods.txt``).
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.events.arguments import OWNER, Arg
from kg.events.candidates import (ANAPHORA_SENTENCES, ANSWERED_ROOTS, CONDITION_MARKS,
                                  CONSEQUENCE_VERBS, PROVOCATION_MARKS, STATIVE_VERBS, Found)


class ResponsePatterns:
    """Targets of threats, replies and trade measures (a mixin of the sentence parser)."""

    def traded_with(self, t: Token, v: Token) -> list[Arg]:
        """The polity a trade noun's ``from``/``to``/``into`` phrase names, on the noun, on an
        of-phrase inside it ("exports of chips to China") or on the verb the parser hung it on;
        else the origin the of-phrase's goods are named for ("imports of Polish apples")."""
        preps = ("from", "to", "into")
        found = self.prep_args(t, preps)
        goods = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj"]
        if not found:
            found = [a for p in goods for a in self.prep_args(p, preps)]
        return found or self.prep_args(v, preps) or [a for p in goods for a in self.index.actors(p)]

    def _answered(self, f: Found) -> None:
        """``Russia accused Ukraine of ... Kyiv denied any involvement``: a rejection with no
        target of its own answers the latest accusation, criticism, demand or threat aimed at
        its subject in this or the previous sentence (CAMEO 12: the accuser is rejected)."""
        mine = {a.polity for a in f.sources}
        if any(a.polity not in mine for a in f.targets) or f.antecedent is not None:
            return
        for prior in reversed(self.history + self.found):
            if prior is f or prior.trigger.i >= f.trigger.i:
                continue
            if self.sent_index - prior.sent_index > ANAPHORA_SENTENCES:
                break
            if prior.entry.root not in ANSWERED_ROOTS or not mine & {a.polity for a in prior.targets}:
                continue
            accusers = [a for a in prior.sources if a.polity not in mine]
            if accusers:
                f.targets = accusers
                f.antecedent = prior
                if f.entry.root == "01":
                    f.code = "120"  # denying the charge rejects the accuser
            return

    def _warned_party(self, f: Found, v: Token) -> None:
        """Whom a threat is aimed at when it has no object: "warned that it would respond if
        the Philippines continued" (the subject of the condition), "warned that Y would face
        consequences" (a consequence for another party)."""
        mine = {a.polity for a in f.sources}
        if any(a.polity not in mine for a in f.targets):
            return
        for prep in v.children:  # "respond to any provocation by the United States"
            if prep.dep_ == "prep" and prep.lower_ in f.entry.targets:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                        who = [a for a in self.prep_args(pobj, ("by", "from")) + [
                            a for c in pobj.children if c.dep_ == "poss" for a in self.index.group(c)]
                            if a.polity not in mine]
                        if who:
                            f.targets += who
                            return
        for c in v.children:
            if c.dep_ != "ccomp" or c.i < v.i:
                continue
            subj = [a for s in c.children if s.dep_ in ("nsubj", "nsubjpass")
                    for a in self.index.group(s)]
            others = [a for a in subj if a.polity not in mine]
            if others and c.lemma_.lower() in CONSEQUENCE_VERBS:
                f.targets += others
                return
            own = subj or [s for s in c.children if s.dep_ == "nsubj" and s.lower_ in ("it", "they", "we")]
            if not own or others or c.lemma_.lower() in STATIVE_VERBS:
                continue  # "warned that it would be difficult if ..." is no threat
            if self._condition_subject(f, [c] + [g for g in c.children if g.dep_ in ("conj", "ccomp")]):
                return
        if f.entry.has("irrealis"):  # "Russia will respond if NATO deploys troops"
            self._condition_subject(f, [v])

    def _provocation(self, f: Found, v: Token) -> None:
        """Whom a complaint or criticism with no object is aimed at: the party whose act the
        clause of its cause or occasion tells ("Japan lodged a protest after a Chinese drone
        entered its airspace", "Kenya complained because Uganda closed the border")."""
        mine = {a.polity for a in f.sources}
        for clause in v.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in PROVOCATION_MARKS
                                              for m in clause.children):
                told = self.lex.verb(clause.lemma_.lower())
                if told is not None and told.root < "10":
                    continue  # "condemned the attack after Russia called for calm": no provocation
                who = [a for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")
                       for a in self.index.group(s, loose=OWNER) if a.polity not in mine]
                if who:
                    f.targets += who
                    f.tokens.update(a.token for a in who)
                    f.repairs += 1
                    return

    def _condition_subject(self, f: Found, clauses: list[Token]) -> bool:
        """Adds the subject of a condition ("if Taiwan crossed a red line") of one of ``clauses``
        to the targets; True when one was found."""
        mine = {a.polity for a in f.sources}
        for clause in clauses:
            for cond in clause.children:
                if cond.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS
                                                for m in cond.children):
                    who = [a for s in cond.children if s.dep_ in ("nsubj", "nsubjpass")
                           for a in self.index.group(s) if a.polity not in mine]
                    if who:
                        f.targets += who
                        f.tokens.update(a.token for a in who)
                        return True
        return False

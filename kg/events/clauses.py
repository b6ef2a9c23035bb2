"""Clauses inside an event: complements, control verbs, obligations and prepositional clauses.

Mixed into :class:`kg.events.patterns.SentenceParser`, which finds the inner
clause's own event (``clause_event``):

- complements: "demanded that it withdraw" (the complement's subject is the target);
- obligations: "said that China must drop its barriers" (a demand of China, CAMEO 100);
- control verbs: "agreed to hold summits", "threatened to impose", "is prepared to impose";
- accord: "agreed there was an urgent need for progress" (CAMEO 019);
- prepositional clauses: "accused Tehran of supplying Russia" (nested).
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.events.candidates import ACCORD_CODE, APPEAL_CODE, DEMAND_CODE, POSTURE_CODE, VIOLENT_ROOTS, INTENT_CODES, THREAT_CODES, VERB_POS, Found


class ClausePatterns:
    """Events nested in another event's clause (a mixin of the sentence parser)."""

    def _complement(self, f: Found, v: Token) -> None:
        """``demanded that it withdraw``: the complement's subject is the target."""
        for c in v.children:
            if c.dep_ == "ccomp" and c.i > v.i:  # not reported speech before the verb
                subj = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
                for s in subj:
                    f.targets += self.index.group(s)
                    f.tokens.add(s.i)
                if f.entry.root == "03" and f.targets:  # "wants Germany to pay": an appeal to Germany
                    f.code = APPEAL_CODE
                inner = self.clause_event(c)
                if inner is not None and f.inner is None:
                    f.inner = inner
            elif c.dep_ == "xcomp":
                inner = self.clause_event(c)
                if inner is not None and f.inner is None:
                    f.inner = inner
                    if not f.targets:
                        f.targets = list(inner.targets)

    def _obligation(self, f: Found, v: Token) -> None:
        """``said that China must drop its barriers``: a statement that another party must act
        is a demand of that party (CAMEO 100), as "demanded that China drop" is. The
        complement's auxiliary is a *demanded* cue of ``modality.tsv`` ("must"); a passive
        complement ("Ukraine must be defeated") demands nothing of its subject."""
        mine = {a.polity for a in f.sources}
        for c in v.children:
            if c.dep_ != "ccomp" or c.i < v.i or \
                    any(x.dep_ in ("nsubjpass", "auxpass") for x in c.children):
                continue
            if not any(a.dep_ == "aux" and (cue := self.lex.cue(a.lemma_.lower(), "aux")) is not None
                       and cue.kind == "demanded" for a in c.children):
                continue
            for s in c.children:
                if s.dep_ == "nsubj":
                    targets = [a for a in self.index.group(s) if a.polity not in mine]
                    if targets:
                        f.code, f.targets = DEMAND_CODE, f.targets + targets
                        f.tokens.add(s.i)

    def _control(self, f: Found, v: Token) -> None:
        """``agreed to hold summits``, ``threatened to impose``, ``refused to meet``, and through a
        predicate adjective: ``is prepared to impose martial law``."""
        comps = [c for c in v.children if c.dep_ == "xcomp"]
        if not comps and not any(c.dep_ in ("dobj", "dative") for c in v.children):
            # repair: the infinitive parsed as an adverbial clause ("have sworn to fight until ...")
            # (the infinitive right after the verb: not a purpose clause, "agreed to talks to end")
            comps = [c for c in v.children if c.dep_ == "advcl" and c.i > v.i + 1 and c.pos_ == "VERB"
                     and v.doc[c.i - 1].lower_ == "to" and v.doc[c.i - 1].head.i == c.i
                     and all(t.pos_ in ("ADV", "PART") for t in v.doc[v.i + 1:c.i])
                     and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)]
            if comps:
                f.repairs += 1
        comps += [x for c in v.children if c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ"
                  for x in c.children if x.dep_ == "xcomp"]
        for c in comps:
            inner = self.clause_event(c)
            if inner is None:  # through an aspect verb: "prepared to resume shelling", "vowed to keep fighting"
                inner = next((x for x in (self.clause_event(g) for g in c.children if g.dep_ == "xcomp")
                              if x is not None), None)
            if inner is None:
                continue
            f.inner = inner
            root = inner.code[:2]  # the act as coded: "agreed to postpone the protest" eases dissent (08)
            if root == "16" and inner.entry.has("absorb") and not inner.targets:
                root = "08"  # halting one's own activity, towards no one: "agreed to suspend enrichment" yields
            if f.entry.has("posture") and root in VIOLENT_ROOTS:
                f.code = POSTURE_CODE  # "the army prepared to resume shelling": a show of force
            elif f.entry.root in ("03", "13") and root in THREAT_CODES:
                f.code = THREAT_CODES[root]  # "vowed to retaliate", "threatened to strike"
            elif f.entry.root == "03":
                f.code = INTENT_CODES.get(root, f.entry.code)
            if not f.targets and f.entry.root != "01":  # "denied sending troops to X": X is no target
                f.targets = list(inner.targets)
            if not f.targets and inner.pairwise:
                f.pairwise = True
            return

    def _accord(self, f: Found, v: Token) -> None:
        """``Reagan and Mubarak agreed there was an urgent need for progress``: agreeing to a
        statement, not to an act (a that-clause with no event of its own), expresses accord
        (CAMEO 019); "agreed that they would hold talks" stays an intent to meet."""
        for c in v.children:
            if c.dep_ == "ccomp" and c.i > v.i and c.pos_ in VERB_POS and self.clause_event(c) is None:
                f.code = ACCORD_CODE
                return

    def _pcomp_inner(self, f: Found, v: Token) -> None:
        """``accused Tehran of supplying Russia``: the prepositional clause is nested."""
        for prep in v.children:
            if prep.dep_ != "prep":
                continue
            for c in prep.children:
                if c.dep_ == "pcomp" and c.pos_ in VERB_POS:
                    inner = self.clause_event(c)
                    if inner is not None:
                        f.inner = inner
                        return

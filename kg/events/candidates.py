"""Events as found on the parse, before they become :class:`kg.model.Event` records.

Shared by the verbal (:mod:`kg.events.patterns`) and nominal
(:mod:`kg.events.nominals`) pattern families, with the constants that tune them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Token

from kg.events.arguments import Arg
from kg.events.lexicon import Entry

#: Intent verbs (CAMEO 03) specialise by the root of the intended event.
INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
#: The finer intent codes (CAMEO 033x, 035x) of a promised act, by the act's own code.
PROMISE_CODES = {"071": "0331", "072": "0332", "073": "0333", "074": "0334", "081": "0351",
                 "082": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356"}
#: The threat codes (CAMEO 13) of a hostile material act told in the future, by the act's root
#: ("will impose sanctions" 132, "would blockade Paris" 138, "will boycott the elections" 133).
FUTURE_THREAT_CODES = {"14": "133", "15": "138", "16": "132", "17": "130", "18": "138", "19": "138",
                       "20": "138"}
#: A cooperative act refused in the future tense ("will not accept refugees") is a rejection (CAMEO 12),
#: by the act's root: material cooperation 121, aid 122, yielding 124, meeting 125.
REFUSAL_CODES = {"04": "125", "05": "120", "06": "121", "07": "122", "08": "124",
                 # and by the code of an intent pattern: "will not accept (&refugee 0333) refugees" 1223
                 "031": "121", "033": "122", "035": "124", "036": "125"}
#: Future auxiliaries that make a cooperative act a promise ("Finland will give Tanzania a grant").
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})
#: Predicate adjectives whose subject did what their complement names ("is guilty of violating the
#: ceasefire", "is responsible for killing").
AGENT_ADJECTIVES = frozenset({"guilty", "responsible", "culpable"})
#: Verbs of a plan whose infinitive is announced as future ("plans to impose restrictions": a threat).
PLAN_GOVERNORS = frozenset({"plan", "intend", "poise", "aim"})
#: A promise (CAMEO 03) or threat (13) of a hostile act is a threat, by the root of that act
#: ("vowed to retaliate against Israel", "threatened to impose sanctions").
THREAT_CODES = {"11": "130", "12": "130", "13": "130", "15": "138", "16": "132", "17": "130",
                "18": "138", "19": "138", "20": "138"}
#: A statement that another party must act is a demand (CAMEO 100, "Demand, not specified").
DEMAND_CODE = "100"
#: An intent verb whose complement has a subject of its own appeals to that party ("wants Germany
#: to pay": CAMEO 020, "Make an appeal or request, not specified").
APPEAL_CODE = "020"
#: Agreeing that something is so, not to do something, expresses accord (CAMEO 019).
ACCORD_CODE = "019"
#: Preparing to use force is a military posture (CAMEO 150, "Demonstrate military or police power").
POSTURE_CODE = "150"
#: Roots of the events a reply answers ("X accused Y ... Y denied any involvement").
ANSWERED_ROOTS = frozenset({"10", "11", "13"})
#: Subordinators of the act a complaint answers: "protested after a Chinese drone entered its airspace".
PROVOCATION_MARKS = frozenset({"after", "because"})
#: Subordinators of a condition: "will respond if Taiwan crosses a red line".
CONDITION_MARKS = frozenset({"if", "unless", "should"})
#: Prepositions of a concession: "despite criticism by Greece, Turkey sent a ship" (Greece
#: criticised Turkey, the subject of the clause).
CONCESSIVE_PREPS = frozenset({"despite", "amid", "notwithstanding"})
#: Easing an administrative restriction (CAMEO 172x) is the matching 081x ("lifted martial law" 0814).
EASE_CODES = {"1721": "0811", "1722": "0812", "1723": "0813", "1724": "0814"}
#: Halting one's own hostile act is a de-escalation, not a cut in relations (CAMEO 16): a protest or
#: strike called off eases dissent (082), an offensive or attack halted de-escalates (087).
DEESCALATE_CODES = {"14": "082", "18": "087", "19": "087", "20": "087"}
#: Verbs of gathering whose subject takes part in the protest they gather for ("converged for a rally").
GATHERING_VERBS = frozenset({"gather", "converge", "assemble", "march", "mass", "flock", "pour", "come",
                             "turn", "head", "mobilize", "mobilise"})
#: Verbs of travel whose subject takes part in the meeting they come for ("returned to Geneva for talks").
TRAVEL_VERBS = GATHERING_VERBS | {"return", "travel", "arrive", "fly", "go", "meet"}
#: CAMEO roots of a reaction drawn by another party's act (``lexicon/reactions.txt``: "drew
#: condemnation from Japan", "won praise from the EU"): support, disapproval, rejection, threat, protest.
REACTION_ROOTS = frozenset({"05", "11", "12", "13", "14"})
#: A protest a state, its government or an intergovernmental body makes is an official complaint
#: (114), not a demonstration (141): "Iran's move prompted a protest from Britain".
OFFICIAL_PROTEST_CODE = "114"
OFFICIAL_SECTORS = frozenset({"STATE", "GOV", "IGO", "LEG"})
#: CAMEO roots of hostile events ("cited the government's repression": an accusation).
HOSTILE_ROOTS = frozenset({"11", "12", "13", "14", "15", "16", "17", "18", "19", "20"})
#: Verbs of a state, not an act: "warned that it would be difficult if ..." is no threat.
STATIVE_VERBS = frozenset({"be", "have", "become", "remain", "seem", "need", "want", "like"})
#: Verbs of a warned-of consequence for another party: "warned that Y would face consequences".
CONSEQUENCE_VERBS = frozenset({"face", "pay", "suffer", "regret", "bear", "risk"})
#: Prepositions of a gerund whose subject is the governing verb's object: "accused Tehran of
#: supplying", "blamed X for attacking", "warned China against supplying", "barred X from entering".
OBJECT_CONTROL_PREPS = frozenset({"of", "for", "against", "from"})
#: Prepositions that place a meeting noun in a clause ("at talks in Moscow").
CONTEXT_PREPS = frozenset({"at", "during", "after", "before", "ahead", "on", "in", "following"})
#: Prepositions of a verb's non-actor object that name the party it concerns:
#: "approved the bid by Sweden", "dismissed the claim from Berlin".
OBJECT_PREPS = ("for", "of", "from", "by")
#: How many sentences back a generic event anaphor ("the decision") may reach; a nominal
#: trigger ("the criticism", which must match the earlier event's root) one more.
ANAPHORA_SENTENCES = 1
#: CAMEO roots whose events may target the state where they happen.
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
#: Prepositions by which a place noun names the polity it lies in ("waters around Taiwan",
#: "military sites in Iran", "the coast of Yemen").
PLACE_PREPS = frozenset({"around", "off", "of", "in", "inside", "within"})
#: Prepositions by which an attack happens in a city of the dictionary ("shelled villages in Kharkiv").
LOCATIVE_PREPS = frozenset({"in", "inside", "into", "across", "around"})
#: Prepositions by which a place noun lies near a city of the dictionary ("positions near Kharkiv").
CITY_PREPS = frozenset({"near", "outside"})
DEMONSTRATIVES = frozenset({"the", "this", "that", "these", "those"})
VERB_POS = frozenset({"VERB", "AUX"})


@dataclass
class Found:
    """An event found on the parse, before it becomes a :class:`kg.model.Event`."""

    trigger: Token
    entry: Entry
    code: str
    family: str
    sources: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    pairwise: bool = False          # symmetric: one event per pair of sources
    inner: Optional["Found"] = None  # the nested event (target_event)
    antecedent: Optional["Found"] = None  # the earlier event an anaphor refers to
    inherited: bool = False         # subject inherited across clauses
    repairs: int = 0                # parse repairs used
    standalone: bool = True         # emitted without a target only when nested
    tokens: set[int] = field(default_factory=set)
    modality: str = "asserted"
    negated: bool = False
    sent_index: int = 0

    @property
    def symmetric(self) -> bool:
        return self.entry.has("sym")

    def participants(self) -> list[Arg]:
        """Everyone taking part (sources, and targets of symmetric events)."""
        return self.sources + self.targets


def depth(tok: Token) -> int:
    """Distance of a token from its sentence's root."""
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def nearest(toks: list[Token], v: Token) -> list[Token]:
    """A clause has one subject: when the parser gives several, the nearest is kept."""
    if len(toks) <= 1:
        return toks
    return [min(toks, key=lambda t: abs(t.i - v.i))]


def dedupe(args: list[Arg]) -> list[Arg]:
    """Each actor once; two actors for one token and polity are one ("Macron", "the French president")."""
    seen: set = set()
    out = []
    for a in args:
        if a.actor.id in seen or (a.token, a.polity) in seen:
            continue
        seen.update({a.actor.id, (a.token, a.polity)})
        out.append(a)
    return out

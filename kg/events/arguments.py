"""Who is meant: from a token of spaCy's parse to the actors it stands for.

The actors stage (``doc._.mentions``) says which token spans name actors. Event
arguments are found on the dependency parse, so this module answers, for a
token in an argument position, which actors it denotes:

- the token lies inside a mention ("South Korea", "Cho Tae-yul", a resolved "it");
- coordination and apposition spread an argument ("South Korea and the EU");
- a noun that is not an actor stands for the actor that modifies it: a possessor
  ("Turkey's parliament"), a demonym or name ("Iranian drone manufacturers",
  "Ukrainian cities"), or, for proxy nouns, the of-phrase ("the leaders of Japan");
- quantity nouns ("part of which") and relative pronouns pass through to their
  antecedent ("Russia's Kursk region, part of which ...").

A news dateline ("Seoul, South Korea — ...") names the place of writing, so
mentions before a dash in the first tokens of a document are not arguments.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Doc, Token

from kg.events.lexicon import Lexicon
from kg.model import ActorRef, Mention

#: Ways an argument was found, from the most to the least direct.
VIA_MENTION = "mention"      # the token is (inside) a mention
VIA_MODIFIER = "modifier"    # a possessor or modifier of the token is a mention
VIA_OF = "of"                # a proxy noun's of-phrase ("leaders of X")
VIA_ANTECEDENT = "antecedent"  # a relative pronoun's antecedent
VIA_PLACE = "place"          # a city standing for the state it lies in (kg.actors: Mention.via)

#: ``loose`` mode for agents: named possessors and modifiers of proxy nouns only.
OWNER = "owner"

RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
DASHES = frozenset({"—", "–", "--", "-"})


@dataclass(frozen=True)
class Arg:
    """An actor found in an argument position."""

    actor: ActorRef
    token: int           # index of the token that carried it
    via: str             # VIA_* above
    coref: bool = False  # the mention was resolved by coreference

    @property
    def polity(self) -> str:
        """The polity the actor acts for (its country QID, else its id)."""
        return self.actor.country or self.actor.wikidata or self.actor.id


class ActorIndex:
    """The mentions of one document, indexed by token."""

    def __init__(self, doc: Doc, mentions: Iterable[Mention], lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.by_token: dict[int, list[Mention]] = {}
        self.places: dict[int, list[Mention]] = {}  # cities standing for their state, as targets only
        dateline_end = _dateline_end(doc)
        for m in mentions:
            if m.token_end <= dateline_end:
                continue
            index = self.places if m.via == VIA_PLACE else self.by_token
            for i in range(m.token_start, m.token_end):
                index.setdefault(i, []).append(m)

    def sentence_has_mention(self, start: int, end: int) -> bool:
        """True when a mention starts in tokens ``start``..``end``."""
        return any(i in self.by_token for i in range(start, end))

    def at(self, tok: Token) -> list[Arg]:
        """Actors of the mentions covering ``tok``."""
        out = []
        for m in self.by_token.get(tok.i, ()):
            out.append(Arg(m.actor, tok.i, VIA_MENTION, coref=m.via == "coref"))
        return _unique(out)

    def place(self, tok: Token) -> list[Arg]:
        """The state of a city named by ``tok``, for a verb whose object may be a place
        (lexicon flag ``placeobj``: "shelled Kharkiv" is an attack on Ukraine)."""
        return _unique([Arg(m.actor, tok.i, VIA_PLACE) for m in self.places.get(tok.i, ())])

    def actors(self, tok: Token, *, loose: bool | str = True, depth: int = 0) -> list[Arg]:
        """Actors denoted by the noun phrase headed by ``tok`` (not its conjuncts).

        ``loose=True`` also accepts possessors and modifiers of a non-actor noun
        ("Ukrainian cities" -> Ukraine, as a target); ``loose=OWNER`` only a named
        possessor ("Turkey's parliament") or the modifiers of a proxy noun ("Chinese
        officials") or of a name ("the Belarusian KGB"), as for the agent of an event
        ("Chinese tourists" are not China);
        ``loose=False`` neither.
        """
        if depth > 4:
            return []
        found = self.at(tok)
        low = tok.lower_
        if found:
            if self.lexicon.proxies.get(tok.lemma_.lower()) == "proxy":
                # "the leaders of the United States, Japan and South Korea" named as one agent
                extra = [a for child in tok.children if child.dep_ == "prep" and child.lower_ == "of"
                         for pobj in child.children if pobj.dep_ == "pobj"
                         for t in conjuncts(pobj)[1:] for a in self.at(t)]
                return _unique(found + extra)
            return found
        if low in RELATIVE_PRONOUNS:
            ante = antecedent(tok)
            if ante is not None:
                return [_via(a, VIA_ANTECEDENT) for a in self.actors(ante, depth=depth + 1)]
            return []
        kind = self.lexicon.proxies.get(tok.lemma_.lower()) or self.lexicon.proxies.get(low) or \
            ("quantity" if tok.pos_ == "NUM" else None)  # "1,800 of 2,200 Serbian teachers"
        if kind in ("proxy", "quantity"):
            # "the leaders of X"; a proxy's from-phrase too: "agencies from Germany, South Korea and X"
            preps = ("of", "from") if kind == "proxy" else ("of",)
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = [_via(a, VIA_OF) for t in conjuncts(pobj)
                                     for a in self.actors(t, depth=depth + 1)]
                            if found:
                                return _unique(found)
        if kind == "proxy" and depth == 0:
            group = self.group_antecedent(tok)
            if group:  # "Ministers from X, Y and Z met ... The ministers denounced ..."
                return group
        if not loose and kind != "proxy":
            return []
        mods = [c for c in tok.children if c.dep_ == "poss"]
        mods += [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i]
        # "Iranian airline Mahan Air": the modifier of a compound of a name
        mods += [g for c in tok.children if c.dep_ == "compound" and c.i < tok.i
                 for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i]
        if kind == "proxy":  # "Kosovo Municipality Association officials": the name's own modifier
            mods += [g for c in tok.children if c.dep_ == "nmod" and c.i < tok.i and not self.at(c)
                     for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i]
        for child in mods:
            if child.pos_ == "PRON" and kind != "proxy" and not (loose is True and child.lower_ in ("its", "their")):
                continue  # "his rival" is not him; "its army" is it; "rammed its boats" targets it
            if loose == OWNER and kind != "proxy" and child.dep_ != "poss" and tok.pos_ != "PROPN" \
                    and not self.names_organization(child):
                continue  # "Chinese tourists" do not act for China; "the Hamas group" acts for Hamas
            found = self.at(child) or (self.actors(child, loose=False, depth=depth + 1)
                                       if child.dep_ == "poss" else [])
            if found:
                return [_via(a, VIA_MODIFIER) for a in found]
        if kind == "proxy":  # "security forces in Guinea", "authorities in Croatia": the state's own
            return _unique([_via(a, VIA_OF) for child in tok.children
                            if child.dep_ == "prep" and child.lower_ == "in"
                            for pobj in child.children if pobj.dep_ == "pobj"
                            for a in self.at(pobj) if a.actor.sector == "STATE"])
        return []

    def names_organization(self, tok: Token) -> bool:
        """A compound or nominal modifier that names a non-state group itself, not a state, an
        intergovernmental body or a demonym: "the Hizbollah group", "the Hamas movement" act for
        the group ("the BRICS group" is left to the bloc's own name)."""
        return tok.dep_ in ("compound", "nmod") and tok.pos_ == "PROPN" and any(
            m.via == "gazetteer" and m.actor.type not in ("State", "Person")
            and (m.actor.sector or "IGO") not in ("IGO", "STATE", "GOV")
            for m in self.by_token.get(tok.i, ()))

    def group_antecedent(self, tok: Token) -> list[Arg]:
        """The members of a group named earlier, for a bare definite plural proxy noun.

        "Ministers from France, Germany and Italy met in Rome. The ministers denounced Iran":
        "the ministers" are the ministers of France, Germany and Italy. The antecedent is the
        nearest earlier plural of the same lemma (in this or the two sentences before) whose
        of- or from-phrase or modifiers name actors.
        """
        if tok.tag_ not in ("NNS", "NNPS") or not any(
                c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children) \
                or any(c.dep_ in ("poss", "amod", "compound", "prep") for c in tok.children):
            return []
        lemma = tok.lemma_.lower()
        start = tok.sent.start
        for _ in range(2):
            if start > 0:
                start = self.doc[start - 1].sent.start
        for i in range(tok.i - 1, start - 1, -1):
            t = self.doc[i]
            if t.tag_ in ("NNS", "NNPS") and t.lemma_.lower() == lemma:
                found = self.actors(t, loose=OWNER, depth=1)
                found += [a for c in t.children if c.dep_ == "amod" and c.i < t.i
                          for x in conjuncts(c, appos=False)[1:] for a in self.at(x)]
                if found:
                    return [Arg(a.actor, tok.i, VIA_ANTECEDENT, coref=True) for a in _unique(found)]
        return []

    def group(self, tok: Token, *, loose: bool | str = True) -> list[Arg]:
        """Actors of ``tok`` and of its conjuncts (and of the appositions of those that have none)."""
        out: list[Arg] = []
        for t in conjuncts(tok, appos=False):
            found = self.actors(t, loose=False)
            if not found:  # "his rival Joe Biden": the apposition before the modifiers
                found = [a for c in t.children if c.dep_ == "appos"
                         for x in conjuncts(c, appos=False) for a in self.actors(x, loose=False)]
            if not found and loose:
                found = self.actors(t, loose=loose)
            if found and self.at(t):  # "French and Egyptian warships": each coordinated demonym's
                found = found + [a for c in t.children if c.dep_ in ("amod", "nmod", "compound") and c.i < t.i
                                 for x in conjuncts(c, appos=False) for a in self.at(x)]
            out += found
        return _unique(out)

    def possessor_left(self, tok: Token, window: int = 4) -> list[Arg]:
        """A possessive mention just left of ``tok`` in its phrase ("the North's unlawful transfers").

        Repairs parses that attach the possessor elsewhere.
        """
        for i in range(tok.i - 1, max(tok.sent.start, tok.i - window) - 1, -1):
            t = self.doc[i]
            if t.pos_ in ("VERB", "AUX", "ADP") or t.dep_ in ("cc",):
                return []
            if t.tag_ == "POS" or t.lower_ in ("'s", "’s", "’", "'"):
                prev = self.doc[i - 1] if i > 0 else None
                if prev is not None:
                    return [_via(a, VIA_MODIFIER) for a in self.at(prev)]
        return []


def conjuncts(tok: Token, appos: bool = True) -> list[Token]:
    """``tok`` with its conjuncts (and appositions), in order ("X, Y and Z")."""
    deps = ("conj", "appos") if appos else ("conj",)
    out, todo, seen = [], [tok], set()
    while todo:
        t = todo.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ in deps)
    return sorted(out, key=lambda t: t.i)


def antecedent(pron: Token) -> Optional[Token]:
    """The noun a relative pronoun stands for.

    A well-parsed relative clause hangs off its antecedent (``relcl``); when the
    parse is broken, the nearest noun to the left, across a comma, is taken.
    """
    clause = pron
    while clause.dep_ not in ("relcl", "ROOT") and clause.head.i != clause.i:
        clause = clause.head
        if clause.dep_ == "relcl":
            return clause.head
    doc = pron.doc
    # broken parse: "Russia's Kursk region, part of which has been seized"
    i = pron.i - 1
    steps = 0
    while i >= pron.sent.start and steps < 6:
        t = doc[i]
        if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in ("part", "parts", "some", "most"):
            return t
        i -= 1
        steps += 1
    return None


def _dateline_end(doc: Doc) -> int:
    """Token index just past a dateline's dash at the start of the document, else 0."""
    for t in doc[:12]:
        if t.text in DASHES and t.i > 0 and t.text != "-":
            return t.i + 1
        if t.text in (".", "!", "?"):
            break
    return 0


def _via(a: Arg, via: str) -> Arg:
    return Arg(a.actor, a.token, via, a.coref)


def _unique(args: list[Arg]) -> list[Arg]:
    seen, out = set(), []
    for a in args:
        if a.actor.id not in seen:
            seen.add(a.actor.id)
            out.append(a)
    return out

"""Score the extractor against a gold file (``kg eval``).

A gold file is JSON Lines, one annotated text a line::

    {"id": "dev-003", "date": "2024-01-23", "text": "...",
     "events": [{"source": "Q43", "code": "10", "target": "Q34"}, ...]}

``source`` and ``target`` are QIDs of the polities (a list: any one matches);
``code`` is a CAMEO root, ``also`` other accepted roots; ``symmetric`` events match
in either direction; ``optional`` ones are not missed when absent, and a
prediction matching them is not a false positive.

A prediction is the triple (source polity, CAMEO root, target polity), where an
actor's polity is its ``country`` (a person, ministry or army counts as the
state it acts for). Negated events ("did not attack") and events without a
target polity are not predictions of a dyadic event and are not scored; each
distinct triple of a text counts once. Recall counts the non-optional gold
events matched by at least one predicted triple; precision counts the predicted
triples that match some gold event. Both are summed over all texts (micro).

>>> g = GoldEvent(sources=("Q30",), roots=frozenset({"04"}), targets=("Q17",), symmetric=True)
>>> g.matches(("Q17", "04", "Q30")), g.matches(("Q17", "05", "Q30"))
(True, False)
>>> s = Score(tp=3, predicted=4, matched=3, gold=5)
>>> round(s.precision, 2), round(s.recall, 2), round(s.f1, 3)
(0.75, 0.6, 0.667)
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from kg.errors import InputError
from kg.model import Document, Event

Triple = tuple[str, str, str]


def _qids(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


@dataclass(frozen=True)
class GoldEvent:
    """One annotated event."""

    sources: tuple[str, ...]
    roots: frozenset[str]
    targets: tuple[str, ...]
    symmetric: bool = False
    optional: bool = False
    note: str = ""

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "GoldEvent":
        roots = {str(rec["code"]).zfill(2)[:2]} | {str(c).zfill(2)[:2] for c in rec.get("also", [])}
        return cls(_qids(rec["source"]), frozenset(roots), _qids(rec["target"]),
                   bool(rec.get("symmetric")), bool(rec.get("optional")), rec.get("note", ""))

    def matches(self, triple: Triple) -> bool:
        """True when a predicted triple matches this event."""
        source, root, target = triple
        if root not in self.roots:
            return False
        if source in self.sources and target in self.targets:
            return True
        return self.symmetric and target in self.sources and source in self.targets

    def describe(self) -> str:
        def one(q: tuple[str, ...]) -> str:
            return q[0] if len(q) == 1 else "[" + "|".join(q) + "]"
        roots = "/".join(sorted(self.roots))
        arrow = "<->" if self.symmetric else "->"
        return f"{one(self.sources)} {arrow} {one(self.targets)} ({roots})"


@dataclass
class GoldText:
    """One annotated text."""

    id: str
    text: str
    date: Optional[str]
    events: list[GoldEvent]

    def document(self) -> Document:
        return Document(id=self.id, text=self.text, date=self.date)


@dataclass
class Score:
    """Counts and the figures derived from them."""

    tp: int = 0         # predicted triples matching some gold event
    predicted: int = 0  # predicted triples
    matched: int = 0    # non-optional gold events matched
    gold: int = 0       # non-optional gold events

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.matched += other.matched
        self.gold += other.gold

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "true_positives": self.tp,
                "predicted": self.predicted, "gold_matched": self.matched, "gold": self.gold}


@dataclass
class TextResult:
    """The score of one text, with its misses and false positives."""

    id: str
    score: Score
    misses: list[GoldEvent] = field(default_factory=list)
    false_positives: list[tuple[Triple, Event]] = field(default_factory=list)


def polity(actor) -> Optional[str]:
    """The polity an actor counts as: its ``country``, else its own QID."""
    if actor is None:
        return None
    return actor.country or actor.wikidata


def predicted_triples(events: Iterable[Event]) -> dict[Triple, Event]:
    """Distinct scored triples of a text's events (first event kept as evidence)."""
    out: dict[Triple, Event] = {}
    for ev in events:
        if ev.negated:
            continue
        s, t = polity(ev.source), polity(ev.target)
        if not s or not t:
            continue
        out.setdefault((s, ev.cameo[:2], t), ev)
    return out


def score_text(gold: GoldText, events: Iterable[Event]) -> TextResult:
    """Score one text's events against its gold events."""
    triples = predicted_triples(events)
    result = TextResult(gold.id, Score())
    for triple, ev in triples.items():
        result.score.predicted += 1
        if any(g.matches(triple) for g in gold.events):
            result.score.tp += 1
        else:
            result.false_positives.append((triple, ev))
    for g in gold.events:
        if g.optional:
            continue
        result.score.gold += 1
        if any(g.matches(t) for t in triples):
            result.score.matched += 1
        else:
            result.misses.append(g)
    return result


def read_gold(path: str) -> list[GoldText]:
    """Read a gold file; a missing or malformed file raises :class:`kg.errors.InputError`."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such gold file")
    texts = []
    with open(p, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                    raise ValueError("no 'text' string")
                texts.append(GoldText(str(rec.get("id", f"{p.name}:{n}")), rec["text"],
                                      rec.get("date"),
                                      [GoldEvent.from_record(e) for e in rec.get("events", [])]))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{n}: not a gold record ({exc})") from exc
    if not texts:
        raise InputError(f"{path}: no gold records")
    return texts


@dataclass
class Report:
    """The result of ``kg eval``."""

    total: Score
    texts: list[TextResult]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.total.as_dict(),
            "texts": [{
                "id": r.id, **r.score.as_dict(),
                "misses": [{"gold": g.describe(), "note": g.note} for g in r.misses],
                "false_positives": [{"triple": list(t), "cameo": ev.cameo,
                                     "trigger": ev.trigger, "sentence": ev.sentence}
                                    for t, ev in r.false_positives],
            } for r in self.texts],
        }

    def format_text(self) -> str:
        lines = []
        for r in self.texts:
            s = r.score
            lines.append(f"{r.id}: P {s.precision:.2f}  R {s.recall:.2f}  "
                         f"({s.tp}/{s.predicted} predicted, {s.matched}/{s.gold} gold)")
            for g in r.misses:
                lines.append(f"  miss  {g.describe()}" + (f"  -- {g.note}" if g.note else ""))
            for (src, root, tgt), ev in r.false_positives:
                lines.append(f"  false {src} -> {tgt} ({root}, {ev.cameo} {ev.trigger!r})  "
                             f"-- {ev.sentence[:160]}")
        t = self.total
        lines.append(f"micro: precision {t.precision:.3f}  recall {t.recall:.3f}  F1 {t.f1:.3f}  "
                     f"({t.tp}/{t.predicted} predicted, {t.matched}/{t.gold} gold)")
        return "\n".join(lines)


def evaluate(path: str, nlp=None, *, model: Optional[str] = None) -> Report:
    """Run the extractor over a gold file and score it."""
    from kg.pipeline import extract, make_pipeline

    gold = read_gold(path)
    nlp = nlp or make_pipeline(model)
    results, total = [], Score()
    by_id = {g.id: g for g in gold}
    for document, events in extract([g.document() for g in gold], nlp):
        r = score_text(by_id[document.id], events)
        results.append(r)
        total.add(r.score)
    return Report(total, results)


# ----------------------------------------------------------------- codebook development set
@dataclass
class CodebookExample:
    """One example sentence of the CAMEO codebook and the events found in it."""

    code: str
    text: str
    found: list[str] = field(default_factory=list)  # CAMEO codes of the events found

    @property
    def root_hit(self) -> bool:
        return any(c[:2] == self.code[:2] for c in self.found)

    @property
    def exact_hit(self) -> bool:
        return self.code in self.found


@dataclass
class CodebookReport:
    """How many codebook examples yield an event of their code's root, and of the exact code."""

    examples: list[CodebookExample]

    @property
    def root_rate(self) -> float:
        return sum(e.root_hit for e in self.examples) / len(self.examples) if self.examples else 0.0

    @property
    def exact_rate(self) -> float:
        return sum(e.exact_hit for e in self.examples) / len(self.examples) if self.examples else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"examples": len(self.examples), "root": round(self.root_rate, 4),
                "exact": round(self.exact_rate, 4),
                "root_hits": sum(e.root_hit for e in self.examples),
                "exact_hits": sum(e.exact_hit for e in self.examples),
                "misses": [{"code": e.code, "found": e.found, "text": e.text}
                           for e in self.examples if not e.root_hit]}

    def format_text(self) -> str:
        lines = [f"miss  {e.code}  found {','.join(e.found) or '-'}  -- {e.text[:140]}"
                 for e in self.examples if not e.root_hit]
        n = len(self.examples)
        lines.append(f"codebook: root {self.root_rate:.3f} ({sum(e.root_hit for e in self.examples)}/{n})  "
                     f"exact {self.exact_rate:.3f} ({sum(e.exact_hit for e in self.examples)}/{n})")
        return "\n".join(lines)


#: A placeholder left in the codebook's example column: "NEED EXAMPLE.", "TBD", "example needed".
PLACEHOLDER = re.compile(r"\s*(?:need(?:s|ed)?\s+(?:an\s+)?example|example\s+needed|tbd|todo|n/?a)\W*",
                         re.IGNORECASE)


def codebook_examples(path: Optional[str] = None) -> list[CodebookExample]:
    """The example sentences of ``cameo-codes.csv`` (codes without one are left out).

    A placeholder in the example column is not an example and is left out too: ``NA``, or a
    text matching :data:`PLACEHOLDER` (the codebook's "NEED EXAMPLE." for 151; a note to the
    editors, with no sentence to parse).

    >>> ex = codebook_examples()
    >>> len(ex) > 250, ex[0].code
    (True, '010')
    """
    import csv

    from kg.resources import ontologies

    p = Path(path) if path else ontologies() / "cameo-codes.csv"
    if not p.is_file():
        raise InputError(f"{p}: no such codebook file")
    out = []
    with open(p, encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            text = (row.get("example") or "").strip()
            if not text or text == "NA" or PLACEHOLDER.fullmatch(text):
                continue
            text = re.sub("\ufffd+", "'", text)  # the codebook's mangled apostrophes
            out.append(CodebookExample(row["code"].strip(), text))
    return out


def evaluate_codebook(nlp=None, *, model: Optional[str] = None,
                      path: Optional[str] = None) -> CodebookReport:
    """Run the extractor over the codebook's example sentences (one document each).

    Every event counts, with or without a target: the question is whether the
    example's kind of event is recognised at all.
    """
    from kg.pipeline import extract, make_pipeline

    examples = codebook_examples(path)
    nlp = nlp or make_pipeline(model)
    docs = [Document(id=f"cameo-{i}", text=e.text) for i, e in enumerate(examples)]
    for (document, events), ex in zip(extract(docs, nlp), examples):
        ex.found = sorted({ev.cameo for ev in events})
    return CodebookReport(examples)

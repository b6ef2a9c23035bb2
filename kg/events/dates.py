"""When an event happened: date expressions resolved against the document's date.

News text dates events relative to the day of writing: "on Monday", "last week",
"yesterday", "in March", "on 5 May". :func:`resolve` turns such an expression into
an ISO date and a precision (``day``, ``week``, ``month``, ``year``); without one,
the event takes the document's date with precision ``document``.

A week is given by its Monday, a month by its first day, a year by 1 January.
Weekdays and months without a year are the most recent ones on or before the
document's date (news reports what has happened), unless the clause is about the
future ("will meet on Friday"), then the next ones.

>>> resolve("on Monday", "2024-11-06")
('2024-11-04', 'day')
>>> resolve("last week", "2024-11-06")
('2024-10-28', 'week')
>>> resolve("yesterday", "2024-11-06")
('2024-11-05', 'day')
>>> resolve("in March", "2024-11-06")
('2024-03-01', 'month')
>>> resolve("on 5 May", "2024-11-06")
('2024-05-05', 'day')
>>> resolve("Friday", "2024-11-06", future=True)
('2024-11-08', 'day')
>>> resolve("in 2019", "2024-11-06")
('2019-01-01', 'year')
>>> resolve("a few years ago", "2024-11-06") is None
True
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from spacy.tokens import Token

from kg.datelines import month_number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: Prepositions and adverbs that attach a date to a clause.
DATE_PREPS = frozenset({"on", "in", "during", "since", "last", "this", "earlier", "late", "early"})


def _safe_date(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve(text: str, doc_date: Optional[str], *, future: bool = False) -> Optional[tuple[str, str]]:
    """``(iso_date, precision)`` for a date expression, or None if it names no date.

    Without a document date only a date that names its year resolves
    (:func:`absolute`).
    """
    try:
        ref = dt.date.fromisoformat(doc_date[:10]) if doc_date else None
    except ValueError:
        ref = None
    if ref is None:
        return absolute(text)
    words = re.findall(r"[A-Za-z]+|\d+", text.lower())
    if not words:
        return None
    ws = set(words)
    if "today" in ws or "tonight" in ws or "overnight" in ws:
        return ref.isoformat(), "day"
    if "yesterday" in ws:
        return (ref - dt.timedelta(days=1)).isoformat(), "day"
    if "tomorrow" in ws:
        return (ref + dt.timedelta(days=1)).isoformat(), "day"
    if "ago" in ws or "next" in ws and not ws & {"week", "month", "year"}:
        return None
    for unit in ("week", "month", "year"):
        if unit in ws and ws & {"last", "this", "next", "past"}:
            shift = -1 if ws & {"last", "past"} else (1 if "next" in ws else 0)
            if unit == "week":
                monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
                return monday.isoformat(), "week"
            if unit == "month":
                m = ref.month - 1 + shift
                return dt.date(ref.year + m // 12, m % 12 + 1, 1).isoformat(), "month"
            return dt.date(ref.year + shift, 1, 1).isoformat(), "year"
    # day of month with a month name: "5 May", "May 5", "May 5, 2023"
    nums = [int(w) for w in words if w.isdigit()]
    months = [m for m in (month_number(w) for w in words) if m]
    years = [n for n in nums if 1900 <= n <= 2100]
    days = [n for n in nums if 1 <= n <= 31]
    if months and years:  # "May 5, 2023": its year is given, the document's date is not needed
        return absolute(text)
    if months:
        month, year = months[0], ref.year
        if days:
            day = days[0]
            cand = _safe_date(year, month, day)
            if cand and not future and cand > ref + dt.timedelta(days=1):
                year -= 1
            elif cand and future and cand < ref:
                year += 1
            d = _safe_date(year, month, day)
            return (d.isoformat(), "day") if d else None
        if not future and month > ref.month:
            year -= 1
        elif future and month < ref.month:
            year += 1
        return dt.date(year, month, 1).isoformat(), "month"
    for i, name in enumerate(WEEKDAYS):
        if name in ws:
            delta = (ref.weekday() - i) % 7
            if future:
                return (ref + dt.timedelta(days=(i - ref.weekday()) % 7)).isoformat(), "day"
            return (ref - dt.timedelta(days=delta)).isoformat(), "day"
    return absolute(text)  # a bare year ("in 2019"), or nothing


def _date_phrases(tok: Token) -> list[str]:
    """Date expressions attached to a trigger: "on Monday", "last week", "yesterday"."""
    out = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in DATE_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (pobj.ent_type_ in ("DATE", "TIME")
                                            or pobj.lower_ in WEEKDAYS):
                    out.append(" ".join(t.text for t in pobj.subtree))
        elif child.dep_ in ("npadvmod", "advmod", "tmod", "obl") and (
                child.ent_type_ in ("DATE", "TIME") or child.lower_ in
                ("yesterday", "today", "overnight", "tonight", "tomorrow")):
            out.append(" ".join(t.text for t in child.subtree))
    return out


def absolute(text: str) -> Optional[tuple[str, str]]:
    """``(iso_date, precision)`` of a date expression that names its year, else None.

    >>> absolute("on 3 March 2024"), absolute("in May 2023"), absolute("in 2019")
    (('2024-03-03', 'day'), ('2023-05-01', 'month'), ('2019-01-01', 'year'))
    >>> absolute("on Monday") is None
    True
    """
    words = re.findall(r"[A-Za-z]+|\d+", text.lower())
    years = [int(w) for w in words if w.isdigit() and 1900 <= int(w) <= 2100]
    if not years or "ago" in words:
        return None
    months = [m for m in (month_number(w) for w in words) if m]
    days = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31]
    if months and days:
        d = _safe_date(years[0], months[0], days[0])
        return (d.isoformat(), "day") if d else None
    if months:
        return dt.date(years[0], months[0], 1).isoformat(), "month"
    return (dt.date(years[0], 1, 1).isoformat(), "year") if len(words) <= 3 else None


def date_of(trigger: Token, doc_date: Optional[str], *, future: bool = False,
            light: bool = False) -> tuple[Optional[str], str]:
    """``(date, precision)`` of the event triggered by ``trigger``.

    Looks at the trigger's own date modifiers, then those of the verb a conjunct
    or a controlled clause hangs off (and, for a nominal trigger of a support verb,
    ``light``, that verb's); else the document's date. A nominal event that is the
    object of another event ("condemned on Sunday the strikes") keeps its own date.
    """
    climb = ("conj", "xcomp", "dobj", "nsubjpass", "pobj", "prep") if light else ("conj", "xcomp")
    tok = trigger
    for _ in range(3):
        phrases = _date_phrases(tok)
        for arg in tok.children:  # misattached: "Egypt and Jordan on Sunday condemned"
            if arg.dep_ in ("nsubj", "nsubjpass", "dobj"):
                phrases += [p for c in (arg, *arg.conjuncts) for p in _date_phrases(c)
                            if any(w in p.lower() for w in WEEKDAYS)]
        for phrase in phrases:
            found = resolve(phrase, doc_date, future=future)
            if found:
                return found
        if tok.dep_ in climb and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return doc_date, "document"

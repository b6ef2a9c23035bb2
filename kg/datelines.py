"""The date of a document: its corpus field, else the date its own dateline gives.

A corpus record's ``date`` field is normalised by :func:`normalise_date`. A
``.txt`` file (or a record without a date) often still says when it was
written, in a dateline before the story ("SEOUL, March 3, 2024 (Reuters) -")
or on a line of its own above it ("3 March 2024"). :func:`dateline_date` reads
such a date: a full date (day, month and year; or ISO ``YYYY-MM-DD``) in the
opening of the text, before its first sentence ends, is the document's date.
A date further in ("the treaty of 3 March 1905") is an event's, not the
document's, and is left to the event layer (:mod:`kg.events.dates`).

>>> dateline_date("SEOUL, March 3, 2024 (Reuters) - South Korea condemned ...")
'2024-03-03'
>>> dateline_date("Seoul, South Korea - South Korea condemned the launch on 3 March 2024.") is None
True
"""
from __future__ import annotations

import re
from datetime import date as _date
from typing import Optional

from kg.errors import InputError

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
#: "March 3, 2024", "Mar. 3 2024", "3 March 2024", "3rd of March, 2024", "2024-03-03".
_DATES = [re.compile(p) for p in (
    rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
    r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b",
)]
#: Where a dateline ends and the story begins: a dash between words, or a news agency's name.
_DATELINE_END = re.compile(r"\s[-\u2013\u2014]+\s|\s--|\((?:AP|AFP|Reuters|UPI|dpa|Xinhua)\)")
#: How much of a text's opening is searched for its date, in characters.
OPENING_CHARS = 200


def normalise_date(value: Optional[str], where: str = "") -> Optional[str]:
    """An ISO date (YYYY-MM-DD) from a corpus date field, or None.

    >>> normalise_date("2019-01-04T10:00:00Z")
    '2019-01-04'
    >>> normalise_date("") is None
    True
    """
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        raise InputError(f"{where}: date {value!r} is not YYYY-MM-DD".lstrip(": "))
    try:
        return _date(*map(int, match.groups())).isoformat()
    except ValueError as exc:
        raise InputError(f"{where}: date {value!r} is not a valid date".lstrip(": ")) from exc


def month_number(word: str) -> Optional[int]:
    """The number of a month named in full or abbreviated ("March", "Mar.", "Sept"), else None.

    >>> month_number("Mar."), month_number("september"), month_number("Mon")
    (3, 9, None)
    """
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    return _MONTH_ABBR.get(w) if len(w) >= 3 else None


def _full_date(text: str) -> Optional[str]:
    """The first full date in ``text`` as ISO, or None."""
    found = []
    for pattern in _DATES:
        for m in pattern.finditer(text):
            name = m.group("month")
            month = int(name) if name.isdigit() else month_number(name)
            try:
                d = _date(int(m.group("year")), month or 0, int(m.group("day")))
            except ValueError:
                continue
            found.append((m.start(), d.isoformat()))
    return min(found)[1] if found else None


def dateline_date(text: str) -> Optional[str]:
    """The date a news text gives itself in its opening, as ISO, or None.

    The opening is the first line when it is short (a date or heading line
    above the story), else the dateline before a dash or a news agency's
    name in the first :data:`OPENING_CHARS` characters.

    >>> dateline_date("March 3, 2024\\n\\nSouth Korea condemned North Korea on Sunday.")
    '2024-03-03'
    >>> dateline_date("Tokyo, 3 March 2024 - Japan protested.")
    '2024-03-03'
    >>> dateline_date("Japan protested on 3 March 2024 against the launch.") is None
    True
    """
    head = text.lstrip()[:OPENING_CHARS]
    first_line = head.split("\n", 1)[0]
    if "\n" in head and len(first_line) <= 80:
        found = _full_date(first_line)
        if found:
            return found
    end = _DATELINE_END.search(first_line)
    return _full_date(first_line[:end.end()]) if end else None

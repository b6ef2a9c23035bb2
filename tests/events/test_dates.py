"""Event dates: expressions resolved against the document's date."""
from __future__ import annotations

import pytest

from kg.events.dates import resolve


@pytest.mark.parametrize("text, doc_date, expected", [
    ("on Wednesday", "2024-03-06", ("2024-03-06", "day")),   # the day of writing
    ("on Tuesday", "2024-03-06", ("2024-03-05", "day")),
    ("on Thursday", "2024-03-06", ("2024-02-29", "day")),    # the last one before
    ("last week", "2024-03-06", ("2024-02-26", "week")),
    ("this week", "2024-03-06", ("2024-03-04", "week")),
    ("last month", "2024-01-15", ("2023-12-01", "month")),
    ("yesterday", "2024-03-01", ("2024-02-29", "day")),
    ("in December", "2024-03-06", ("2023-12-01", "month")),
    ("on 12 February", "2024-03-06", ("2024-02-12", "day")),
    ("February 12, 2021", "2024-03-06", ("2021-02-12", "day")),
    ("in 2022", "2024-03-06", ("2022-01-01", "year")),
])
def test_resolve(text, doc_date, expected):
    assert resolve(text, doc_date) == expected


def test_future_clauses_look_forward():
    assert resolve("on Tuesday", "2024-03-06", future=True) == ("2024-03-12", "day")
    assert resolve("in December", "2024-03-06", future=True) == ("2024-12-01", "month")


def test_no_date():
    assert resolve("on Monday", None) is None
    assert resolve("for years", "2024-03-06") is None


@pytest.mark.parametrize("text, expected", [
    ("on 3 March 2024", ("2024-03-03", "day")), ("on March 3, 2024", ("2024-03-03", "day")),
    ("in May 2023", ("2023-05-01", "month")), ("in 2019", ("2019-01-01", "year")),
    ("on 3 March", None), ("two years ago, in 2019", None), ("on 31 February 2024", None),
])
def test_without_a_document_date_a_date_with_its_year_still_resolves(text, expected):
    assert resolve(text, None) == expected


def test_event_date_without_a_document_date(run):
    evs = run("Peru condemned Chile on 3 March 2024.", None)
    assert (evs[0].date, evs[0].date_precision) == ("2024-03-03", "day")


def test_event_dates_from_the_clause(run):
    evs = run("Peru condemned Chile on Monday.", "2024-03-06")
    assert (evs[0].date, evs[0].date_precision) == ("2024-03-04", "day")
    evs = run("Peru condemned Chile.", "2024-03-06")
    assert (evs[0].date, evs[0].date_precision) == ("2024-03-06", "document")
    evs = run("Peru condemned Chile last week and recalled its ambassador from Santiago.", "2024-03-06")
    assert {(e.cameo[:2], e.date_precision) for e in evs} == {("11", "week"), ("16", "week")}
    evs = run("Peru condemned Chile.", None)
    assert (evs[0].date, evs[0].date_precision) == (None, "document")

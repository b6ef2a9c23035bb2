"""The date a document gives itself: in its dateline or on a line of its own."""
from __future__ import annotations

import pytest

from kg.datelines import dateline_date
from kg.ingest import Reader


@pytest.mark.parametrize("text, expected", [
    ("SEOUL, March 3, 2024 (Reuters) - South Korea condemned North Korea.", "2024-03-03"),
    ("Tokyo, 3 March 2024 -- Japan protested.", "2024-03-03"),
    ("KABUL, Afghanistan, Sept. 14, 2021 \u2014 Taliban fighters entered.", "2021-09-14"),
    ("2023-11-05\nPeru and Chile signed a trade pact.", "2023-11-05"),
    ("Monday, 5th of June, 2023\n\nPeru and Chile signed a trade pact.", "2023-06-05"),
    # a date inside the story is an event's date, not the document's
    ("Peru and Chile signed a trade pact on 5 June 2023 in Lima.", None),
    ("Seoul, South Korea - South Korea condemned the launch of 3 March 2024.", None),
    ("LIMA, June 31, 2023 - Peru protested.", None),  # no such day
    ("LIMA - Peru protested.", None),
])
def test_dateline_date(text, expected):
    assert dateline_date(text) == expected


ENGLISH = ("Peru and Chile signed a trade agreement in Lima on Monday, officials said, "
           "after talks that lasted for several weeks between the two governments.")


def _docs(tmp_path, name, content, **reader):
    path = tmp_path / name
    path.write_text(content)
    return list(Reader(**reader).read([str(path)]))


def test_a_text_file_takes_its_dateline_date(tmp_path):
    (doc,) = _docs(tmp_path, "a.txt", "LIMA, June 5, 2023 (Reuters) - " + ENGLISH)
    assert doc.date == "2023-06-05"


def test_the_record_date_wins_and_the_dateline_beats_the_default(tmp_path):
    import json
    lines = [json.dumps({"id": "r1", "date": "2023-06-06", "text": "LIMA, June 5, 2023 - " + ENGLISH}),
             json.dumps({"id": "r2", "text": "LIMA, June 5, 2023 - " + ENGLISH}),
             json.dumps({"id": "r3", "text": ENGLISH})]
    docs = _docs(tmp_path, "c.jsonl", "\n".join(lines) + "\n", default_date="2020-01-01")
    assert [d.date for d in docs] == ["2023-06-06", "2023-06-05", "2020-01-01"]

"""A dateline is the place of writing: no mention is produced there."""
from __future__ import annotations

import pytest

from kg.actors import dateline_end


@pytest.mark.parametrize("text,first", [
    ("Nairobi, Kenya — Kenya and Ethiopia agreed on Monday.", "Kenya"),
    ("Brussels — Belgium objected.", "Belgium"),
    ("Geneva — Iran and Oman met.", "Iran"),
    ("MOSCOW (Reuters) - Russia said on Monday.", "Russia"),
])
def test_dateline_gives_no_mention(actors_nlp, text, first):
    doc = actors_nlp(text)
    assert doc._.mentions[0].text == first
    assert doc._.mentions[0].start > text.index("—" if "—" in text else " - ")


def test_no_dateline_without_dash(actors_nlp):
    doc = actors_nlp("Seoul, Tokyo and Beijing agreed.")
    assert dateline_end(doc) == 0
    assert [m.text for m in doc._.mentions] == ["Seoul", "Tokyo", "Beijing"]


def test_hyphenated_name_is_not_a_dateline(actors_nlp):
    doc = actors_nlp("Kim Yong-hyun met Kenyan President William Ruto.")
    assert dateline_end(doc) == 0


def test_parenthetical_dash_is_not_a_dateline(actors_nlp):
    doc = actors_nlp("Russia — which denies it — struck Ukraine.")
    assert dateline_end(doc) == 0
    assert [m.text for m in doc._.mentions] == ["Russia", "Ukraine"]
    doc = actors_nlp("Ukraine — the victim of the attack, said Kyiv.")
    assert dateline_end(doc) == 0

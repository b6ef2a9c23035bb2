"""Any text: the component never fails, and its mentions are consistent."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

WORDS = st.sampled_from([
    "Russia", "the", "North", "Korean", "troops", "said", "it", "its", "her", "country", "President",
    "Joe", "Biden", "—", ",", ".", "“", "”", "and", "EU", "foreign", "minister", "Seoul", "the bloc",
    "Tae-yul", "Cho", "'s", "They", "both", "sides", "U.S.", "of", "Kyiv", "\n\n", "us", "US",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=80))
def test_mentions_are_consistent_for_any_text(actors_nlp, text):
    doc = actors_nlp(text)
    ms = doc._.mentions
    assert ms == sorted(ms, key=lambda m: (m.token_start, m.token_end))
    for m in ms:
        assert 0 <= m.token_start < m.token_end <= len(doc)
        assert text[m.start:m.end] == m.text == doc[m.token_start:m.token_end].text
        assert m.actor.type in ("State", "Organization", "Person", "ArmedForce", "GovernmentBody", "Group")
    # overlaps only between mentions of exactly the same span (plural descriptions)
    for a, b in zip(ms, ms[1:]):
        assert a.token_end <= b.token_start or (a.token_start, a.token_end) == (b.token_start, b.token_end)

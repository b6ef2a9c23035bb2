"""The component's output: sorted, non-overlapping mentions with offsets, sentence and token spans."""
from __future__ import annotations

from kg.actors import actor_of, mention_at


def test_mention_offsets_and_sentences(actors_nlp):
    text = "Peru protested. Then Chile's navy and Bolivia answered."
    doc = actors_nlp(text)
    ms = doc._.mentions
    assert [m.text for m in ms] == ["Peru", "Chile's navy", "Bolivia"]
    for m in ms:
        assert text[m.start:m.end] == m.text
        assert doc[m.token_start:m.token_end].text == m.text
    assert [m.sentence for m in ms] == [0, 1, 1]
    assert [m.via for m in ms] == ["gazetteer", "agent", "gazetteer"]


def test_sorted_and_non_overlapping(actors_nlp):
    doc = actors_nlp("Egyptian President Abdel Fattah al-Sisi and Israeli troops met UN envoys in Cairo.")
    ms = doc._.mentions
    assert ms == sorted(ms, key=lambda m: m.token_start)
    for a, b in zip(ms, ms[1:]):
        assert a.token_end <= b.token_start


def test_mention_at_token(actors_nlp):
    doc = actors_nlp("Jordan's foreign ministry summoned the Swedish ambassador.")
    head = [t for t in doc if t.text == "ministry"][0]
    m = mention_at(doc, head)
    assert m is not None and m.actor.type == "GovernmentBody" and m.actor.country == "Q810"
    assert actor_of(doc, doc[len(doc) - 1]) is None


def test_actor_ids_are_minted_by_kg_ids(actors_nlp):
    doc = actors_nlp("Kenya and Estonian Prime Minister Kristen Michal spoke.")
    kenya, pm = doc._.mentions
    assert kenya.actor.id == "https://w3id.org/entente/id/actor/Q114"
    assert pm.actor.id == "https://w3id.org/entente/id/actor/person/Q191/kristen-michal"

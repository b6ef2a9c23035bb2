"""Agents of polities named by older demonyms, "-led" compounds and a state's regions
(short sentences written for these tests)."""
from __future__ import annotations


def _codes(actors_nlp, text):
    return {m.text: (m.actor.code, m.actor.country) for m in actors_nlp(text)._.mentions}


def test_serb_and_kampuchean_are_demonyms(actors_nlp):
    assert _codes(actors_nlp, "Serb forces shelled the town.")["Serb forces"] == ("SRBMIL", "Q403")
    assert _codes(actors_nlp, "Kampuchean troops crossed the border.")["Kampuchean troops"] == ("KHMMIL", "Q424")


def test_guerilla_spelling(actors_nlp):
    assert _codes(actors_nlp, "Afghan guerillas attacked the convoy.")["Afghan guerillas"][0] == "AFGREB"


def test_led_compound_acts_for_the_leading_state(actors_nlp):
    assert _codes(actors_nlp, "Saudi-led forces bombed Yemen.")["Saudi-led forces"] == ("SAUMIL", "Q851")
    got = _codes(actors_nlp, "Russian-backed forces attacked Ukraine.")
    assert not any(code == "RUSMIL" for code, _ in got.values())


def test_region_of_a_named_state_names_its_rebels(actors_nlp):
    got = _codes(actors_nlp, "Sudan said on Monday that Darfur rebels had attacked Sudanese troops.")
    assert got["Darfur rebels"] == ("SDNREB", None)


def test_region_does_not_make_state_agents(actors_nlp):
    got = _codes(actors_nlp, "Sudan said Darfur police had arrested protesters.")
    assert "Darfur police" not in got


def test_capitals_of_former_states(actors_nlp):
    got = _codes(actors_nlp, "Bonn protested to East Berlin about the border.")
    assert got["Bonn"] == ("DEU", "Q713750")
    assert got["East Berlin"] == ("DDR", "Q16957")
    assert _codes(actors_nlp, "Belgrade protested to Moscow.")["Moscow"][0] == "RUS"  # a living state's capital wins


def test_unita_acronym(actors_nlp):
    assert _codes(actors_nlp, "UNITA rebels attacked a convoy in Angola.")["UNITA"][0] == "ANGREB"


def test_fundamentalist_and_islamist_leaders(actors_nlp):
    assert _codes(actors_nlp, "Fundamentalist leaders called for calm.")["Fundamentalist leaders"][0] == "RAD"
    assert _codes(actors_nlp, "Egyptian Islamist leaders condemned the decision.")["Egyptian Islamist leaders"][0] == "EGYRAD"

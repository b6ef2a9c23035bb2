"""Event classes of the CAMEO codebook's categories that the lexicon covers as data rows
(short sentences written for these tests, not the codebook's own examples)."""
from __future__ import annotations

from tests.events.conftest import polity


def codes(run, text):
    return {(e.source.code, e.cameo, polity(e.target)) for e in run(text) if not e.negated}


def test_hand_over_goods_is_aid(triples):
    assert ("Q17", "07", "Q837") in triples("Japan handed over 50 tons of rice to Nepal.")


def test_outlawing_a_group_is_a_ban(run):
    got = codes(run, "The Egyptian government outlawed the Muslim Brotherhood.")
    assert ("EGY", "1722", None) in got


def test_dispersing_protesters_is_repression(run):
    got = codes(run, "Kenyan police dispersed the protesters with tear gas.")
    assert any(src == "KENCOP" and code == "175" for src, code, _ in got)


def test_retaking_a_place_occupies_its_state(triples):
    assert ("Q115", "19", "Q986") in triples("Ethiopian forces retook a village in Eritrea.")
    assert ("Q115", "19", "Q986") in triples("Ethiopian troops have recaptured a town in Eritrea.")


def test_curfew_and_martial_law_with_a_light_verb(run):
    assert ("THA", "1723", None) in codes(run, "Thailand's government imposed a curfew.")
    assert ("PER", "1724", None) in codes(run, "Peru's government declared martial law on Sunday.")


def test_curfew_without_a_light_verb_is_no_event(run):
    assert not [e for e in run("The curfew in Lima ended on Sunday, Peru said.") if e.cameo.startswith("172")]


def test_agents_act_for_their_modifier(triples):
    assert ("Q801", "18", "Q822") in triples("Israeli agents kidnapped two Lebanese soldiers.")


def test_declining_to_comment(run):
    got = codes(run, "The Kremlin declined to comment on reports of Ukrainian drone strikes on Moscow.")
    assert ("RUS", "011", None) in got
    assert ("EGY", "011", None) in codes(run, "Egypt refused to comment on the talks.")


def test_state_of_emergency_with_a_light_verb(run):
    assert ("ECU", "1724", None) in codes(run, "Ecuador's government declared a state of emergency in three provinces.")
    assert ("ECU", "1724", None) in codes(run, "Ecuador's government imposed a state of siege.")
    assert not [e for e in run("Ecuador said the state of emergency ended.") if e.cameo == "1724"]


def test_hyphenated_cease_fire(run):
    assert any(e.cameo == "0871" for e in run("The Taliban declared a three-day cease-fire on Friday."))


def test_a_named_group_with_a_generic_noun_acts_for_the_group(run):
    got = [(e.source.label, e.cameo[:2], polity(e.target)) for e in run("The Hamas movement condemned Israel.")]
    assert ("Hamas", "11", "Q801") in got

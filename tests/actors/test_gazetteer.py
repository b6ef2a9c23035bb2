"""States, capitals, demonyms, aliases and organisations on short sentences."""
from __future__ import annotations

import spacy

from kg.actors import Gazetteer


def test_states_by_name_short_name_and_possessive(by_text):
    got = by_text("Argentina and the Russian Federation signed a deal, and Viet Nam’s exports grew.")
    assert got == {"Argentina": "Q414", "Russian Federation": "Q159", "Viet Nam": "Q881"}


def test_capitals_act_for_their_state(mentions):
    got = mentions("Tehran rejected the offer while Ottawa and Canberra welcomed it.")
    assert [(t, c, ty) for t, _l, ty, c, _r, _v in got] == [
        ("Tehran", "Q794", "State"), ("Ottawa", "Q16", "State"), ("Canberra", "Q408", "State")]


def test_case_sensitive_acronyms(by_text):
    assert by_text("Let us talk about it.") == {}
    assert by_text("The US and the UK disagreed.") == {"US": "Q30", "UK": "Q145"}


def test_demonym_alone_stands_for_state(mentions):
    got = mentions("Officials inspected Brazilian beef.")
    assert ("Brazilian", "Brazil", "State", "Q155", None, "demonym") in got


def test_aliases_and_metonyms(by_text):
    got = by_text("The Kremlin warned Britain, and the White House answered America's critics.")
    assert got == {"The Kremlin": "Q159", "Britain": "Q145", "the White House": "Q30", "America": "Q30"}


def test_the_north_needs_north_korea_in_context(by_text):
    assert "the North" not in by_text("Storms hit the North on Sunday.")
    got = by_text("North Korea tested a rocket. Japan said the North must stop.")
    assert got["the North"] == "Q423"


def test_organisations_with_qids(mentions):
    got = mentions("The IAEA, the World Health Organization and ASEAN met NATO and the UN Security Council.")
    assert [(t, c) for t, _l, _ty, c, _r, _v in got] == [
        ("IAEA", "Q41984"), ("World Health Organization", "Q7817"), ("ASEAN", "Q7768"),
        ("NATO", "Q7184"), ("UN Security Council", "Q1065")]


def test_un_organs_act_for_the_un(mentions):
    got = mentions("The UN General Assembly and the Human Rights Council criticised Houthi attacks.")
    assert [(t, ty, c) for t, _l, ty, c, _r, _v in got[:2]] == [
        ("UN General Assembly", "GovernmentBody", "Q1065"), ("Human Rights Council", "GovernmentBody", "Q1065")]
    assert got[2][1] == "Houthis"  # the adjective names the group


def test_eu_body_acts_for_the_eu(mentions):
    got = mentions("The European Commission fined the company.")
    assert got[0][1:4] == ("European Commission", "GovernmentBody", "Q458")


def test_blockers_win_over_names_inside_them(by_text):
    assert by_text("Ships sailed in the South China Sea.") == {}
    assert by_text("Latin American leaders met.") == {}


def test_longest_match_wins(by_text):
    assert by_text("South Sudan and Sudan talked.") == {"South Sudan": "Q958", "Sudan": "Q1049"}


def test_gazetteer_api_by_qid():
    gaz = Gazetteer(spacy.blank("en"))
    kor = gaz.by_qid("Q884")
    assert (kor.label, kor.type, kor.iso3, kor.country) == ("South Korea", "State", "KOR", "Q884")
    assert kor.id.endswith("/actor/Q884")
    assert gaz.by_qid("Q458").type == "Organization"
    assert gaz.by_qid("Q0") is None


def test_every_state_in_the_table_is_matchable():
    gaz = Gazetteer(spacy.blank("en"))
    states = [a for a in gaz.actors.values() if a.type == "State"]
    assert len(states) >= 195
    assert all(a.wikidata and a.wikidata.startswith("Q") and a.iso3 for a in states)


def test_place_names_inside_person_or_team_names_are_not_states(by_text):
    assert by_text("Denzel Washington and Jordan Peterson watched the Washington Nationals.") == {}


def test_us_state_georgia_is_not_the_country(by_text):
    assert by_text("Georgia Governor Brian Kemp signed it in New Jersey.") == {}


def test_short_person_name_inside_another_name(mentions):
    rows = mentions("Jill Biden visited Trump Tower. Putin said no.")
    assert [(t, l) for t, l, *_ in rows] == [("Putin", "Vladimir Putin")]


def test_continents_are_not_america(by_text):
    assert by_text("Trade with South America and North America grew.") == {}


def test_country_named_like_a_person_stays_a_country(by_text):
    assert by_text("Jordan said it would host talks.")["Jordan"] == "Q810"


def test_abbreviation_hyphen_is_split(actors_nlp):
    doc = actors_nlp("U.S.-China talks and the U.N.-brokered truce.")
    assert [(m.text, m.actor.country) for m in doc._.mentions] == [
        ("U.S.", "Q30"), ("China", "Q148"), ("U.N.", "Q1065")]


def test_context_alias_needs_context_even_as_polity(mentions):
    rows = mentions("The North's leader spoke in Khartoum.")
    assert [r[0] for r in rows] == ["Khartoum"]
    rows = mentions("North Korea fired a missile. The North's leader watched.")
    assert ("The North's leader", "North Korean Leader", "Person", "Q423", "Leader", "role") in rows

"""Arguments real news text uses: lists of states, groups named earlier, accusations carried
by nouns and other verbs (short texts written for these tests)."""
from __future__ import annotations

from tests.events.conftest import polity


def test_from_phrase_list_of_four_states_gives_every_member(triples):
    got = triples("Agencies from Germany, South Korea, the United Kingdom and the United States "
                  "accused North Korea of the cyberattack.")
    assert {s for s, root, t in got if root == "11" and t == "Q423"} >= {"Q183", "Q884", "Q145", "Q30"}


def test_list_of_three_states_meeting_gives_every_pair(triples):
    got = triples("Ministers from Chile, Peru and Colombia met in Lima on Monday.")
    pairs = {frozenset((s, t)) for s, root, t in got if root == "04"}
    assert pairs == {frozenset(p) for p in (("Q298", "Q419"), ("Q298", "Q739"), ("Q419", "Q739"))}


def test_group_named_in_an_earlier_sentence_resolves_to_its_members(triples):
    got = triples("Foreign ministers from Brazil, India and South Africa gathered in Geneva. "
                  "The ministers denounced Israel.")
    assert {s for s, root, t in got if root == "11" and t == "Q801"} == {"Q155", "Q668", "Q258"}


def test_group_anaphor_needs_the_same_noun(triples):
    got = triples("Foreign ministers from Brazil, India and South Africa gathered in Geneva. "
                  "The diplomats denounced Israel.")
    assert not {s for s, root, t in got if root == "11" and s in ("Q155", "Q668", "Q258")}


def test_accusation_carried_by_cite_and_a_hostile_noun(triples):
    assert ("Q16", "11", "Q241") in triples("Canada cited the Cuban government's repression of protesters.")
    assert not [x for x in triples("Canada cited a report by the Cuban government.") if x[1] == "11"]


def test_criticism_in_a_concessive_phrase_targets_the_clause_subject(triples):
    got = triples("Despite criticism by the Greek foreign minister, Turkey sent a drilling ship.")
    assert ("Q41", "11", "Q43") in got


def test_seconding_a_call_supports_the_caller(triples):
    got = triples("Poland called for new sanctions on Belarus. The call was seconded by Lithuania.")
    assert ("Q37", "05", "Q36") in got


def test_a_sector_group_is_the_agent_of_a_passive(run):
    events = [e for e in run("Kenyan troops were attacked by rebels on Monday.") if e.cameo[:2] == "19"]
    assert [(e.source.code, polity(e.target)) for e in events] == [("REB", "Q114")]
    active = [e for e in run("Rebels attacked Kenyan troops on Monday.") if e.cameo[:2] == "19"]
    assert [(e.source.code, polity(e.target)) for e in active] == [("REB", "Q114")]


def test_a_sector_group_accuses_a_state(run):
    events = run("Uganda was accused by the rebels of shelling villages.")
    assert [(e.source.code, e.cameo[:2], polity(e.target)) for e in events] == [("REB", "11", "Q1036")]


def test_statement_like_events_keep_a_source_without_a_target(run):
    protest = run("Demonstrators protested outside the parliament.")
    assert [(e.source.code, e.target) for e in protest] == [("OPP", None)]
    said = run("France said on Tuesday that talks would resume.")
    assert [(polity(e.source), e.cameo, e.target) for e in said] == [("Q142", "010", None)]
    assert not run("The weather said nothing.")  # no actor, no statement

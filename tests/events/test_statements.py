"""Statements (CAMEO 01) and source-only appeals and intents, on sentences written for these tests."""
from __future__ import annotations

from tests.events.conftest import polity

FR, DE, IN, BR, CA = "Q142", "Q183", "Q668", "Q155", "Q16"


def codes(run, text: str) -> set[tuple]:
    return {(polity(e.source), e.cameo, polity(e.target)) for e in run(text) if not e.negated}


def test_reporting_verb_is_a_statement_of_its_speaker(run):
    assert (BR, "010", None) in codes(run, "Brazil said on Monday that the harvest had been poor.")
    assert (CA, "010", None) in codes(run, "Canada stressed that the talks would take months.")


def test_reporting_verb_without_an_actor_is_nothing(run):
    assert not run("The farmer said on Monday that the harvest had been poor.")


def test_statement_does_not_shadow_the_event_it_reports(run):
    found = codes(run, "France said on Tuesday it would impose sanctions on Brazil.")
    assert not any(code[:2] == "01" for _, code, _ in found)
    assert any(code[:2] in ("16", "13") and target == BR for _, code, target in found)


def test_negated_statement_is_not_a_statement(run):
    assert not any(e.cameo[:2] == "01" and not e.negated
                   for e in run("Germany did not comment on the harvest."))


def test_optimistic_and_pessimistic_comments(run):
    assert (IN, "013", None) in codes(run, "India is optimistic about the harvest.")
    assert (DE, "012", None) in codes(run, "Germany is sceptical about the harvest.")
    assert not any(e.cameo[:2] == "01" for e in run("India is large."))


def test_readiness_is_an_intent(run):
    found = codes(run, "France is ready to send troops to the border.")
    assert any(source == FR and code[:2] == "03" for source, code, _ in found)
    assert not any(code[:2] == "03" for _, code, _ in codes(run, "The crew is ready to sail."))


def test_announcing_is_a_statement_and_still_a_support_verb(run, triples):
    assert (CA, "010", None) in codes(run, "Canada announced on Friday that the harvest had been poor.")
    assert (CA, "16", BR) in triples("Canada announced new sanctions on Brazil.")


def test_riots_and_rallies_are_protests_without_a_target(run):
    riot = [e for e in run("Prisoners rioted at the jail on Monday.") if e.cameo == "145"]
    assert riot and riot[0].target is None
    # groups of a country (farmers, students) are coded by it (FRAAGR) but do not act for it
    assert any(e.cameo == "145" and e.source.iso3 == "FRA" and e.target is None
               for e in run("French farmers rioted in the capital on Monday."))
    assert any(e.cameo == "141" and e.source.iso3 == "BRA" and e.target is None
               for e in run("Brazilian students staged a rally on Friday."))


def test_restrictions_on_a_place_need_no_target(run):
    assert (IN, "1723", None) in codes(run, "Indian authorities imposed a curfew in the town.")
    assert not any(e.cameo[:2] == "17" for e in run("The farmer imposed a curfew on his sons."))


def test_hunger_strikes_and_general_strikes(run):
    assert any(e.cameo == "142" and e.source.iso3 == "DZA"
               for e in run("Algerian landowners began a hunger strike outside the parliament."))
    assert any(e.cameo == "143" and e.source.iso3 == "NPL"
               for e in run("Nepalese unions organized a general strike in the capital."))
    # a strike by aircraft stays an attack
    assert any(e.cameo.startswith("19") for e in run("Israel launched a strike on Syria."))


def test_upgraded_relations_are_diplomatic_cooperation(run):
    found = {(polity(e.source), e.cameo, polity(e.target)) for e in
             run("France and Brazil upgraded their diplomatic ties on Monday.")}
    assert {(FR, "050", BR), (BR, "050", FR)} & found


def test_a_quantity_of_a_group_is_the_group(run):
    """"Thousands of students demonstrated": the students demonstrated."""
    found = [e for e in run("Thousands of Indonesian students demonstrated on Sunday.") if e.cameo == "141"]
    assert found and found[0].source.iso3 == "IDN"
    assert not [e for e in run("Thousands of tourists arrived on Sunday.") if e.cameo[:2] == "14"]


def test_saying_that_another_party_must_act_is_a_demand_of_it(run):
    AR = "Q414"
    assert (BR, "100", AR) in codes(run, "Brazil said on Monday that Argentina must pay its debts.")
    assert (IN, "100", CA) in codes(run, "India reiterated that Canada must hand over the suspects.")
    # not of a passive subject, not of the speaker itself, not without an actor
    assert not [e for e in run("Brazil said that Argentina must be defeated.") if e.cameo[:2] == "10"]
    assert not [e for e in run("France said it must act quickly.") if e.cameo[:2] == "10"]
    assert not [e for e in run("Brazil said the world must act on climate change.") if e.cameo[:2] == "10"]


def test_blocking_roads_is_a_protest_without_a_target(run):
    found = [e for e in run("Angry Peruvian workers blocked the main highway on Tuesday.") if e.cameo == "144"]
    assert found and found[0].source.iso3 == "PER" and found[0].target is None
    # blocking a party is still coercion by obstruction, not a protest
    assert not [e for e in run("Egypt blocked the Gaza convoy.") if e.cameo == "144"]


def test_an_aid_agency_is_a_group_of_its_own(run):
    found = [e for e in run("A humanitarian organisation appealed to the Ethiopian government "
                            "to reopen the roads.") if e.cameo[:2] == "02"]
    assert found and found[0].source.sector == "NGO" and polity(found[0].target) == "Q115"


def test_accepting_demands_is_yielding(run):
    assert (IN, "080", CA) in codes(run, "India accepted the demands of Canada on Monday.")


def test_a_declared_ceasefire_needs_no_target(run):
    found = [e for e in run("Hamas declared a unilateral ceasefire on Wednesday.") if e.cameo == "0871"]
    assert found and found[0].target is None

"""Assaults and fights told by violent verbs, and proxy nouns that stand for a state, on
sentences written for these tests (issue 13)."""
from __future__ import annotations

NG, CM, TD, SD, ML, FR, KE, UG, GH, TG = ("Q1033", "Q1009", "Q657", "Q1049", "Q912", "Q142",
                                          "Q114", "Q1036", "Q117", "Q945")


def test_wounding_and_beating_people_of_another_state_is_an_assault(triples):
    assert (NG, "18", CM) in triples("Nigerian soldiers wounded two Cameroonian soldiers near the border.")
    assert (TD, "18", SD) in triples("Chadian policemen beat up Sudanese soldiers at the crossing.")


def test_ambushing_and_storming_are_attacks(triples, run):
    # armed groups carry their country's ISO code, not the state as polity (ontologies/actors)
    assert any(e.cameo[:2] == "19" and e.source.iso3 == "TCD" and e.target.country == SD
               for e in run("Chadian gunmen ambushed a Sudanese army patrol on Sunday."))
    assert any(e.cameo[:2] == "19" and e.source.iso3 == "MLI" and e.target.country == FR
               for e in run("Malian insurgents stormed the French embassy in Bamako."))


def test_violent_verbs_need_an_actor_as_object(triples, run):
    assert not run("The farmer wounded his neighbour with a spade.")
    assert not [e for e in run("Malian insurgents stormed out of the meeting.") if e.cameo[:2] == "19"]
    assert not [e for e in run("Nigeria shot a film about the war.") if e.cameo[:2] == "19"]


def test_a_proxy_noun_in_a_state_acts_for_it(triples):
    assert (KE, "17", UG) in triples("Authorities in Kenya detained two Ugandan officials.")
    assert (ML, "17", FR) in triples("Security forces in Mali arrested two French officials.")


def test_a_member_of_a_body_acts_for_its_state(triples):
    assert (GH, "11", TG) in triples("A member of the Ghanaian parliament condemned Togo on Friday.")


def test_seizing_goods_from_a_party_targets_it(run):
    found = [e for e in run("Indian police seized weapons from Pakistani militants.") if e.cameo[:3] == "171"]
    assert found and found[0].target.iso3 == "PAK"
    assert not [e for e in run("Indian police seized weapons at the airport.") if e.target is not None]


def test_hit_and_pound_are_attacks_only_by_armed_forces(triples, run):
    UA, RU, PS, IL = "Q212", "Q159", "Q219060", "Q801"
    assert (RU, "19", UA) in triples("Russian missiles hit a Ukrainian power plant.")
    assert (RU, "19", UA) in triples("Odesa was hit by Russian missiles.")  # a city, in the passive
    assert (IL, "19", PS) in triples("Israeli warplanes pounded Gaza.")
    # a state, or no actor, hitting or targeting someone is no attack
    assert not [e for e in run("The United States hit China with new tariffs.") if e.cameo[:2] == "19"]
    assert not [e for e in run("China targeted Australian wine with tariffs.") if e.cameo[:2] == "19"]
    assert not [e for e in run("The sanctions hit Russia hard.") if e.cameo[:2] == "19"]

"""A city named as the object of an attack or occupation verb stands for the state it lies in
(lexicon flag ``placeobj``; the cities of PETRARCH2's country dictionary), on sentences written
for these tests."""
from __future__ import annotations

from tests.events.conftest import polity

RU, UA, IL, PS, AZ, ET = "Q159", "Q212", "Q801", "Q219060", "Q227", "Q115"


def attacks(run, text):
    return {(polity(e.source), e.cameo, polity(e.target)) for e in run(text) if e.target is not None}


def test_shelling_or_striking_a_city_attacks_its_state(triples, run):
    assert (RU, "19", UA) in triples("Russian forces shelled Kharkiv on Tuesday.")
    assert (IL, "19", PS) in triples("Israeli jets struck Gaza overnight.")
    assert (IL, "19", PS) in triples("Israel bombed the Gaza Strip again.")
    # the place is the target with a lower confidence than a named state
    placed = next(e for e in run("Russia shelled Kharkiv.") if e.cameo == "194")
    named = next(e for e in run("Russia shelled Ukraine.") if e.cameo == "194")
    assert placed.confidence < named.confidence


def test_occupying_a_region_occupies_its_state(triples):
    assert (RU, "19", UA) in triples("Russia annexed Crimea in 2014.")


def test_a_threat_to_bomb_a_city_targets_its_state(run):
    assert any(e.cameo.startswith("13") and polity(e.target) == UA
               for e in run("Russia said it would bomb Kharkiv."))


def test_a_city_is_no_actor_by_itself(run):
    # only a placeobj verb's object: not a visit, not an agent, not a statement's subject
    assert not [e for e in run("Paris Hilton visited Kharkiv.") if polity(e.target) == UA]
    assert not [e for e in run("Kharkiv condemned Russia on Monday.") if polity(e.source) == UA]
    assert not [e for e in run("Russian troops fought in Kharkiv.") if polity(e.target) == UA]


def test_a_city_in_two_states_lists_stands_for_neither(nlp):
    from kg.actors.component import _shared_places, _stands_for_state
    from kg.actors.gazetteer import Entry, GazMatch
    from kg.model import ActorRef

    doc = nlp("Rebels shelled Kharkiv.")
    a = ActorRef("urn:a", "A", "State", country="QA")
    b = ActorRef("urn:b", "B", "State", country="QB")
    one, two = GazMatch(2, 3, Entry(a, "city", ("QA",)), "Kharkiv"), GazMatch(2, 3, Entry(b, "city", ("QB",)), "Kharkiv")
    assert _stands_for_state(doc, one, _shared_places([one])) and \
        not _stands_for_state(doc, one, _shared_places([one, two]))


def test_place_mentions_are_not_document_actors(nlp):
    doc = nlp("Russian forces shelled Kharkiv on Tuesday.")
    places = [m for m in doc._.mentions if m.via == "place"]
    assert [(m.text, m.actor.wikidata) for m in places] == [("Kharkiv", UA)]
    from kg.model import Document
    from kg.pipeline import extract

    text = "Russian forces shelled Kharkiv on Tuesday."
    ((document, events),) = list(extract([Document("d", text, date="2024-03-06")], nlp))
    assert [polity(e.target) for e in events] == [UA]
    # the graph names Ukraine as the attack's target, not as an actor the document names
    assert UA not in {a.wikidata for a in document.actors}
    ((named, _),) = list(extract([Document("e", "Ukraine said that " + text, date="2024-03-06")], nlp))
    assert UA in {a.wikidata for a in named.actors}


def test_a_place_noun_in_or_near_a_city_is_attacked_with_its_state(triples):
    assert (RU, "19", UA) in triples("Russian drones struck an energy facility in the Odesa region overnight.")
    assert (RU, "19", UA) in triples("Russian artillery shelled villages outside Kharkiv.")
    assert (RU, "19", UA) in triples("Russian forces attacked in Kharkiv.")


def test_an_object_that_is_no_place_is_no_attack_on_the_city_it_names(run):
    text = "On live television the president attacked the proclamation of Kharkiv as Russian territory."
    assert not [e for e in run(text) if e.cameo[:2] == "19"]
    assert not [e for e in run("Russian troops were stationed in Kharkiv.") if polity(e.target) == UA]


def test_cities_the_dictionary_lacks_come_from_the_hand_written_table(triples):
    assert (RU, "19", UA) in triples("Russian artillery shelled Kherson on Monday.")
    assert (IL, "19", PS) in triples("Israeli jets bombed Khan Younis overnight.")

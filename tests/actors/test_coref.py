"""Pronouns and descriptions resolve to actors, or to nothing when ambiguous."""
from __future__ import annotations


def _coref(actors_nlp, text):
    doc = actors_nlp(text)
    return [(m.text, m.actor.country) for m in doc._.mentions if m.via == "coref"]


def test_its_is_the_subject_of_its_clause(actors_nlp):
    assert _coref(actors_nlp, "India raised its tariffs on Chinese steel.") == [("its", "Q668")]


def test_its_climbs_past_a_non_actor_subject(actors_nlp):
    got = _coref(actors_nlp, "Estonia closed a border crossing after a Russian drone crossed its airspace.")
    assert got == [("its", "Q191")]


def test_it_after_speech_verb_is_the_speaker(actors_nlp):
    doc = actors_nlp("Latvia's defence ministry said it would buy more missiles.")
    coref = [m for m in doc._.mentions if m.via == "coref"]
    assert [(m.text, m.actor.type, m.actor.country) for m in coref] == [("it", "GovernmentBody", "Q211")]


def test_her_country_is_the_speakers_state(actors_nlp):
    got = _coref(actors_nlp, "Finnish Foreign Minister Elina Valtonen said her country would support Kyiv.")
    assert got == [("her country", "Q33")]


def test_they_after_coordinated_subject(actors_nlp):
    got = _coref(actors_nlp, "Kenya and Somalia signed a pact. They agreed to reopen the border.")
    assert got == [("They", "Q114"), ("They", "Q1045")]


def test_the_two_countries_are_the_last_coordinated_pair(actors_nlp):
    got = _coref(actors_nlp, "Chile and Peru held talks in Lima on Monday. Bolivia watched closely. "
                             "The two countries agreed to cut tariffs.")
    assert got == [("The two countries", "Q298"), ("The two countries", "Q419")]


def test_the_bloc_is_the_only_bloc_named(actors_nlp):
    got = _coref(actors_nlp, "Slovakia blocked a European Union decision. Bratislava said the bloc erred.")
    assert got == [("the bloc", "Q458")]


def test_the_island(actors_nlp):
    got = _coref(actors_nlp, "Chinese warships circled Taiwan on Monday. The island said it was ready.")
    assert ("The island", "Q865") in got


def test_ambiguous_pronoun_gives_nothing(actors_nlp):
    # two singular candidates, pronoun subject of a non-speech clause: no guess
    assert _coref(actors_nlp, "Armenia accused Azerbaijan of shelling, and it warned of war.") == []


def test_ambiguous_bloc_gives_nothing(actors_nlp):
    assert _coref(actors_nlp, "The African Union and the European Union met. The bloc issued a statement.") == []


def test_expletive_it_gives_nothing(actors_nlp):
    assert _coref(actors_nlp, "Georgia held elections. It is unclear who won.") == []


def test_pronouns_in_quotes_are_left_alone(actors_nlp):
    assert _coref(actors_nlp, "Norway said: “We will help them, and it is right.”") == []


def test_he_is_the_only_person_nearby(actors_nlp):
    got = _coref(actors_nlp, "Egyptian President Abdel Fattah al-Sisi met Qatar's emir envoy. He praised Doha.")
    assert got == []  # two persons nearby: ambiguous
    got = _coref(actors_nlp, "Mexican President Claudia Sheinbaum spoke in Madrid. She praised Spain.")
    assert got == [("She", "Q96")]


def test_agent_description_and_its_pronoun(actors_nlp):
    doc = actors_nlp("Sudan closed its border. The army said it had repelled an attack.")
    coref = [(m.text, m.actor.type, m.actor.country) for m in doc._.mentions if m.via == "coref"]
    assert ("The army", "ArmedForce", "Q1049") in coref
    assert ("it", "ArmedForce", "Q1049") in coref


def test_the_minister_is_the_only_minister_nearby(actors_nlp):
    doc = actors_nlp("Omani Foreign Minister Badr Albusaidi arrived in Tehran. The minister met officials.")
    coref = [(m.text, m.actor.label) for m in doc._.mentions if m.via == "coref"]
    assert coref == [("The minister", "Badr Albusaidi")]


def test_nameless_role_links_to_named_holder(mentions):
    rows = mentions("Peruvian President Dina Boluarte met Chilean officials. The Peruvian president left.")
    assert [l for _t, l, ty, *_ in rows if ty == "Person"] == ["Dina Boluarte", "Dina Boluarte"]


def test_its_needs_a_subject_antecedent(actors_nlp):
    text = "The rail was found on an island owned by France. The bird uses its wings to swim."
    assert _coref(actors_nlp, text) == []


def test_it_after_subject_state_in_previous_sentence(actors_nlp):
    assert _coref(actors_nlp, "Mongolia tested a new rocket. It plans more launches.") == [("It", "Q711")]


def test_speaker_it_with_copula_but_not_dummy_it(actors_nlp):
    assert _coref(actors_nlp, "Hanoi said it was ready to talk.") == [("it", "Q881")]
    assert _coref(actors_nlp, "Hanoi said it was unclear whether talks would resume.") == []


def test_the_two_leaders_after_a_meeting(actors_nlp):
    got = _coref(actors_nlp, "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan. "
                             "The two leaders agreed to open the border.")
    assert got == [("The two leaders", "Q114"), ("The two leaders", "Q924")]


def test_object_it_is_left_alone(actors_nlp):
    assert _coref(actors_nlp, "Russia accused Ukraine of shelling. Kyiv denied it.") == []
    assert _coref(actors_nlp, "France recalled its envoy after Canberra cancelled a deal with it.") == [("its envoy", "Q142")]


def test_object_him_is_not_the_subject(actors_nlp):
    got = _coref(actors_nlp, "Chilean President Gabriel Boric spoke. Boric praised him warmly.")
    assert got == []


def test_resolved_polity_owning_an_agent_or_office(actors_nlp):
    doc = actors_nlp("Armenia closed the border. Its foreign ministry said talks had failed.")
    coref = [(m.text, m.actor.type, m.actor.country) for m in doc._.mentions if m.via == "coref"]
    assert coref == [("Its foreign ministry", "GovernmentBody", "Q399")]
    doc = actors_nlp("Serbia protested. The country's defence minister said no.")
    coref = [(m.text, m.actor.label, m.actor.country) for m in doc._.mentions if m.via == "coref"]
    assert coref == [("The country's defence minister", "Serbian Defense Minister", "Q403")]


def test_both_sides_are_not_the_speakers_or_the_mediators(actors_nlp):
    got = _coref(actors_nlp, "A truce was brokered by Qatar and Egypt. The U.S. and France said both sides had agreed.")
    assert got == []

"""A reaction drawn by another party's act (``lexicon/reactions.txt``): the reacting party is
the source, the party whose act drew it the target; sentences written for these tests."""
from __future__ import annotations

KP, JP, IR, GB, CN, RU, DE, PL = ("Q423", "Q17", "Q794", "Q145", "Q148", "Q159", "Q183", "Q36")


def test_a_participle_reaction_targets_the_clause_subject(triples):
    assert (JP, "11", KP) in triples("North Korea fired a missile, drawing condemnation from Japan.")


def test_a_reaction_drawn_by_an_act_of_a_party(triples):
    assert (DE, "11", PL) not in triples("Germany's plan drew criticism from Poland on Monday.")
    assert (PL, "11", DE) in triples("Germany's plan drew criticism from Poland on Monday.")
    assert (RU, "05", CN) in triples("China's proposal drew praise from Russia.")
    drawn = {(s, r, t) for s, r, t in triples("North Korea's missile launch drew condemnation from Japan.")}
    assert (JP, "11", KP) in drawn


def test_no_target_without_a_party_behind_the_act(run):
    found = [e for e in run("The decision drew criticism from France.") if e.cameo.startswith("11")]
    assert found and all(e.target is None for e in found)


def test_other_verbs_and_roots_are_no_reaction(triples):
    # "brought" aid is no reaction; a meeting is no reaction of the party met
    assert not {t for t in triples("Japan's donation brought relief to Nepal.") if t[1] == "11"}
    assert (GB, "04", IR) not in triples("Iran's move prompted talks with Britain.")


def test_a_complaint_targets_the_party_whose_act_occasioned_it(triples, run):
    UG, KE = "Q1036", "Q114"
    assert (JP, "11", CN) in triples("Japan lodged a protest after a Chinese drone entered its airspace.")
    assert (KE, "11", UG) in triples("Kenya complained because Uganda closed the border.")
    # a statement, appeal or meeting in the clause occasions nothing
    assert not [e for e in run("Germany criticized the decision after the two leaders met.")
                if e.cameo.startswith("11") and e.target is not None]


def test_a_protest_drawn_from_a_state_is_official_and_from_students_a_demonstration(run):
    by_state = [e for e in run("Iran's move prompted a protest from Britain.") if e.target is not None]
    assert [(e.cameo, e.source.wikidata, e.target.wikidata) for e in by_state] == [("114", GB, IR)]
    assert all(e.cameo == "141" for e in run("The decision sparked protests from Kenyan students.")
               if e.cameo.startswith("1"))

"""Persons by role patterns, later references, and agents of polities."""
from __future__ import annotations


def _persons(rows):
    return [(t, l, c, r) for t, l, ty, c, r, _v in rows if ty == "Person"]


def test_role_person_with_demonym_polity(mentions):
    got = _persons(mentions("Indonesian Foreign Minister Retno Marsudi arrived in Tokyo."))
    assert got == [("Indonesian Foreign Minister Retno Marsudi", "Retno Marsudi", "Q252", "Foreign Minister")]


def test_role_person_with_organisation_polity(mentions):
    got = _persons(mentions("NATO Secretary-General Mark Rutte visited Kyiv."))
    assert got == [("NATO Secretary-General Mark Rutte", "Mark Rutte", "Q7184", "Secretary-General")]


def test_role_person_with_possessive_polity(mentions):
    got = _persons(mentions("Brazil's President Luiz Inacio Lula da Silva spoke."))
    assert got == [("Brazil's President Luiz Inacio Lula da Silva", "Luiz Inacio Lula da Silva", "Q155", "President")]


def test_bare_role_leaves_country_unknown(mentions):
    got = _persons(mentions("Chancellor Karl Nehammer met reporters."))
    assert got == [("Chancellor Karl Nehammer", "Karl Nehammer", None, "Chancellor")]


def test_hyphenated_and_multiword_names_kept_whole(mentions):
    got = _persons(mentions("North Korean Vice Foreign Minister Kim Son-gyong met Vietnamese Prime Minister Pham Minh Chinh."))
    assert [l for _t, l, _c, _r in got] == ["Kim Son-gyong", "Pham Minh Chinh"]
    assert [c for _t, _l, c, _r in got] == ["Q423", "Q881"]


def test_later_surname_refers_to_same_person(mentions):
    rows = mentions("Canadian Prime Minister Justin Trudeau met Kenya's President William Ruto. "
                    "Trudeau said Ruto was a partner.")
    people = _persons(rows)
    assert [(t, l, c) for t, l, c, _r in people[2:]] == [("Trudeau", "Justin Trudeau", "Q16"),
                                                          ("Ruto", "William Ruto", "Q114")]


def test_family_name_first_reference(mentions):
    rows = mentions("Chinese Foreign Minister Wang Yi met Russian envoys. Wang said talks went well.")
    assert ("Wang", "Wang Yi", "Q148", "Foreign Minister") in _persons(rows)


def test_ambiguous_surname_gives_no_reference(mentions):
    rows = mentions("South Korean Defense Minister Kim Yong-hyun met North Korean General Kim Yong-chol. Kim said no.")
    assert [t for t, *_ in _persons(rows)] == [
        "South Korean Defense Minister Kim Yong-hyun", "North Korean General Kim Yong-chol"]


def test_role_without_name_is_a_person_of_the_polity(mentions):
    rows = mentions("Iran's foreign minister rejected the claim.")
    assert _persons(rows) == [("Iran's foreign minister", "Iranian Foreign Minister", "Q794", "Foreign Minister")]


def test_agents_of_states(mentions):
    rows = mentions("Russian troops and Finland's border guards clashed as the U.S. Treasury and "
                    "Japan's defense ministry watched Philippine coast guard vessels.")
    agents = [(t, ty, c, r) for t, _l, ty, c, r, v in rows if v == "agent"]
    assert agents == [
        ("Russian troops", "ArmedForce", "Q159", "troops"),
        ("Finland's border guards", "ArmedForce", "Q33", "border guards"),
        ("U.S. Treasury", "GovernmentBody", "Q30", "treasury"),
        ("Japan's defense ministry", "GovernmentBody", "Q17", "defense ministry"),
        ("Philippine coast guard vessels", "ArmedForce", "Q928", "coast guard"),
    ]


def test_agent_of_polity_with_of(mentions):
    rows = mentions("The government of Sudan denied it.")
    assert ("government of Sudan", "Sudan", "State", "Q1049", None, "agent") in rows


def test_named_body_with_demonym_is_not_a_state_agent(mentions):
    rows = mentions("The Syrian Democratic Forces attacked.")
    assert not [r for r in rows if r[5] == "agent"]


def test_known_people_act_for_their_state(mentions):
    rows = mentions("President Vladimir Putin called Erdogan.")
    assert [(t, l, c) for t, l, ty, c, _r, _v in rows if ty == "Person"] == [
        ("President Vladimir Putin", "Vladimir Putin", "Q159"), ("Erdogan", "Recep Tayyip Erdogan", "Q43")]


def test_role_with_surname_only_is_the_person_introduced_earlier(mentions):
    rows = mentions("Prime Minister Christopher Luxon met reporters. Later, Prime Minister Luxon left.")
    labels = [l for _t, l, ty, *_ in rows if ty == "Person"]
    assert labels == ["Christopher Luxon", "Christopher Luxon"]


def test_apposed_names(mentions):
    rows = mentions("Russia's deputy foreign minister, Andrei Rudenko, met Li Hui, the Chinese special envoy, in Beijing.")
    people = [(t, l, c) for t, l, ty, c, _r, _v in rows if ty == "Person"]
    assert people == [("Russia's deputy foreign minister, Andrei Rudenko", "Andrei Rudenko", "Q159"),
                      ("Li Hui, the Chinese special envoy", "Li Hui", "Q148")]


def test_role_word_inside_organisation_name_is_no_person(mentions):
    rows = mentions("The UN General Assembly adopted the resolution.")
    assert [(t, ty, c) for t, _l, ty, c, _r, _v in rows] == [("UN General Assembly", "GovernmentBody", "Q1065")]


def test_two_roles_in_a_row(mentions):
    rows = mentions("Egypt's army chief General Ahmed Fathy Khalifa met them.")
    assert [(l, c, r) for _t, l, ty, c, r, _v in rows if ty == "Person"] == [
        ("Ahmed Fathy Khalifa", "Q79", "Army Chief")]


def test_role_name_of_polity(mentions):
    rows = mentions("President Gustavo Petro of Colombia spoke.")
    assert [(t, l, c) for t, l, ty, c, _r, _v in rows if ty == "Person"] == [
        ("President Gustavo Petro of Colombia", "Gustavo Petro", "Q739")]


def test_agent_words_inside_an_alias_are_not_agents(mentions):
    rows = mentions("China's People's Liberation Army held drills.")
    assert [(t, ty, c) for t, _l, ty, c, _r, _v in rows] == [
        ("China", "State", "Q148"), ("People's Liberation Army", "ArmedForce", "Q148")]


def test_bloc_leaders_and_ministers(mentions):
    rows = mentions("EU leaders met while NATO defence ministers talked.")
    assert [(t, ty, c) for t, _l, ty, c, _r, _v in rows] == [
        ("EU leaders", "Organization", "Q458"), ("NATO defence ministers", "GovernmentBody", "Q7184")]


def test_agent_of_coordinated_polities_is_left_to_events(mentions):
    rows = mentions("He hosted the leaders of Greece and Turkey.")
    assert [(t, v) for t, _l, _ty, _c, _r, v in rows] == [("Greece", "gazetteer"), ("Turkey", "gazetteer")]


def test_leader_administration_is_the_state(mentions):
    rows = mentions("The Biden administration and Putin's government disagreed.")
    assert [(t, l, ty) for t, l, ty, *_ in rows] == [
        ("Biden administration", "United States", "State"), ("Putin's government", "Russia", "State")]


def test_non_state_groups_do_not_act_for_the_state(mentions):
    rows = mentions("Iraqi militias and Syrian rebels attacked, while Chinese companies and Ukrainian civilians fled.")
    assert [(t, ty, c) for t, _l, ty, c, _r, _v in rows] == [
        ("Iraqi militias", "Group", None), ("Syrian rebels", "Group", None),
        ("Chinese companies", "Group", "Q148"), ("Ukrainian civilians", "Group", "Q212")]


def test_allies_of_a_state_are_not_the_state(mentions):
    rows = mentions("Ukraine's allies met NATO allies.")
    assert [(t, c) for t, _l, _ty, c, _r, _v in rows] == [("Ukraine", "Q212"), ("NATO allies", "Q7184")]


def test_role_words_inside_place_or_product_names(mentions):
    assert mentions("He died in a General Santos City hospital under the GNU General Public License.") == []

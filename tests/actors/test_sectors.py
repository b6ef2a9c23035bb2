"""Sector groups without a polity ("rebels", "the court"), with a located state ("police in Kenya"),
and states that no longer exist ("Yugoslavia", "Soviet troops")."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def coded(actors_nlp):
    """``{mention text: (code, country)}`` of a text."""
    def run(text: str):
        return {m.text: (m.actor.code, m.actor.country) for m in actors_nlp(text)._.mentions}
    return run


def test_bare_sector_nouns_are_groups_of_no_state(coded):
    assert coded("Prisoners rioted at a jail on Monday.") == {"Prisoners": ("CVL", None)}
    assert coded("The rebels attacked a convoy.")["rebels"] == ("REB", None)
    assert coded("Demonstrators marched on Sunday.")["Demonstrators"] == ("OPP", None)
    assert coded("The court convicted the former minister.")["court"] == ("JUD", None)


def test_a_located_group_is_the_state_agent(coded):
    found = coded("Police in Kenya arrested dozens of demonstrators.")
    assert found["Police in Kenya"] == ("KENCOP", "Q114")  # the police act for Kenya
    assert found["demonstrators"] == ("OPP", None)
    # protesters are of Zimbabwe, not for it: the code names the country, the polity stays empty
    assert coded("Opposition groups in Zimbabwe demanded reforms.")["Opposition groups in Zimbabwe"] == ("ZWEOPP", None)


def test_things_and_named_bodies_are_no_groups(coded):
    assert "police" not in coded("A bomb exploded near a police station.")
    assert coded("Kenyan police arrested them.")["Kenyan police"] == ("KENCOP", "Q114")  # the linker's
    assert "court" not in coded("He appealed against the court ruling.")


def test_former_states(coded):
    assert coded("Yugoslavia lodged a protest with Albania.")["Yugoslavia"] == ("YUG", "Q36704")
    assert coded("Soviet troops left Kabul.")["Soviet troops"] == ("SUNMIL", "Q15180")
    assert coded("Czechoslovakia and Albania upgraded ties.")["Czechoslovakia"] == ("CSK", "Q33946")
    # a former state is a place in history, not the polity of a group
    assert coded("Dissidents in the Soviet Union wrote a letter.").get("Dissidents in the Soviet Union") is None


def test_ethnic_and_religious_groups(coded):
    assert coded("Kurds protested on Sunday.")["Kurds"] == ("ETH", None)
    # of a state but not acting for it: the code names the country
    assert coded("Iraqi Kurds marched on Sunday.")["Iraqi Kurds"] == ("IRQETH", None)
    assert coded("Sunnis demanded a new government.")["Sunnis"] == ("REL", None)

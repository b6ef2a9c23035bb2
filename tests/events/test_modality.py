"""Modality and negation of events, on the real parse."""
from __future__ import annotations


def one(run, text, root):
    evs = [e for e in run(text) if e.cameo.startswith(root)]
    assert evs, f"no {root} event in {text!r}: {[(e.cameo, e.trigger) for e in run(text)]}"
    return evs[0]


def test_asserted(run):
    e = one(run, "Chile criticized Argentina.", "11")
    assert (e.modality, e.negated) == ("asserted", False)


def test_future_and_expected(run):
    # a cooperative act told in the future is coded as the intent to do it (036), still expected
    assert one(run, "Mexico will meet Peru next month.", "03").modality == "expected"
    assert one(run, "Kenya expects Uganda to attack Sudan.", "19").modality == "expected"
    assert one(run, "Norway is expected to sign a treaty with Iceland.", "05").modality == "expected"


def test_hypothetical(run):
    assert one(run, "Chile could invade Argentina.", "19").modality == "hypothetical"
    assert one(run, "Italy is considering sanctions on Iran.", "16").modality == "hypothetical"
    assert one(run, "Analysts asked whether Peru might recognise Kosovo.", "05").modality == "hypothetical"


def test_demanded(run):
    inner = one(run, "Germany urged Russia to release the journalists.", "08")
    assert inner.modality == "demanded"
    inner = one(run, "Ghana demanded that Togo withdraw its troops from the border.", "08")
    assert inner.modality == "demanded"


def test_what_a_party_wants_another_to_do_has_not_happened(run):
    # the appeal is asserted; the act wanted of the other party is not
    evs = run("Iran wants France to release Iranian prisoners.")
    assert [e.modality for e in evs if e.cameo.startswith("08")] == ["demanded"]
    assert any(e.cameo == "020" and e.modality == "asserted" for e in evs)


def test_alleged(run):
    assert one(run, "Reportedly, Iran supplied drones to Russia.", "07").modality == "alleged"
    assert one(run, "Egypt accused Turkey of arming Libya.", "07").modality == "alleged"


def test_negation_flag(run):
    assert one(run, "Japan did not condemn China.", "11").negated
    assert one(run, "Norway denied sending troops to Sweden.", "07").negated
    assert one(run, "Japan refused to meet China.", "04").negated
    assert not one(run, "Japan refused to meet China.", "12").negated
    assert one(run, "Mexico will never attack Peru.", "19").negated


def test_postponed_and_cancelled(run):
    assert one(run, "The French president's visit to Algeria was postponed.", "04").modality == "expected"
    assert one(run, "Chile cancelled its visit to Peru.", "04").negated

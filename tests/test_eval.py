"""kg eval: the scoring rules of the gold format, and the extractor's score on the dev set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.eval import GoldEvent, GoldText, predicted_triples, read_gold, score_text
from kg.model import ActorRef, Event

DEV = Path(__file__).parent / "data" / "gold-dev.jsonl"


def actor(qid: str, country: str | None = None, type_: str = "State") -> ActorRef:
    return ActorRef(id=f"a/{qid}", label=qid, type=type_, wikidata=qid, country=country or qid)


def event(src: ActorRef, cameo: str, tgt: ActorRef | None, negated: bool = False) -> Event:
    return Event(id=f"e/{src.id}/{cameo}/{tgt.id if tgt else None}", doc="d", sentence="s",
                 start=0, end=1, source=src, target=tgt, cameo=cameo, plover=None,
                 relation="x", goldstein=0.0, negated=negated, trigger="t")


def gold(*events: dict) -> GoldText:
    return GoldText("t1", "text", None, [GoldEvent.from_record(e) for e in events])


def test_symmetric_optional_also_and_lists():
    g = gold({"source": "Q30", "code": "04", "target": "Q17", "symmetric": True},
             {"source": "Q423", "code": "11", "target": ["Q30", "Q17"]},
             {"source": "Q17", "code": "05", "target": "Q30", "also": ["03"], "optional": True})
    evs = [event(actor("Q17"), "040", actor("Q30")),         # symmetric, reversed: hit
           event(actor("Q423"), "111", actor("Q17")),        # list target: hit
           event(actor("Q17"), "036", actor("Q30")),         # optional via also: not a false positive
           event(actor("Q30"), "190", actor("Q17"))]         # false positive
    r = score_text(g, evs)
    assert (r.score.tp, r.score.predicted, r.score.matched, r.score.gold) == (3, 4, 2, 2)
    assert [t for t, _ in r.false_positives] == [("Q30", "19", "Q17")]
    assert r.misses == []


def test_agents_count_as_their_polity_and_duplicates_once():
    person = ActorRef(id="p/borrell", label="Borrell", type="Person", country="Q458")
    g = gold({"source": "Q458", "code": "11", "target": "Q423"})
    r = score_text(g, [event(person, "111", actor("Q423")), event(actor("Q458"), "112", actor("Q423"))])
    assert (r.score.tp, r.score.predicted, r.score.matched) == (1, 1, 1)


def test_negated_and_targetless_events_are_not_predictions():
    evs = [event(actor("Q30"), "190", actor("Q17"), negated=True), event(actor("Q30"), "190", None)]
    assert predicted_triples(evs) == {}
    r = score_text(gold({"source": "Q30", "code": "19", "target": "Q17"}), evs)
    assert r.score.recall == 0 and len(r.misses) == 1


def test_bad_gold_files(tmp_path):
    with pytest.raises(InputError, match="no such gold file"):
        read_gold(str(tmp_path / "missing.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "events": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1"):
        read_gold(str(bad))


def test_kg_eval_on_the_dev_set(run_kg):
    proc = run_kg("eval", str(DEV), "--format", "json", check=True)
    report = json.loads(proc.stdout)
    assert report["f1"] >= 0.75, report
    assert {t["id"] for t in report["texts"]} == {g.id for g in read_gold(str(DEV))}
    text = run_kg("eval", str(DEV), check=True).stdout
    assert "micro: precision" in text and "F1" in text


def test_kg_eval_missing_file_is_a_one_line_error(run_kg):
    proc = run_kg("eval", "no-such-gold.jsonl")
    assert proc.returncode == 3
    assert proc.stderr.strip().count("\n") == 0 and "no such gold file" in proc.stderr


def test_extractor_generalises_beyond_the_dev_set(nlp):
    """Sixty short texts written for Entente (not the dev set), scored by the same rules."""
    from kg.eval import evaluate
    report = evaluate(str(Path(__file__).parent / "data" / "gold-events-own.jsonl"), nlp)
    assert report.total.precision >= 0.85 and report.total.f1 >= 0.75, report.format_text()


@pytest.mark.parametrize("name", ["gold-round2.jsonl", "gold-heldout.jsonl", "gold-round3.jsonl",
                                  "gold-round4.jsonl"])
def test_precision_stays_at_085_on_every_gold_file(nlp, name):
    """The project's precision floor, on the sets tuned on and on those never tuned on."""
    from kg.eval import evaluate
    report = evaluate(str(Path(__file__).parent / "data" / name), nlp)
    assert report.total.precision >= 0.85, report.format_text()


def test_codebook_placeholders_are_not_examples(tmp_path):
    from kg.eval import codebook_examples
    p = tmp_path / "codes.csv"
    p.write_text('code,name,example\n'
                 '010,Make statement,"Japan said on Monday it was ready."\n'
                 '151,Increase alert,NEED EXAMPLE.\n'
                 '152,Increase alert,example needed\n'
                 '01,Statement,NA\n'
                 '153,Mobilize,\n', encoding="utf-8")
    assert [e.code for e in codebook_examples(str(p))] == ["010"]


@pytest.mark.parametrize("line", ['{"id": 1, "text": 5}', '[1, 2]', '{"text": "x", "events": "no"}'])
def test_a_malformed_gold_record_is_a_one_line_error(tmp_path, line):
    p = tmp_path / "bad.jsonl"
    p.write_text(line + "\n")
    with pytest.raises(InputError, match=r"bad\.jsonl:1: not a gold record"):
        read_gold(str(p))

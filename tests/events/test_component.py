"""The entente_events component: records, evidence, ids, confidence."""
from __future__ import annotations

from kg import ids
from kg.events.component import EventExtractor
from kg.model import MODALITIES, DATE_PRECISIONS

TEXT = ("Cairo — Egypt and Jordan on Sunday condemned Israel's strikes on Lebanon. "
        "The two countries also signed a water agreement. Israel rejected the criticism.")


def test_records_carry_evidence_and_codebook_values(run):
    evs = run(TEXT, "2024-03-06")
    assert evs
    for e in evs:
        assert TEXT[e.start:e.end] and TEXT[e.start:e.end] in e.sentence
        assert e.trigger in TEXT[e.start:e.end]
        assert e.modality in MODALITIES and e.date_precision in DATE_PRECISIONS
        assert 0 < e.confidence <= 1
        assert e.plover and e.relation and isinstance(e.goldstein, float)
        target = e.target.id if e.target else None
        assert e.id == ids.event_iri("test", e.start, e.end, e.cameo, e.source.id, target,
                                     e.target_event, day=e.date, modality=e.modality,
                                     negated=e.negated)
    condemn = [e for e in evs if e.cameo == "111"]
    assert {e.source.country for e in condemn} == {"Q79", "Q810"}
    assert all(e.target.country == "Q801" and e.date == "2024-03-03" for e in condemn)
    assert all(e.goldstein == -2.0 and e.plover == "ACCUSE" and e.relation == "disapprovesOf"
               for e in condemn)


def test_nested_events_come_first_and_are_linked(run):
    evs = run(TEXT, "2024-03-06")
    by_id = {e.id: i for i, e in enumerate(evs)}
    for i, e in enumerate(evs):
        if e.target_event:
            assert by_id[e.target_event] < i


def test_same_text_same_ids(run):
    assert [e.id for e in run(TEXT)] == [e.id for e in run(TEXT)]


def test_confidence_ranks_direct_evidence_above_inference(run):
    direct = run("Chile condemned Peru.")[0].confidence
    nominal = [e for e in run("Chile's condemnation of Peru surprised Bolivia.")]
    assert nominal and nominal[0].confidence < direct


def test_only_sentences_with_mentions_and_triggers_are_visited(nlp):
    doc = nlp("The weather was fine. Chile condemned Peru. Nothing else happened.")
    sents = list(EventExtractor().candidate_sentences(doc, _index(doc)))
    assert [s.text for _, s in sents] == ["Chile condemned Peru."]


def _index(doc):
    from kg.events.arguments import ActorIndex
    from kg.events.lexicon import load_lexicon
    return ActorIndex(doc, doc._.mentions, load_lexicon())

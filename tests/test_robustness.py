"""Arbitrary and hostile input: readers and extractor never crash, evidence stays in the text."""
from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.pipeline as pipeline
from kg.errors import InputError
from kg.ingest import Reader
from kg.model import Document

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# Text with political vocabulary mixed in, so the extractor's code paths are exercised.
WORDS = st.sampled_from([
    "Russia", "Ukraine", "the EU", "NATO", "North Korea's", "Seoul", "condemned", "attacked",
    "met", "signed", "did not", "sanctions on", "and", "it", "they", "the bloc", "President",
    "Joe Biden", "said", "on Monday", ".", ",", "\n\n", "—", "“", "’s", "<script>", "\u200b",
])
POLITICAL_TEXT = st.lists(WORDS | st.text(max_size=8), min_size=1, max_size=60).map(" ".join)


def _read(path):
    warnings: list[str] = []
    try:
        return list(Reader(warn=warnings.append).read([str(path)])), warnings
    except InputError as exc:  # a clear, one-line error is an accepted outcome
        assert "\n" not in str(exc) and str(path) in str(exc)
        return [], warnings


@SETTINGS
@given(data=st.binary(max_size=400))
def test_txt_reader_takes_any_bytes(tmp_path, data):
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    docs, _ = _read(path)
    for doc in docs:
        assert doc.text.strip()


@SETTINGS
@given(records=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "date", "title", "url"]),
                    st.one_of(st.text(max_size=30), st.integers(), st.none()), max_size=5),
    st.text(max_size=20)), max_size=6))
def test_jsonl_reader_takes_any_records(tmp_path, records):
    path = tmp_path / "any.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records))
    docs, _ = _read(path)
    assert all(isinstance(d.text, str) and d.text.strip() for d in docs)


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=15), min_size=1, max_size=5), max_size=6))
def test_csv_reader_takes_any_rows(tmp_path, rows):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "text", "date"])
    writer.writerows(rows)
    path = tmp_path / "any.csv"
    path.write_text(buf.getvalue())
    docs, _ = _read(path)
    assert len({d.id for d in docs}) == len(docs)


@SETTINGS
@given(text=POLITICAL_TEXT)
def test_extractor_never_crashes_and_evidence_is_in_the_text(nlp, text):
    doc = Document(id="h", text=text, date="2024-03-01")
    for _document, events in pipeline.extract([doc], nlp):
        for ev in events:
            assert 0 <= ev.start < ev.end <= len(text)
            assert ev.sentence and ev.sentence in text
            assert 0.0 <= ev.confidence <= 1.0


def test_long_documents_are_chunked_with_document_offsets(nlp, monkeypatch):
    para = ("Russia attacked Ukraine on Monday. Japan condemned North Korea. "
            "France and Germany signed a defence agreement.\n\n")
    text = para * 80
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 1000)
    (_, chunked), = pipeline.extract([Document(id="long", text=text, date="2024-03-01")], nlp)
    assert len(list(pipeline.chunks(text, 1000))) > 8
    assert chunked, "no events found in a long document"
    assert max(ev.start for ev in chunked) > 5000, "events from later chunks are missing"
    for ev in chunked:
        assert ev.sentence in text[max(0, ev.start - 300):ev.end + 300]
        if ev.trigger:
            assert ev.trigger in text[ev.start:ev.end]
    assert len({ev.id for ev in chunked}) == len(chunked)


def test_folder_with_thousands_of_files_streams(tmp_path):
    for i in range(2000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Japan and India held talks number {i} on trade.")
    docs = Reader().read([str(tmp_path)])
    first = next(iter(docs))
    assert first.id.endswith("00000.txt")
    assert sum(1 for _ in docs) == 1999


@pytest.mark.parametrize("text", [
    "Россия атаковала Украину в понедельник, заявили в Киеве официальные лица. " * 3,
    "Die Regierung in Berlin hat am Montag die Sanktionen gegen Russland verlängert. " * 3,
])
def test_other_languages_give_no_events(tmp_path, run_kg, text):
    path = tmp_path / "foreign.txt"
    path.write_text(text)
    proc = run_kg("events", str(path), "--quiet")
    assert proc.returncode == 0 and proc.stdout == ""
    assert "does not look like English" in proc.stderr

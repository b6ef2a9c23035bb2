"""Extraction in worker processes and in chunks gives the same events as one process, lazily."""
from __future__ import annotations

import itertools

import pytest

import kg.parallel
from kg.ingest import Reader
from kg.model import Document
from kg.pipeline import ExtractStats, extract


def records(pairs):
    return [(document.id, [event.to_record() for event in events]) for document, events in pairs]


@pytest.fixture(scope="module")
def documents(small_corpus, seed_path):
    return list(Reader().read([str(small_corpus), str(seed_path)]))


def test_two_processes_give_the_same_events_in_the_same_order(nlp, documents):
    one = records(extract(documents, nlp))
    stats = ExtractStats()
    two = records(extract(documents, nlp, jobs=2, stats=stats))
    assert [doc_id for doc_id, _ in two] == [d.id for d in documents]
    assert one == two
    found = sum(len(events) for _, events in one)
    assert found >= 10
    # counts gathered on the way
    assert stats.documents == len(documents)
    assert stats.events == found
    assert stats.words > sum(len(d.text.split()) for d in documents) * 0.7
    assert stats.sentences > len(documents)
    assert stats.actors


@pytest.mark.parametrize("jobs", [1, 2])
def test_input_is_read_lazily_so_memory_stays_bounded(nlp, jobs):
    pulled = itertools.count()

    def endless():
        for i in itertools.count():
            next(pulled)
            yield Document(id=f"d{i}", text="Japan condemned North Korea on Monday.")

    stream = extract(endless(), nlp, jobs=jobs)
    taken = [next(stream) for _ in range(3)]
    stream.close()
    assert [d.id for d, _ in taken] == ["d0", "d1", "d2"]
    assert next(pulled) <= (2 * jobs + 2) * kg.parallel.BATCH_DOCS


def test_long_documents_are_chunked_with_offsets_into_the_whole_text(nlp, monkeypatch):
    paragraph = "Japan condemned North Korea on Monday. India praised Japan.\n\n"
    document = Document(id="long", text=paragraph * 6, date="2024-01-03")
    whole = records(extract([document], nlp))
    monkeypatch.setattr(kg.parallel, "CHUNK_CHARS", len(paragraph) + 5)
    assert len(list(kg.parallel.chunks(document.text, kg.parallel.CHUNK_CHARS))) == 6
    chunked = records(extract([document], nlp))
    assert chunked == whole
    events = chunked[0][1]
    # six chunks tell the same two events (same actors, code and day): two events, six mentions each
    assert len(events) == 2 and [e["mentions"] for e in events] == [6, 6]
    assert len({e["id"] for e in events}) == len(events)
    for event in events:
        assert event["trigger"] in document.text[event["start"]:event["end"]]


def test_every_document_comes_back_even_empty_ones(nlp):
    docs = [Document(id="a", text=""), Document(id="b", text="Japan condemned North Korea."),
            Document(id="c", text="   ")]
    assert [(d.id, len(events)) for d, events in extract(docs, nlp)] == [("a", 0), ("b", 1), ("c", 0)]


def test_progress_bar_on_stderr(nlp, capsys):
    docs = [Document(id="p1", text="Japan condemned North Korea on Monday.")]
    assert len(list(extract(docs, nlp, progress=True))) == 1
    err = capsys.readouterr().err
    assert "extracting" in err and "words/s" in err and "events" in err


def test_jobs_below_one_is_a_usage_error(nlp):
    from kg.errors import UsageError

    with pytest.raises(UsageError):
        list(extract([], nlp, jobs=0))

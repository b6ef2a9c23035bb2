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
from spacy.language import Language

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
    monkeypatch.setattr("kg.parallel.CHUNK_CHARS", 1000)
    (_, chunked), = pipeline.extract([Document(id="long", text=text, date="2024-03-01")], nlp)
    assert len(list(pipeline.chunks(text, 1000))) > 8
    assert chunked, "no events found in a long document"
    # the same events told in every chunk merge into one event each, counting every chunk's mention
    assert min(ev.mentions for ev in chunked) >= 40, "events from later chunks are missing"
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
    assert proc.returncode == 3 and proc.stdout == ""  # no document left: "no documents"
    assert "does not look like English" in proc.stderr and "no documents" in proc.stderr


# --- Bounded memory, honest errors and safe outputs on hostile input (issue 16) ---

import os  # noqa: E402
import resource  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from kg.ingest import MAX_DOCUMENT_BYTES, MAX_ID_CHARS  # noqa: E402
from kg.nlp import MAX_SENTENCE_CHARS, MAX_SENTENCE_TOKENS  # noqa: E402
from kg.output import atomic_files, remove_stale  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = "Japan and India signed a defence pact on Tuesday, officials said."
#: Peak memory a run may use whatever the input (README, "Limits and safety").
MEMORY_LIMIT_MB = 1500

# Run the CLI in a fresh wrapper process and report its child's peak RSS (kB) on the last line.
_MEASURE = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(p.returncode)")


def kg(*args, timeout=600, measure=False, preexec=None, stdout=None, prefix=()):
    """Run ``kg`` as a user would; with ``measure`` also the peak RSS in MB."""
    cmd = [*prefix, sys.executable, "-m", "kg.cli", *map(str, args)]
    if measure:
        cmd = [sys.executable, "-c", _MEASURE, *cmd]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    proc = subprocess.run(cmd, stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          cwd=ROOT, env=env, timeout=timeout, preexec_fn=preexec)
    if measure:
        *lines, peak = proc.stderr.rstrip("\n").split("\n")
        proc.stderr = "\n".join(lines) + "\n"
        proc.peak_mb = int(peak) / 1024
    return proc


def kg_lines(proc):
    """The ``kg:`` lines of stderr (progress bars and library noise aside)."""
    return [line for line in proc.stderr.splitlines() if line.startswith("kg:")]


def one_error(proc, code, *words):
    lines = [line for line in kg_lines(proc) if line.startswith("kg: error")]
    assert proc.returncode == code, proc.stderr
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for word in words:
        assert word in lines[0], lines[0]


def run_on_sentence(words: int) -> str:
    filler = "the delegates discussed questions of trade and of fisheries at length while".split()
    parts = []
    for i in range(words):
        parts.append("Japan condemned North Korea" if i % 500 == 0 else filler[i % len(filler)])
    return " ".join(parts) + "."


def test_a_sentence_of_20000_words_is_capped_and_memory_bounded(tmp_path):
    text = run_on_sentence(20_000)
    path = tmp_path / "run-on.txt"
    path.write_text(text)
    proc = kg("events", path, "-q", measure=True)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events, "the capped sentences still give events"
    for ev in events:  # the evidence is a capped sentence of the text, not the chunk
        assert len(ev["sentence"]) <= MAX_SENTENCE_CHARS and ev["sentence"] in text
        assert text[ev["start"]:ev["end"]] in ev["sentence"]
    assert proc.peak_mb < MEMORY_LIMIT_MB, f"peak {proc.peak_mb:.0f} MB"


def test_sentence_cap_marks_starts_before_the_parser(nlp):
    doc = nlp(run_on_sentence(3 * MAX_SENTENCE_TOKENS))
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_TOKENS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in doc.sents if len(s) > 1)


def test_a_long_document_runs_in_bounded_memory(tmp_path):
    # 400 KB keeps the suite quick; README gives the 10 MB figure measured by hand.
    para = ("Russia attacked Ukraine on Monday, officials in Kyiv said. Japan condemned North "
            "Korea over the launch. Talks on trade continued for a third day without result.\n\n")
    path = tmp_path / "long.txt"
    path.write_text(para * (400_000 // len(para)))
    proc = kg("events", path, "-q", measure=True)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) > 1000
    assert proc.peak_mb < MEMORY_LIMIT_MB, f"peak {proc.peak_mb:.0f} MB"


def test_oversized_text_file_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w") as handle:
        line = ENGLISH + "\n"
        handle.write(line * (MAX_DOCUMENT_BYTES // len(line) + 10))
    with pytest.raises(InputError, match="document limit"):
        list(Reader().read([str(path)]))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_at_once(device):
    proc = kg("events", device, timeout=60)
    one_error(proc, 3, device, "not a regular file")


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = kg("events", fifo, timeout=60)
    one_error(proc, 3, str(fifo), "not a regular file")


def test_a_sparse_binary_file_is_refused_after_the_first_bytes(tmp_path):
    path = tmp_path / "disk.txt"
    with path.open("wb") as handle:
        handle.truncate(4 * 1024 ** 3)  # 4 GiB of zeros, no disk used
    with pytest.raises(InputError, match="binary file"):
        list(Reader().read([str(path)]))


def test_deeply_nested_json_and_a_5000_digit_id(tmp_path):
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok", "text": ENGLISH}),
        "[" * 100_000 + "]" * 100_000,
        '{"id": ' + "7" * 5000 + ', "text": ' + json.dumps(ENGLISH) + "}",
        '{"id": "' + "x" * (MAX_ID_CHARS + 1) + '", "text": ' + json.dumps(ENGLISH) + "}",
    ]) + "\n")
    warnings: list[str] = []
    reader = Reader(warn=warnings.append)
    docs = list(reader.read([str(path)]))
    assert [d.id for d in docs] == ["ok", f"{path}:3", f"{path}:4"]
    assert any(f"{path}:2: malformed JSON (nested too deeply)" in w for w in warnings)
    assert sum("id longer than" in w for w in warnings) == 2
    assert reader.report.skipped == 1 and reader.report.documents == 3


def test_an_endless_jsonl_line_is_skipped_in_pieces(tmp_path, monkeypatch):
    import kg.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_LINE_BYTES", 10_000)
    path = tmp_path / "long-line.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "word " * 5000}) + "\n"
                    + json.dumps({"id": "ok", "text": ENGLISH}) + "\n")
    warnings: list[str] = []
    docs = list(Reader(warn=warnings.append).read([str(path)]))
    assert [d.id for d in docs] == ["ok"]
    assert any(f"{path}:1: line longer than" in w for w in warnings)


def test_csv_unterminated_quote_is_named_not_swallowed(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(f'id,text\na,"{ENGLISH}"\nb,"{ENGLISH}\nc,{ENGLISH}\nd,{ENGLISH}\n')
    warnings: list[str] = []
    reader = Reader(warn=warnings.append)
    docs = list(reader.read([str(path)]))
    assert [d.id for d in docs] == ["a"]
    assert any(f"{path}:2: unterminated quoted field from line 3" in w for w in warnings), warnings
    assert reader.report.skipped == 1
    with pytest.raises(InputError, match="unterminated"):
        list(Reader(strict=True).read([str(path)]))


def test_broken_and_looping_links_and_bad_files_in_a_folder_are_named(tmp_path):
    (tmp_path / "good.txt").write_text(ENGLISH)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder link loop
    warnings: list[str] = []
    reader = Reader(warn=warnings.append)
    docs = list(reader.read([str(tmp_path)]))
    assert [d.id for d in docs] == [str(tmp_path / "good.txt")]
    text = "\n".join(warnings)
    assert "dangling.txt: broken symbolic link" in text
    assert "loop1.txt: symbolic link loop" in text and "loop2.txt: symbolic link loop" in text
    assert "binary.txt: binary file" in text and "folder link loop" in text
    assert reader.report.skipped == 5


#: Root reads every folder; without these capabilities it obeys permissions like anyone.
_AS_PLAIN_ROOT = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                  "--inh-caps=-dac_override,-dac_read_search"]


def test_an_unreadable_subfolder_is_named_and_counted(tmp_path):
    import shutil

    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: every folder is readable")
        prefix = _AS_PLAIN_ROOT
    (tmp_path / "good.txt").write_text("Japan condemned North Korea on Monday.")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "hidden.txt").write_text(ENGLISH)
    os.chmod(tmp_path / "secret", 0o000)
    try:
        proc = kg("events", tmp_path, "-q", prefix=prefix)
    finally:
        os.chmod(tmp_path / "secret", 0o755)
    assert proc.returncode == 0, proc.stderr
    assert any(f"{tmp_path / 'secret'}: cannot read folder (Permission denied)" in line
               for line in kg_lines(proc)), proc.stderr
    assert kg_lines(proc)[-1].startswith("kg: 1 documents read, 1 skipped, 0 failed")


def test_full_disk_under_kg_events_is_exit_4(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Japan condemned North Korea on Monday.")
    with open("/dev/full", "w") as full:
        proc = kg("events", path, "-q", stdout=full)
    one_error(proc, 4, "standard output", "No space left")


def _file_size_limit(limit):
    def apply():  # writes past ``limit`` bytes fail as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_full_disk_under_store_is_exit_4(tmp_path):
    proc = kg("build", "seeds/", "--out", tmp_path / "out", "--store", tmp_path / "store", "-q",
              preexec=_file_size_limit(200_000))
    one_error(proc, 4, str(tmp_path / "store"), "cannot write")


def test_full_disk_while_writing_leaves_the_old_pair_and_no_temporaries(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("old graph")
    (out / "map.html").write_text("old map")
    proc = kg("build", "seeds/", "--out", out, "-q", preexec=_file_size_limit(300_000))
    one_error(proc, 4, "cannot write")
    assert (out / "graph.ttl").read_text() == "old graph"
    assert (out / "map.html").read_text() == "old map"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl", "map.html"]


def test_paired_files_are_replaced_together_or_not_at_all(tmp_path):
    (tmp_path / "graph.ttl").write_text("old graph")
    (tmp_path / "map.html").write_text("old map")
    with pytest.raises(RuntimeError):
        with atomic_files(tmp_path / "graph.ttl", tmp_path / "map.html") as (graph, page):
            graph.write_text("new graph")
            raise RuntimeError("the map fails")
    assert (tmp_path / "graph.ttl").read_text() == "old graph"
    assert (tmp_path / "map.html").read_text() == "old map"
    assert len(list(tmp_path.iterdir())) == 2


def test_stale_temporaries_are_removed_on_start_and_sigterm_cleans_up(tmp_path, seed_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = [out / f".graph.kgtmp-{dead}-abc.ttl", out / f".map.kgtmp-{dead}-abc.html"]
    for path in stale:
        path.write_text("")
    scratch = out / f".store.kgtmp-{dead}-abc"  # a killed build's temporary store
    (scratch / "db").mkdir(parents=True)
    (out / "notes.txt").write_text("mine")
    assert remove_stale(out) == sorted([*stale, scratch]) and (out / "notes.txt").exists()
    assert not scratch.exists()
    # A build killed with SIGTERM at some moment of its run leaves no temporary and a consistent pair.
    for path in stale:
        path.write_text("")
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(seed_path), "--out",
                             str(out), "-q"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if any(p.name.startswith(".graph.kgtmp-") for p in out.iterdir()) and \
                not any(p.exists() for p in stale):
            proc.send_signal(signal.SIGTERM)  # during the final write
            break
        time.sleep(0.005)
    proc.wait(timeout=120)
    names = sorted(p.name for p in out.iterdir())
    assert not [n for n in names if ".kgtmp-" in n], names
    if proc.returncode == 0:  # finished before the signal landed: the new pair
        assert {"graph.ttl", "map.html"} <= set(names)
    else:
        assert proc.returncode == 130 and "interrupted" in proc.stderr.read()
        assert ("graph.ttl" in names) == ("map.html" in names), names


def test_csv_cells_a_spreadsheet_would_run_are_escaped(tmp_path):
    path = tmp_path / "formula.jsonl"
    path.write_text(json.dumps({"id": "@SUM(A1)", "text": "=Japan condemned North Korea on Monday."})
                    + "\n")
    proc = kg("events", path, "--format", "csv", "-q")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows, proc.stderr
    for row in rows:
        assert row["doc"] == "'@SUM(A1)" and row["sentence"].startswith("'=")
        assert float(row["goldstein"]) < 0  # numbers are not escaped
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r"))


@pytest.mark.parametrize("command", ["events", "build"])
def test_zero_documents_is_exit_3_for_both_commands(tmp_path, command):
    path = tmp_path / "foreign.jsonl"
    path.write_text(json.dumps({"text": "Die Regierung hat am Montag die Sanktionen gegen "
                                        "Russland verlängert, sagte der Minister in Berlin."}) + "\n")
    extra = ["--out", tmp_path / "out"] if command == "build" else []
    proc = kg(command, path, "-q", *extra)
    one_error(proc, 3, "no documents", "0 read, 1 skipped, 0 failed")


def test_the_run_ends_with_documents_read_skipped_and_failed(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Japan condemned North Korea on Monday."})
                    + "\n{broken\n" + json.dumps({"id": "b", "text": ENGLISH}) + "\n")
    proc = kg("build", path, "--out", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    lines = kg_lines(proc)
    assert any(f"{path}:2: malformed JSON" in line for line in lines)
    assert lines[-1].startswith("kg: 2 documents read, 1 skipped, 0 failed; ")


@Language.component("entente_test_fails_on_boom")
def _fails_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("this component fails on purpose")
    return doc


def test_a_document_whose_extraction_fails_is_named_and_counted(nlp):
    nlp.add_pipe("entente_test_fails_on_boom", last=True)
    try:
        docs = [Document(id=i, text=t, date="2024-03-01") for i, t in
                [("one", "Japan condemned North Korea."), ("two", "BOOM. Russia attacked Ukraine."),
                 ("three", "France condemned Russia.")]]
        warnings: list[str] = []
        stats = pipeline.ExtractStats()
        done = list(pipeline.extract(docs, nlp, stats=stats, warn=warnings.append))
    finally:
        nlp.remove_pipe("entente_test_fails_on_boom")
    assert [d.id for d, _ in done] == ["one", "three"] and all(evs for _, evs in done)
    assert stats.failed == 1 and stats.documents == 2
    assert warnings == ["two: extraction failed (ValueError: this component fails on purpose); "
                        "skipped"]


def test_sigterm_while_the_temporary_store_is_open_removes_it(tmp_path, seed_path):
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(seed_path), "--out",
                             str(out), "-q"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if out.exists() and any(p.name.startswith(".store.kgtmp-") for p in out.iterdir()):
            proc.send_signal(signal.SIGTERM)  # while the model loads or the text is read
            break
        time.sleep(0.005)
    proc.wait(timeout=120)
    # the folder the build created is removed with its temporaries when nothing was written
    assert not out.exists() or [p.name for p in out.iterdir() if ".kgtmp-" in p.name] == []
    assert proc.returncode in (0, 130), proc.stderr.read()

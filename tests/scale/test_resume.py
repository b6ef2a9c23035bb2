"""Nothing lost: a killed ``kg build --store`` keeps the finished documents, a re-run completes
it without duplicates, and output files are never half-written."""
from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import threading
import time

import pytest
from rdflib.namespace import RDF

from kg.rdf.namespace import ENT

from .conftest import KG, ROOT, seed_paragraph_records, wikinews_records, write_jsonl


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """About seventy documents: Wikinews articles and seed paragraphs, interleaved."""
    news, seed = wikinews_records(60), seed_paragraph_records(1)
    mixed = [r for pair in itertools.zip_longest(news, seed) for r in pair if r]
    return write_jsonl(tmp_path_factory.mktemp("resume") / "corpus.jsonl", mixed)


@pytest.fixture(scope="module")
def clean(corpus, nlp, tmp_path_factory):
    """A clean, uninterrupted build of the corpus (in this process)."""
    from kg.pipeline import build

    return build([str(corpus)], str(tmp_path_factory.mktemp("clean")), nlp=nlp, progress=False)


def documents_in(store_dir) -> tuple[int, int]:
    """(documents, triples) in an on-disk store."""
    from kg.rdf.store import open_store

    graph = open_store(store_dir, create=False)
    try:
        return len(set(graph.subjects(RDF.type, ENT.Document))), len(graph)
    finally:
        graph.close()


def start_build(*args) -> tuple[subprocess.Popen, list[int]]:
    """``kg build`` in a subprocess; a list that fills with the progress bar's document counts."""
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    proc = subprocess.Popen([*KG, "build", *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True,  # its own process group, as in a terminal
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    counts: list[int] = []
    proc.messages = []  # type: ignore[attr-defined]

    def read():
        buffer = b""
        while chunk := proc.stderr.read1(4096):
            buffer += chunk
            # "extracting: 3 docs" (no total), "extracting:  30%|###  | 3/10" (a known total)
            found = re.findall(rb"extracting: (?:(\d+) docs|[ \d]+%\|[^|]*\| ?(\d+)/)", buffer)
            counts.extend(int(plain or bar) for plain, bar in found)
            proc.messages.extend(re.findall(rb"kg: [^\r\n]+", buffer))  # type: ignore[attr-defined]
            buffer = buffer[-200:]

    threading.Thread(target=read, daemon=True).start()
    return proc, counts


def test_killed_build_keeps_finished_documents_and_rerun_completes_it(corpus, clean, tmp_path, run_kg):
    store, out = tmp_path / "store", tmp_path / "out"
    proc, counts = start_build(corpus, "--out", out, "--store", store)
    deadline = time.monotonic() + 300
    while not (counts and max(counts) >= 3) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    reported = max(counts)

    # the store opens, and holds every document reported done (and not all of them)
    done, triples = documents_in(store)
    assert reported <= done < clean.stats.documents
    assert 0 < triples < clean.triples
    # nothing half-written in the output folder
    assert not (out / "graph.ttl").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")] if out.exists() else True

    # running again completes the job, without duplicates
    run_kg("build", corpus, "--out", out, "--store", store, "-q", check=True)
    assert documents_in(store) == (clean.stats.documents, clean.triples)
    assert (out / "graph.ttl").exists() and (out / "map.html").exists()


def test_failed_build_leaves_previous_outputs_whole(seed_path, tmp_path, run_kg, nlp):
    from kg.pipeline import build

    out = tmp_path / "out"
    build([str(seed_path)], str(out), nlp=nlp, progress=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"graph.ttl", "map.html"}
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = run_kg("build", seed_path, empty, "--out", out, "-q")
    assert proc.returncode == 3
    assert "empty" in proc.stderr and "Traceback" not in proc.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_ctrl_c_stops_a_parallel_build_at_once_keeping_finished_documents(corpus, clean, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    proc, counts = start_build(corpus, "--out", out, "--store", store, "--jobs", "2")
    deadline = time.monotonic() + 300
    while not (counts and max(counts) >= 2) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    proc.wait(timeout=30)
    assert proc.returncode == 130
    time.sleep(0.2)
    assert b"kg: interrupted" in proc.messages  # type: ignore[attr-defined]
    done, _ = documents_in(store)
    assert max(counts) <= done < clean.stats.documents
    assert not (out / "graph.ttl").exists()

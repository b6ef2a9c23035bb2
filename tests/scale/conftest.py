"""Fixtures for the scale tests: small Wikinews corpora, a one-process reference build,
and a real Oxigraph SPARQL server on a free 127.0.0.1 port."""
from __future__ import annotations

import csv
import itertools
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WIKINEWS = ROOT / "corpus" / "wikinews" / "wikinews_2019.csv"
KG = [sys.executable, "-m", "kg.cli"]


def wikinews_records(count: int, max_chars: int = 1500) -> list[dict]:
    """The first ``count`` Wikinews 2019 articles, cut at a paragraph near ``max_chars``."""
    csv.field_size_limit(1 << 26)
    records = []
    with WIKINEWS.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = row["text"]
            if len(text) > max_chars:
                cut = text.rfind("\n\n", 0, max_chars)
                text = text[:cut if cut > 200 else max_chars]
            records.append({"id": f"wikinews-{len(records):03d}", "date": row["date"],
                            "title": row["title"], "url": row["url"], "text": text})
            if len(records) == count:
                break
    return records


def seed_paragraph_records(copies: int = 1) -> list[dict]:
    """Each paragraph of the seed article as a document (``copies`` times, distinct ids)."""
    text = (ROOT / "seeds" / "000_17d850d139d251e7.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if len(p.strip()) > 40]
    return [{"id": f"seed-{copy}-{i:02d}", "date": "2024-11-04", "text": paragraph}
            for copy in range(copies) for i, paragraph in enumerate(paragraphs)]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """The seed's paragraphs and six Wikinews articles, interleaved, as JSON Lines."""
    seed, news = seed_paragraph_records(), wikinews_records(6)
    mixed = [r for pair in itertools.zip_longest(seed, news) for r in pair if r]
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "small.jsonl", mixed)


@pytest.fixture(scope="session")
def reference_build(tmp_path_factory, small_corpus, nlp) -> Path:
    """The small corpus built in one process, no store: the graph others must equal."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("reference")
    build([str(small_corpus)], str(out), nlp=nlp, progress=False)
    return out


@pytest.fixture(scope="session")
def run_kg_session():
    """The CLI runner of tests/conftest.py, usable from session fixtures."""
    import os

    def run(*args, check: bool = False, timeout: float = 600):
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        proc = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True,
                              cwd=ROOT, env=env, timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"kg {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr}")
        return proc
    return run


def canonical(term):
    """A term with its literal in canonical form (``-4.0`` and ``-4`` are one xsd:decimal)."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    if isinstance(term, Literal):
        if term.datatype in (XSD.decimal, XSD.double, XSD.float, XSD.integer):
            return Literal(format(term.toPython().normalize() if hasattr(term.toPython(), "normalize")
                                  else term.toPython(), "f") if term.datatype == XSD.decimal
                           else str(term.toPython()), datatype=term.datatype)
        if term.datatype == XSD.string:
            return Literal(str(term))
    return term


def canonical_triples(triples) -> set:
    """A set of triples with canonical literals, comparable across serialisers and stores."""
    return {(s, p, canonical(o)) for s, p, o in triples}


def triples_of(path: Path) -> set:
    """The triple set of a Turtle file (literals in canonical form)."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(str(path), format="turtle")
    return canonical_triples(graph)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]



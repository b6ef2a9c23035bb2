"""``kg events`` and ``kg build`` end to end on the seed article, as a user runs them."""
from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.commands.events import CSV_COLUMNS
from kg.rdf.namespace import ENT

ACTOR = "https://w3id.org/entente/id/actor/"


@pytest.fixture(scope="module")
def seed_events(run_kg_module):
    proc = run_kg_module("events", "seeds/", "-q", check=True)
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.fixture(scope="module")
def run_kg_module(request):
    """The ``run_kg`` runner, for module-scoped fixtures."""
    import os
    import subprocess

    from tests.conftest import KG, ROOT  # noqa: F401  (importlib mode: conftest is importable)

    def run(*args, check=False):
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        proc = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                              env=env, timeout=600)
        if check and proc.returncode != 0:
            raise AssertionError(f"kg {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr}")
        return proc
    return run


def pair(record, level="country"):
    """(source polity, CAMEO root, target polity) of an event record."""
    target = record["target"] or {}
    return (record["source"][level] or record["source"]["wikidata"], record["cameo"][:2],
            target.get(level) or target.get("wikidata"))


def test_events_of_the_seed(seed_events, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    assert len(seed_events) >= 10
    pairs = {pair(r) for r in seed_events}
    assert {("Q884", "11", "Q423"), ("Q458", "11", "Q423"), ("Q423", "07", "Q159")} <= pairs
    for record in seed_events:
        assert set(record) >= {"id", "doc", "sentence", "start", "end", "source", "target",
                               "cameo", "plover", "relation", "goldstein", "modality",
                               "negated", "confidence", "trigger"}
        assert record["doc"] == "seeds/000_17d850d139d251e7.txt"
        assert 0 <= record["start"] < record["end"] <= len(text)
        assert text[record["start"]:record["end"]] in record["sentence"]
        assert record["trigger"] and record["trigger"] in text[record["start"]:record["end"]]
        assert record["id"].startswith("https://w3id.org/entente/id/event/")
    assert len({r["id"] for r in seed_events}) == len(seed_events)


def test_events_as_csv_with_dotted_columns(run_kg, seed_events):
    proc = run_kg("events", "seeds/", "--format", "csv", "-q", check=True)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    header = proc.stdout.splitlines()[0].split(",")
    assert header == list(CSV_COLUMNS)
    assert {"source.label", "source.wikidata", "target.country", "target.iso3"} <= set(header)
    assert [r["id"] for r in rows] == [r["id"] for r in seed_events]
    first = seed_events[0]
    assert rows[0]["source.label"] == first["source"]["label"]
    assert rows[0]["cameo"] == first["cameo"]


def test_events_with_two_processes_are_the_same_with_progress_on_stderr(run_kg, seed_events):
    proc = run_kg("events", "seeds/", "--jobs", "2", check=True)
    assert [json.loads(line) for line in proc.stdout.splitlines()] == seed_events
    assert "extracting" in proc.stderr and "words/s" in proc.stderr


def test_build_writes_graph_map_and_store_and_a_rebuild_adds_nothing(run_kg, tmp_path, seed_events):
    out, store = tmp_path / "out", tmp_path / "store"
    proc = run_kg("build", "seeds/", "--out", out, "--store", store, "--summary", check=True)
    summary = dict(line.split(":", 1) for line in proc.stdout.splitlines())
    assert int(summary["documents"]) == 1
    assert int(summary["events"]) == len(seed_events)
    graph = Graph().parse(str(out / "graph.ttl"), format="turtle")
    assert int(summary["triples"]) == len(graph) > 100
    assert (URIRef(ACTOR + "Q884"), ENT.disapprovesOf, URIRef(ACTOR + "Q423")) in graph
    assert (URIRef(ACTOR + "Q423"), ENT.aids, URIRef(ACTOR + "Q159")) in graph
    assert len(set(graph.subjects(RDF.type, ENT.Event))) == len(seed_events)
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl", "map.html"]
    assert "<html" in (out / "map.html").read_text(encoding="utf-8").lower()

    run_kg("build", "seeds/", "--out", tmp_path / "again", "--store", store, "-q", check=True)
    again = Graph().parse(str(tmp_path / "again" / "graph.ttl"), format="turtle")
    assert set(again) == set(graph)


@pytest.mark.parametrize("args,code,message", [
    (["--jobs", "0"], 2, "at least 1"),
    (["--date", "yesterday"], 3, "yesterday"),
])
def test_bad_options_are_one_line_errors(run_kg, tmp_path, args, code, message):
    proc = run_kg("build", "seeds/", "--out", tmp_path / "out", "-q", *args)
    assert proc.returncode == code, proc.stderr
    errors = [l for l in proc.stderr.splitlines() if "error" in l]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in proc.stderr


def test_output_folder_that_is_a_file(run_kg, tmp_path):
    target = tmp_path / "taken"
    target.write_text("x")
    proc = run_kg("build", "seeds/", "--out", target, "-q")
    assert proc.returncode == 4
    assert proc.stderr.strip().splitlines() == [f"kg: error: {target}: not a folder"]


def test_store_that_is_a_file(run_kg, tmp_path):
    target = tmp_path / "store.txt"
    target.write_text("x")
    proc = run_kg("build", "seeds/", "--out", tmp_path / "out", "--store", target, "-q")
    assert proc.returncode == 5
    assert len(proc.stderr.strip().splitlines()) == 1 and str(target) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_csv_without_text_column(run_kg, tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text("id,body\n1,Japan condemned North Korea.\n")
    proc = run_kg("events", corpus, "-q")
    assert proc.returncode == 3
    assert proc.stderr.strip().splitlines() == [
        f"kg: error: {corpus}: CSV has no 'text' column (columns: id, body)"]


def test_every_named_official_is_in_the_graph_with_role_and_state(tmp_path):
    """Officials who take part in no event (Blinken in the seed) are still in the graph."""
    from kg.model import Document
    from kg.pipeline import extract
    from kg.rdf.triples import build_graph
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, RDFS
    from kg.rdf.namespace import ENT
    from kg import ids

    text = ("France and Germany signed a defence pact on Monday. "
            "The deal was welcomed by Italy, Italian Foreign Minister Antonio Tajani said.")
    doc = Document(id="officials", text=text, date="2024-05-06")
    pairs = list(extract([doc]))
    g = build_graph(pairs)
    named = {str(g.value(a, RDFS.label)): a
             for a in g.objects(URIRef(ids.document_iri("officials")), DCTERMS.subject)}
    assert {"France", "Germany", "Italy", "Antonio Tajani"} <= set(named)
    tajani = named["Antonio Tajani"]
    assert str(g.value(tajani, ENT.role)).lower() == "foreign minister"
    assert g.value(tajani, ENT.actsFor) == named["Italy"]


def test_a_store_written_with_many_flushes_is_compacted_and_complete(nlp, tmp_path, monkeypatch, seed_path):
    """kg build --store flushes the store's buffers as it goes and compacts the indexes at the
    end (faster lookups); the store holds what the graph file holds."""
    from kg import pipeline
    from kg.rdf import store as rdfstore

    compacted = []
    real = rdfstore.optimize
    monkeypatch.setattr(rdfstore, "FLUSH_TRIPLES", 10)
    monkeypatch.setattr(rdfstore, "optimize", lambda g: (compacted.append(1), real(g)))
    result = pipeline.build([str(seed_path)], str(tmp_path / "out"), store=str(tmp_path / "s"),
                            nlp=nlp, progress=False)
    assert compacted == [1] and result.triples > 0
    graph = rdfstore.open_read_only(tmp_path / "s")
    ttl = Graph().parse(result.graph_path)
    assert len(ttl) == rdfstore.count_triples(graph) == result.triples
    # a build into a temporary store is not compacted: nothing reads it afterwards
    pipeline.build([str(seed_path)], str(tmp_path / "out2"), nlp=nlp, progress=False)
    assert compacted == [1]

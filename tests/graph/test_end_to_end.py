"""``kg graph`` on graphs built by the whole pipeline: the seed and a Wikinews sample."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, URIRef

from kg.cli import main
from kg.rdf.namespace import ENT

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "graph-wikinews-2019-sample.csv"


def kg(capsys, *args):
    code = main(["graph", *map(str, args)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture(scope="module")
def seed_ttl(nlp, seed_path, tmp_path_factory) -> Path:
    from kg.pipeline import build
    out = tmp_path_factory.mktemp("seedbuild")
    return build([str(seed_path)], str(out), nlp=nlp, progress=False, write_map_file=False).graph_path


@pytest.fixture(scope="module")
def wikinews_store(nlp, tmp_path_factory) -> Path:
    from kg.pipeline import build
    out = tmp_path_factory.mktemp("wikinews")
    build([str(SAMPLE)], str(out), nlp=nlp, progress=False, write_map_file=False, store=str(out / "store"))
    return out / "store"


def test_seed_blocs(capsys, seed_ttl):
    res = json.loads(kg(capsys, seed_ttl, "blocs", "--format", "json"))
    sides = [{a["label"] for a in res["camps"][0][k]} for k in ("camp_a", "camp_b")]
    east = next(s for s in sides if "Russia" in s)
    west = next(s for s in sides if s is not east)
    assert {"North Korea", "Russia"} <= east
    assert {"South Korea", "European Union", "Ukraine"} <= west
    table = kg(capsys, seed_ttl, "blocs")
    assert re.search(r"camp [AB]: North Korea, Russia\n", table)


def test_seed_path_eu_russia_prints_the_sentences(capsys, seed_ttl, seed_path):
    res = json.loads(kg(capsys, seed_ttl, "path", "EU", "Russia", "--format", "json"))
    (p,) = res["paths"]
    assert p["steps"][0]["from"]["label"] == "European Union" and p["steps"][-1]["to"]["label"] == "Russia"
    text = " ".join(seed_path.read_text(encoding="utf-8").split())
    for step in p["steps"]:
        assert step["evidence"] and all(" ".join(e["sentence"].split()) in text for e in step["evidence"])
    out = kg(capsys, seed_ttl, "path", "EU", "Russia", "--evidence", "1")
    assert out.startswith("Path 1 (")
    for step in p["steps"]:
        first = " ".join(step["evidence"][0]["sentence"].split())
        assert first[:60] in " ".join(out.split())


def _independent_polity_graph(graph):
    """Signed polity graph read with rdflib triple patterns (no kg.graph, no SPARQL)."""
    polity_classes = {ENT.State, ENT.InternationalOrganization}

    def polity(a):
        seen = set()
        while a not in seen and not (set(graph.objects(a, RDF.type)) & polity_classes):
            seen.add(a)
            up = next(graph.objects(a, ENT.actsFor), None)
            if up is None:
                break
            a = up
        return str(a)

    D, U = nx.DiGraph(), defaultdict(float)
    n = 0
    for ev in graph.subjects(RDF.type, ENT.Event):
        s, t = graph.value(ev, ENT.source), graph.value(ev, ENT.target)
        if t is None or graph.value(ev, ENT.negated).toPython() is True:
            continue
        ps, pt = polity(s), polity(t)
        if ps == pt or graph.value(ev, ENT.domestic) is not None:
            continue  # domestic events only on request
        if any((URIRef(p), RDF.type, ENT.Person) in graph for p in (ps, pt)):
            continue  # a person of no known polity is not a state
        n += 1
        D.add_edge(ps, pt, weight=D.edges[ps, pt]["weight"] + 1 if D.has_edge(ps, pt) else 1)
        U[frozenset((ps, pt))] += float(graph.value(ev, ENT.goldstein))
    return D, U, n


def test_wikinews_answers_match_networkx(capsys, wikinews_store):
    from kg.rdf.store import load_graph
    graph = load_graph(str(wikinews_store))
    try:
        D, U, n = _independent_polity_graph(graph)
    finally:
        graph.close()
    assert n >= 5, "the sample should yield some events between polities"
    expected = nx.pagerank(D, weight="weight")
    rows = json.loads(kg(capsys, wikinews_store, "rank", "--kind", "all", "--top", "1000", "--format", "json"))
    assert {r["id"]: r["pagerank"] for r in rows} == pytest.approx(expected, abs=1e-6)
    assert [r["pagerank"] for r in rows] == sorted((r["pagerank"] for r in rows), reverse=True)
    res = json.loads(kg(capsys, wikinews_store, "pairs", "--top", "1000", "--format", "json"))
    got = {frozenset((r["a"]["id"], r["b"]["id"])): r["weight"] for r in res["cooperative"] + res["conflictual"]}
    assert got == pytest.approx({k: round(w, 6) for k, w in U.items() if round(w, 6) != 0})

"""Named SPARQL queries on a small hand-made graph, and the ``kg query`` command."""
from __future__ import annotations

import json

import pytest

from kg.cli import main
from kg.errors import StoreError, UsageError
from kg.query import (format_result, named_queries, query_file_or_store, resolve_query,
                      run_query)
from kg.rdf.store import add_documents, open_store
from kg.rdf.triples import build_graph

from .conftest import PRK, S1, S2, S5, doc1, doc2


@pytest.fixture(scope="module")
def graph():
    return build_graph([doc1(), doc2()])


def named(graph, name, **params):
    sparql, defaults = resolve_query(name)
    defaults.update(params)
    return run_query(graph, sparql, defaults)


def test_every_named_query_is_documented():
    queries = named_queries()
    assert {"condemned", "between", "partners", "affiliations", "evidence", "rollup"} <= set(queries)
    for q in queries.values():
        assert q.title and len(q.description) > 40, q.name
        for name, (_default, help_) in q.params.items():
            assert help_ and f"${name}" in q.text


@pytest.mark.parametrize("target", ["North Korea", "Q423", PRK.id])
def test_condemned(graph, target):
    rows = named(graph, "condemned", target=target).rows
    got = {(r["sourceLabel"], r["polity"], r["sentence"]) for r in rows}
    assert got == {("South Korea", "South Korea", S1), ("European Union", "European Union", S1),
                   ("Josep Borrell", "European Union", S2), ("United States", "United States", S5)}


def test_condemned_unknown_actor_is_empty(graph):
    assert named(graph, "condemned", target="Atlantis").rows == []
    # an exact label is needed (matched through the label index, not by a scan)
    assert named(graph, "condemned", target="north korea").rows == []


def test_between_orders_by_date_both_directions(graph):
    rows = named(graph, "between", a="South Korea", b="Q423").rows
    assert [(r["sourceLabel"], r["code"], r["targetLabel"]) for r in rows] == [
        ("Cho Tae-yul", "1056", "North Korean forces"),   # date of d1, document precision
        ("South Korea", "111", "North Korea")]
    assert rows[0]["codeName"] == "Demand de-escalation of military engagement"
    rows = named(graph, "between", a="Russia", b="Ukraine").rows
    assert [(r["code"], r["negated"]) for r in rows] == [("190", "true")]


def test_partners(graph):
    rows = {r["actorLabel"]: r for r in named(graph, "partners").rows}
    assert rows["South Korea"]["nCooperative"] == "1" and rows["South Korea"]["cooperative"] == "Russia"
    assert rows["South Korea"]["conflictual"] == "North Korea"
    assert rows["North Korea"]["cooperative"] == "Russia" and rows["North Korea"]["nConflictual"] == "0"
    assert "Russia" not in rows  # its only event is negated: no direct triple


def test_affiliations(graph):
    rows = named(graph, "affiliations").rows
    got = {(r["label"], r["type"], r["role"], r["polityLabel"]) for r in rows}
    assert got == {("Josep Borrell", "Person", "High Representative", "European Union"),
                   ("Cho Tae-yul", "Person", "Foreign Minister", "South Korea"),
                   ("North Korean forces", "ArmedForce", "troops", "North Korea")}
    rows = named(graph, "affiliations", person="borrell").rows
    assert [(r["label"], r["events"]) for r in rows] == [("Josep Borrell", "1")]


def test_evidence(graph):
    rows = named(graph, "evidence", source="Q884", relation="disapprovesOf", target="North Korea").rows
    assert len(rows) == 1
    r = rows[0]
    assert (r["sentence"], r["start"], r["end"], r["doc"]) == (S1, "0", str(len(S1)), "seeds/d1.txt")
    assert r["url"] == "https://example.org/d1" and r["confidence"] == "0.8"
    assert named(graph, "evidence", source="Q884", relation="aids", target="Q423").rows == []


def test_rollup_climbs_to_root_categories(graph):
    rows = {r["root"]: r for r in named(graph, "rollup").rows}
    assert rows["11"]["category"] == "Disapprove" and rows["11"]["events"] == "4"
    assert rows["10"]["events"] == "1" and rows["07"]["category"] == "Provide aid"
    assert rows["11"]["quadClass"] == "3" and float(rows["11"]["meanGoldstein"]) == -2.0
    assert set(rows) == {"04", "07", "10", "11", "19"}


def test_actors_and_timeline(graph):
    rows = {r["label"]: r for r in named(graph, "actors").rows}
    assert rows["North Korea"]["asTarget"] == "4" and rows["North Korea"]["wikidata"].endswith("Q423")
    months = {r["month"]: r for r in named(graph, "timeline").rows}
    assert months["2024-11"]["events"] == "6" and months["2024-12"]["events"] == "1"
    months = {r["month"]: r for r in named(graph, "timeline", actor="United States").rows}
    assert list(months) == ["2024-12"]


def test_formats(graph):
    result = named(graph, "condemned")
    table = format_result(result, "table")
    assert "sourceLabel" in table.splitlines()[0] and "(4 rows)" in table
    assert "id:actor/Q884" in table            # IRIs shortened with prefixes
    assert format_result(result, "csv").splitlines()[0].startswith("source,sourceLabel,polity")
    assert len(json.loads(format_result(result, "json"))) == 4
    with pytest.raises(UsageError):
        format_result(result, "xml")


def test_bad_sparql_is_a_one_line_store_error(graph):
    with pytest.raises(StoreError) as info:
        run_query(graph, "SELECT ?x WHERE { ?x ")
    assert str(info.value).startswith("bad SPARQL") and "\n" not in str(info.value)


def test_ask_and_construct(graph):
    assert run_query(graph, "ASK { ?s ent:disapprovesOf ?o }").boolean is True
    r = run_query(graph, "CONSTRUCT { ?s ent:disapprovesOf ?o } WHERE { ?s ent:disapprovesOf ?o }")
    assert r.variables == ["subject", "predicate", "object"] and len(r.rows) == 4


def test_kg_query_cli_on_store_and_file(tmp_path, capsys):
    store = open_store(tmp_path / "store")
    add_documents(store, [doc1(), doc2()])
    store.close()
    assert main(["query", str(tmp_path / "store"), "condemned", "--param", "target=Q423",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["sourceLabel"] for r in rows} == {"South Korea", "European Union", "Josep Borrell",
                                                 "United States"}
    rq = tmp_path / "count.rq"
    rq.write_text("# title: count\nSELECT (COUNT(*) AS ?n) WHERE { ?s ent:source ?o }\n")
    ttl = tmp_path / "g.ttl"
    build_graph([doc1()]).serialize(ttl, format="turtle")
    assert main(["query", str(ttl), str(rq), "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "6"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert main(["query", str(ttl), count, "--no-vocab", "-f", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", str(len(build_graph([doc1()])))]
    assert main(["query", str(ttl), "SELECT ?x WHERE { ?x"]) == 5
    err = capsys.readouterr().err
    assert err.startswith("kg: error: bad SPARQL") and err.count("\n") == 1
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "condemned: Who condemned an actor" in out and "--param target=" in out
    assert main(["query", str(ttl), "nosuchquery"]) == 2
    assert main(["query", str(ttl), "condemned", "--param", "oops"]) == 2


def test_query_file_or_store_closes_and_reopens(tmp_path):
    store = open_store(tmp_path / "store")
    add_documents(store, [doc1()])
    store.close()
    for _ in range(2):
        assert len(query_file_or_store(tmp_path / "store", "condemned").rows) == 3


def test_csv_output_escapes_spreadsheet_formulas():
    """A label that a spreadsheet would run (=HYPERLINK(...)) is written as text."""
    from kg.query import QueryResult, format_result

    result = QueryResult(variables=["label", "n"], rows=[{"label": "=HYPERLINK(\"x\")", "n": 3}])
    lines = format_result(result, "csv").splitlines()
    assert lines[1] == "\"'=HYPERLINK(\"\"x\"\")\",3"


def test_table_rounds_long_decimals_and_collapses_whitespace_but_csv_keeps_them():
    from kg.query import QueryResult, format_result
    result = QueryResult(["mean", "sentence"], [{"mean": "1.466666666666666666",
                                                  "sentence": '"   Peru\n protested.'}])
    table = format_result(result, "table")
    assert "1.467" in table and "1.4666" not in table and '" Peru protested.' in table
    assert "1.466666666666666666" in format_result(result, "csv")
    assert format_result(QueryResult(["n"], [{"n": "2.5"}]), "table").splitlines()[2] == "2.5"


def test_an_actor_parameter_that_names_no_actor_is_said(tmp_path, capsys):
    ttl = tmp_path / "g.ttl"
    build_graph([doc1(), doc2()]).serialize(ttl, format="turtle")
    assert main(["query", str(ttl), "between", "-p", "a=Atlantis", "-p", "b=Q423", "-f", "csv"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() and len(out.splitlines()) == 1  # the header, no rows
    assert "no actor has the label, Wikidata QID or IRI 'Atlantis'" in err and "Q423" not in err
    assert main(["query", str(ttl), "between", "-p", "a=South Korea", "-p", "b=Q423", "-f", "csv"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) > 1 and "warning" not in err

"""``kg graph``: tables, JSON for scripts, and one-line errors."""
from __future__ import annotations

import json

import pytest

from kg.cli import main
from kg.graph import analysis, project


def kg(capsys, *args):
    code = main(["graph", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("query", [["ego", "EU", "-k", "2"], ["path", "EU", "Russia"], ["rank", "--kind", "conf"],
                                   ["blocs"], ["pairs", "--top", "3"], ["profile", "North Korea", "--period", "year"]])
def test_json_output_parses_and_equals_the_api(capsys, scenario_ttl, scenario, query):
    code, out, err = kg(capsys, scenario_ttl, *query, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    name = query[0]
    api = {"ego": lambda: analysis.ego(scenario, "EU", k=2),
           "path": lambda: analysis.path(scenario, "EU", "Russia"),
           "rank": lambda: analysis.rank(scenario, kind="conf", top=20),
           "blocs": lambda: analysis.blocs(scenario),
           "pairs": lambda: analysis.pairs(scenario, top=3),
           "profile": lambda: analysis.profile(scenario, "North Korea", period="year")}[name]()
    assert data == json.loads(json.dumps(api))


def test_path_table_prints_the_sentences(capsys, scenario_ttl):
    code, out, _ = kg(capsys, scenario_ttl, "path", "eu", "russia")
    assert code == 0
    assert out.startswith("Path 1 (2 steps): European Union - North Korea - Russia")
    for sentence in ("South Korea and the EU condemned North Korea.", "North Korea is aiding Russia.",
                     "Choe said her country would back Russia."):
        assert f'"{sentence}"' in out


def test_blocs_and_pairs_tables(capsys, scenario_ttl):
    code, out, _ = kg(capsys, scenario_ttl, "blocs")
    assert code == 0
    assert "camp A: North Korea, Russia" in out
    assert "camp B: European Union, South Korea, Ukraine, United States" in out
    code, out, _ = kg(capsys, scenario_ttl, "pairs", "--since", "2025")
    lines = out.splitlines()
    assert code == 0 and any(l.split() == ["North", "Korea", "United", "States", "-8.0", "1", "0", "1"] for l in lines)
    assert "Most cooperative pairs\n\n(none)" in out


def test_store_directory(capsys, scenario_rdf, tmp_path):
    from kg.rdf.store import add_graph, open_store

    store = open_store(tmp_path / "store")
    add_graph(store, scenario_rdf)
    store.close()
    code, out, _ = kg(capsys, tmp_path / "store", "rank", "--kind", "conf", "--by", "degree", "--format", "json")
    assert code == 0 and json.loads(out)[0]["label"] == "North Korea"


@pytest.mark.parametrize("args,code,message", [
    (["ego", "Rusia"], 2, "kg: error: unknown actor 'Rusia'; did you mean: Russia?"),
    (["pairs", "--since", "last week"], 2, "kg: error: bad date for --since: 'last week'"),
    (["rank", "--since", "2025", "--until", "2024-12"], 2, "kg: error: --since 2025 is after --until 2024-12"),
    (["path", "EU", "Russia", "--until", "2020"], 2, "kg: error: 'EU' has no events in the selected window"),
])
def test_user_errors_are_one_line(capsys, scenario_ttl, args, code, message):
    got, out, err = kg(capsys, scenario_ttl, *args)
    assert got == code and out == ""
    assert err.strip().startswith(message) and len(err.strip().splitlines()) == 1


def test_missing_store_as_a_user_meets_it(run_kg, tmp_path):
    proc = run_kg("graph", tmp_path / "nothing.ttl", "blocs")
    assert proc.returncode == 5 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"kg: error: {tmp_path / 'nothing.ttl'}: no such file or store"
    proc = run_kg("graph", "--help")
    assert proc.returncode == 0 and "ego" in proc.stdout and "profile" in proc.stdout

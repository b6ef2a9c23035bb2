"""Each benchmark's quick mode runs to the end, so ``make bench`` cannot rot.

These run the real scripts in a subprocess on small inputs; they check that
the scripts work and print their tables, not how fast anything is.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(script: str, *args: str, timeout: int = 600) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_extract_quick_times_all_three_ways_for_one_and_two_processes():
    out = run("extract.py", "--limit", "6", "--jobs", "1,2", "--repeat", "1")
    rows = [line.split() for line in out.splitlines() if line.strip()[:1] in "12"
            and len(line.split()) == 6]
    assert [row[0] for row in rows] == ["1", "2"]
    for row in rows:
        assert all(float(value.replace(",", "")) > 0 for value in row[1:5])
    assert "lowest ratio:" in out
    assert "entente_actors" in out and "entente_events" in out


def test_sparql_quick_runs_every_named_query_through_kg_and_raw_oxigraph():
    out = run("sparql.py", "--millions", "0.005", "--states", "12", "--repeat", "1")
    rows = {cells[0]: cells[1:] for cells in
            ([c.strip() for c in line.strip("|").split("|")] for line in out.splitlines()
             if line.startswith("| ") and not line.startswith("| query"))}
    for name in (p.stem for p in (ROOT / "kg" / "queries").glob("*.rq")):
        kg_s, raw_s, ratio, count = rows[name]
        assert float(kg_s) >= 0 and float(raw_s) >= 0 and ratio.endswith("x")
        assert count.isdigit()  # kg and raw Oxigraph gave the same number of rows
    assert "!=" not in out


@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="needs /usr/bin/chromium")
def test_map_quick_builds_and_loads_in_chromium():
    out = run("map.py", "--quick")
    row = next(line for line in out.splitlines() if line.strip().startswith("200 "))
    assert "drawn" in row and "still" in row and "MOVING" not in row


def test_server_quick_measures_kg_serve_and_oxigraph_for_1_4_16_clients():
    out = run("server.py", "--quick")
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in out.splitlines()
            if line.startswith("| ") and not line.startswith("| queries")]
    assert [row[:2] for row in rows] == [[mode, n] for mode in ("repeated", "distinct")
                                         for n in ("1", "4", "16")]
    for _, _, kg_qps, ox_qps, ratio, rounds, failed in rows:
        low, high = (float(r) for r in rounds.split("-"))
        assert 0 < low <= high
        assert float(ox_qps.replace(",", "")) > 0 and float(kg_qps.replace(",", "")) > 0
        assert ratio.endswith("x")
        assert failed == "0 / 0", failed  # neither server fails, 16 clients included
    for mode in ("repeated", "distinct"):
        for n in (1, 4, 16):
            assert f"ratio {mode}, {n} clients: " in out
    assert "lowest ratio: " in out

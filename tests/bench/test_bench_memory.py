"""bench/memory.py runs to the end on a small document and reports a peak under the bound.

The real script runs ``kg events`` and ``kg build`` in subprocesses on a 50 kB
document generated from seeds and gazetteer names; the test checks the table
it prints (both commands, a positive peak under 1.5 GB, "pass"), not speed.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import memory  # noqa: E402


def test_memory_bench_on_50kb_prints_a_peak_under_the_bound_for_both_commands():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "memory.py"), "--size", "50kb"],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = {cells[0]: cells[1:] for cells in
            ([c.strip() for c in line.strip("|").split("|")] for line in done.stdout.splitlines()
             if line.startswith("| kg "))}
    assert set(rows) == {"kg events", "kg build --out"}, done.stdout
    for size, peak, wall, bound, result in rows.values():
        assert size == "0.05 MB" and bound == "1500 MB" and result == "pass"
        peak_mb = float(peak.removesuffix(" MB"))
        assert 50 < peak_mb < memory.BOUND_MB  # a loaded spaCy model alone is well above 50 MB
        assert float(wall.removesuffix(" s")) > 0
    assert "RSS" in done.stderr  # the progress line


def test_generated_document_has_the_asked_size_uses_no_wikinews_and_is_repeatable():
    text = memory.make_document(20_000)
    assert 20_000 <= len(text.encode("utf-8")) < 22_000
    assert text == memory.make_document(20_000)
    assert "Wikinews" not in text and text.count(".") > 100


def test_bad_size_is_one_line_error():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "memory.py"), "--size", "lots"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode != 0 and done.stderr.strip().count("\n") == 0
    assert "bad size" in done.stderr

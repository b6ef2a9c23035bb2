"""The CLI as a user meets it: help, version, and one-line errors for bad input."""
from __future__ import annotations

import pytest

from kg import __version__
from kg.cli import COMMANDS, make_parser


def test_version(run_kg):
    proc = run_kg("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"kg {__version__}"


def test_every_command_has_help(run_kg):
    parser = make_parser()
    registered = set(parser._subparsers._group_actions[0].choices)
    assert {"build", "events"} <= registered <= set(COMMANDS)
    for name in sorted(registered):
        proc = run_kg(name, "--help")
        assert proc.returncode == 0, name
        assert f"usage: kg {name}" in proc.stdout


def test_no_command_prints_help_and_fails(run_kg):
    proc = run_kg()
    assert proc.returncode == 2 and "usage: kg" in proc.stderr


@pytest.mark.parametrize("command", ["build", "events"])
def test_missing_path_is_one_line_error(run_kg, tmp_path, command):
    extra = ["--out", str(tmp_path / "out")] if command == "build" else []
    proc = run_kg(command, str(tmp_path / "missing.txt"), *extra)
    assert proc.returncode == 3
    assert proc.stderr.strip().splitlines() == [f"kg: error: {tmp_path / 'missing.txt'}: no such file or directory"]
    assert "Traceback" not in proc.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("make_input,message", [
    (lambda d: (d / "empty.txt").write_text("") and None or d / "empty.txt", "empty file"),
    (lambda d: (d / "folder").mkdir() or d / "folder", "no .txt, .jsonl or .csv files"),
    (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02") and None or d / "bin.txt", "binary file"),
])
def test_bad_inputs_are_one_line_errors(run_kg, tmp_path, make_input, message):
    path = make_input(tmp_path)
    proc = run_kg("events", str(path))
    assert proc.returncode == 3, proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.startswith("kg:")]
    assert len(lines) == 1 and message in lines[0] and str(path) in lines[0]
    assert "Traceback" not in proc.stderr


def test_unknown_model_is_a_usage_error(run_kg, seed_path):
    proc = run_kg("events", str(seed_path), "--model", "no_such_model_xyz")
    assert proc.returncode == 2
    assert "no_such_model_xyz" in proc.stderr and "Traceback" not in proc.stderr


def test_failed_build_leaves_no_empty_output_folder(run_kg, tmp_path):
    (tmp_path / "folder").mkdir()
    proc = run_kg("build", str(tmp_path / "folder"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 3 and "no .txt, .jsonl or .csv files" in proc.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "kept").mkdir()  # a folder that was there before is kept
    proc = run_kg("build", str(tmp_path / "folder"), "--out", str(tmp_path / "kept"))
    assert proc.returncode == 3 and (tmp_path / "kept").is_dir()

"""A real ``kg serve`` on a free localhost port (the browser fixtures are in tests/conftest.py)."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample_ttl(tmp_path_factory) -> Path:
    from kg.maps.sample import sample_graph

    path = tmp_path_factory.mktemp("serve") / "sample.ttl"
    sample_graph().serialize(path, format="turtle")
    return path


@contextlib.contextmanager
def serving(*args: str) -> Iterator[str]:
    """Base URL of ``kg serve ARGS --port 0 --quiet``, stopped when the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", *args, "--port", "0", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env=dict(os.environ, PYTHONWARNINGS="ignore"))
    try:
        url = proc.stdout.readline().strip()
        if not url.startswith("http://"):
            raise AssertionError(f"kg serve did not start: {proc.stderr.read()}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def server(sample_ttl) -> Iterator[str]:
    """Base URL of ``kg serve sample.ttl --port 0`` with small limits (killed at the end)."""
    with serving(str(sample_ttl), "--timeout", "2", "--max-rows", "60", "--max-body", "4000") as url:
        yield url

"""Fixtures shared by all tests: the real spaCy pipeline, loaded once, and the CLI."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_17d850d139d251e7.txt"
KG = [sys.executable, "-m", "kg.cli"]


@pytest.fixture(scope="session")
def nlp():
    """The full Entente pipeline (model + actor and event components)."""
    from kg.pipeline import make_pipeline
    return make_pipeline()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture()
def run_kg():
    """Run the ``kg`` CLI in a subprocess, as a user would; returns CompletedProcess."""
    def run(*args: str, check: bool = False, cwd: Path | None = None, input: str | None = None):
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        proc = subprocess.run([*KG, *map(str, args)], capture_output=True, text=True,
                              cwd=cwd or ROOT, env=env, input=input, timeout=600)
        if check and proc.returncode != 0:
            raise AssertionError(f"kg {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr}")
        return proc
    return run

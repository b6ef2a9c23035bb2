"""The notebooks in ``notebooks/`` run top to bottom with the project's Python.

Each notebook is executed with nbclient in a kernel whose spec (written to a
temporary ``JUPYTER_PATH``) points at ``sys.executable``, so the test needs
nothing but this virtual environment: no Jupyter installation, no user kernel.
The working directory is ``notebooks/``, as in Jupyter. A notebook fails the
test if any cell raises, including its own ``assert`` cells.

Also checked: the notebooks are stored without outputs, and running them
writes nothing into the repository outside git-ignored folders.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
KERNEL = "entente-tests"
#: Seconds any one cell may take (the slowest cell extracts the Wikinews sample).
CELL_TIMEOUT = 300


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A kernel spec for this interpreter, found through a temporary JUPYTER_PATH."""
    base = tmp_path_factory.mktemp("jupyter")
    spec = base / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Entente (tests)", "language": "python",
        "env": {"PYTHONWARNINGS": "ignore", "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
    }))
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", str(base))
    mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
    yield KERNEL
    mp.undo()


def _untracked() -> set[str] | None:
    """Files git does not ignore and does not track (None without git)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    proc = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", "notebooks"],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        return None
    return {line[3:] for line in proc.stdout.splitlines() if line.startswith("??")}


def test_notebooks_found() -> None:
    assert [p.name for p in PATHS] == ["01-quickstart.ipynb", "02-sparql.ipynb",
                                       "03-alliances.ipynb", "04-your-own-text.ipynb"]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_stored_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    assert all(not c.outputs and c.execution_count is None for c in code), \
        f"{path.name}: strip outputs before committing"
    assert any("assert " in c.source for c in code), f"{path.name}: asserts none of its results"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_runs_top_to_bottom(path: Path, kernel_name: str) -> None:
    before = _untracked()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=kernel_name, timeout=CELL_TIMEOUT,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors
    after = _untracked()
    if before is not None and after is not None:
        assert after - before == set(), "the notebook wrote files outside ignored build folders"

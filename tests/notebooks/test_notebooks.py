"""The notebooks in ``notebooks/`` run top to bottom with the project's Python.

Each notebook is executed with nbclient in a kernel whose spec (written to a
temporary ``JUPYTER_PATH``) points at ``sys.executable``, so the test needs
nothing but this virtual environment: no Jupyter installation, no user kernel.
The working directory is ``notebooks/``, as in Jupyter. A notebook fails the
test if any cell raises, including its own ``assert`` cells.

Also checked: the notebooks are stored without outputs, running them writes
nothing into the repository outside git-ignored folders, and the map that
the quickstart shows inline draws its actors in headless Chromium, offline.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterator

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
KERNEL = "entente-tests"
#: Seconds any one cell may take (the slowest cell extracts the Wikinews sample).
CELL_TIMEOUT = 300
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def kernel_name(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernel spec for this interpreter, found through a temporary JUPYTER_PATH.

    Kernel files (connection files, IPython profile) go to the same temporary folder.
    """
    base = tmp_path_factory.mktemp("jupyter")
    spec = base / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Entente (tests)", "language": "python",
        "env": {"PYTHONWARNINGS": "ignore"},
    }))
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", str(base))
    mp.setenv("JUPYTER_RUNTIME_DIR", str(base / "runtime"))  # connection files
    mp.setenv("IPYTHONDIR", str(base / "ipython"))            # no profile in the user's home
    mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    yield KERNEL
    mp.undo()


def _untracked() -> set[str] | None:
    """Files under notebooks/ that git neither tracks nor ignores (None without git)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    proc = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", "notebooks"],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        return None
    return {line[3:] for line in proc.stdout.splitlines() if line.startswith("??")}


@pytest.fixture(scope="module")
def executed(kernel_name: str) -> Callable[[str], nbformat.NotebookNode]:
    """Run a notebook (once per test module) and return it with its outputs."""
    done: dict[str, nbformat.NotebookNode] = {}

    def run(name: str) -> nbformat.NotebookNode:
        if name not in done:
            before = _untracked()
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            client = NotebookClient(nb, kernel_name=kernel_name, timeout=CELL_TIMEOUT,
                                    resources={"metadata": {"path": str(NOTEBOOKS)}})
            client.execute()
            after = _untracked()
            if before is not None and after is not None:
                assert after - before == set(), f"{name} wrote outside git-ignored folders"
            done[name] = nb
        return done[name]
    return run


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
def test_runs_top_to_bottom(path: Path, executed) -> None:
    nb = executed(path.name)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code)
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]


def test_quickstart_map_renders_inline_offline(executed, tmp_path: Path) -> None:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    nb = executed("01-quickstart.ipynb")
    frames = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "text/html" in o.get("data", {}) and "<iframe srcdoc=" in o["data"]["text/html"]]
    assert len(frames) == 1
    host = tmp_path / "notebook-output.html"
    host.write_text(f"<!doctype html><html><body>{frames[0]}</body></html>", encoding="utf-8")
    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "about:", "data:"))
                       else (blocked.append(r.request.url), r.abort()))
            page.goto(host.as_uri())
            frame = next(f for f in page.frames if f is not page.main_frame)
            frame.wait_for_function("window.__ententeReady !== undefined", timeout=20000)
            labels = set(frame.evaluate(
                "() => entente.network.body.nodeIndices.map((id) => entente.nodeById.get(id).label)"))
        finally:
            browser.close()
    assert {"South Korea", "North Korea", "European Union", "Russia"} <= labels
    assert blocked == []

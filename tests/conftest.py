"""Fixtures shared by all tests: the real spaCy pipeline (loaded once), the CLI, headless Chromium."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_17d850d139d251e7.txt"
KG = [sys.executable, "-m", "kg.cli"]
OXIGRAPH = Path(sys.executable).with_name("oxigraph")


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


# --- Headless Chromium (Debian's, driven by Playwright), every non-local request blocked ---

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_SCHEMES = ("file", "data", "blob", "about")
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def is_local(url: str) -> bool:
    """A file or in-page URL, or http(s) to this machine's loopback name."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.scheme in ("http", "https")
                                            and parts.hostname in LOCAL_HOSTS)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watch:
    """What a page tried to do: requests to other hosts, dialogs, errors."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []


@pytest.fixture()
def page(browser) -> Iterator:
    """A fresh page; requests to other hosts are aborted and recorded, dialogs recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    watch = Watch()

    def route(r):
        url = r.request.url
        if is_local(url):
            r.continue_()
        else:
            watch.blocked.append(url)
            r.abort()

    def dialog(d):
        watch.dialogs.append(d.message)
        d.dismiss()

    pg.route("**/*", route)
    pg.on("dialog", dialog)
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.watch = watch
    yield pg
    context.close()


@pytest.fixture()
def node_point():
    """Page coordinates of the visible node with a label."""
    return lambda page, label: tuple(page.evaluate(
        """(label) => {
            const m = window.entente;
            const n = m.data.nodes.find((x) => x.label === label);
            const p = m.network.canvasToDOM(m.network.getPositions([n.id])[n.id]);
            const r = m.canvas.getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", label))


@pytest.fixture()
def edge_point():
    """Page coordinates of the middle of a (straight) edge."""
    return lambda page, edge_id: tuple(page.evaluate(
        """(id) => {
            const m = window.entente;
            const e = m.edgeById.get(id);
            const pos = m.network.getPositions([e.from, e.to]);
            const a = pos[e.from], b = pos[e.to];
            const p = m.network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
            const r = m.canvas.getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", edge_id))


# --- A real Oxigraph SPARQL server (`oxigraph serve` from the oxigraph package) ---
@contextlib.contextmanager
def running_oxigraph(folder: Path):
    """A real ``oxigraph serve`` on a free 127.0.0.1 port, data in ``folder``; its base URL."""
    binary = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    if not binary:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([binary, "serve", "--location", str(folder),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start: {proc.stderr.read()!r}")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """An Oxigraph SPARQL server for the tests of one module."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url

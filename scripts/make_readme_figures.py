"""Regenerate README's figures and screenshots from the seed article.

    .venv/bin/python scripts/make_readme_figures.py            # figures + screenshots
    .venv/bin/python scripts/make_readme_figures.py --check    # exit 1 if README is out of date
    .venv/bin/python scripts/make_readme_figures.py --build-time   # also time the Wikinews build

It builds the seed (``kg build seeds/ --date 2024-11-04``), runs the commands
README quotes and writes their output between the markers
``<!-- figure:NAME -->`` and ``<!-- /figure:NAME -->`` in README.md, then
takes screenshots in headless Chromium (``/usr/bin/chromium``, requests to
other hosts blocked): ``docs/map.png`` (the seed's map), ``docs/timeline.png``
(the map with the timeline narrowed to one day) and ``docs/explorer.png``
(``kg serve`` with a named query run in the console). With ``--build-time``
it times ``kg build`` of the Wikinews corpus and writes that figure too.
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli"]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SEED_DATE = "2024-11-04"


def kg(*args: str) -> str:
    """Run ``kg ARGS`` from the project root; its standard output."""
    done = subprocess.run([*KG, *args], cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"kg {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def block(command: str, output: str) -> str:
    """A fenced block showing a command and its output."""
    return f"```\n$ {command}\n{output.rstrip()}\n```"


def figures(build: Path) -> dict[str, str]:
    """Marker name -> Markdown, from the seed graph in ``build``."""
    ttl = build / "graph.ttl"
    shown = "build/seeds/graph.ttl"
    out: dict[str, str] = {}
    blocs = kg("graph", str(ttl), "blocs")
    path = kg("graph", str(ttl), "path", "EU", "Russia")
    path = "\n".join(path.splitlines()[:8])
    out["blocs"] = (block(f"kg graph {shown} blocs", blocs) + "\n"
                    + block(f"kg graph {shown} path EU Russia", path + "\n…"))
    csv = kg("export", str(ttl), "--format", "events-csv").splitlines()
    cols = ["date", "source_name", "source_country", "event_code", "quad_class", "goldstein",
            "target_name", "target_country"]
    import csv as csvlib

    rows = list(csvlib.DictReader(csv))
    table = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    table += ["| " + " | ".join(r[c] for c in cols) + " |" for r in rows[:5]]
    out["events-csv"] = (f"`kg export {shown} --format events-csv` on the seed: {len(rows)} rows, "
                         f"{len(csv[0].split(','))} columns; the first five, some columns:\n\n"
                         + "\n".join(table))
    return out


def build_time() -> str:
    """Time ``kg build`` of the Wikinews corpus (two processes) and describe it."""
    corpus = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "corpus" / "wikinews").glob("*.csv"))
    with tempfile.TemporaryDirectory(prefix="kg-readme-") as tmp:
        args = ["build", *corpus, "--out", f"{tmp}/out", "--store", f"{tmp}/store", "--jobs", "2",
                "--summary"]
        started = time.perf_counter()
        summary = kg(*args)
        seconds = time.perf_counter() - started
    load = os.getloadavg()[1]  # five-minute load average: other jobs slow the build down
    facts = dict(re.findall(r"^(\w+):\s+([\d,]+)", summary, re.M))
    return (f"Whole build: `kg build corpus/wikinews/*.csv --out build/wikinews --store build/store "
            f"--jobs 2` takes {seconds:.0f} s wall time (model loading, {facts.get('documents', '?')} "
            f"documents, {facts.get('events', '?')} events, {facts.get('triples', '?')} triples, "
            f"graph.ttl and map.html; measured {time.strftime('%Y-%m-%d')} by "
            f"`scripts/make_readme_figures.py --build-time`, load average {load:.1f} on "
            f"{os.cpu_count()} cores).")


def replace_blocks(text: str, blocks: dict[str, str]) -> str:
    """README text with each ``<!-- figure:NAME -->`` … ``<!-- /figure:NAME -->`` filled."""
    for name, body in blocks.items():
        pattern = re.compile(rf"(<!-- figure:{re.escape(name)} -->\n).*?(\n<!-- /figure:{re.escape(name)} -->)",
                             re.S)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no <!-- figure:{name} --> block")
        text = pattern.sub(lambda m: m.group(1) + body + m.group(2), text)
    return text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def screenshots(build: Path, docs: Path) -> list[Path]:
    """docs/map.png, docs/timeline.png and docs/explorer.png, taken in headless Chromium."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen([*KG, "serve", str(build / "graph.ttl"), "--port", str(port), "--quiet"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    written = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            local = ("file:", f"http://127.0.0.1:{port}")
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(local) else r.abort())
            page.goto((build / "map.html").as_uri())
            page.wait_for_function("() => window.__ententeReady !== undefined", timeout=60000)
            page.wait_for_timeout(300)
            page.screenshot(path=docs / "map.png")
            written.append(docs / "map.png")
            last = page.evaluate("entente.timeline.bins.length - 1")
            page.fill("#em-tl-from", str(last))
            page.dispatch_event("#em-tl-from", "input")
            page.mouse.click(*page.evaluate("""() => { const n = entente.data.nodes.find((x) => x.label === 'North Korea');
                const p = entente.network.canvasToDOM(entente.network.getPositions([n.id])[n.id]);
                const r = entente.canvas.getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }"""))
            page.wait_for_timeout(300)
            page.screenshot(path=docs / "timeline.png")
            written.append(docs / "timeline.png")
            for _ in range(100):
                try:
                    page.goto(f"http://127.0.0.1:{port}/#example=condemned&p.target=North+Korea")
                    break
                except Exception:  # the server is still loading
                    time.sleep(0.2)
            page.wait_for_function("() => window.__ententeReady !== undefined", timeout=60000)
            page.wait_for_function("() => /row/.test(document.getElementById('ex-status').textContent)",
                                   timeout=60000)
            page.click("#ex-show")
            page.wait_for_timeout(300)
            page.screenshot(path=docs / "explorer.png")
            written.append(docs / "explorer.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that README's figures are current")
    parser.add_argument("--no-screenshots", action="store_true", help="leave docs/*.png alone")
    parser.add_argument("--build-time", action="store_true", help="also time the Wikinews build (about a minute)")
    parser.add_argument("--readme", default=str(ROOT / "README.md"), help=argparse.SUPPRESS)
    parser.add_argument("--docs", default=str(ROOT / "docs"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    readme = Path(args.readme)
    with tempfile.TemporaryDirectory(prefix="kg-readme-") as tmp:
        build = Path(tmp) / "seeds"
        print(f"$ kg build seeds/ --out {build} --date {SEED_DATE}", file=sys.stderr)
        kg("build", "seeds/", "--out", str(build), "--date", SEED_DATE)
        blocks = figures(build)
        if args.build_time:
            blocks["build-time"] = build_time()
        text = readme.read_text(encoding="utf-8")
        new = replace_blocks(text, blocks)
        if args.check:
            if new != text:
                print(f"{readme}: figures out of date; run {shlex.join(['python', 'scripts/make_readme_figures.py'])}",
                      file=sys.stderr)
                return 1
            print(f"{readme}: figures up to date", file=sys.stderr)
            return 0
        if new != text:
            tmp_readme = readme.with_suffix(".md.tmp")
            tmp_readme.write_text(new, encoding="utf-8")
            os.replace(tmp_readme, readme)
        print(f"wrote {readme} ({', '.join(blocks)})", file=sys.stderr)
        if not args.no_screenshots:
            if not os.path.exists(CHROMIUM):
                raise SystemExit(f"{CHROMIUM} is missing: screenshots need Debian's chromium package")
            for path in screenshots(build, Path(args.docs)):
                print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

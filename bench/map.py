"""Map benchmark: file size and build time for synthetic graphs, and browser load-to-still time.

    .venv/bin/python bench/map.py                 # 1,000, 10,000 and 50,000 actors
    .venv/bin/python bench/map.py --sizes 1000    # just one size
    .venv/bin/python bench/map.py --no-browser    # skip the Chromium measurement
    .venv/bin/python bench/map.py --quick         # 200 actors, a fast check (run by the tests)

Synthetic graphs (:func:`kg.maps.sample.synthetic_pairs`: preferential
attachment, 1.5 events per actor, 10% persons acting for a state) are put in
an in-memory Oxigraph graph, as ``kg map`` reads a file. "Build" is
``write_map``: projection (SPARQL), layout, pyvis data and page. "Load to
still" opens the file in headless Chromium (network blocked) and measures,
from navigation start, the first drawing of the network, then checks that
node positions do not move during the following second.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.maps.map import map_data, render_html  # noqa: E402
from kg.maps.sample import synthetic_pairs  # noqa: E402
from kg.rdf.store import memory_graph, write_atomic  # noqa: E402
from kg.rdf.triples import add_document, new_graph  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def build_graph(n: int):
    """An Oxigraph-backed graph of about ``n`` actors."""
    from kg.rdf.store import add_graph

    g = memory_graph()
    batch = new_graph()
    for i, (doc, events) in enumerate(synthetic_pairs(n, seed=1)):
        add_document(batch, doc, events)
        if i % 200 == 199:
            add_graph(g, batch)
            batch = new_graph()
    add_graph(g, batch)
    return g


def browser_load(path: Path) -> tuple[float, int, bool]:
    """(ms from navigation start to first drawing, drawn nodes, positions still after 1 s)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = b.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(path.as_uri(), timeout=120000)
        page.wait_for_function("() => window.__ententeReady !== undefined", timeout=120000)
        ready = page.evaluate("window.__ententeReady")
        nodes = page.evaluate("entente.network.body.nodeIndices.length")
        before = page.evaluate("JSON.stringify(entente.network.getPositions())")
        page.wait_for_timeout(1000)
        after = page.evaluate("JSON.stringify(entente.network.getPositions())")
        b.close()
    return ready, nodes, before == after


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 10000, 50000])
    ap.add_argument("--browser-size", type=int, default=10000, help="size measured in Chromium")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--quick", action="store_true",
                    help="one small graph of 200 actors, measured in Chromium too (a fast check)")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.browser_size = [200], 200
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-map-"))
    for n in args.sizes:
        t0 = time.perf_counter()
        g = build_graph(n)
        t_gen = time.perf_counter() - t0
        t0 = time.perf_counter()
        data = map_data(g)
        t_data = time.perf_counter() - t0
        t0 = time.perf_counter()
        html = render_html(data)
        path = tmp / f"map-{n}.html"
        write_atomic(path, html)
        t_page = time.perf_counter() - t0
        size = os.path.getsize(path)
        c = data["meta"]["counts"]
        load = ""
        if n == args.browser_size and not args.no_browser and os.path.exists(CHROMIUM):
            ms, drawn, still = browser_load(path)
            load = f"{ms / 1000:.2f} s ({drawn} drawn, {'still' if still else 'MOVING'})"
        rows.append((n, c["actors"], c["events"], len(data["edges"]), size / 1e6, t_data, t_page, t_gen, load))
        print(f"done {n}", file=sys.stderr)
    print(f"\n{'actors':>8} {'nodes':>7} {'events':>7} {'edges':>7} {'file MB':>8} {'build s':>8} "
          f"{'page s':>7} {'(graph gen s)':>13}  load to still")
    for n, nodes, events, edges, mb, t_data, t_page, t_gen, load in rows:
        print(f"{n:>8} {nodes:>7} {events:>7} {edges:>7} {mb:>8.1f} {t_data + t_page:>8.1f} "
              f"{t_page:>7.1f} {t_gen:>13.1f}  {load}")
    print(f"\nfiles in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

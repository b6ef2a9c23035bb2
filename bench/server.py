#!/usr/bin/env python3
"""Server benchmark: ``kg serve``'s /sparql against plain ``oxigraph serve-read-only``.

Generates a small store in the project's shape (the generator of
``bench/sparql.py``: synthetic states, persons and armed forces, documents
with CAMEO-coded events), then in the same run starts on free loopback ports

- **kg**: ``kg serve STORE`` (its HTTP front checks each query, then a query
  process evaluates it with pyoxigraph on the store, read-only, and sends
  the answer back);
- **oxigraph**: ``oxigraph serve-read-only --location STORE
  --union-default-graph`` on the same store: Oxigraph's own server, the
  same evaluation with no guard, no time or memory limit per query;

and for 1, 4 and 16 concurrent clients (threads, one keep-alive
``http.client`` connection each) sends a simple SELECT (a LIMIT 10 over
``ent:Event``, JSON results) for N seconds per run, every answer fully
read and checked (failed queries are counted, not timed), twice:

- **repeated**: the same query text every time;
- **distinct**: every request a new text (another OFFSET and a numbered
  comment), so that nothing decoded or checked before can be reused.

Each configuration runs ``--rounds`` times (default 3), kg and oxigraph
alternating, so that both see the same moments of a noisy machine; the
best run of each counts. Prints queries/s for each, the ratio kg /
oxigraph of the best runs (target >= 0.5) and the range of the ratios of
the rounds. Both servers are always stopped.

Usage: ``python bench/server.py [--seconds 5] [--rounds 3] [--events 20000]``;
``--quick``: a small store, one round of 2 s per configuration. Not run by
the tests except in quick mode.
"""
from __future__ import annotations

import argparse
import http.client
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sparql import build_store, generate  # noqa: E402

from kg.rdf.namespace import SPARQL_PREFIXES  # noqa: E402

QUERY = SPARQL_PREFIXES + """
SELECT ?event ?source ?target WHERE {
  ?event a ent:Event ; ent:source ?source ; ent:target ?target .
} LIMIT 10
"""
CLIENTS = (1, 4, 16)
#: How ``kg`` is started (the venv's entry point).
KG = [str(Path(sys.executable).parent / "kg")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(conn: http.client.HTTPConnection, path: str, host: str, query: str = QUERY) -> int:
    """One query on a keep-alive connection; the number of result rows."""
    conn.request("GET", f"{path}?{urlencode({'query': query})}",
                 headers={"Host": host, "Accept": "application/sparql-results+json"})
    resp = conn.getresponse()
    body = resp.read()
    if resp.status != 200:
        raise RuntimeError(f"HTTP {resp.status}: {body[:200]!r}")
    return len(json.loads(body)["results"]["bindings"])


def wait_until_up(port: int, path: str, proc: subprocess.Popen, name: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            ask(conn, path, f"127.0.0.1:{port}")
            conn.close()
            return
        except (OSError, RuntimeError, http.client.HTTPException):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer within 60 s")
            time.sleep(0.1)


def distinct(i: int, n: int, offsets: int) -> str:
    """The ``n``-th query text of client ``i``: another OFFSET, and a text never sent before."""
    return f"{QUERY}OFFSET {(n * 7 + i) % offsets}\n# client {i}, request {n}\n"


def load(port: int, path: str, clients: int, seconds: float,
         offsets: int = 0) -> tuple[float, int, str]:
    """Answered queries per second from ``clients`` threads over ``seconds``; failures; the first.

    ``offsets``: 0 sends the same query every time, else :func:`distinct`
    texts with offsets below it.
    """
    counts = [0] * clients
    errors: list[str] = []
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start.wait()
        while time.perf_counter() < stop_at[0]:
            try:
                query = distinct(i, counts[i], offsets) if offsets else QUERY
                if ask(conn, path, f"127.0.0.1:{port}", query) != 10:
                    raise RuntimeError("expected 10 rows")
                counts[i] += 1
            except Exception as exc:  # noqa: BLE001 - counted and shown
                errors.append(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    t0 = time.perf_counter()
    stop_at[0] = t0 + seconds
    start.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    return sum(counts) / elapsed, len(errors), (errors or [""])[0]


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per run (default 5)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs of each configuration, kg and oxigraph alternating (default 3)")
    parser.add_argument("--events", type=int, default=20000, help="synthetic events (default 20000)")
    parser.add_argument("--quick", action="store_true", help="small store, one round of 2 s per configuration")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.events, args.rounds = 2.0, 1000, 1
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="kg-bench-server-") as tmp:
        nt, store = Path(tmp) / "graph.nt", Path(tmp) / "store"
        generate(nt, args.events, 30, 10)
        build_store(nt, store)
        print(f"store: {args.events:,} events; {args.rounds} round(s) of {args.seconds:g} s "
              "per configuration", flush=True)
        procs: list[subprocess.Popen] = []
        try:
            kg_port, ox_port = free_port(), free_port()
            procs.append(subprocess.Popen(
                [*KG, "serve", str(store), "--port", str(kg_port), "--quiet"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            procs.append(subprocess.Popen(
                [str(bin_dir / "oxigraph"), "serve-read-only", "--location", str(store),
                 "--bind", f"127.0.0.1:{ox_port}", "--union-default-graph"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            wait_until_up(kg_port, "/sparql", procs[0], "kg serve")
            wait_until_up(ox_port, "/query", procs[1], "oxigraph serve-read-only")
            conn = http.client.HTTPConnection("127.0.0.1", kg_port, timeout=120)
            conn.request("GET", "/api/map.json")  # measure after the start-up work is done
            conn.getresponse().read()
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", kg_port, timeout=10)
            try:  # kg serve answers only to its own address (DNS rebinding)
                ask(conn, "/sparql", "rebind.example.org")
                raise RuntimeError("kg serve answered a foreign Host header")
            except RuntimeError as exc:
                if "HTTP 403" not in str(exc):
                    raise
            conn.close()
            rows, failures = [], []
            for mode, offsets in (("repeated", 0), ("distinct", 50)):
                for n in CLIENTS:
                    runs = []  # (kg q/s, oxigraph q/s) of each round, alternating
                    kg_err = ox_err = 0
                    for _ in range(args.rounds):
                        kg_qps, err, kg_first = load(kg_port, "/sparql", n, args.seconds, offsets)
                        kg_err += err
                        failures += [f"kg, {mode}, {n} clients: {kg_first}"] if err else []
                        ox_qps, err, ox_first = load(ox_port, "/query", n, args.seconds, offsets)
                        ox_err += err
                        failures += [f"oxigraph, {mode}, {n} clients: {ox_first}"] if err else []
                        runs.append((kg_qps, ox_qps))
                    kg_best, ox_best = max(r[0] for r in runs), max(r[1] for r in runs)
                    ratios = sorted(r[0] / r[1] for r in runs)
                    rows.append((mode, n, kg_best, ox_best, kg_best / ox_best, kg_err, ox_err,
                                 ratios[0], ratios[-1]))
        finally:
            for proc in procs:
                stop(proc)
    print("| queries | clients | kg q/s | oxigraph q/s | kg / oxigraph | rounds' ratios | "
          "failed (kg / oxigraph) |")
    print("|---------|--------:|-------:|-------------:|--------------:|---------------:|"
          "-----------------------:|")
    for mode, n, kg_qps, ox_qps, ratio, kg_err, ox_err, low, high in rows:
        print(f"| {mode} | {n} | {kg_qps:,.0f} | {ox_qps:,.0f} | {ratio:.2f}x | "
              f"{low:.2f}-{high:.2f} | {kg_err} / {ox_err} |")
    for failure in failures:
        print(f"first failure, {failure}")
    for mode, n, _, _, ratio, *_ in rows:
        print(f"ratio {mode}, {n} clients: {ratio:.2f} ({'ok' if ratio >= 0.5 else 'BELOW'} target 0.5)")
    print(f"lowest ratio: {min(r[4] for r in rows):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""SPARQL benchmark: the named queries (``kg/queries/*.rq``) on 1M (and 10M) triples.

Generates graphs in the project's shape (synthetic states, persons and armed
forces acting for them; documents with CAMEO-coded events, their mentions
and direct actor-to-actor triples, all written by
``kg.rdf.triples.add_document``), streamed to N-Triples one batch of
documents at a time, bulk-loads each into an on-disk store
(``kg.rdf.store.open_store``: with the ontology and the CAMEO scheme) and
compacts it (``kg.rdf.store.optimize``, as ``kg build --store`` does), then
in the same run times every named query, with parameters naming the
busiest pair of states (one by label, one by Wikidata QID):

- **kg**: ``kg.query.run_query`` on the store opened read-only
  (``kg.rdf.store.open_read_only``), what ``kg query`` does;
- **raw**: ``pyoxigraph.Store.query`` on the same store with the same text
  (parameters substituted), the same default graph and prefixes;

every row fully read, row counts compared. Also the whole ``kg query``
process against the ``oxigraph query`` command, and ``kg --help``.
Prints a table with kg / raw ratios.

Usage: ``python bench/sparql.py [--ten-million] [--repeat 3] [--keep DIR]``.
1M triples: about 2 minutes; ``--ten-million`` adds a 10M-triple store
(about 20 minutes more, 3 GB of disk). Not run by the tests.
"""
from __future__ import annotations

import argparse
import gc
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tqdm import tqdm  # noqa: E402

from kg import ids  # noqa: E402
from kg.model import ActorRef, Document, Event  # noqa: E402
from kg.rdf.namespace import relation_for  # noqa: E402
from kg.rdf.triples import add_document, new_graph  # noqa: E402

#: A spread of CAMEO codes (code, PLOVER, Goldstein).
CODES = [("010", "STATEMENT", 0.0), ("020", "REQUEST", 3.0), ("036", "AGREE", 4.0),
         ("040", "CONSULT", 1.0), ("042", "CONSULT", 1.9), ("051", "SUPPORT", 3.4),
         ("057", "SUPPORT", 8.0), ("061", "COOPERATE", 6.4), ("072", "AID", 8.3),
         ("073", "AID", 7.4), ("0874", "RETREAT", 10.0), ("090", "ACCUSE", -2.0),
         ("1056", "REQUEST", -5.0), ("111", "ACCUSE", -2.0), ("112", "ACCUSE", -2.0),
         ("120", "REJECT", -4.0), ("138", "THREATEN", -7.0), ("141", "PROTEST", -6.5),
         ("154", "MOBILIZE", -7.2), ("163", "COERCE", -8.0), ("173", "COERCE", -5.0),
         ("190", "ASSAULT", -10.0), ("195", "ASSAULT", -10.0)]

#: Events per million triples (measured: ~22 triples an event with its mention and document).
EVENTS_PER_MILLION = 45000


def _iso3(i: int) -> str:
    return "".join(chr(65 + (i // 26 ** k) % 26) for k in (2, 1, 0))


def actors(n_states: int) -> list[ActorRef]:
    """Synthetic states, each with two persons and an armed force acting for it."""
    out = []
    for i in range(n_states):
        qid = f"Q{900000 + i}"
        label = f"State {i}"
        out.append(ActorRef(ids.actor_iri("State", wikidata=qid, label=label), label, "State",
                            wikidata=qid, iso3=_iso3(i), country=qid))
        for role in ("Foreign Minister", "Defense Minister"):
            name = f"{role.split()[0]} minister {i}"
            out.append(ActorRef(ids.actor_iri("Person", label=name, country=qid), name, "Person",
                                country=qid, role=role))
        force = f"Forces of state {i}"
        out.append(ActorRef(ids.actor_iri("ArmedForce", label=force, country=qid), force,
                            "ArmedForce", country=qid, role="troops"))
    return out


def generate(path: Path, n_events: int, n_states: int, per_doc: int, seed: int = 7) -> tuple:
    """Write ``n_events`` synthetic events as N-Triples; the busiest pair of states (a, b)."""
    rnd = random.Random(seed)
    pool = actors(n_states)
    weights = [1.0 / (1 + i // 4) ** 0.8 for i in range(len(pool))]  # some pairs much busier
    pairs: Counter = Counter()
    n_docs = (n_events + per_doc - 1) // per_doc
    made = 0
    g = new_graph()
    with open(path, "wb") as out:
        for d in tqdm(range(n_docs), desc=f"generate {n_events:,} events", unit="doc", leave=False):
            date = f"{2015 + d // (28 * 12) % 10}-{1 + (d // 28) % 12:02d}-{1 + d % 28:02d}"
            doc = Document(id=f"bench/{d:07d}.txt", text="", date=date, title=f"Report {d}",
                           url=f"https://news.example.org/{d}")
            events, offset = [], 0
            for _ in range(min(per_doc, n_events - made)):
                src, tgt = rnd.choices(pool, weights, k=2)
                if src.country == tgt.country:
                    tgt = pool[(pool.index(tgt) + 4) % len(pool)]
                code, plover, gold = rnd.choice(CODES)
                sentence = f"{src.label} acted ({code}) towards {tgt.label} in report {d}."
                start, end = offset, offset + len(sentence)
                offset = end + 1
                iri = ids.event_iri(doc.id, start, end, code, src.id, tgt.id)
                modality = rnd.choices(["asserted", "expected", "demanded", "alleged"], [85, 7, 5, 3])[0]
                events.append(Event(iri, doc.id, sentence, start, end, src, tgt, code, plover,
                                    relation_for(code), gold, modality=modality,
                                    negated=rnd.random() < 0.05,
                                    confidence=round(rnd.uniform(0.3, 0.99), 2), trigger="acted"))
                if src.type == tgt.type == "State" and code.startswith("11"):
                    pairs[(src.label, tgt.wikidata)] += 1
                made += 1
            add_document(g, doc, events)
            if d % 200 == 199 or d == n_docs - 1:
                out.write(g.serialize(format="nt", encoding="utf-8"))
                g = new_graph()
    return pairs.most_common(1)[0][0]


def build_store(nt: Path, location: Path) -> float:
    """Bulk-load ``nt`` into a new store (with the vocabularies); seconds taken."""
    import pyoxigraph as ox

    from kg.rdf.store import open_store, optimize

    t = time.perf_counter()
    graph = open_store(location)
    graph.store._inner.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)  # type: ignore
    optimize(graph)  # as kg build does for a store it wrote: lookups 7x faster at 10M
    graph.close()
    return time.perf_counter() - t


def timed(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def bench_store(location: Path, a: str, b: str, repeat: int) -> list[tuple]:
    """(query, kg s, raw s, kg rows, raw rows) for every named query."""
    import pyoxigraph as ox

    from kg.query import QUERY_PREFIXES, named_queries, run_query, substitute
    from kg.rdf.store import VOCABULARIES, open_read_only

    values = {"a": a, "b": b, "target": b, "source": a, "actor": b, "person": "",
              "relation": "disapprovesOf"}
    graph = open_read_only(location)
    inner = graph.store._inner  # type: ignore[attr-defined]
    defaults = [ox.DefaultGraph()] + [ox.NamedNode(v) for v in VOCABULARIES]
    rows = []
    try:
        for q in named_queries().values():
            params = {k: values.get(k, v[0]) for k, v in q.params.items()}
            text = substitute(q.text, params)

            def raw(text=text):
                res = inner.query(text, default_graph=defaults, prefixes=QUERY_PREFIXES)
                names = [v.value for v in res.variables]
                return [[None if s[v] is None else s[v].value for v in names] for s in res]

            raw_t, raw_rows = timed(raw, repeat)
            kg_t, kg_res = timed(lambda q=q, params=params: run_query(graph, q.text, params).rows, repeat)
            rows.append((q.name, kg_t, raw_t, len(kg_res), len(raw_rows)))
            print(f"  {q.name}: kg {kg_t:.3f} s, raw {raw_t:.3f} s, {len(kg_res)} rows", file=sys.stderr)
    finally:
        graph.close()
    return rows


def bench_processes(location: Path, a: str, b: str, repeat: int) -> list[tuple]:
    """The ``kg query`` process against ``oxigraph query`` (same query), and ``kg --help``."""
    from kg.query import QUERY_PREFIXES, named_queries, substitute
    from kg.server.backend import oxigraph_binary

    q = named_queries()["between"]
    text = "".join(f"PREFIX {p}: <{i}>\n" for p, i in QUERY_PREFIXES.items()) + \
        substitute(q.text, {"a": a, "b": b})
    kg = [sys.executable, "-m", "kg.cli"]

    def run(cmd):
        return lambda: subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)

    kg_t, _ = timed(run(kg + ["query", str(location), "between", "-p", f"a={a}", "-p", f"b={b}",
                              "-f", "csv"]), repeat)
    ox_t, _ = timed(run([oxigraph_binary(), "query", "--location", str(location), "--query", text,
                         "--results-format", "csv", "--union-default-graph"]), repeat)
    help_t, _ = timed(run(kg + ["--help"]), repeat)
    ver_t, _ = timed(run(kg + ["--version"]), repeat)
    bare_t, _ = timed(run([sys.executable, "-c", "pass"]), repeat)
    return [("process: kg query between / oxigraph query", kg_t, ox_t, "", ""),
            ("process: kg --help / python -c pass", help_t, bare_t, "", ""),
            ("process: kg --version / python -c pass", ver_t, bare_t, "", "")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ten-million", action="store_true", help="also 10M triples (~20 min)")
    parser.add_argument("--millions", type=float, nargs="*", default=None,
                        help="store sizes in millions of triples (default: 1, and 10 with --ten-million)")
    parser.add_argument("--states", type=int, default=150, help="synthetic states (default 150)")
    parser.add_argument("--per-doc", type=int, default=10, help="events per document (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query, best kept (default 3)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep (and reuse) the generated stores in this directory")
    args = parser.parse_args(argv)
    import pyoxigraph as ox

    sizes = args.millions or ([1.0, 10.0] if args.ten_million else [1.0])
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    tables = []
    try:
        for millions in sizes:
            n_events = int(millions * EVENTS_PER_MILLION)
            location = work / f"store-{millions:g}M"
            pair_file = work / f"pair-{millions:g}M.txt"
            if not (location.exists() and pair_file.exists()):
                nt = work / f"graph-{millions:g}M.nt"
                t = time.perf_counter()
                a, b = generate(nt, n_events, args.states, args.per_doc)
                gen = time.perf_counter() - t
                shutil.rmtree(location, ignore_errors=True)
                load = build_store(nt, location)
                nt.unlink()
                pair_file.write_text(f"{a}\n{b}\n")
                print(f"{millions:g}M: generated in {gen:.0f} s, loaded in {load:.0f} s", file=sys.stderr)
            a, b = pair_file.read_text().split("\n")[:2]
            n = len(ox.Store.read_only(str(location)))
            rows = bench_store(location, a, b, args.repeat)
            if millions == sizes[0]:
                rows += bench_processes(location, a, b, args.repeat)
            tables.append((n, a, b, rows))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    for n, a, b, rows in tables:
        print(f"\nNamed queries on {n:,} quads (with the vocabularies), pyoxigraph {ox.__version__}; "
              f"a = {a!r}, b = {b!r}; best of {args.repeat}\n")
        print(f"| {'query':44} | {'kg s':>7} | {'raw s':>7} | {'kg/raw':>6} | {'rows':>9} |")
        print(f"|{'-' * 46}|{'-' * 9}|{'-' * 9}|{'-' * 8}|{'-' * 11}|")
        for name, kg_t, raw_t, n_kg, n_raw in rows:
            ratio = kg_t / raw_t if raw_t > 0 else float("inf")
            count = "" if n_kg == "" else (f"{n_kg}" if n_kg == n_raw else f"{n_kg} != {n_raw}")
            print(f"| {name:44} | {kg_t:7.3f} | {raw_t:7.3f} | {ratio:5.2f}x | {count:>9} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

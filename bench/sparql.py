#!/usr/bin/env python3
"""SPARQL benchmark: the project's Oxigraph store against rdflib's in-memory store.

Generates a graph of about one million triples in the project's shape
(synthetic states, persons and armed forces; documents with CAMEO-coded events,
their mentions and direct actor-to-actor triples, all written by
``kg.rdf.triples.add_document``), writes it as N-Triples, then in the same run:

- loads it into an on-disk Oxigraph store (``kg.rdf.store.open_store``) and
  into an rdflib in-memory ``Graph`` (same file, both with the ontology and
  the CAMEO scheme), timing each load;
- times typical queries (most on the direct actor-to-actor triples) on both:
  Oxigraph through ``kg.query.run_query`` (what ``kg query`` does), rdflib
  through ``Graph.query``; results are fully read and row counts compared;
- prints a table with the ratio rdflib / Oxigraph.

Usage: ``python bench/sparql.py [--events 45000] [--repeat 3]`` (a few
minutes and ~3 GB of memory at the default size). Not run by the tests.
"""
from __future__ import annotations

import argparse
import gc
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rdflib import Graph  # noqa: E402

from kg import ids  # noqa: E402
from kg.model import ActorRef, Document, Event  # noqa: E402
from kg.rdf.namespace import ROOT_RELATIONS, relation_for  # noqa: E402
from kg.rdf.triples import add_document, new_graph  # noqa: E402

ONT = ROOT / "ontologies"
#: A spread of CAMEO codes (code, PLOVER, Goldstein).
CODES = [("010", "STATEMENT", 0.0), ("020", "REQUEST", 3.0), ("036", "AGREE", 4.0),
         ("040", "CONSULT", 1.0), ("042", "CONSULT", 1.9), ("051", "SUPPORT", 3.4),
         ("057", "SUPPORT", 8.0), ("061", "COOPERATE", 6.4), ("072", "AID", 8.3),
         ("073", "AID", 7.4), ("0874", "RETREAT", 10.0), ("090", "ACCUSE", -2.0),
         ("1056", "REQUEST", -5.0), ("111", "ACCUSE", -2.0), ("112", "ACCUSE", -2.0),
         ("120", "REJECT", -4.0), ("138", "THREATEN", -7.0), ("141", "PROTEST", -6.5),
         ("154", "MOBILIZE", -7.2), ("163", "COERCE", -8.0), ("173", "COERCE", -5.0),
         ("190", "ASSAULT", -10.0), ("195", "ASSAULT", -10.0)]

P = "PREFIX ent: <https://w3id.org/entente/ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" \
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n" \
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"


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


def generate(n_events: int, n_states: int, per_doc: int, seed: int = 7) -> Graph:
    """A graph of ``n_events`` synthetic events in the project's shape."""
    rnd = random.Random(seed)
    pool = actors(n_states)
    # a skewed choice so that some pairs have many events (as in real news)
    weights = [1.0 / (1 + i // 4) ** 0.8 for i in range(len(pool))]
    g = new_graph()
    n_docs = (n_events + per_doc - 1) // per_doc
    made = 0
    for d in range(n_docs):
        day = 1 + d % 28
        month = 1 + (d // 28) % 12
        year = 2015 + d // (28 * 12) % 10
        date = f"{year}-{month:02d}-{day:02d}"
        doc = Document(id=f"bench/{d:06d}.txt", text="", date=date, title=f"Report {d}",
                       url=f"https://news.example.org/{d}")
        events = []
        offset = 0
        for _ in range(min(per_doc, n_events - made)):
            src, tgt = rnd.choices(pool, weights, k=2)
            if src.country == tgt.country:
                tgt = pool[(pool.index(tgt) + 4) % len(pool)]
            code, plover, gold = rnd.choice(CODES)
            sentence = f"{src.label} acted ({code}) towards {tgt.label} in report {d}."
            start, end = offset, offset + len(sentence)
            offset = end + 1
            negated = rnd.random() < 0.05
            modality = rnd.choices(["asserted", "expected", "demanded", "alleged"], [85, 7, 5, 3])[0]
            iri = ids.event_iri(doc.id, start, end, code, src.id, tgt.id)
            events.append(Event(iri, doc.id, sentence, start, end, src, tgt, code, plover,
                                relation_for(code), gold, modality=modality, negated=negated,
                                confidence=round(rnd.uniform(0.3, 0.99), 2), trigger="acted"))
            made += 1
        add_document(g, doc, events)
    return g


def queries(a: str, b: str) -> dict[str, str]:
    """Typical queries; ``a`` and ``b`` are actor IRIs with many events between them."""
    return {
        "count direct disapprovesOf": P + "SELECT (COUNT(*) AS ?n) WHERE { ?s ent:disapprovesOf ?o }",
        "who condemned actor B": P + f"SELECT ?s ?l WHERE {{ ?s ent:disapprovesOf <{b}> . ?s rdfs:label ?l }}",
        "partners of A (subPropertyOf)": P + f"""SELECT ?kind ?o ?l WHERE {{
            <{a}> ?p ?o . ?p rdfs:subPropertyOf ?kind .
            ?kind rdfs:subPropertyOf ent:interactsWith . ?o rdfs:label ?l }}""",
        "conflict partners per actor": P + """SELECT ?s (COUNT(DISTINCT ?o) AS ?n) WHERE {
            ?s ?p ?o . ?p rdfs:subPropertyOf ent:conflictsWith } GROUP BY ?s ORDER BY DESC(?n) LIMIT 20""",
        "two-hop allies of A": P + f"""SELECT DISTINCT ?c WHERE {{
            <{a}> ent:aids ?x . ?x ent:aids ?c . FILTER (?c != <{a}>) }}""",
        "events A->B over time": P + f"""SELECT ?date ?code ?sentence WHERE {{
            ?e ent:source <{a}> ; ent:target <{b}> ; ent:cameoCode ?code ; ent:date ?date ;
               prov:wasDerivedFrom/ent:sentenceText ?sentence }} ORDER BY ?date""",
        "evidence for edge A disapprovesOf B": P + f"""SELECT ?e ?sentence ?doc WHERE {{
            ?e ent:source <{a}> ; ent:target <{b}> ; ent:relation ent:disapprovesOf ;
               prov:wasDerivedFrom ?m . ?m ent:sentenceText ?sentence ; dcterms:isPartOf/dcterms:identifier ?doc }}""",
        "CAMEO roll-up (skos:broader*)": P + """SELECT ?root (COUNT(?e) AS ?n) WHERE {
            ?e ent:eventCode ?c . ?c skos:broader* ?root . ?root skos:topConceptOf ?scheme }
            GROUP BY ?root ORDER BY ?root""",
        "CAMEO roll-up (count per code first)": P + """SELECT ?root (SUM(?k) AS ?n) WHERE {
            { SELECT ?c (COUNT(?e) AS ?k) WHERE { ?e ent:eventCode ?c } GROUP BY ?c }
            ?c skos:broader* ?root . ?root skos:topConceptOf ?scheme }
            GROUP BY ?root ORDER BY ?root""",
    }


def timed(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=45000, help="synthetic events (default 45000)")
    parser.add_argument("--states", type=int, default=150, help="synthetic states (default 150)")
    parser.add_argument("--per-doc", type=int, default=10, help="events per document (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query, best kept (default 3)")
    parser.add_argument("--rdflib-repeat", type=int, default=1,
                        help="runs per query on rdflib (default 1: it is slow)")
    args = parser.parse_args(argv)

    import pyoxigraph as ox

    from kg.query import run_query
    from kg.rdf.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        t = time.perf_counter()
        g = generate(args.events, args.states, args.per_doc)
        n = len(g)
        nt = tmp / "graph.nt"
        g.serialize(nt, format="nt", encoding="utf-8")
        gen = time.perf_counter() - t
        print(f"generated {n:,} triples ({args.events:,} events, {args.states * 4} actors) "
              f"in {gen:.1f} s -> {nt.stat().st_size / 1e6:.0f} MB N-Triples", file=sys.stderr)
        a, b = _busiest_pair(g)
        del g
        gc.collect()

        t = time.perf_counter()
        store = open_store(tmp / "store")
        store.store._inner.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        ox_load = time.perf_counter() - t
        assert len(store) == n, (len(store), n)

        t = time.perf_counter()
        mem = Graph()
        mem.parse(nt, format="nt")
        rd_load = time.perf_counter() - t
        mem.parse(ONT / "entente.ttl", format="turtle")
        mem.parse(ONT / "cameo.ttl", format="turtle")

        rows = [(f"load N-Triples ({n / 1e6:.2f}M triples)", ox_load, rd_load, "", "")]
        for name, q in queries(a, b).items():
            ox_t, ox_res = timed(lambda q=q: run_query(store, q).rows, args.repeat)
            rd_t, rd_res = timed(lambda q=q: list(mem.query(q)), args.rdflib_repeat)
            rows.append((name, ox_t, rd_t, len(ox_res), len(rd_res)))
            print(f"  {name}: oxigraph {ox_t:.3f} s, rdflib {rd_t:.3f} s", file=sys.stderr)
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\nSPARQL benchmark: {n:,} triples, Oxigraph on-disk store (pyoxigraph "
          f"{ox.__version__}) vs rdflib in-memory Graph; best of {args.repeat} (rdflib: "
          f"{args.rdflib_repeat})\n")
    print(f"| {'operation':38} | {'Oxigraph s':>10} | {'rdflib s':>9} | {'rdflib/Oxigraph':>15} | {'rows':>11} |")
    print(f"|{'-' * 40}|{'-' * 12}|{'-' * 11}|{'-' * 17}|{'-' * 13}|")
    for name, ox_t, rd_t, n_ox, n_rd in rows:
        ratio = rd_t / ox_t if ox_t > 0 else float("inf")
        count = "" if n_ox == "" else (f"{n_ox}" if n_ox == n_rd else f"{n_ox} != {n_rd}")
        print(f"| {name:38} | {ox_t:10.3f} | {rd_t:9.3f} | {ratio:14.1f}x | {count:>11} |")
    return 0


def _busiest_pair(g: Graph) -> tuple[str, str]:
    """Source and target IRIs of the pair of states with the most disapprovesOf events."""
    from collections import Counter

    from kg.rdf.namespace import ENT

    counts: Counter = Counter()
    for e in g.subjects(ENT.relation, ENT.disapprovesOf):
        s, o = g.value(e, ENT.source), g.value(e, ENT.target)
        if "/person/" not in s and "/person/" not in o and "/armedforce/" not in s + o:
            counts[(str(s), str(o))] += 1
    return counts.most_common(1)[0][0]


assert len(ROOT_RELATIONS) == 20  # the direct triples the queries use

if __name__ == "__main__":
    sys.exit(main())

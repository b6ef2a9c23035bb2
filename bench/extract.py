"""Extraction speed: ``kg build``'s extractor against bare spaCy, same texts, same model, same run.

For each number of processes (1 and 2 by default) this times

- *spaCy nlp.pipe*: ``nlp.pipe(texts, n_process=N)`` with the model as
  installed (every component it ships with), the Docs thrown away;
- *spaCy, our runner*: the same bare model run by :mod:`kg.parallel`
  (Entente's worker processes), since spaCy's own ``n_process`` pays for
  shipping every parsed Doc back to the parent;
- *Entente*: :func:`kg.pipeline.extract` with ``jobs=N`` (the code path of
  ``kg build``/``kg events``): the same model with the components Entente
  does not use left out, plus the actor and event components, events
  returned to this process;

over the documents of the Wikinews corpus (``corpus/wikinews/*.csv``, read
by :mod:`kg.ingest` exactly as ``kg build`` reads them), and prints words
per second (whitespace-separated words of the input texts) and the ratio
Entente / the faster bare way. Model loading is outside the timings; worker
start-up is inside them, for all. Each is timed ``--repeat`` times (default 2),
alternating, and the fastest kept. Target: ratio >= 0.8.

    python bench/extract.py            # the whole corpus (about 216,000 words)
    python bench/extract.py --quick    # the first 40 documents, a fast check
    python bench/extract.py --profile  # also: cProfile of Entente's own functions
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = sorted((ROOT / "corpus" / "wikinews").glob("*.csv"))


def load_documents(limit: int | None):
    from kg.ingest import Reader

    docs = list(Reader(warn=lambda message: None).read([str(p) for p in CORPUS]))
    return docs[:limit] if limit else docs


def time_bare(nlp, texts: list[str], n_process: int, batch_size: int) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def _count_words(nlp, texts: list[str], batch_size: int) -> int:
    """Parse ``texts`` with bare spaCy and send back only a count (what our workers do)."""
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))


def time_bare_runner(nlp, documents, jobs: int, batch_size: int) -> float:
    """Bare spaCy (no Entente components) run the way :mod:`kg.parallel` runs Entente.

    Batches of :data:`kg.parallel.BATCH_DOCS` documents go to ``jobs`` forked
    worker processes that parse them and send back only a small result, not
    the parsed ``Doc`` objects. (``kg.parallel.process`` itself needs the
    actor component, which a bare model does not have.)
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.parallel import BATCH_DOCS, batched

    texts = [d.text for d in documents]
    started = time.perf_counter()
    if jobs <= 1:
        _count_words(nlp, texts, batch_size)
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_set_bare,
                                 initargs=(nlp,)) as pool:
            for _ in pool.map(partial(_bare_batch, batch_size=batch_size),
                              batched(texts, BATCH_DOCS)):
                pass
    return time.perf_counter() - started


_BARE: dict[str, object] = {}


def _set_bare(nlp) -> None:
    _BARE["nlp"] = nlp


def _bare_batch(texts: list[str], batch_size: int) -> int:
    return _count_words(_BARE["nlp"], texts, batch_size)


def time_entente(nlp, documents, jobs: int, batch_size: int) -> tuple[float, int]:
    from kg.pipeline import extract

    started = time.perf_counter()
    events = sum(len(evs) for _, evs in extract(documents, nlp, jobs=jobs,
                                                batch_size=batch_size))
    return time.perf_counter() - started, events


def component_times(nlp, documents, batch_size: int) -> list[tuple[str, float]]:
    """Wall time of the tokenizer and of each component, run one after the other over all texts."""
    times = []
    started = time.perf_counter()
    docs = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.doc_id, doc._.doc_date = document.id, document.date
        docs.append(doc)
    times.append(("tokenizer", time.perf_counter() - started))
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        times.append((name, time.perf_counter() - started))
    return times


def profile(nlp, documents, top: int) -> str:
    """cProfile of one-process extraction: Entente's own functions by cumulative time."""
    from kg.pipeline import extract

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in extract(documents, nlp):
        pass
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(r"/kg/", top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="first 40 documents only")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--jobs", default="1,2", help="process counts to time (default 1,2)")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size")
    parser.add_argument("--model", default=None, help="spaCy model (default: Entente's)")
    parser.add_argument("--profile", action="store_true", help="cProfile one-process extraction")
    parser.add_argument("--repeat", type=int, default=2,
                        help="time each configuration N times, keep the fastest (default 2)")
    args = parser.parse_args()

    import spacy

    from kg.nlp import DEFAULT_MODEL
    from kg.pipeline import EXCLUDED_PIPES, make_pipeline

    model = args.model or DEFAULT_MODEL
    documents = load_documents(40 if args.quick and not args.limit else args.limit)
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(model)
    entente = make_pipeline(model)
    print(f"corpus: {len(documents)} documents, {words:,} words ({', '.join(p.name for p in CORPUS)})")
    print(f"model:  {model}; bare pipes: {', '.join(bare.pipe_names)}")
    print(f"        Entente pipes: {', '.join(entente.pipe_names)}"
          f" (left out: {', '.join(EXCLUDED_PIPES) or 'none'})")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}")
    print()
    print(f"{'processes':>9}  {'spaCy nlp.pipe':>14}  {'spaCy, our runner':>17}  "
          f"{'Entente':>8}  {'ratio':>5}  {'events':>6}   (words/s)")
    worst = None
    for _ in entente.pipe(texts[:5]):  # warm both up: first calls allocate
        pass
    for _ in bare.pipe(texts[:5]):
        pass
    for jobs in [int(j) for j in args.jobs.split(",")]:
        bare_s = runner_s = ent_s = float("inf")
        for _ in range(max(1, args.repeat)):  # alternate, so load from elsewhere hits all
            bare_s = min(bare_s, time_bare(bare, texts, jobs, args.batch_size))
            runner_s = min(runner_s, time_bare_runner(bare, documents, jobs, args.batch_size))
            seconds, events = time_entente(entente, documents, jobs, args.batch_size)
            ent_s = min(ent_s, seconds)
        ratio = min(bare_s, runner_s) / ent_s  # against the faster way of running bare spaCy
        worst = ratio if worst is None else min(worst, ratio)
        print(f"{jobs:>9}  {words / bare_s:>14,.0f}  {words / runner_s:>17,.0f}  "
              f"{words / ent_s:>8,.0f}  {ratio:>5.2f}  {events:>6}", flush=True)
    print()
    print(f"lowest ratio: {worst:.2f} (target >= 0.8): {'OK' if worst >= 0.8 else 'BELOW TARGET'}")
    print()
    print("where the time goes (one process, each component over all texts in turn):")
    times = component_times(entente, documents, args.batch_size)
    total = sum(t for _, t in times)
    ours = sum(t for name, t in times if name.startswith("entente_"))
    for name, seconds in times:
        print(f"  {name:<16} {seconds:7.2f}s  {100 * seconds / total:5.1f}%")
    print(f"  Entente's own components: {100 * ours / total:.1f}% of the total")
    if args.profile:
        print()
        print(profile(entente, documents, 30))
    return 0


if __name__ == "__main__":
    sys.exit(main())

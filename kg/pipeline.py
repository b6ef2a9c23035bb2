"""The pipeline: documents through spaCy and the extractors to events, and on to files.

``make_pipeline`` composes one spaCy ``Language``: the base model plus the
``entente_actors`` and ``entente_events`` components. ``extract`` streams
documents through ``nlp.pipe`` in batches (long documents in chunks, so
memory stays bounded), in this process, in ``jobs`` worker processes or on
a Dask cluster (:mod:`kg.parallel`), and yields each document with its
events, in input order. ``build`` is what ``kg build`` runs: extract, add
each document's facts to the graph or store as soon as it is done, then
write ``graph.ttl`` and ``map.html`` atomically.
"""
from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from kg.errors import InputError, OutputError, UsageError
from kg.model import Document, Event
from kg.output import atomic_files, atomic_path, remove_stale, temp_dir_beside  # noqa: F401
from kg.rdf.remote import is_remote  # noqa: F401  (part of this module's API)
from kg.parallel import (BATCH_DOCS, CHUNK_CHARS, PIPE_BATCH, DocResult, chunks,  # noqa: F401
                         run_dask, run_local, run_processes, shift_events)

if TYPE_CHECKING:  # spaCy is imported when a pipeline is made, so ``kg --help`` stays quick
    from spacy.language import Language

#: Largest graph written as grouped, sorted Turtle; bigger ones are streamed by Oxigraph.
PRETTY_TURTLE_TRIPLES = 200_000
#: Components of the base model the extractor does not use (not loaded).
EXCLUDED_PIPES: tuple[str, ...] = ()


@dataclass
class ExtractStats:
    """Counts gathered while extracting, for the build summary and progress bar."""

    documents: int = 0
    words: int = 0
    sentences: int = 0
    events: int = 0
    actors: set[str] = field(default_factory=set)
    seconds: float = 0.0
    #: Documents whose extraction failed (warned about, left out).
    failed: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "failed": self.failed, "sentences": self.sentences,
                "words": self.words, "actors": len(self.actors), "events": self.events,
                "seconds": round(self.seconds, 2)}

    def add(self, result: DocResult) -> None:
        """Count one extracted document."""
        self.documents += 1
        self.words += result.words
        self.sentences += result.sentences
        self.events += len(result.events)
        self.actors.update(actor.id for actor in result.actors)


def make_pipeline(model: Optional[str] = None) -> "Language":
    """The base spaCy model with Entente's actor and event components added.

    >>> nlp = make_pipeline()
    >>> nlp.pipe_names[0], nlp.pipe_names[-2:]
    ('entente_sentence_cap', ['entente_actors', 'entente_events'])
    """
    import kg.actors  # noqa: F401  (registers the entente_actors factory)
    import kg.events  # noqa: F401  (registers the entente_events factory)
    from kg.nlp import DEFAULT_MODEL, load_model

    nlp = load_model(model or DEFAULT_MODEL, exclude=EXCLUDED_PIPES)
    nlp.add_pipe("entente_sentence_cap", first=True)  # bounded sentences (kg.nlp)
    nlp.add_pipe("entente_actors")
    nlp.add_pipe("entente_events")
    return nlp


def extract(documents: Iterable[Document], nlp: Optional["Language"] = None, *,
            progress: bool = False, batch_size: int = PIPE_BATCH,
            stats: Optional[ExtractStats] = None, jobs: int = 1,
            dask: Optional[str] = None, model: Optional[str] = None,
            warn: Optional[Callable[[str], None]] = None, total: Optional[int] = None,
            ) -> Iterator[tuple[Document, list[Event]]]:
    """Each document with the events found in it, in input order.

    ``jobs`` > 1 runs the extractor in that many worker processes, ``dask``
    (a scheduler address such as ``tcp://host:8786``) on a Dask cluster;
    both load ``model`` (default: :data:`kg.nlp.DEFAULT_MODEL`) in each
    worker, and give the same events as one process. Documents are read
    lazily and only a few batches are in flight at once. With ``progress``
    a bar on stderr counts documents as the caller finishes with them.
    A document whose extraction fails is not yielded: ``warn`` (default:
    a line on stderr) names it and ``stats.failed`` counts it.

    >>> from kg.model import Document
    >>> doc = Document(id="t1", text="Japan condemned North Korea on Monday.", date="2024-01-03")
    >>> [(e.source.wikidata, e.cameo[:2], e.target.wikidata) for _, evs in extract([doc]) for e in evs]
    [('Q17', '11', 'Q423')]
    """
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1 (got {jobs})")
    stats = stats if stats is not None else ExtractStats()
    if dask:
        results = run_dask(documents, model, dask, batch_size=batch_size)
    elif jobs > 1:
        results = run_processes(documents, model, jobs, nlp=nlp, batch_size=batch_size)
    else:
        results = run_local(documents, nlp or make_pipeline(model), batch_size)
    started = time.perf_counter()
    bar = None
    try:
        for document, result in results:
            if progress and bar is None:  # made after workers start: no thread is forked
                from tqdm import tqdm
                if total is None and hasattr(documents, "__len__"):
                    total = len(documents)  # a list: the bar shows a total and an ETA
                bar = tqdm(unit=" docs", desc="extracting", file=sys.stderr, total=total,
                           dynamic_ncols=True, mininterval=0.5)
                bar.start_t -= time.perf_counter() - started  # the rate counts from the start
            if result.error is not None:
                stats.failed += 1
                (warn or _stderr_warn)(f"{document.id}: extraction failed ({result.error}); skipped")
                continue
            stats.add(result)
            stats.seconds = time.perf_counter() - started
            document.actors = list(result.actors)
            yield document, result.events
            if bar is not None:  # counted once the caller has stored the document
                bar.update(1)
                bar.set_postfix_str(f"{stats.words / max(stats.seconds, 1e-9):,.0f} words/s, "
                                    f"{stats.events} events", refresh=False)
    finally:
        close = getattr(results, "close", None)
        if close:
            close()
        if bar is not None:
            bar.close()
        stats.seconds = time.perf_counter() - started


def count_documents(inputs: Iterable[str]) -> Optional[int]:
    """How many documents ``inputs`` hold, when cheap to tell (the progress bar's total).

    A ``.txt`` file is one, a folder its ``.txt`` files, a ``.jsonl`` file its
    non-blank lines, a ``.csv`` file its rows; None when one cannot be counted.
    Skipped records make the real number smaller.

    >>> count_documents(["seeds"])
    1
    """
    import csv

    count = 0
    try:
        for raw in inputs:
            path = Path(raw)
            if path.is_dir():
                count += sum(1 for _ in path.rglob("*.txt"))
            elif path.suffix.lower() == ".jsonl":
                with path.open("rb") as fh:
                    count += sum(1 for line in fh if line.strip())
            elif path.suffix.lower() == ".csv":
                with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                    count += max(0, sum(1 for _ in csv.reader(fh)) - 1)
            else:
                count += 1
    except (OSError, csv.Error):
        return None
    return count


def _stderr_warn(message: str) -> None:
    print(f"kg: warning: {message}", file=sys.stderr)


def _stderr_note(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


@dataclass
class BuildResult:
    """What ``kg build`` wrote and counted."""

    graph_path: Path
    map_path: Path
    stats: ExtractStats
    triples: int
    store: Optional[str] = None
    #: Documents the reader skipped (each named in a warning).
    skipped: int = 0


def _open_target(store: str):
    """The graph documents are added to: an on-disk store or a SPARQL server."""
    from kg.rdf import store as rdfstore

    if is_remote(store):
        from kg.rdf.remote import open_remote
        return open_remote(store, create=True)
    return rdfstore.open_store(store)


def _write_turtle(graph, tmp: Path) -> None:
    """``graph`` as Turtle at ``tmp``, streamed (not built as one string)."""
    dump = getattr(graph.store, "dump_turtle", None)
    inner = getattr(graph.store, "_inner", None)
    if dump is not None:  # a SPARQL server: stream a CONSTRUCT of everything
        dump(tmp)
    elif inner is not None and len(inner) > PRETTY_TURTLE_TRIPLES:
        # a big graph: Oxigraph's own streaming writer, the project's prefixes
        import pyoxigraph as ox

        from kg.rdf.triples import PREFIXES
        inner.dump(str(tmp), ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
                   prefixes={k: str(v) for k, v in PREFIXES.items() if k != "id"})
    else:  # grouped by subject and sorted, easy to read
        from kg.rdf.store import memory_copy
        memory_copy(graph).serialize(destination=str(tmp), format="turtle")


def build(inputs: list[str], out_dir: str, *, model: Optional[str] = None,
          date: Optional[str] = None, strict: bool = False, store: Optional[str] = None,
          progress: bool = True, jobs: int = 1, dask: Optional[str] = None,
          nlp: Optional["Language"] = None, write_map_file: bool = True) -> BuildResult:
    """Read inputs, extract events, write ``graph.ttl`` and ``map.html`` into ``out_dir``.

    Each document's facts go to the graph as soon as it is extracted, in
    one transaction. With ``store`` (an Oxigraph store directory, or the URL
    of a SPARQL 1.1 server) they are persistent at once, so an interrupted
    build keeps every document finished before the interruption, and a
    re-run completes it without duplicates (IRIs are content-derived);
    ``graph.ttl`` and ``map.html`` then show the whole store. Without a
    store the graph is held in memory (Oxigraph) for ``graph.ttl``.
    ``jobs`` and ``dask`` choose where extraction runs (see :func:`extract`).
    Both files are written atomically.
    """
    from kg.ingest import Reader
    from kg.rdf import store as rdfstore

    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1 (got {jobs})")
    reader = Reader(default_date=date, strict=strict)
    documents = reader.read(inputs)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out_dir}: not a folder")
    created = not out.exists()  # removed again if the build fails before writing anything
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create output folder ({exc.strerror})") from exc
    remove_stale(out)  # temporaries of a killed earlier run
    # Without --store the graph is built in a temporary on-disk store in the output folder,
    # not in memory: Oxigraph's memory store takes some 500 bytes a triple, so the three
    # million triples of a 10 MB document would pass the memory bound (README: Limits).
    scratch = None if store else temp_dir_beside(out / "store")
    graph = None
    stats = ExtractStats()
    graph_path, map_path = out / "graph.ttl", out / "map.html"
    try:
        try:
            graph = _open_target(store or str(scratch))  # before the model loads: fails at once
        except OSError as exc:  # a full disk, a read-only folder
            raise OutputError(f"{store or out}: cannot write ({_os_reason(exc)})") from exc
        if nlp is None and not dask and jobs == 1:
            nlp = make_pipeline(model)
        writer = rdfstore.DocumentWriter(graph)
        for document, events in extract(documents, nlp, progress=progress, stats=stats,
                                        jobs=jobs, dask=dask, model=model,
                                        total=count_documents(inputs) if progress else None):
            try:
                writer.add(document, events)
            except OSError as exc:
                raise OutputError(f"{store or 'graph'}: cannot write ({_os_reason(exc)})") from exc
            del document, events  # a large document's events are not held through the map
        if store and not is_remote(store) and writer.added >= rdfstore.FLUSH_TRIPLES:
            if progress:
                _stderr_note("compacting the store's indexes (faster queries) ...")
            rdfstore.optimize(graph)  # many flushed writes leave many index files to search
        nlp = None  # the model and its tables are not needed for the graph and the map
        release_memory()
        if stats.documents == 0:
            raise InputError(no_documents_message(reader.report.documents,
                                                  reader.report.skipped, stats.failed))
        targets = [graph_path, map_path] if write_map_file else [graph_path]
        with atomic_files(*targets) as temps:  # replaced as a pair, or not at all
            _write_turtle(graph, temps[0])
            if write_map_file:
                from kg.maps.map import write_map
                write_map(graph, temps[1])
        triples = rdfstore.count_triples(graph)
    finally:
        try:
            if graph is not None:
                graph.close()
        except OSError:  # already failing to write: the first error is the one to report
            pass
        if scratch is not None:  # also on Ctrl-C or SIGTERM, even while the store opens
            shutil.rmtree(scratch, ignore_errors=True)
        if created and not graph_path.exists():  # a failed build leaves no empty folder behind
            try:
                out.rmdir()
            except OSError:  # not empty (a user's file put there meanwhile): keep it
                pass
    return BuildResult(graph_path, map_path, stats, triples, store, reader.report.skipped)


def release_memory() -> None:
    """Collect garbage and hand freed heap back to the system (glibc's ``malloc_trim``), so
    that what extraction held (the model, a large document's events) does not add to the
    memory the graph and the map need next."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _os_reason(exc: OSError) -> str:
    """An OS error in a few words (Oxigraph's errors carry only a message)."""
    return exc.strerror or (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def no_documents_message(read: int, skipped: int, failed: int) -> str:
    """The error for a run that extracted nothing (exit 3 for ``kg build`` and ``kg events``).

    >>> no_documents_message(0, 2, 0)
    'no documents with text in the input (0 read, 2 skipped, 0 failed)'
    """
    return f"no documents with text in the input ({read} read, {skipped} skipped, {failed} failed)"


def summary_line(read: int, skipped: int, failed: int, events: int) -> str:
    """The last line of a run: documents read, skipped and failed, and the events found.

    >>> summary_line(3, 1, 0, 12)
    'kg: 3 documents read, 1 skipped, 0 failed; 12 events'
    """
    return (f"kg: {read} documents read, {skipped} skipped, {failed} failed; "
            f"{events} events")

"""Running the extractor over a corpus: one process, several, or a Dask cluster.

Each document goes through spaCy (in chunks of at most :data:`CHUNK_CHARS`
characters, so one huge text never holds the whole of memory) and the
``entente_actors`` / ``entente_events`` components; what comes back is a
:class:`DocResult`: the document's events and a few counts.

Three runners share that one function (:func:`process`), so the events are the
same whatever runs them:

- :func:`run_local`: in this process, through ``nlp.pipe`` in batches;
- :func:`run_processes`: ``jobs`` worker processes, each loading the pipeline
  once (:func:`cached_pipeline`) and sending back pickled :class:`DocResult`
  records. spaCy's own ``n_process`` cannot be used: it ships ``Doc`` objects
  through msgpack, which cannot carry the dataclasses in ``doc._.events``;
- :func:`run_dask`: the same batches as tasks on a Dask distributed cluster,
  streamed back with ``as_completed``.

All three read their input lazily and keep at most a few batches in flight,
so memory stays bounded whatever the corpus size; all three yield results
in input order.
"""
from __future__ import annotations

import collections
import concurrent.futures as cf
import itertools
import multiprocessing
import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from kg import ids
from kg.model import ActorRef, Document, Event

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: Longest piece of text handed to spaCy at once, in characters.
CHUNK_CHARS = 100_000
#: Most characters in one ``nlp.pipe`` batch (spaCy's working memory grows with it).
BATCH_CHARS = 200_000
#: Documents sent to a worker process or Dask task at once.
BATCH_DOCS = 16
#: spaCy's ``nlp.pipe`` batch size (texts per batch inside one process).
PIPE_BATCH = 16

_PIPELINE_LOCK = threading.Lock()
_RUN_LOCK = threading.Lock()
_PIPELINES: dict[Optional[str], "Language"] = {}


@dataclass
class DocResult:
    """What extraction found in one document (picklable, no spaCy objects)."""

    events: list[Event]
    words: int = 0
    sentences: int = 0
    #: Every actor the document names, and the states or IGOs they act for.
    actors: tuple[ActorRef, ...] = ()
    #: Why extraction failed (the document then has no events), or None.
    error: Optional[str] = None


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Split a long text at paragraph (else sentence, else any) boundaries.

    Yields ``(offset, piece)`` with ``text[offset:offset+len(piece)] == piece``.

    >>> [(o, p) for o, p in chunks("Aa.\\n\\nBb.\\n\\nCc.", limit=6)]
    [(0, 'Aa.\\n\\n'), (5, 'Bb.\\n\\n'), (10, 'Cc.')]
    """
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n\n")
        if cut <= 0:
            cut = window.rfind(". ")
        cut = cut + 2 if cut > 0 else limit
        yield start, text[start:start + cut]
        start += cut
    if start < len(text):
        yield start, text[start:]


def shift_events(events: list[Event], offset: int) -> list[Event]:
    """Events of a chunk moved to document offsets, their ids minted anew.

    Nested events (``target_event``) follow their target's new id.
    """
    if not offset:
        return events
    by_id = {ev.id: ev for ev in events}
    new_ids: dict[str, str] = {}

    def new_id(ev: Event, seen: frozenset[str] = frozenset()) -> str:
        if ev.id in new_ids:
            return new_ids[ev.id]
        target_event = ev.target_event
        if target_event in by_id and target_event not in seen:
            target_event = new_id(by_id[target_event], seen | {ev.id})
        new_ids[ev.id] = ids.event_iri(ev.doc, ev.start + offset, ev.end + offset, ev.cameo,
                                       ev.source.id, ev.target.id if ev.target else None,
                                       target_event, day=ev.date, modality=ev.modality,
                                       negated=ev.negated)
        return new_ids[ev.id]

    return [replace(ev, id=new_id(ev), start=ev.start + offset, end=ev.end + offset,
                    target_event=new_ids.get(ev.target_event, ev.target_event)
                    if ev.target_event else None)
            for ev in events]


def merge_mentions(events: list[Event]) -> list[Event]:
    """One event per id: the chunks of a document that tell the same event add up their mentions.

    >>> from kg.model import ActorRef
    >>> a = ActorRef.create("State", "Japan", wikidata="Q17", country="Q17")
    >>> ev = Event("e1", "d", "Japan condemned China.", 0, 20, a, None, "111", None, "x", -2.0)
    >>> [(e.id, e.mentions) for e in merge_mentions([ev, replace(ev, start=90, end=110)])]
    [('e1', 2)]
    """
    first: dict[str, Event] = {}
    for ev in events:
        kept = first.get(ev.id)
        if kept is None:
            first[ev.id] = ev
        else:
            first[ev.id] = replace(kept, mentions=kept.mentions + ev.mentions,
                                   confidence=max(kept.confidence, ev.confidence))
    return list(first.values())


def _counts(sdoc) -> tuple[int, int]:
    """Words (tokens neither space nor punctuation) and sentences of a parsed Doc."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    if not len(sdoc):
        return 0, 0
    flags = sdoc.to_array([IS_SPACE, IS_PUNCT])
    words = int(len(sdoc) - (flags.sum(axis=1) > 0).sum())
    sentences = sum(1 for _ in sdoc.sents) if sdoc.has_annotation("SENT_START") else 0
    return words, sentences


def _pieces(documents: Iterable[Document]) -> Iterator[tuple[str, tuple]]:
    """Each document's chunks as ``(text, (document, offset, last))``; an empty text is one piece."""
    for document in documents:
        parts = list(chunks(document.text, CHUNK_CHARS)) or [(0, "")]
        for index, (offset, piece) in enumerate(parts):
            yield piece, (document, offset, index == len(parts) - 1)


def _groups(pieces: Iterator[tuple[str, tuple]], size: int,
            budget: int = BATCH_CHARS) -> Iterator[list[tuple[str, tuple]]]:
    """Lists of at most ``size`` pieces and about ``budget`` characters (spaCy's memory grows with both)."""
    group: list[tuple[str, tuple]] = []
    chars = 0
    for piece in pieces:
        if group and (len(group) >= size or chars + len(piece[0]) > budget):
            yield group
            group, chars = [], 0
        group.append(piece)
        chars += len(piece[0])
    if group:
        yield group


def _parse(nlp: "Language", group: list[tuple[str, tuple]]) -> Iterator[tuple[object, tuple]]:
    """``(Doc or exception, context)`` for each piece; a failing piece does not sink its batch."""
    def docs(items):
        for piece, context in items:
            sdoc = nlp.make_doc(piece)
            sdoc._.doc_id = context[0].id
            sdoc._.doc_date = context[0].date
            yield sdoc, context

    try:
        parsed = list(nlp.pipe(docs(group), as_tuples=True, batch_size=len(group)))
    except Exception:  # noqa: BLE001 - find the piece that fails, parse the others alone
        if len(group) == 1:
            raise
        parsed = []
        for item in group:
            try:
                parsed.extend(nlp.pipe(docs([item]), as_tuples=True))
            except Exception as exc:  # noqa: BLE001 - reported as a failed document
                parsed.append((exc, item[1]))
    yield from parsed


def process(nlp: "Language", documents: Iterable[Document],
            batch_size: int = PIPE_BATCH) -> Iterator[tuple[Document, DocResult]]:
    """Each document with its :class:`DocResult`, in input order, through ``nlp.pipe``.

    Batches hold at most ``batch_size`` pieces and :data:`BATCH_CHARS`
    characters. A document whose extraction raises comes back with
    :attr:`DocResult.error` set and no events; the others are unaffected.
    """
    from kg.actors import gazetteer_of

    gazetteer = gazetteer_of(nlp)
    result = DocResult(events=[])
    actors: dict[str, ActorRef] = {}
    for group in _groups(_pieces(documents), batch_size):
        try:
            parsed = list(_parse(nlp, group))
        except Exception as exc:  # noqa: BLE001 - a one-piece group that fails
            parsed = [(exc, group[0][1])]
        for sdoc, (document, offset, last) in parsed:
            if isinstance(sdoc, BaseException):
                if result.error is None:
                    result.error = f"{type(sdoc).__name__}: {str(sdoc).strip()[:200]}".rstrip(": ")
            elif result.error is None:
                words, sentences = _counts(sdoc)
                result.words += words
                result.sentences += sentences
                for mention in sdoc._.mentions or []:
                    if mention.via != "place":  # a city's state is named only by an event's target
                        actors.setdefault(mention.actor.id, mention.actor)
                result.events.extend(shift_events(list(sdoc._.events or []), offset))
            if last:
                if result.error is not None:
                    result.events, actors = [], {}
                result.events = merge_mentions(result.events)
                for actor in list(actors.values()):
                    polity = gazetteer.polity(actor.country)
                    if polity is not None:
                        actors.setdefault(polity.id, polity)
                result.actors = tuple(actors[key] for key in sorted(actors))
                yield document, result
                result, actors = DocResult(events=[]), {}


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` items, lazily.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def cached_pipeline(model: Optional[str] = None) -> "Language":
    """This process's Entente pipeline for ``model``, loaded on first use only.

    Worker processes and Dask workers call this for every batch, so the model
    is read from disk once per process. (The cache is this module's one piece
    of process-wide state: a worker's loaded model.)
    """
    with _PIPELINE_LOCK:
        if model not in _PIPELINES:
            from kg.pipeline import make_pipeline

            _PIPELINES[model] = make_pipeline(model)
        return _PIPELINES[model]


def _init_worker(model: Optional[str], nlp: Optional["Language"]) -> None:
    """Worker initializer: leave Ctrl-C to the parent; under ``fork``, use its loaded pipeline."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nlp is not None:
        _PIPELINES[model] = nlp


def _fork_safe() -> bool:
    """True when worker processes may be forked (Linux/macOS, no other thread running)."""
    return ("fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def extract_batch(documents: list[Document], model: Optional[str] = None,
                  batch_size: int = PIPE_BATCH) -> list[DocResult]:
    """Extract a batch in this process with the cached pipeline (a worker's task)."""
    nlp = cached_pipeline(model)
    with _RUN_LOCK:  # a Dask worker with several threads shares one pipeline
        return [result for _, result in process(nlp, documents, batch_size)]


def run_local(documents: Iterable[Document], nlp: "Language",
              batch_size: int = PIPE_BATCH) -> Iterator[tuple[Document, DocResult]]:
    """Extract in this process."""
    return process(nlp, documents, batch_size)


def _ordered(batches: Iterator[list[Document]], submit, wait_any, window: int
             ) -> Iterator[tuple[Document, DocResult]]:
    """Run batches through ``submit`` with at most ``window`` in flight; yield in order.

    ``submit(batch) -> future``; ``wait_any(pending) -> iterable of done futures``.
    Results that finish early wait in a buffer, which the window also bounds.
    """
    inflight: dict[object, int] = {}
    inputs: dict[int, list[Document]] = {}
    done: dict[int, list[DocResult]] = {}
    next_out = 0
    counter = itertools.count()
    exhausted = False
    while True:
        while not exhausted and len(inflight) + len(done) < window:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
                break
            seq = next(counter)
            inputs[seq] = batch
            inflight[submit(batch)] = seq
        if not inflight and not done:
            return
        if next_out not in done:
            for future in wait_any(list(inflight)):
                done[inflight.pop(future)] = future.result()
        while next_out in done:
            for document, result in zip(inputs.pop(next_out), done.pop(next_out)):
                yield document, result
            next_out += 1


def run_processes(documents: Iterable[Document], model: Optional[str], jobs: int, *,
                  nlp: Optional["Language"] = None, batch_docs: int = BATCH_DOCS,
                  batch_size: int = PIPE_BATCH) -> Iterator[tuple[Document, DocResult]]:
    """Extract in ``jobs`` worker processes.

    Where it is safe, the pipeline is loaded once here (or ``nlp`` is used)
    and the workers are forked with it, so they start at once; otherwise
    they are spawned and each loads ``model`` on its first batch.
    """
    if _fork_safe():
        nlp = nlp if nlp is not None else cached_pipeline(model)
        options = {"mp_context": multiprocessing.get_context("fork"),
                   "initializer": _init_worker, "initargs": (model, nlp)}
    else:
        options = {"mp_context": multiprocessing.get_context("spawn"),
                   "initializer": _init_worker, "initargs": (model, None)}
    with cf.ProcessPoolExecutor(max_workers=jobs, **options) as pool:
        def submit(batch):
            return pool.submit(extract_batch, batch, model, batch_size)

        def wait_any(pending):
            return cf.wait(pending, return_when=cf.FIRST_COMPLETED).done

        try:
            yield from _ordered(batched(documents, batch_docs), submit, wait_any, 2 * jobs + 1)
        except BaseException:  # interrupted, failed or abandoned: stop the workers now
            _stop(pool)
            raise


def _stop(pool: cf.ProcessPoolExecutor) -> None:
    """Cancel queued batches and end the worker processes without waiting for their batch."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast, with a one-line message, when nothing listens at a tcp:// scheduler address."""
    import socket
    import urllib.parse

    from kg.errors import UsageError

    parts = urllib.parse.urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls"):
        return  # inproc:// and others: let Dask judge
    try:
        host, port = parts.hostname, parts.port or 8786
    except ValueError as exc:
        raise UsageError(f"bad Dask scheduler address {address!r}: {exc}") from exc
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: "
                         f"{exc.strerror or exc}") from exc


def run_dask(documents: Iterable[Document], model: Optional[str], address: str, *,
             batch_docs: int = BATCH_DOCS, batch_size: int = PIPE_BATCH
             ) -> Iterator[tuple[Document, DocResult]]:
    """Extract on the Dask distributed cluster whose scheduler is at ``address``.

    Documents are sent in batches as tasks; each worker process loads the
    pipeline once (:func:`cached_pipeline`) and keeps it between tasks.
    Results stream back as they complete and are yielded in input order.
    """
    from kg.errors import UsageError

    _check_reachable(address)
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - an install without the extra
        raise UsageError("--dask needs the 'distributed' package "
                         "(pip install 'entente[scale]')") from exc
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: "
                         f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
    try:
        workers = max(1, sum(w.get("nthreads", 1)
                             for w in client.scheduler_info().get("workers", {}).values()))
        stream = as_completed()

        def submit(batch):
            future = client.submit(extract_batch, batch, model, batch_size, pure=False)
            stream.add(future)
            return future

        def wait_any(pending):
            return [next(stream)]

        yield from _ordered(batched(documents, batch_docs), submit, wait_any, 2 * workers + 1)
    finally:
        client.close()

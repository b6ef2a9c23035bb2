"""The pipeline: documents through spaCy and the extractors to events, and on to files.

``make_pipeline`` composes one spaCy ``Language``: the base model plus the
``entente_actors`` and ``entente_events`` components. ``extract`` streams
documents through ``nlp.pipe`` in batches (long documents in chunks, so
memory stays bounded) and yields each document with its events.
``build`` is what ``kg build`` runs: extract, then write the graph (and the
store, when one is named) and the map.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator, Optional

from spacy.language import Language

from kg import ids
from kg.model import Document, Event
from kg.nlp import DEFAULT_MODEL, load_model

#: Longest piece of text handed to spaCy at once, in characters.
CHUNK_CHARS = 100_000


@dataclass
class ExtractStats:
    """Counts gathered while extracting, for the build summary and progress bar."""

    documents: int = 0
    words: int = 0
    sentences: int = 0
    events: int = 0
    actors: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "sentences": self.sentences,
                "words": self.words, "actors": len(self.actors), "events": self.events,
                "seconds": round(self.seconds, 2)}


def make_pipeline(model: Optional[str] = None) -> Language:
    """The base spaCy model with Entente's actor and event components added.

    >>> nlp = make_pipeline()
    >>> nlp.pipe_names[-2:]
    ['entente_actors', 'entente_events']
    """
    import kg.actors  # noqa: F401  (registers the entente_actors factory)
    import kg.events  # noqa: F401  (registers the entente_events factory)

    nlp = load_model(model or DEFAULT_MODEL)
    nlp.add_pipe("entente_actors")
    nlp.add_pipe("entente_events")
    return nlp


def chunks(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Split a long text at paragraph (else sentence, else any) boundaries.

    Yields ``(offset, piece)`` with ``text[offset:offset+len(piece)] == piece``.

    >>> [(o, p) for o, p in chunks("Aa.\\n\\nBb.\\n\\nCc.", limit=8)]
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


def _shift(events: list[Event], offset: int) -> list[Event]:
    """Events of a chunk moved to document offsets, their ids minted anew."""
    if not offset:
        return events
    new_ids: dict[str, str] = {}
    pending = list(events)
    out: dict[str, Event] = {}
    while pending:
        waiting = []
        for ev in pending:
            if ev.target_event and ev.target_event not in new_ids and \
                    any(e.id == ev.target_event for e in pending if e is not ev):
                waiting.append(ev)
                continue
            target_event = new_ids.get(ev.target_event, ev.target_event) if ev.target_event else None
            start, end = ev.start + offset, ev.end + offset
            new_id = ids.event_iri(ev.doc, start, end, ev.cameo, ev.source.id,
                                   ev.target.id if ev.target else None, target_event)
            new_ids[ev.id] = new_id
            out[ev.id] = replace(ev, id=new_id, start=start, end=end, target_event=target_event)
        if len(waiting) == len(pending):  # a cycle cannot happen, but never loop forever
            waiting = []
        pending = waiting
    return [out[ev.id] for ev in events if ev.id in out]


def extract(documents: Iterable[Document], nlp: Optional[Language] = None, *,
            progress: bool = False, batch_size: int = 16,
            stats: Optional[ExtractStats] = None) -> Iterator[tuple[Document, list[Event]]]:
    """Each document with the events found in it, in input order.

    >>> from kg.model import Document
    >>> doc = Document(id="t1", text="Japan condemned North Korea on Monday.", date="2024-01-03")
    >>> [(e.source.wikidata, e.cameo[:2], e.target.wikidata) for _, evs in extract([doc]) for e in evs]
    [('Q17', '11', 'Q423')]
    """
    nlp = nlp or make_pipeline()
    stats = stats if stats is not None else ExtractStats()
    started = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(unit="doc", desc="extracting", file=sys.stderr, dynamic_ncols=True)

    def spacy_docs():
        for document in documents:
            pieces = list(chunks(document.text))
            for index, (offset, piece) in enumerate(pieces):
                sdoc = nlp.make_doc(piece)
                sdoc._.doc_id = document.id
                sdoc._.doc_date = document.date
                yield sdoc, (document, offset, index == len(pieces) - 1)

    found: list[Event] = []
    for sdoc, (document, offset, last) in nlp.pipe(spacy_docs(), as_tuples=True,
                                                    batch_size=batch_size):
        stats.words += sum(1 for t in sdoc if not t.is_space and not t.is_punct)
        stats.sentences += sum(1 for _ in sdoc.sents)
        stats.actors.update(m.actor.id for m in (sdoc._.mentions or []))
        found.extend(_shift(list(sdoc._.events or []), offset))
        if not last:
            continue
        stats.documents += 1
        stats.events += len(found)
        stats.seconds = time.perf_counter() - started
        if bar is not None:
            bar.update(1)
            bar.set_postfix(words_s=int(stats.words / max(stats.seconds, 1e-9)),
                            events=stats.events, refresh=False)
        yield document, found
        found = []
    if bar is not None:
        bar.close()
    stats.seconds = time.perf_counter() - started


@dataclass
class BuildResult:
    """What ``kg build`` wrote and counted."""

    graph_path: Path
    map_path: Path
    stats: ExtractStats
    triples: int
    store: Optional[str] = None


def build(inputs: list[str], out_dir: str, *, model: Optional[str] = None,
          date: Optional[str] = None, strict: bool = False, store: Optional[str] = None,
          progress: bool = True) -> BuildResult:
    """Read inputs, extract events, write ``graph.ttl`` and ``map.html`` into ``out_dir``.

    With ``store`` (an Oxigraph store directory), each document's facts are
    added to the store as soon as it is extracted, so an interrupted build
    keeps every document finished before the interruption; ``graph.ttl`` and
    ``map.html`` then show the whole store.
    """
    from kg.ingest import Reader
    from kg.maps.map import write_map
    from kg.rdf import store as rdfstore
    from kg.rdf.triples import add_document, build_graph

    reader = Reader(default_date=date, strict=strict)
    documents = reader.read(inputs)
    nlp = make_pipeline(model)
    stats = ExtractStats()
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from kg.errors import OutputError
        raise OutputError(f"{out_dir}: cannot create output folder ({exc.strerror})") from exc

    graph = rdfstore.open_store(store) if store else build_graph([])
    try:
        for document, events in extract(documents, nlp, progress=progress, stats=stats):
            add_document(graph, document, events)
        if stats.documents == 0:
            from kg.errors import InputError
            raise InputError("no documents with text in the input")
        graph_path = out / "graph.ttl"
        rdfstore.write_atomic(graph_path, graph.serialize(format="turtle"))
        map_path = out / "map.html"
        write_map(graph, map_path)
        triples = len(graph)
    finally:
        if store:
            graph.close()
    return BuildResult(graph_path, map_path, stats, triples, store)

"""The persistent graph: an on-disk Oxigraph store seen as an rdflib ``Graph``.

The store keeps every triple in its default graph, so SPARQL sees each fact
once however many documents support it. Rebuilding is idempotent because
every IRI is content-derived (:mod:`kg.ids`): adding a document again adds
nothing, a new document adds only its new facts, and actors merge by IRI.
The named graph of a document (for TriG export) is recovered from the
provenance triples by :func:`document_graphs`.

Files are read into an in-memory Oxigraph graph (same SPARQL engine as the
store); ``load_graph`` accepts ``.ttl``, ``.nt``, ``.jsonld`` and ``.trig``
files and store directories.
"""
from __future__ import annotations

from kg.resources import ontologies

import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.errors import OutputError, StoreError
from kg.model import Document, Event
from kg.rdf.namespace import ENT, ROOT_RELATIONS
from kg.rdf.triples import add_document as _add_to_graph
from kg.rdf.triples import bind_prefixes, new_graph, polity_labels

#: Events per transaction when one document is added: bounds the rdflib graph built for it.
BATCH_EVENTS = 2000
#: New triples after which the on-disk store's write buffers are flushed to disk. RocksDB
#: keeps a write buffer per index and flushes it only when it is full: left to itself,
#: adding three million triples held some 850 MB of buffers; flushed this often, 50 MB.
FLUSH_TRIPLES = 200_000

#: File suffix -> (rdflib parser name, pyoxigraph format).
FILE_FORMATS = {
    ".ttl": ("ox-turtle", ox.RdfFormat.TURTLE),
    ".turtle": ("ox-turtle", ox.RdfFormat.TURTLE),
    ".nt": ("ox-nt", ox.RdfFormat.N_TRIPLES),
    ".jsonld": ("ox-json-ld", ox.RdfFormat.JSON_LD),
    ".json": ("ox-json-ld", ox.RdfFormat.JSON_LD),
    ".trig": ("ox-trig", ox.RdfFormat.TRIG),
}

#: The direct actor-to-actor properties.
RELATIONS = frozenset(ENT[name] for name in ROOT_RELATIONS.values())

#: Marker file that tells an Entente store directory from any other folder.
MARKER = "entente-store"

ONTOLOGIES = ontologies()
#: Vocabularies kept in named graphs of a store (SPARQL through kg.query sees them).
VOCABULARIES = {
    "https://w3id.org/entente/ns": ONTOLOGIES / "entente.ttl",
    "https://w3id.org/entente/ns/cameo/": ONTOLOGIES / "cameo.ttl",
}


def ensure_vocabularies(graph: Graph, refresh: bool = False) -> list[str]:
    """Load the ontology and the CAMEO scheme into their named graphs.

    If absent, or always with ``refresh`` (a store opened for writing gets the
    current version of both files). The data stays in the default graph, so
    counts, exports and validation see only the data; :func:`kg.query.run_query`
    adds these graphs to the default graph of every query. Returns their IRIs.
    """
    inner = _oxigraph(graph)
    for iri, path in VOCABULARIES.items():
        name = ox.NamedNode(iri)
        present = inner.contains_named_graph(name)
        if path.exists() and (refresh or not present):
            if present:
                inner.clear_graph(name)
            inner.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=name)
    return list(VOCABULARIES)


def _oxigraph(graph: Graph) -> ox.Store:
    """The pyoxigraph store behind an Oxigraph-backed rdflib graph."""
    try:
        return graph.store._inner  # type: ignore[attr-defined]
    except AttributeError as exc:
        raise StoreError("not an Oxigraph-backed graph") from exc


def count_triples(graph: Graph) -> int:
    """The number of triples in ``graph``'s default graph, counted as they stream by.

    (``len()`` of an Oxigraph-backed rdflib graph counts DISTINCT triples over all graphs:
    a hash set of every triple, a gigabyte for three million.)

    >>> g = memory_graph()
    >>> g.add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> count_triples(g)
    1
    """
    inner = getattr(graph.store, "_inner", None)
    if inner is None:
        return len(graph)
    rows = inner.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                       default_graph=ox.DefaultGraph())
    return int(next(iter(rows))["n"].value)


def is_store_dir(path: Union[str, Path]) -> bool:
    """True if ``path`` is a directory holding an Oxigraph store."""
    p = Path(path)
    return p.is_dir() and ((p / MARKER).exists() or (p / "CURRENT").exists())


def memory_graph() -> Graph:
    """An empty in-memory Oxigraph-backed graph with the project's prefixes."""
    return bind_prefixes(Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID))


def open_store(path: Union[str, Path], create: bool = True) -> Graph:
    """Open (or create) the on-disk store in directory ``path``.

    The returned graph is persistent: what is added is on disk. Call
    ``graph.close()`` before opening the same directory again in the process.
    """
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise StoreError(f"{path}: not a store directory (a file)")
    if p.is_dir() and any(p.iterdir()) and not is_store_dir(p):
        raise StoreError(f"{path}: a folder that is not an Entente store")
    if not p.exists() and not create:
        raise StoreError(f"{path}: no such store")
    try:
        p.mkdir(parents=True, exist_ok=True)
        graph = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
        graph.open(str(p))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreError(f"{path}: the store is in use by another process "
                             "(a running kg build or kg serve); stop it or copy the store") from exc
        raise StoreError(f"{path}: cannot open store: {str(exc).splitlines()[0]}") from exc
    (p / MARKER).touch()
    ensure_vocabularies(graph, refresh=True)
    return bind_prefixes(graph)


def open_read_only(path: Union[str, Path]) -> Graph:
    """The store in directory ``path`` opened read-only: nothing is written, no lock is taken.

    For queries and exports while the store may be served (``kg serve``) or
    read elsewhere; the vocabularies are those the store was built with.
    """
    from oxrdflib import OxigraphStore

    p = Path(path)
    if not is_store_dir(p):
        raise StoreError(f"{path}: no such store")
    try:
        inner = ox.Store.read_only(str(p))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open store: {str(exc).splitlines()[0]}") from exc
    graph = Graph(store=OxigraphStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID)
    return bind_prefixes(graph)


def _quads(graph: Graph) -> list:
    from oxrdflib._converter import to_ox

    default = ox.DefaultGraph()
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), default) for s, p, o in graph]


def add_graph(store: Graph, graph: Graph) -> int:
    """Add all triples of ``graph`` to ``store`` in one transaction.

    Returns how many were new (for a store other than Oxigraph, e.g. a remote
    SPARQL endpoint, how many were sent).
    """
    _merge_event_values(store, graph)
    if hasattr(store.store, "_inner"):
        inner = _oxigraph(store)
        quads = _quads(graph)
        new = sum(1 for q in quads if q not in inner)
        inner.extend(quads)
        return new
    store += graph
    return len(graph)


def _merge_event_values(store: Graph, graph: Graph) -> None:
    """Keep one value of an event's single-valued facts when a new mention meets a stored event.

    The same event told in two documents (same source, target, code and day) has one IRI; the
    store keeps the highest confidence of its mentions and the first date precision, so
    the shapes' one-value rules still hold after the second document.
    """
    for e, new in list(graph.subject_objects(ENT.confidence)):
        old = list(store.objects(e, ENT.confidence))
        if not old or old == [new]:
            continue
        best = max([*old, new], key=lambda lit: Decimal(str(lit)))
        for lit in old:
            if lit != best:
                store.remove((e, ENT.confidence, lit))
        graph.set((e, ENT.confidence, best))
    for e, new in list(graph.subject_objects(ENT.datePrecision)):
        old = store.value(e, ENT.datePrecision)
        if old is not None and old != new:
            graph.remove((e, ENT.datePrecision, new))


def add_document(store: Graph, document: Document, events: Iterable[Event],
                 labels: Optional[dict[str, str]] = None, batch: int = BATCH_EVENTS) -> int:
    """Add one document's facts to ``store`` (idempotent); return the number of new triples.

    The triples are built in an rdflib graph ``batch`` events at a time (all
    mentions of one event in the same batch, so the event keeps its first
    description), each batch one transaction: memory stays bounded whatever
    the size of the document. A document interrupted between batches is
    completed, without duplicates, by adding it again.
    """
    return DocumentWriter(store, labels, batch).add(document, events)


def flush(store: Graph) -> None:
    """Write an on-disk store's buffers to disk, which frees the memory they hold (see
    :data:`FLUSH_TRIPLES`); nothing to do for other stores."""
    inner = getattr(store.store, "_inner", None)
    if inner is not None:
        inner.flush()


def event_batches(events: list[Event], size: int) -> Iterator[list[Event]]:
    """``events`` in batches of about ``size``, the mentions of one event never split.

    >>> from collections import namedtuple
    >>> E = namedtuple("E", "id")
    >>> [[e.id for e in b] for b in event_batches([E("a"), E("b"), E("a"), E("c")], 2)]
    [['a', 'a'], ['b', 'c']]
    >>> list(event_batches([], 2))
    [[]]
    """
    groups: dict[str, list[Event]] = {}
    for event in events:
        groups.setdefault(event.id, []).append(event)
    part: list[Event] = []
    for group in groups.values():
        part.extend(group)
        if len(part) >= size:
            yield part
            part = []
    if part or not events:
        yield part


def optimize(store: Graph) -> None:
    """Compact an on-disk store's indexes; nothing to do for other stores.

    After a bulk load or many flushed writes, RocksDB holds each index in many overlapping
    files, and every lookup visits them all: on a 10M-triple store an index lookup took
    135 us before and 18 us after (24 s to compact, 40 MB of memory).
    """
    inner = getattr(store.store, "_inner", None)
    if inner is not None:
        inner.optimize()


class DocumentWriter:
    """Adds documents to ``store`` one at a time (:func:`add_document`), flushing the store's
    write buffers every :data:`FLUSH_TRIPLES` new triples, counted across batches and
    documents: one large document and many small ones alike.

    >>> from kg.maps.sample import sample_pairs
    >>> writer = DocumentWriter(memory_graph())
    >>> sum(writer.add(d, evs) for d, evs in sample_pairs()) == writer.added > 0
    True
    """

    def __init__(self, store: Graph, labels: Optional[dict[str, str]] = None,
                 batch: int = BATCH_EVENTS) -> None:
        self.store = store
        self.labels = labels
        self.batch = batch
        self.added = 0
        self._unflushed = 0

    def add(self, document: Document, events: Iterable[Event]) -> int:
        """Add one document, ``batch`` events a transaction; returns the number of new triples."""
        events = list(events)
        known = polity_labels(events)
        known.update(self.labels or {})
        added = 0
        for part in event_batches(events, self.batch):
            new = add_graph(self.store, _add_to_graph(new_graph(), document, part, known))
            added += new
            self._unflushed += new
            if self._unflushed >= FLUSH_TRIPLES:
                flush(self.store)
                self._unflushed = 0
        self.added += added
        return added


def add_documents(store: Graph, pairs: Iterable[tuple[Document, list[Event]]],
                  labels: Optional[dict[str, str]] = None) -> int:
    """Add many documents, one transaction each; return the number of new triples."""
    writer = DocumentWriter(store, labels)
    for document, events in pairs:
        writer.add(document, events)
    return writer.added


def parse_file(graph: Graph, path: Union[str, Path]) -> Graph:
    """Parse an RDF file into ``graph`` (named graphs of TriG are merged)."""
    p = Path(path)
    fmt = FILE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF file type (use .ttl, .nt, .jsonld or .trig)")
    try:
        if hasattr(graph.store, "_inner"):
            default = ox.DefaultGraph()
            _oxigraph(graph).extend(
                ox.Quad(q.subject, q.predicate, q.object, default)
                for q in ox.parse(path=str(p), format=fmt[1]))
        else:
            for q in ox.parse(path=str(p), format=fmt[1]):
                from oxrdflib._converter import from_ox

                graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"{path}: cannot parse: {str(exc).splitlines()[0]}") from exc
    return graph


def load_graph(path_or_store: Union[str, Path]) -> Graph:
    """A graph from an RDF file (.ttl .nt .jsonld .trig), a store directory or a server URL.

    A store directory is opened read-only (:func:`open_read_only`: nothing in it is
    rewritten, and a store that ``kg build`` or ``kg serve`` holds can be read); a file
    is read into memory; an ``http(s)://`` URL is a SPARQL 1.1 server
    (:func:`kg.rdf.remote.open_remote`).
    """
    if str(path_or_store).lower().startswith(("http://", "https://")):
        from kg.rdf.remote import open_remote

        return open_remote(str(path_or_store))
    p = Path(path_or_store)
    if not p.exists():
        raise StoreError(f"{path_or_store}: no such file or store")
    if p.is_dir():
        if not is_store_dir(p):
            raise StoreError(f"{path_or_store}: a folder that is not an Entente store")
        return open_read_only(p)
    if p.suffix.lower() not in FILE_FORMATS:
        raise StoreError(f"{path_or_store}: not an RDF file or store "
                         "(expected .ttl, .nt, .jsonld, .trig or a store directory)")
    return parse_file(memory_graph(), p)


def triple_count(graph: Graph) -> int:
    """Number of distinct triples."""
    return len(graph)


def canonical(graph: Graph) -> set[tuple]:
    """The triples of ``graph`` with literals in one canonical form.

    Oxigraph hands plain literals back typed ``xsd:string`` (the same RDF 1.1
    term, but a different rdflib ``Literal``) and writes decimals canonically
    ("-2"), while Turtle writers print "-2.0"; compare graphs through this.
    """
    out = set()
    for s, p, o in graph:
        if isinstance(o, Literal):
            if o.datatype == XSD.string:
                o = Literal(str(o))
            elif o.datatype == XSD.decimal and isinstance(o.toPython(), Decimal):
                o = Literal(format(o.toPython().normalize(), "f"), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def memory_copy(graph: Graph) -> Graph:
    """A plain rdflib in-memory copy with the project's prefixes (plain strings untyped).

    rdflib's serialisers and pyshacl walk a graph many times: a memory copy is
    faster than going through Oxigraph, and writes ``"x"`` rather than
    ``"x"^^xsd:string``.
    """
    copy = new_graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        copy.add((s, p, o))
    return copy


def document_graphs(graph: Graph) -> Iterator[tuple[URIRef, Graph]]:
    """Each document's own facts, as (document IRI, graph), for TriG export.

    A document's graph holds the document, its mentions, the events derived
    from them with their direct actor-to-actor triples, and the description
    of every actor those events involve (actors appear in each document's
    graph that mentions them).
    """
    for doc in sorted(set(graph.subjects(RDF.type, ENT.Document))):
        g = new_graph()
        actors: set = set()
        g += graph.triples((doc, None, None))
        for m in graph.subjects(DCTERMS.isPartOf, doc):
            g += graph.triples((m, None, None))
            for e in graph.subjects(PROV.wasDerivedFrom, m):
                g += graph.triples((e, None, None))
                src = graph.value(e, ENT.source)
                tgt = graph.value(e, ENT.target)
                rel = graph.value(e, ENT.relation)
                actors.update(a for a in (src, tgt) if a is not None)
                negated = graph.value(e, ENT.negated)
                if src is not None and tgt is not None and rel is not None \
                        and not (negated is not None and negated.toPython() is True):
                    g.add((src, rel, tgt))
        todo = list(actors)
        while todo:
            a = todo.pop()
            for s, p, o in graph.triples((a, None, None)):
                if p in RELATIONS:  # direct triples belong to the events' documents
                    continue
                g.add((s, p, o))
                if p == ENT.actsFor and o not in actors:
                    actors.add(o)
                    todo.append(o)
        yield doc, g


def write_atomic(path: Union[str, Path], data: Union[str, bytes, Iterable[str]]) -> None:
    """Write ``data`` (text, bytes, or text in pieces) to ``path`` through a temporary
    file and a rename."""
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", dir=str(p.parent))
        try:
            with os.fdopen(fd, "wb") as fh:
                for piece in [data] if isinstance(data, (str, bytes)) else data:
                    fh.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            os.chmod(tmp, 0o644)
            os.replace(tmp, p)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc

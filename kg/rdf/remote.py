"""The graph in a SPARQL 1.1 server, seen as an rdflib ``Graph``.

``kg build --store http://HOST:PORT/...`` writes each document's triples
with one SPARQL 1.1 Update request (``INSERT DATA``), and ``kg query``,
``kg graph`` and ``kg serve`` read through the SPARQL 1.1 Protocol, so any
SPARQL 1.1 store serves: Oxigraph (``oxigraph serve``), Apache Jena Fuseki,
Virtuoso, GraphDB, QLever.

Endpoints are found from the URL given:

- ``http://host:7878`` (a server root, as Oxigraph serves it) or
  ``http://host:3030/dataset`` (Fuseki): queries go to ``.../query`` and
  updates to ``.../update``;
- a URL ending in ``/query``: updates go to the sibling ``/update``;
- a URL ending in ``/sparql`` (Virtuoso, QLever, ...): queries and updates
  both go to it.

Layout on the server: the facts live in the named graph :data:`DATA_GRAPH`
and the ontology and CAMEO scheme in their own named graphs (the IRIs of
:data:`kg.rdf.store.VOCABULARIES`), loaded once. Every query names its
dataset with the protocol's ``default-graph-uri`` parameter: the data graph
alone for counts, exports and the graph API, plus the vocabularies for
:meth:`RemoteStore.select` (what ``kg query`` needs for CAMEO roll-ups), the
same split as the local store. To browse the server with its own tools, use
``FROM <https://w3id.org/entente/id/graph/data>`` or ``GRAPH``.

Every IRI is content-derived and no blank node is written, so sending a
document again adds nothing: re-running an interrupted build leaves no
duplicates.

>>> endpoints("http://127.0.0.1:7878")
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
>>> endpoints("http://localhost:3030/news/query")
('http://localhost:3030/news/query', 'http://localhost:3030/news/update')
>>> endpoints("https://example.org/sparql")
('https://example.org/sparql', 'https://example.org/sparql')
"""
from __future__ import annotations

import shutil
import urllib.error
import urllib.parse
import urllib.request
from io import BytesIO
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from rdflib import BNode, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore, _node_to_sparql
from rdflib.query import Result

from kg.errors import StoreError
from kg.ids import ID

#: Seconds to wait for the server on one request.
TIMEOUT = 60.0
#: Largest ``INSERT DATA`` request body, in characters (bigger graphs are split).
MAX_UPDATE_CHARS = 4_000_000
#: Named graph holding the facts on a SPARQL server.
DATA_GRAPH = ID + "graph/data"
#: Result formats asked for: SPARQL JSON for SELECT/ASK, N-Triples for CONSTRUCT/DESCRIBE.
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


def endpoints(url: str) -> tuple[str, str]:
    """The (query, update) endpoint URLs of a SPARQL server URL (see module docs)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"{url}: not an http(s) URL of a SPARQL server")
    path = parts.path.rstrip("/")
    last = path.rsplit("/", 1)[-1]

    def at(p: str) -> str:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, p, parts.query, ""))

    if last == "sparql":
        return at(path), at(path)
    if last == "query":
        return at(path), at(path[: -len("query")] + "update")
    return at(path + "/query"), at(path + "/update")


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "reason", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _term(node: Any) -> str:
    """A term in SPARQL/N-Triples syntax (blank nodes as ``_:label``)."""
    return f"_:b{node}" if isinstance(node, BNode) else _node_to_sparql(node)


class RemoteStore(SPARQLUpdateStore):
    """rdflib's SPARQL Update store, with the layout above and few, bounded requests.

    ``addN`` (what ``graph += other`` calls) sends one ``INSERT DATA`` per
    call rather than one per triple; HTTP and network errors become
    :class:`StoreError` with a one-line message.
    """

    def __init__(self, url: str, timeout: float = TIMEOUT, data_graph: str = DATA_GRAPH) -> None:
        query, update = endpoints(url)
        super().__init__(query_endpoint=query, update_endpoint=update, method="POST",
                         returnFormat="json", autocommit=True, timeout=timeout)
        self.url = url
        self.timeout = timeout
        self.data_graph = data_graph

    # -- HTTP ----------------------------------------------------------------------
    def _send(self, request: urllib.request.Request, what: str):
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{self.url}: {what} refused (HTTP {exc.code}"
                             f"{': ' + detail[0][:200] if detail else ''})") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{self.url}: cannot reach the SPARQL server ({_one_line(exc)})") from exc

    def update_request(self, body: str) -> None:
        """Send one SPARQL Update request."""
        request = urllib.request.Request(
            self.update_endpoint, data=body.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        with self._send(request, "update") as response:
            response.read()

    def query_request(self, query: str, default_graphs: Sequence[str] = (),
                      accept: str = ACCEPT):
        """POST one query (SPARQL 1.1 Protocol) over the given default graphs; the open response."""
        params = urllib.parse.urlencode([("default-graph-uri", g) for g in default_graphs])
        separator = "&" if "?" in self.query_endpoint else "?"
        request = urllib.request.Request(
            self.query_endpoint + (separator + params if params else ""),
            data=query.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept})
        return self._send(request, "query")

    def _result(self, query: str, default_graphs: Sequence[str]) -> Result:
        with self.query_request(query, default_graphs) as response:
            body = response.read()
            content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip()
        return Result.parse(BytesIO(body), content_type=content_type or "application/sparql-results+json")

    # -- rdflib's hooks --------------------------------------------------------------
    def _is_contextual(self, graph: Any) -> bool:
        """Never: the dataset is named by ``default-graph-uri`` on each request."""
        return False

    def _query(self, query: str, default_graph: Any = None, named_graph: Any = None) -> Result:
        return self._result(query, [self.data_graph])

    def addN(self, quads: Iterable[Any]) -> None:  # noqa: N802 (rdflib's name)
        """Insert triples into the data graph, in requests of bounded size."""
        head = f"INSERT DATA {{ GRAPH <{self.data_graph}> {{\n"
        lines: list[str] = []
        size = 0
        for s, p, o, _context in quads:
            line = f"{_term(s)} {_term(p)} {_term(o)} ."
            lines.append(line)
            size += len(line) + 1
            if size >= MAX_UPDATE_CHARS:
                self.update_request(head + "\n".join(lines) + "\n} }")
                lines, size = [], 0
        if lines:
            self.update_request(head + "\n".join(lines) + "\n} }")

    def add(self, triple: Any, context: Any = None, quoted: bool = False) -> None:
        self.addN([(*triple, context)])

    def remove(self, triple: Any, context: Any = None) -> None:
        """Delete one concrete triple from the data graph (``DELETE DATA``)."""
        s, p, o = triple
        self.update_request(f"DELETE DATA {{ GRAPH <{self.data_graph}> {{ "
                            f"{_term(s)} {_term(p)} {_term(o)} . }} }}")

    def __len__(self, context: Any = None) -> int:  # type: ignore[override]
        result = self._result("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", [self.data_graph])
        return int(next(iter(result))[0])

    # -- the project's own operations ----------------------------------------------
    def select(self, query: str, prefixes: Optional[Mapping[str, str]] = None,
               vocabularies: bool = True) -> Result:
        """Run a query over the data (and the vocabularies' graphs); an rdflib ``Result``.

        ``prefixes`` are declared before the query text, so it may use them
        undeclared (as with a local store).
        """
        from kg.rdf.store import VOCABULARIES

        head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items())
        graphs = [self.data_graph] + (list(VOCABULARIES) if vocabularies else [])
        return self._result(head + query, graphs)

    def ensure_vocabularies(self) -> list[str]:
        """Load the ontology and CAMEO scheme into their named graphs if absent; their IRIs."""
        from kg.rdf.store import VOCABULARIES

        for iri, path in VOCABULARIES.items():
            present = self._result(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", [])
            if present.askAnswer or not Path(path).exists():
                continue
            vocabulary = Graph().parse(str(path), format="turtle")
            body = vocabulary.serialize(format="nt")
            self.update_request(f"INSERT DATA {{ GRAPH <{iri}> {{\n{body}\n}} }}")
        return list(VOCABULARIES)

    def load_into(self, store: Any, vocabularies: bool = True) -> None:
        """Copy the data (into the default graph) and the vocabularies (into their named
        graphs) of the server into a local ``pyoxigraph.Store``, streamed as N-Triples."""
        import pyoxigraph as ox

        from kg.rdf.store import VOCABULARIES

        graphs = [(self.data_graph, ox.DefaultGraph())]
        if vocabularies:
            graphs += [(iri, ox.NamedNode(iri)) for iri in VOCABULARIES]
        for source, target in graphs:
            with self.query_request("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", [source],
                                    accept="application/n-triples") as response:
                store.load(response, format=ox.RdfFormat.N_TRIPLES, to_graph=target)

    def dump_turtle(self, path: Union[str, Path]) -> None:
        """Stream every triple of the data graph to ``path`` as Turtle."""
        with self.query_request("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", [self.data_graph],
                                accept="text/turtle") as response, open(path, "wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)


def open_remote(url: str, *, create: bool = False, timeout: float = TIMEOUT) -> Graph:
    """The Entente data on the SPARQL server at ``url``, as an rdflib ``Graph``.

    Reads (``graph.query``, ``graph.triples``, ``len(graph)``) use the SPARQL
    Protocol; writes (``graph += other``, ``graph.add``) use SPARQL Update.
    ``create`` also loads the vocabularies into the server when absent (what
    ``kg build`` does). Raises :class:`StoreError` when no SPARQL server
    answers at ``url``.
    """
    from kg.rdf.triples import bind_prefixes

    store = RemoteStore(url, timeout=timeout)
    try:
        store._result("ASK { ?s ?p ?o }", [store.data_graph])
    except StoreError as exc:
        raise StoreError(f"{url}: no SPARQL server answers there "
                         f"({str(exc).split(': ', 1)[-1]})") from exc
    if create:
        store.ensure_vocabularies()
    return bind_prefixes(Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID))


def is_remote(location: Optional[str]) -> bool:
    """True for a SPARQL server URL (``http://`` or ``https://``).

    >>> is_remote("http://127.0.0.1:7878"), is_remote("build/store")
    (True, False)
    """
    return bool(location) and str(location).lower().startswith(("http://", "https://"))

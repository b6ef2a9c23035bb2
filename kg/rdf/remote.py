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

Triples live in the server's default graph. Every IRI is content-derived
and no blank node is written, so sending a document again adds nothing:
re-running an interrupted build leaves no duplicates.

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
from typing import Any, Iterable, Union

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore, _node_to_sparql

from kg.errors import StoreError

#: Seconds to wait for the server on one request.
TIMEOUT = 60.0
#: Largest ``INSERT DATA`` request body, in characters (bigger graphs are split).
MAX_UPDATE_CHARS = 4_000_000
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


class RemoteStore(SPARQLUpdateStore):
    """rdflib's SPARQL Update store, writing to the default graph in few requests.

    ``addN`` (what ``graph += other`` calls) sends one ``INSERT DATA`` per
    call rather than one per triple; errors become :class:`StoreError`.
    """

    def __init__(self, url: str, timeout: float = TIMEOUT) -> None:
        query, update = endpoints(url)
        super().__init__(query_endpoint=query, update_endpoint=update, method="POST",
                         returnFormat="json", autocommit=True, timeout=timeout)
        self.url = url
        self.timeout = timeout

    # -- writing -----------------------------------------------------------------
    def _post_update(self, body: str) -> None:
        request = urllib.request.Request(
            self.update_endpoint, data=body.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{self.url}: update refused (HTTP {exc.code}"
                             f"{': ' + detail[0][:200] if detail else ''})") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{self.url}: cannot reach the SPARQL server ({_one_line(exc)})") from exc

    def addN(self, quads: Iterable[Any]) -> None:  # noqa: N802 (rdflib's name)
        """Insert triples into the default graph, in requests of bounded size."""
        lines: list[str] = []
        size = 0
        for s, p, o, _context in quads:
            line = f"{_node_to_sparql(s)} {_node_to_sparql(p)} {_node_to_sparql(o)} ."
            lines.append(line)
            size += len(line) + 1
            if size >= MAX_UPDATE_CHARS:
                self._post_update("INSERT DATA {\n" + "\n".join(lines) + "\n}")
                lines, size = [], 0
        if lines:
            self._post_update("INSERT DATA {\n" + "\n".join(lines) + "\n}")

    def add(self, triple: Any, context: Any = None, quoted: bool = False) -> None:
        self.addN([(*triple, context)])

    # -- reading -----------------------------------------------------------------
    def _is_contextual(self, graph: Any) -> bool:
        """Never: everything lives in the server's default graph."""
        return False

    def _query(self, query: str, default_graph: Any = None, named_graph: Any = None) -> Result:
        """POST one query (SPARQL 1.1 Protocol); HTTP and network errors become StoreError."""
        request = urllib.request.Request(
            self.query_endpoint, data=query.encode("utf-8"), method="POST",
            headers={"Content-Type": "application/sparql-query; charset=utf-8",
                     "Accept": ACCEPT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
                content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{self.url}: query refused (HTTP {exc.code}"
                             f"{': ' + detail[0][:200] if detail else ''})") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{self.url}: cannot reach the SPARQL server ({_one_line(exc)})") from exc
        return Result.parse(BytesIO(body), content_type=content_type or "application/sparql-results+json")

    def __len__(self, context: Any = None) -> int:  # type: ignore[override]
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                            initNs={}, initBindings={})
        return int(next(iter(result))[0])

    def dump_turtle(self, path: Union[str, Path]) -> None:
        """Stream every triple of the default graph to ``path`` as Turtle."""
        query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        request = urllib.request.Request(
            self.query_endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
            method="POST", headers={"Accept": "text/turtle",
                                    "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response, \
                    open(path, "wb") as out:
                shutil.copyfileobj(response, out, 1 << 20)
        except urllib.error.HTTPError as exc:
            raise StoreError(f"{self.url}: export refused (HTTP {exc.code})") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{self.url}: cannot reach the SPARQL server ({_one_line(exc)})") from exc


def open_remote(url: str, timeout: float = TIMEOUT) -> Graph:
    """The default graph of the SPARQL server at ``url``, as an rdflib ``Graph``.

    Reads (``graph.query``, ``graph.triples``, ``len(graph)``) use the SPARQL
    Protocol; writes (``graph += other``, ``graph.add``) use SPARQL Update.
    Raises :class:`StoreError` when the server does not answer a query.
    """
    from kg.rdf.triples import bind_prefixes

    store = RemoteStore(url, timeout=timeout)
    graph = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID)
    try:
        graph.query("ASK { ?s ?p ?o }")
    except StoreError as exc:
        raise StoreError(f"{url}: no SPARQL server answers there ({str(exc).split('(', 1)[-1].rstrip(')')})") from exc
    return bind_prefixes(graph)

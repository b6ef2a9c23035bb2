"""``kg serve``: the explorer page (map, actor search, evidence, SPARQL console) and ``/sparql``.

Standard library HTTP (``http.server.ThreadingHTTPServer``, listen backlog
1024). Queries run in query processes (pyoxigraph) over the store itself
(:mod:`kg.server.backend`), with the ontology and the CAMEO scheme (named
graphs of the store) part of every query's default graph, as for ``kg
query``; the map data is computed in the background, again after the store changed. Routes:

=====================  ==========================================================
``/``                  the explorer page (no inline script; strict CSP)
``/static/NAME``       its scripts and styles, vis-network from the installed pyvis
``/api/map.json``      the map data (as embedded in ``kg map`` files)
``/api/examples.json`` example queries (``kg/queries/*.rq`` with their defaults)
``/sparql``            SPARQL 1.1 Protocol, read-only (:mod:`kg.server.endpoint`);
                       without a query: the Service Description
=====================  ==========================================================

Requests whose ``Host`` is not this server's (DNS rebinding) are refused,
and no CORS header is sent unless ``--cors ORIGIN`` names the one web site
allowed to read ``/sparql`` results through a visitor's browser. Query slots
are shared fairly between clients (:class:`FairSlots`).
"""
from __future__ import annotations

import ipaddress
import json
import sys
import threading
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

import pyoxigraph as ox

from kg.errors import StoreError
from kg.server.protocol import LeanHandler, parse_form
from kg.server.slots import FairSlots
from kg.server.endpoint import (EndpointError, Limits, Refused, analyse_query, content_type,
                                guard, negotiate, serialize)


#: Headers of every response.
_SAFE_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
                 ("Cache-Control", "no-store"))


STATIC = Path(__file__).resolve().parent / "static"
MAP_TEMPLATES = Path(__file__).resolve().parents[1] / "maps" / "templates"

CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")

#: Examples shown in the console besides the named queries.
BUILTIN_EXAMPLES = [
    {"name": "relations", "title": "Relations between polities (counts)",
     "text": "SELECT ?source ?sourceLabel ?relation ?target ?targetLabel (COUNT(?e) AS ?events)\n"
             "WHERE {\n  ?e a ent:Event ; ent:source ?source ; ent:target ?target ; ent:relation ?relation .\n"
             "  ?source rdfs:label ?sourceLabel . ?target rdfs:label ?targetLabel .\n}\n"
             "GROUP BY ?source ?sourceLabel ?relation ?target ?targetLabel\nORDER BY DESC(?events)\nLIMIT 100"},
    {"name": "actor-types", "title": "Actors and their types",
     "text": "SELECT ?actor ?label ?type WHERE {\n  ?actor a ?type ; rdfs:label ?label .\n"
             "  ?type rdfs:subClassOf ent:Actor .\n}\nORDER BY ?label\nLIMIT 200"},
]


@dataclass
class Explorer:
    """What the server serves: the query backend, the map data and the examples.

    The map data is computed by a child process (:mod:`kg.server.mapdata`), at
    start-up and again after the store changed (the request that notices the change
    gets the last map, the next ones the new map), so a large store starts serving
    queries at once and the queries do not wait on the map's Python work.
    """

    backend: Any  #: a :class:`kg.server.backend.Backend`
    examples: list[dict[str, str]]
    map_source: Optional[Callable[[], bytes]] = None
    limits: Limits = field(default_factory=Limits)
    named_graphs: tuple[str, ...] = ()
    prefixes: dict[str, str] = field(default_factory=dict)
    cors: Optional[str] = None  #: the one origin allowed to read results (--cors)
    slots: FairSlots = field(default_factory=FairSlots)
    _map: Optional[bytes] = None
    _map_lock: threading.Lock = field(default_factory=threading.Lock)
    _map_generation: int = 0  #: the store version the map was computed from
    _map_refreshing: bool = False

    def _compute_map(self) -> tuple[bytes, bool]:
        """The map data, and whether it was computed (else an empty map saying why)."""
        try:
            return (self.map_source() if self.map_source else b'{"nodes": [], "edges": []}'), True
        except StoreError as exc:  # the explorer still answers queries; the map is empty
            sys.stderr.write(f"kg serve: {exc}\n")
            return json.dumps({"nodes": [], "edges": [], "error": str(exc)}).encode(), False

    @property
    def map_json(self) -> bytes:
        """The map data; after the store changed (or the map failed), the last map while a new
        one is computed."""
        generation = getattr(self.backend, "generation", 0)
        with self._map_lock:
            if self._map is None:
                self._map, ok = self._compute_map()
                self._map_generation = generation if ok else -1  # a failed map is tried again
            elif generation != self._map_generation and not self._map_refreshing:
                self._map_refreshing = True
                threading.Thread(target=self._refresh_map, args=(generation,), daemon=True).start()
            return self._map

    def _refresh_map(self, generation: int) -> None:
        data, ok = self._compute_map()
        with self._map_lock:
            self._map, self._map_refreshing = data, False
            self._map_generation = generation if ok else -1

    def close(self) -> None:
        self.backend.close()


def _static_files() -> dict[str, tuple[Path, str]]:
    from kg.maps.map import vis_dir

    vis = vis_dir()
    return {
        "vis-network.min.js": (vis / "vis-network.min.js", "text/javascript"),
        "vis-network.css": (vis / "vis-network.css", "text/css"),
        "map.js": (MAP_TEMPLATES / "map.js", "text/javascript"),
        "map.css": (MAP_TEMPLATES / "map.css", "text/css"),
        "explorer.js": (STATIC / "explorer.js", "text/javascript"),
        "explorer.css": (STATIC / "explorer.css", "text/css"),
    }


def examples() -> list[dict[str, str]]:
    """Console examples: the named queries (parameters filled with defaults), then built-ins.

    A named query also gives its ``template`` (with ``$name`` placeholders) and its
    ``params`` (name, default, help), for the console's parameter form.
    """
    out: list[dict[str, str]] = []
    try:
        from kg.query import named_queries, substitute
    except ImportError:  # pragma: no cover - kg.query is part of the project
        return list(BUILTIN_EXAMPLES)
    for q in named_queries().values():
        text = substitute(q.text, {k: v[0] for k, v in q.params.items()})
        out.append({"name": q.name, "title": q.title, "text": text, "template": q.text,
                    "params": [{"name": k, "default": v[0], "help": v[1]} for k, v in q.params.items()]})
    return out + list(BUILTIN_EXAMPLES)


def load_explorer(path: str, limits: Limits = Limits(), title: Optional[str] = None,
                  memory: int = 4 << 30, cors: Optional[str] = None) -> Explorer:
    """An :class:`Explorer` over a store directory, an RDF file or a SPARQL server URL.

    A store is queried where it is (:class:`kg.server.backend.Backend`); a
    file or URL is loaded once into a temporary store.
    """
    from kg.query import QUERY_PREFIXES
    from kg.server.backend import Backend, store_for

    location, cleanup = store_for(path)
    backend = Backend(location, limits, memory=memory, cleanup=cleanup, prefixes=QUERY_PREFIXES)
    try:
        named = tuple(backend.named_graphs())
    except Exception:
        backend.close()
        raise
    name = title or f"Entente explorer: {Path(path).name}"

    def map_source() -> bytes:
        from kg.server.mapdata import compute

        return compute(location, name)

    explorer = Explorer(backend=backend, examples=examples(), map_source=map_source, limits=limits,
                        named_graphs=named, prefixes=dict(QUERY_PREFIXES), cors=cors)
    threading.Thread(target=lambda: explorer.map_json, daemon=True).start()
    return explorer


class Handler(LeanHandler):
    """Routes of the explorer; one instance per request."""

    server_version = "Entente"
    sys_version = ""
    disable_nagle_algorithm = True  # a small answer goes out at once (no delayed-ACK wait)
    timeout = 30  # seconds a client may take to send its request
    explorer: Explorer
    static: dict[str, tuple[Path, str]]
    allowed_hosts: frozenset[str]
    quiet: bool = False

    # ---- plumbing
    def log_message(self, fmt: str, *args: Any) -> None:  # noqa: D401 - http.server API
        if not self.quiet:
            sys.stderr.write("kg serve: %s %s\n" % (self.address_string(), fmt % args))

    def send(self, status: int, body: bytes, ctype: str, extra: Optional[dict[str, str]] = None) -> None:
        headers = [("Content-Type", ctype), *_SAFE_HEADERS]
        cors = self.explorer.cors
        if cors and self.path.startswith("/sparql"):
            headers += [("Access-Control-Allow-Origin", cors), ("Vary", "Origin, Accept")]
        headers += [(k, v) for k, v in (extra or {}).items() if not (cors and k == "Vary")]
        self.respond(status, body, headers)

    def error(self, status: int, message: str) -> None:
        self.send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def host_ok(self) -> bool:
        if not self.allowed_hosts:  # listening on a public address: any Host
            return True
        host = (self.headers.get("Host") or "").lower()
        return host in self.allowed_hosts

    # ---- methods
    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        if not self.host_ok():
            self.error(403, "unexpected Host header (this server answers only to its own address)")
            return
        url = urlsplit(self.path)
        path = url.path
        if path in ("/", "/index.html"):
            body = (STATIC / "explorer.html").read_bytes()
            self.send(200, body, "text/html; charset=utf-8", {"Content-Security-Policy": CSP})
        elif path.startswith("/static/"):
            entry = self.static.get(path[len("/static/"):])
            if entry is None:
                self.error(404, f"not found: {path}")
                return
            file, ctype = entry
            self.send(200, file.read_bytes(), ctype + "; charset=utf-8")
        elif path == "/api/map.json":
            self.send(200, self.explorer.map_json, "application/json; charset=utf-8")
        elif path == "/api/examples.json":
            self.send(200, json.dumps(self.explorer.examples).encode("utf-8"),
                      "application/json; charset=utf-8")
        elif path == "/sparql":
            params = parse_form(url.query)
            if not params:
                self.service_description()
                return
            self.sparql(params)
        else:
            self.error(404, f"not found: {path}")

    def do_POST(self) -> None:
        if not self.host_ok():
            self.error(403, "unexpected Host header (this server answers only to its own address)")
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.error(405 if url.path in ("/", "/api/map.json") else 404, f"cannot POST to {url.path}")
            return
        limits = self.explorer.limits
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self.error(411, "send the request body with a Content-Length (chunked bodies are not accepted)")
            return
        if not lengths:
            self.close_connection = True
            self.error(411, "a POST needs a Content-Length")
            return
        if len(set(v.strip() for v in lengths)) != 1 or not lengths[0].strip().isascii() \
                or not lengths[0].strip().isdigit():
            self.close_connection = True
            self.error(400, "bad Content-Length (one non-negative decimal number expected)")
            return
        size = int(lengths[0])
        if size > limits.max_body:
            self.close_connection = True
            self.error(413, f"request body too large ({size} bytes; limit {limits.max_body})")
            return
        try:
            raw = self.rfile.read(size) if size else b""
        except OSError:
            raw = b""
        if len(raw) != size:
            self.close_connection = True
            self.error(400, f"the body is shorter than its Content-Length ({len(raw)} of {size} bytes)")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_form(url.query)  # a copy: the body adds to it
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self.error(400, "the request body is not UTF-8")
            return
        if ctype == "application/sparql-query":
            params["query"] = [text]
        elif ctype == "application/sparql-update":
            self.error(403, "SPARQL Update is not allowed: this endpoint is read-only")
            return
        elif ctype in ("application/x-www-form-urlencoded", ""):
            for k, v in parse_form(text).items():
                params.setdefault(k, []).extend(v)
        else:
            self.error(415, f"unsupported Content-Type {ctype!r} (use application/sparql-query "
                            "or application/x-www-form-urlencoded)")
            return
        self.sparql(params)

    def do_OPTIONS(self) -> None:
        """CORS pre-flight: answered only with ``--cors ORIGIN``."""
        if not self.host_ok():
            self.error(403, "unexpected Host header (this server answers only to its own address)")
            return
        cors = self.explorer.cors
        if not cors or urlsplit(self.path).path != "/sparql":
            self.error(405, "OPTIONS is answered only for /sparql with --cors")
            return
        self.send(204, b"", "text/plain", {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "600"})

    def service_description(self) -> None:
        """The SPARQL 1.1 Service Description of ``/sparql`` (GET without a query)."""
        from kg.server.endpoint import GRAPH_TYPES, RESULT_TYPES

        host = self.headers.get("Host") or "%s:%s" % self.server.server_address[:2]
        url = f"http://{host}/sparql"
        formats = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
                   "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "nt": "N-Triples",
                   "rdfxml": "RDF_XML", "jsonld": "JSON-LD"}
        fmts = ", ".join(f"<http://www.w3.org/ns/formats/{formats[n]}>"
                         for n in (*RESULT_TYPES, *GRAPH_TYPES))
        named = "".join(f"      sd:namedGraph [ sd:name <{g}> ] ;\n" for g in self.explorer.named_graphs)
        ttl = (f"@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
               f"<{url}> a sd:Service ;\n  sd:endpoint <{url}> ;\n"
               f"  sd:supportedLanguage sd:SPARQL11Query ;\n  sd:resultFormat {fmts} ;\n"
               f"  sd:feature sd:UnionDefaultGraph ;\n"
               f"  sd:defaultDataset [ a sd:Dataset ;\n      sd:defaultGraph [ a sd:Graph ] ;\n"
               f"{named}  ] .\n")
        try:
            name = negotiate("DESCRIBE", self.headers.get("Accept"), None)
        except EndpointError:
            name = "turtle"
        body = ttl.encode("utf-8")
        if name != "turtle":
            triples = [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
            body = serialize(triples, name, self.explorer.limits)
        self.send(200, body, content_type(name), {"Vary": "Accept"})

    def sparql(self, params: dict[str, list[str]]) -> None:
        ex = self.explorer
        try:
            if "update" in params:
                raise EndpointError("SPARQL Update is not allowed: this endpoint is read-only", 403)
            queries = params.get("query") or []
            if len(queries) > 1:
                raise EndpointError("send exactly one 'query' parameter")
            text = queries[0] if queries else ""
            graphs = set(ex.named_graphs)
            defaults = tuple(params.get("default-graph-uri") or ())
            named = tuple(params.get("named-graph-uri") or ())
            for g in (*defaults, *named):
                if g not in graphs:
                    raise Refused(f"graph <{g}> is not in the store (its graphs: "
                                  f"{', '.join(sorted(graphs)) or 'none'})")
            checked = guard(text, ex.named_graphs, ex.limits)  # None: runs unparsed
            fmt = (params.get("format") or params.get("output") or [None])[0]
            accept = self.headers.get("Accept")
            name = negotiate(checked.form, accept, fmt) if checked else None
        except EndpointError as exc:
            self.error(exc.status, str(exc))
            return
        client = self.client_address[0]
        if not ex.slots.acquire(client, timeout=ex.limits.timeout):
            self.error(503, "too many queries at once: try again shortly")
            return
        try:
            name, body = ex.backend.run(text, name, accept=accept, requested=fmt,
                                        order=checked.star if checked else None,
                                        default_graphs=defaults, named_graphs=named,
                                        limit=checked.limit if checked else None)
        except EndpointError as exc:
            if checked is None and exc.status == 400:  # say what the guard's parser says of it
                try:
                    analyse_query(text, ex.named_graphs, ex.limits)
                except EndpointError as refused:
                    exc = refused
            self.error(exc.status, str(exc))
            return
        finally:
            ex.slots.release(client)
        if len(body) > ex.limits.max_bytes:
            self.error(413, f"the result is larger than {ex.limits.max_bytes} bytes: add a LIMIT "
                            "(or narrow the query)")
            return
        self.send(200, body, content_type(name), {"Vary": "Accept"})


def _hosts(host: str, port: int) -> frozenset[str]:
    names = {host, "localhost", "127.0.0.1", "[::1]"}
    try:
        if ipaddress.ip_address(host).version == 6:
            names.add(f"[{host}]")
    except ValueError:
        pass
    return frozenset(n.lower() + suffix for n in names for suffix in (f":{port}", "")
                     if suffix or port == 80)


class _Server(ThreadingHTTPServer):
    request_queue_size = 1024  # listen backlog (socketserver's default is 5)
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up is no error; anything else is one line, not a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        sys.stderr.write(f"kg serve: request from {client_address[0]} failed: "
                         f"{type(exc).__name__}: {exc}\n")


def make_server(explorer: Explorer, host: str = "127.0.0.1", port: int = 8000,
                quiet: bool = False) -> ThreadingHTTPServer:
    """A threading HTTP server for ``explorer`` (not started); ``port=0`` picks a free port."""
    server = _Server((host, port), Handler)
    server.daemon_threads = True
    real_port = server.server_address[1]
    handler = type("EntenteHandler", (Handler,), {
        "explorer": explorer, "static": _static_files(), "quiet": quiet,
        "allowed_hosts": (_hosts(host, real_port) | _hosts("127.0.0.1", real_port))
        if is_loopback(host) else frozenset()})
    server.RequestHandlerClass = handler
    return server


def serve_in_thread(explorer: Explorer, host: str = "127.0.0.1", port: int = 0,
                    ) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a daemon thread; returns it and its base URL (for notebooks)."""
    server = make_server(explorer, host, port, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    h, p = server.server_address[:2]
    return server, f"http://{h}:{p}/"


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


"""``kg serve``: the explorer page (map, actor search, evidence, SPARQL console) and ``/sparql``.

Standard library only (``http.server.ThreadingHTTPServer``). The graph is
copied into an in-memory Oxigraph store at start (with the ontology and the
CAMEO scheme in named graphs, part of every query's default graph, as for
``kg query``); the map data is computed once. Routes:

=====================  ==========================================================
``/``                  the explorer page (no inline script; strict CSP)
``/static/NAME``       its scripts and styles, vis-network from the installed pyvis
``/api/map.json``      the map data (as embedded in ``kg map`` files)
``/api/examples.json`` example queries (``kg/queries/*.rq`` with their defaults)
``/sparql``            SPARQL 1.1 Protocol, read-only (:mod:`kg.server.endpoint`)
=====================  ==========================================================

Requests whose ``Host`` is not this server's (DNS rebinding) are refused,
and no CORS header is sent, so other web sites cannot read the data
through a visitor's browser.
"""
from __future__ import annotations

import ipaddress
import json
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.server.endpoint import (EndpointError, Limits, check_query, content_type, execute,
                                negotiate)

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
    {"name": "actors", "title": "Actors and their types",
     "text": "SELECT ?actor ?label ?type WHERE {\n  ?actor a ?type ; rdfs:label ?label .\n"
             "  ?type rdfs:subClassOf ent:Actor .\n}\nORDER BY ?label\nLIMIT 200"},
]


@dataclass
class Explorer:
    """What the server serves: the query store, the map data and the examples."""

    store: ox.Store
    map_json: bytes
    examples: list[dict[str, str]]
    limits: Limits = field(default_factory=Limits)
    default_graphs: list = field(default_factory=lambda: [ox.DefaultGraph()])
    named_graphs: tuple[str, ...] = ()
    prefixes: dict[str, str] = field(default_factory=dict)
    #: At most this many queries run at once (each in its own process).
    slots: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(4))


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
    """Console examples: the named queries (parameters filled with defaults), then built-ins."""
    out: list[dict[str, str]] = []
    try:
        from kg.query import named_queries, substitute
    except ImportError:  # pragma: no cover - kg.query is part of the project
        return list(BUILTIN_EXAMPLES)
    for q in named_queries().values():
        text = substitute(q.text, {k: v[0] for k, v in q.params.items()})
        out.append({"name": q.name, "title": q.title, "text": text})
    return out + list(BUILTIN_EXAMPLES)


def load_explorer(path: str, limits: Limits = Limits(), title: Optional[str] = None) -> Explorer:
    """Read a store or file into an :class:`Explorer` (query store, map data, examples)."""
    from kg.maps.map import json_for_html, map_data
    from kg.query import QUERY_PREFIXES
    from kg.rdf.store import VOCABULARIES, ensure_vocabularies, load_graph

    graph = load_graph(path)
    try:
        data = map_data(graph, title=title or f"Entente explorer: {Path(path).name}")
        store = ox.Store()
        if hasattr(graph.store, "load_into"):  # a SPARQL server (kg.rdf.remote)
            graph.store.load_into(store)
        else:
            ensure_vocabularies(graph)
            store.extend(graph.store._inner)  # type: ignore[attr-defined]
    finally:
        try:
            graph.close()
        except Exception:  # noqa: BLE001 - in-memory graphs have nothing to close
            pass
    vocab = [ox.NamedNode(v) for v in VOCABULARIES]
    named = tuple(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    return Explorer(store=store, map_json=json_for_html(data).encode("utf-8"), examples=examples(),
                    limits=limits, default_graphs=[ox.DefaultGraph(), *vocab], named_graphs=named,
                    prefixes=dict(QUERY_PREFIXES))


class Handler(BaseHTTPRequestHandler):
    """Routes of the explorer; one instance per request."""

    server_version = "Entente"
    sys_version = ""
    protocol_version = "HTTP/1.1"
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
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

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
            params = parse_qs(url.query, keep_blank_values=True)
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
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self.error(411, "send the request body with a Content-Length (chunked bodies are not accepted)")
            return
        try:
            size = int(length) if length is not None else 0
        except ValueError:
            self.close_connection = True
            self.error(400, "bad Content-Length")
            return
        if size > limits.max_body:
            self.close_connection = True
            self.error(413, f"request body too large ({size} bytes; limit {limits.max_body})")
            return
        raw = self.rfile.read(size) if size else b""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
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
            for k, v in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            self.error(415, f"unsupported Content-Type {ctype!r} (use application/sparql-query "
                            "or application/x-www-form-urlencoded)")
            return
        self.sparql(params)

    def sparql(self, params: dict[str, list[str]]) -> None:
        ex = self.explorer
        try:
            if "update" in params:
                raise EndpointError("SPARQL Update is not allowed: this endpoint is read-only", 403)
            if params.get("default-graph-uri") or params.get("named-graph-uri"):
                raise EndpointError("default-graph-uri and named-graph-uri are not supported "
                                    "(the dataset is the store)", 400)
            queries = params.get("query") or []
            if len(queries) > 1:
                raise EndpointError("send exactly one 'query' parameter")
            text = queries[0] if queries else ""
            form = check_query(text, ex.named_graphs, ex.limits)
            fmt = (params.get("format") or params.get("output") or [None])[0]
            name = negotiate(form, self.headers.get("Accept"), fmt)
        except EndpointError as exc:
            self.error(exc.status, str(exc))
            return
        if not ex.slots.acquire(timeout=ex.limits.timeout):
            self.error(503, "too many queries at once: try again shortly")
            return
        try:
            status, body = execute(ex.store, text, name, default_graphs=ex.default_graphs,
                                   prefixes=ex.prefixes, limits=ex.limits)
        finally:
            ex.slots.release()
        if status == 200:
            self.send(200, body, content_type(name), {"Vary": "Accept"})
        else:
            self.error(status, body.decode("utf-8", "replace"))


def _hosts(host: str, port: int) -> frozenset[str]:
    names = {host, "localhost", "127.0.0.1", "[::1]"}
    try:
        if ipaddress.ip_address(host).version == 6:
            names.add(f"[{host}]")
    except ValueError:
        pass
    return frozenset(n.lower() + suffix for n in names for suffix in (f":{port}", "")
                     if suffix or port == 80)


def make_server(explorer: Explorer, host: str = "127.0.0.1", port: int = 8000,
                quiet: bool = False) -> ThreadingHTTPServer:
    """A threading HTTP server for ``explorer`` (not started); ``port=0`` picks a free port."""
    server = ThreadingHTTPServer((host, port), Handler)
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


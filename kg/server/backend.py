"""Query execution for ``kg serve``: Oxigraph's own server, beside it, on the store itself.

:class:`Backend` starts ``oxigraph serve-read-only`` (the ``oxigraph`` package
from PyPI) on a free loopback port over the store directory, with Oxigraph's
time limit (``--timeout-s``) and a cap on its resident memory (a watcher
reads the process's ``VmRSS`` every 50 ms; a query that takes it past the
cap ends that process, the queries under way on it get 503, and a new one
starts at once). An address-space limit (``RLIMIT_AS``) is not used: it
counts thread stacks and RocksDB's mappings, so under load the process
could no longer start threads ("os error 11"). Nothing
is copied: a store directory is served as it is (a file is first loaded into
a temporary store). Every query is checked by :mod:`kg.server.endpoint`
before it is sent; results are read back as TSV or N-Triples (one row a
line, so the row limit is counted while the answer streams in) and written
out in the client's format.

A store changed by another process (``kg build`` adding documents) is seen
as soon as the change is committed and the files stop changing: the store
directory is watched, and a new Oxigraph process replaces the old one.
"""
from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.errors import StoreError
from kg.server.endpoint import EndpointError, Limits, TooLarge


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` command (``pip install oxigraph``)."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph command is missing: pip install oxigraph")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _signature(location: Path) -> tuple:
    """What changes when a transaction is committed to a RocksDB directory."""
    out = []
    try:
        for entry in os.scandir(location):
            if entry.name in ("LOCK", "LOG") or entry.name.startswith("LOG."):
                continue
            st = entry.stat()
            out.append((entry.name, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(out))


class _Child:
    """One ``oxigraph serve-read-only`` process."""

    def __init__(self, location: Path, limits: Limits) -> None:
        self.port = _free_port()
        self.over_memory = False  # set by the memory watcher before it ends the process
        cmd = [oxigraph_binary(), "serve-read-only", "--location", str(location),
               "--bind", f"127.0.0.1:{self.port}", "--union-default-graph",
               "--timeout-s", str(max(1, int(round(limits.timeout))))]

        def cap() -> None:  # runs in the child before exec
            try:  # Linux: end with the parent, however it ends
                import ctypes
                import signal

                ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
            except (OSError, AttributeError):
                pass

        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, preexec_fn=cap)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                err = (self.proc.stderr.read() or b"").decode("utf-8", "replace").strip()
                raise StoreError(f"{location}: oxigraph could not open the store: "
                                 f"{(err.splitlines() or ['?'])[-1]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise StoreError(f"{location}: oxigraph did not start within 60 s")
                time.sleep(0.05)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def resident(self) -> int:
        """Resident memory of the process in bytes (0 when unknown or ended)."""
        try:
            with open(f"/proc/{self.proc.pid}/status", "rb") as fh:
                for line in fh:
                    if line.startswith(b"VmRSS:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def end_for_memory(self) -> None:
        """Kill the process because a query took it past the memory cap."""
        self.over_memory = True
        if self.proc.poll() is None:
            self.proc.kill()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stderr:
            self.proc.stderr.close()


class Backend:
    """Oxigraph serving ``location`` read-only; :meth:`query` runs one checked query.

    ``memory`` caps the resident memory of the Oxigraph process in bytes
    (0: no cap; the cap needs Linux's ``/proc``). Call :meth:`close` to stop it.
    """

    def __init__(self, location: Path, limits: Limits = Limits(), memory: int = 4 << 30,
                 watch: float = 1.0, cleanup: Optional[Path] = None) -> None:
        self.location = Path(location)
        self.limits = limits
        self.memory = memory
        self._cleanup = cleanup
        self._lock = threading.Lock()
        self._local = threading.local()
        self._child = _Child(self.location, limits)
        self._signature = _signature(self.location)
        self._stopped = threading.Event()
        if watch:
            threading.Thread(target=self._watch, args=(watch,), daemon=True).start()
        if memory and Path("/proc/self/status").exists():
            threading.Thread(target=self._cap_memory, args=(0.05,), daemon=True).start()

    # ---- lifecycle
    def _restart(self, dead: Optional[_Child] = None) -> None:
        """Start a new process; with ``dead``, only if that one is still the current one."""
        with self._lock:
            old = self._child
            if dead is not None and old is not dead:
                return  # already replaced
            self._child = _Child(self.location, self.limits)
        # let queries under way on the old process finish
        threading.Timer(self.limits.timeout + 2, old.stop).start()

    def _cap_memory(self, every: float) -> None:
        while not self._stopped.wait(every):
            child = self._child
            if child.alive() and child.resident() > self.memory:
                child.end_for_memory()
                try:
                    self._restart(child)
                except StoreError:
                    pass  # the store watcher tries again

    def _watch(self, every: float) -> None:
        seen = self._signature
        while not self._stopped.wait(every):
            now = _signature(self.location)
            if now != seen:  # changing: wait until it is stable for one interval
                seen = now
                continue
            if now != self._signature:
                try:
                    self._restart()
                    self._signature = now
                except StoreError:
                    pass  # a store in the middle of a write: try again next time
            elif not self._child.alive():  # ended some other way
                try:
                    self._restart(self._child)
                except StoreError:
                    pass

    def close(self) -> None:
        self._stopped.set()
        self._child.stop()
        if self._cleanup is not None:
            shutil.rmtree(self._cleanup, ignore_errors=True)

    def named_graphs(self) -> list[str]:
        """IRIs of the store's named graphs (the vocabularies)."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "SELECT")
        return [sol["g"].value for sol in rows if isinstance(sol["g"], ox.NamedNode)]

    # ---- queries
    def _connection(self, child: _Child) -> http.client.HTTPConnection:
        """This thread's kept-alive connection to ``child`` (a new one after a restart)."""
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.child is not child:
            if conn is not None:
                conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", child.port, timeout=self.limits.timeout + 5)
            self._local.conn, self._local.child = conn, child
        return conn

    def _drop_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._local.conn = None

    def _memory_error(self) -> EndpointError:
        return EndpointError(f"the query was stopped: it took the query process past its memory "
                             f"cap of {self.memory >> 20} MB (the process was started again; "
                             "narrow the query)", 503)

    def query(self, text: str, form: str, *, default_graphs: tuple[str, ...] = (),
              named_graphs: tuple[str, ...] = (), prefixes: Optional[dict] = None):
        """Run a query already checked; a pyoxigraph result (solutions, boolean or triple list).

        Raises :class:`EndpointError`: 503 past the time limit or when the
        query took the process past its memory cap, 413 past the row or
        byte limit, 400 for what Oxigraph's parser does not accept, 500 for
        another failure inside Oxigraph (with its message).
        """
        if prefixes:
            declared = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items())
            text = declared + text
        params = [("default-graph-uri", g) for g in default_graphs] \
            + [("named-graph-uri", g) for g in named_graphs]
        path = "/query" + ("?" + urlencode(params) if params else "")
        graph = form in ("CONSTRUCT", "DESCRIBE")
        accept = {"CONSTRUCT": "application/n-triples", "DESCRIBE": "application/n-triples",
                  "ASK": "application/sparql-results+json"}.get(form, "text/tab-separated-values")
        body = text.encode("utf-8")
        headers = {"Content-Type": "application/sparql-query", "Accept": accept}
        for attempt in range(2):
            child = self._child
            conn = self._connection(child)
            try:
                conn.request("POST", path, body=body, headers=headers)
                resp = conn.getresponse()
                data = self._read(resp)
                break
            except EndpointError:
                self._drop_connection()
                raise
            except socket.timeout as exc:
                self._drop_connection()
                raise EndpointError(f"the query ran longer than the time limit of "
                                    f"{self.limits.timeout:g} s and was stopped", 503) from exc
            except (OSError, http.client.HTTPException) as exc:
                self._drop_connection()
                if child.alive() and attempt == 0:
                    continue  # a kept-alive connection closed by the other side
                if child.over_memory:
                    raise self._memory_error() from exc
                if not child.alive():
                    threading.Thread(target=self._restart, args=(child,), daemon=True).start()
                    raise EndpointError("the query process ended during the query (it was "
                                        "started again): try again", 503) from exc
                raise EndpointError(f"the query failed: {exc}", 502) from exc
        if resp.status != 200:
            msg = " ".join(data.decode("utf-8", "replace").split())[:300]
            if "timeout" in msg.lower() or resp.status in (503, 504):
                raise EndpointError(f"the query ran longer than the time limit of "
                                    f"{self.limits.timeout:g} s and was stopped", 503)
            if resp.status == 400:
                raise EndpointError(f"bad SPARQL: {msg}", 400)
            raise EndpointError(f"the query failed in Oxigraph (HTTP {resp.status}): {msg}",
                                500 if resp.status >= 500 else resp.status)
        if graph:
            return [q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        if form == "ASK":
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)

    def _read(self, resp: http.client.HTTPResponse) -> bytes:
        """The body, with the row and byte limits counted as it streams in."""
        chunks, size, lines = [], 0, 0
        rows = self.limits.max_rows + 1  # the TSV header line
        while True:
            chunk = resp.read1(1 << 16) if hasattr(resp, "read1") else resp.read(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
            if resp.status == 200 and lines > rows:
                raise TooLarge(f"the result has more than {self.limits.max_rows} rows: "
                               "add a LIMIT (or narrow the query)")
            if size > self.limits.max_bytes:
                raise TooLarge(f"the result is larger than {self.limits.max_bytes} bytes: add a "
                               "LIMIT (or narrow the query)")
        return b"".join(chunks)


def store_for(path: str) -> tuple[Path, Optional[Path]]:
    """The store directory to serve for ``path`` and, for a file or URL, the temporary one to remove.

    A store directory is served as it is; a file (or a SPARQL server) is
    loaded once into a temporary store, with the ontology and CAMEO scheme.
    """
    from kg.rdf.store import VOCABULARIES, FILE_FORMATS, is_store_dir

    p = Path(path)
    remote = str(path).lower().startswith(("http://", "https://"))
    if not remote:
        if not p.exists():
            raise StoreError(f"{path}: no such file or store")
        if p.is_dir():
            if not is_store_dir(p):
                raise StoreError(f"{path}: a folder that is not an Entente store")
            return p, None
        if p.suffix.lower() not in FILE_FORMATS:
            raise StoreError(f"{path}: not an RDF file or store "
                             "(expected .ttl, .nt, .jsonld, .trig or a store directory)")
    tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        store = ox.Store(str(tmp / "store"))
        if remote:
            from kg.rdf.store import load_graph

            graph = load_graph(path)
            graph.store.load_into(store)  # type: ignore[attr-defined]
        else:
            try:
                store.bulk_load(path=str(p), format=FILE_FORMATS[p.suffix.lower()][1])
            except (SyntaxError, ValueError, OSError) as exc:
                raise StoreError(f"{path}: cannot parse: {str(exc).splitlines()[0]}") from exc
        for iri, file in VOCABULARIES.items():
            if file.exists() and not store.contains_named_graph(ox.NamedNode(iri)):
                store.load(path=str(file), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(iri))
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp / "store", tmp

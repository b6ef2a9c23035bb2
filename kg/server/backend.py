"""Query execution for ``kg serve``: Oxigraph's own evaluation, in query processes, on the store itself.

:class:`Backend` keeps a pool of query processes (:mod:`kg.server.worker`:
pyoxigraph with the store opened read-only), one per query under way, at
most as many as the server has query slots. A checked query goes down a
pipe to an idle process, which answers in the client's format within the
row and byte limits. A query past the time limit ends its process (503);
a watcher reads every process's ``VmRSS`` every 50 ms and ends one past
the memory cap (503 "past its memory cap"). A new process takes the place
of an ended one at the next query, so the server itself never pays for a
query. An address-space limit (``RLIMIT_AS``) is not used: it counts thread
stacks and RocksDB's mappings. Nothing is copied: a store directory is
served as it is (a file is first loaded into a temporary store).

A store changed by another process (``kg build`` adding documents) is seen
as soon as the change is committed and the files stop changing: the store
directory is watched, and each process opens the store again before its
next query.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Optional

import pyoxigraph as ox

from kg.errors import StoreError
from kg.server.endpoint import EndpointError, Limits
from kg.server.worker import FRAME_LENGTH, write_frame


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` command (``pip install oxigraph``)."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph command is missing: pip install oxigraph")
    return found


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


class _Worker:
    """One query process (``python -m kg.server.worker``) and its pipes."""

    def __init__(self, location: Path, limits: Limits, prefixes: dict, generation: int) -> None:
        self.generation = generation  #: the store version it has open
        self.over_memory = False      # set by the memory watcher before it ends the process
        cmd = [sys.executable, "-m", "kg.server.worker", str(location),
               json.dumps(asdict(limits)), json.dumps(prefixes)]
        self._errors = tempfile.TemporaryFile()  # a file, not a pipe: it never fills and blocks
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self._errors, bufsize=0,
                                     env=dict(os.environ, PYTHONWARNINGS="ignore"))
        self._out = self.proc.stdout.fileno()  # type: ignore[union-attr]
        self._buffer = b""
        try:
            head = self._frame(time.monotonic() + 60)
        except (EOFError, TimeoutError):
            head = None
        if head is None or json.loads(head).get("status") != "ready":
            self.kill()
            self.proc.wait()
            self._errors.seek(0)
            err = self._errors.read()
            self.stop()
            lines = err.decode("utf-8", "replace").strip().splitlines() or ["no answer within 60 s"]
            raise StoreError(f"{location}: the query process could not open the store: {lines[-1]}")

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

    def _read(self, n: int, deadline: float) -> bytes:
        while len(self._buffer) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._out], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self._out, max(1 << 16, n - len(self._buffer)))
            if not chunk:
                raise EOFError
            self._buffer += chunk
        data, self._buffer = self._buffer[:n], self._buffer[n:]
        return data

    def _frame(self, deadline: float) -> bytes:
        """The next frame (:func:`kg.server.worker.read_frame`, within a deadline)."""
        (size,) = FRAME_LENGTH.unpack(self._read(FRAME_LENGTH.size, deadline))
        return self._read(size, deadline)

    def ask(self, request: dict, deadline: float) -> tuple[dict, bytes]:
        """Send one request; its answer header and body (EOFError, TimeoutError, OSError)."""
        write_frame(self.proc.stdin, json.dumps(request).encode("utf-8"))  # type: ignore[arg-type]
        head = json.loads(self._frame(deadline))
        return head, self._frame(deadline)

    def end_for_memory(self) -> None:
        """Kill the process because a query took it past the memory cap."""
        self.over_memory = True
        self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()  # type: ignore[union-attr]  # the worker ends at EOF
                self.proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        self._errors.close()


class Backend:
    """Query processes over ``location``, read-only; :meth:`run` answers one checked query.

    ``memory`` caps the resident memory of each query process in bytes (0:
    no cap; the cap needs Linux's ``/proc``); ``workers`` is the most
    processes kept (one per concurrent query). Call :meth:`close` to stop them.
    """

    def __init__(self, location: Path, limits: Limits = Limits(), memory: int = 4 << 30,
                 watch: float = 1.0, cleanup: Optional[Path] = None,
                 prefixes: Optional[dict] = None, workers: int = 8) -> None:
        self.location = Path(location)
        self.limits = limits
        self.memory = memory
        self.prefixes = dict(prefixes or {})
        self.workers = workers
        self._cleanup = cleanup
        self._lock = threading.Lock()
        self._generation = 0
        self._signature = _signature(self.location)
        self._idle: list[_Worker] = [self._spawn()]  # a store that cannot be opened fails here
        self._all: set[_Worker] = set(self._idle)
        self._stopped = threading.Event()
        if watch:
            threading.Thread(target=self._watch, args=(watch,), daemon=True).start()
        if memory and Path("/proc/self/status").exists():
            threading.Thread(target=self._cap_memory, args=(0.05,), daemon=True).start()

    @property
    def generation(self) -> int:
        """The version of the store: one more each time a committed change is seen."""
        return self._generation

    # ---- the pool
    def _spawn(self) -> _Worker:
        return _Worker(self.location, self.limits, self.prefixes, self._generation)

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
                self._all.discard(worker)
        worker = self._spawn()
        with self._lock:
            self._all.add(worker)
        return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if worker.alive() and not self._stopped.is_set() and len(self._idle) < self.workers:
                self._idle.append(worker)
                return
            self._all.discard(worker)
        worker.stop()

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        worker.stop()

    def _cap_memory(self, every: float) -> None:
        while not self._stopped.wait(every):
            with self._lock:
                workers = list(self._all)
            for worker in workers:
                if worker.alive() and worker.resident() > self.memory:
                    worker.end_for_memory()

    def _watch(self, every: float) -> None:
        seen = self._signature
        while not self._stopped.wait(every):
            now = _signature(self.location)
            if now != seen:  # changing: wait until it is stable for one interval
                seen = now
                continue
            if now != self._signature:
                self._signature = now
                self._generation += 1  # each process reopens the store before its next query

    def close(self) -> None:
        self._stopped.set()
        with self._lock:
            workers, self._idle, self._all = list(self._all), [], set()
        for worker in workers:
            worker.stop()
        if self._cleanup is not None:
            shutil.rmtree(self._cleanup, ignore_errors=True)

    # ---- queries
    def named_graphs(self) -> list[str]:
        """IRIs of the store's named graphs (the vocabularies)."""
        _, body = self.run("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "json")
        return [b["g"]["value"] for b in json.loads(body)["results"]["bindings"]
                if b.get("g", {}).get("type") == "uri"]

    def run(self, text: str, fmt: Optional[str], *, accept: Optional[str] = None,
            requested: Optional[str] = None, order: Optional[tuple[str, ...]] = None,
            default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
            limit: Optional[int] = None) -> tuple[str, bytes]:
        """The format name and answer of a query already checked.

        ``fmt`` is a format name of :mod:`endpoint`; when it is None the
        query process negotiates it for the result's form from ``accept``
        (an Accept header) and ``requested`` (a ``format`` parameter).
        Raises :class:`EndpointError`: 503 past the time limit or when the
        query took its process past the memory cap, 413 past the row or
        byte limit, 406 for no acceptable format, 400 for what Oxigraph's
        parser does not accept, 500 for another failure inside Oxigraph
        (with its message). ``limit``: the query's own top-level LIMIT (rows
        within it need no counting).
        """
        worker = self._take()
        request = {"query": text, "format": fmt, "accept": accept, "requested": requested,
                   "order": list(order or ()),
                   "default": list(default_graphs), "named": list(named_graphs),
                   "reopen": worker.generation != self._generation,
                   "bounded": limit is not None and limit <= self.limits.max_rows}
        worker.generation = self._generation
        try:
            head, body = worker.ask(request, time.monotonic() + self.limits.timeout)
        except TimeoutError:
            self._discard(worker)
            raise EndpointError(f"the query ran longer than the time limit of "
                                f"{self.limits.timeout:g} s and was stopped", 503) from None
        except (EOFError, OSError, ValueError):
            self._discard(worker)
            if worker.over_memory:
                raise EndpointError(f"the query was stopped: it took the query process past its "
                                    f"memory cap of {self.memory >> 20} MB (narrow the query)",
                                    503) from None
            raise EndpointError("the query process ended during the query: try again", 503) from None
        self._give_back(worker)
        if head.get("status") != 200:
            raise EndpointError(head.get("message") or "the query failed", int(head["status"]))
        return head["format"], body


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

"""A query process of ``kg serve``: Oxigraph's own evaluation (pyoxigraph) on the store, read-only.

The server (:mod:`kg.server.backend`) starts a few of these processes
(``python -m kg.server.worker STORE``) and sends each query, already
checked by the guard, down a pipe; the process evaluates it on its
read-only view of the store, writes the answer in the client's format
within the row and byte limits, and sends the bytes back. A process is
stopped from outside when a query runs past the time limit or takes it
past the memory cap, so a query never costs the server itself anything.

Messages are frames: a 4-byte big-endian length and a JSON header, then
for answers a second frame with the body. A request::

    {"query": "...", "format": "json", "order": [...],
     "default": [...], "named": [...], "reopen": false, "bounded": false}

(``bounded``: the query's own LIMIT keeps it within the row limit, so its
solutions need not be counted.)

An answer: ``{"status": 200}`` and the body, or ``{"status": 400,
"message": "..."}`` and an empty body.
"""
from __future__ import annotations

import json
import os
import struct
import sys
import threading
import time
from pathlib import Path
from typing import BinaryIO, Optional

import pyoxigraph as ox

from kg.server.endpoint import (RESULT_WRITERS, EndpointError, Limits, TooLarge, negotiate,
                                ordered_variables, serialize)

#: A frame's header: the length of its bytes.
FRAME_LENGTH = struct.Struct(">I")


def write_frame(out: BinaryIO, *frames: bytes) -> None:
    """Frames (each its length, then its bytes), in one write: the reader wakes once."""
    out.write(b"".join(FRAME_LENGTH.pack(len(data)) + data for data in frames))


def read_frame(inp: BinaryIO) -> Optional[bytes]:
    """The next frame, or None at the end of the stream."""
    head = inp.read(FRAME_LENGTH.size)
    if len(head) < FRAME_LENGTH.size:
        return None
    (size,) = FRAME_LENGTH.unpack(head)
    data = inp.read(size)
    return data if len(data) == size else None


class _Counted:
    """A binary sink that refuses more than ``max_bytes`` bytes and, with ``lines``, more than
    ``max_rows`` lines after the first (the rows of a TSV result)."""

    def __init__(self, limits: Limits, lines: bool = True) -> None:
        self.limits = limits
        self.rows = limits.max_rows + 1 if lines else None  # and the TSV header line
        self.parts: list[bytes] = []
        self.size = self.lines = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        if self.rows is not None:
            self.lines += data.count(b"\n")
            if self.lines > self.rows:
                raise TooLarge.rows(self.limits)
        if self.size > self.limits.max_bytes:
            raise TooLarge(f"the result is larger than {self.limits.max_bytes} bytes: add a "
                           "LIMIT (or narrow the query)")
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


#: The fewest bytes each row takes in Oxigraph's JSON (``{},``) and XML (``<result></result>``)
#: results: a shorter body cannot hold more rows than the limit, so its rows need no counting.
ROW_BYTES = {"json": 3, "xml": 17}


def _form(result) -> str:
    """The query form a result comes from (for content negotiation)."""
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    return "SELECT" if isinstance(result, ox.QuerySolutions) else "CONSTRUCT"


def _tsv(result: ox.QuerySolutions, limits: Limits) -> bytes:
    """Solutions as TSV by Oxigraph's writer, streamed into a sink that counts the rows (one a line)."""
    sink = _Counted(limits)
    result.serialize(sink, format=ox.QueryResultsFormat.TSV)
    return sink.getvalue()


def _written(result: ox.QuerySolutions, name: str, limits: Limits) -> Optional[bytes]:
    """Solutions in format ``name`` by Oxigraph's own writer, within the row and byte limits.

    None when that writer cannot bound the rows of this format (CSV): the
    caller counts them through TSV instead. JSON and XML rows are counted
    only when the body is long enough to hold more than the row limit.
    """
    if name == "tsv":
        return _tsv(result, limits)
    if name not in ROW_BYTES:
        return None
    sink = _Counted(limits, lines=False)
    result.serialize(sink, format=RESULT_WRITERS[name])
    body = sink.getvalue()
    if len(body) >= ROW_BYTES[name] * limits.max_rows:
        parsed = ox.parse_query_results(body, format=RESULT_WRITERS[name])
        if sum(1 for _ in parsed) > limits.max_rows:
            raise TooLarge.rows(limits)
    return body


def answer(store: ox.Store, request: dict, limits: Limits, prefixes: dict) -> tuple[str, bytes]:
    """The format name and body of the answer to one checked query.

    The format is ``request["format"]``, or when that is None the one
    negotiated from ``request["accept"]`` and ``request["requested"]`` for
    the form of the result. Raises :class:`EndpointError`: 400 for what
    Oxigraph's parser refuses, 406 for no acceptable format, 413 past the
    row or byte limit, 500 for another failure inside Oxigraph.
    """
    default = [ox.NamedNode(g) for g in request.get("default") or ()]
    named = [ox.NamedNode(g) for g in request.get("named") or ()]
    options: dict = {"prefixes": prefixes}
    if default:
        options["default_graph"] = default
    else:
        options["use_default_graph_as_union"] = True
    if named:
        options["named_graphs"] = named
    try:
        result = store.query(request["query"], **options)
        name = request.get("format") or negotiate(_form(result), request.get("accept"),
                                                  request.get("requested"))
        counted = isinstance(result, ox.QuerySolutions)
        order = request.get("order")
        if counted and not request.get("bounded"):  # bounded: its own LIMIT is within the limit
            if ordered_variables(result, order) == [v.value for v in result.variables]:
                body = _written(result, name, limits)  # no SELECT * to put in the query's order
                if body is not None:
                    return name, body
            result = ox.parse_query_results(_tsv(result, limits), format=ox.QueryResultsFormat.TSV)
        return name, serialize(result, name, limits, prefixes, order=order, counted=counted)
    except EndpointError:
        raise
    except SyntaxError as exc:
        raise EndpointError(f"bad SPARQL: {' '.join(str(exc).split())[:300]}", 400) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise EndpointError(f"the query failed in Oxigraph: {' '.join(str(exc).split())[:300]}",
                            500) from exc


def serve(location: Path, limits: Limits, prefixes: dict,
          inp: BinaryIO, out: BinaryIO) -> None:
    """Answer requests from ``inp`` on ``out`` until ``inp`` ends."""
    store = ox.Store.read_only(str(location))
    write_frame(out, b'{"status": "ready"}')
    out.flush()
    while True:
        frame = read_frame(inp)
        if frame is None:
            return
        request = json.loads(frame)
        if request.get("reopen"):  # the store changed: read what is committed now
            store = ox.Store.read_only(str(location))
        try:
            name, body = answer(store, request, limits, prefixes)
            head = {"status": 200, "format": name}
        except EndpointError as exc:
            body, head = b"", {"status": exc.status, "message": str(exc)}
        write_frame(out, json.dumps(head).encode("utf-8"), body)
        out.flush()


def _end_with_parent(every: float = 1.0) -> None:
    """End this process when the server that started it has ended (even mid-query)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main(argv: Optional[list[str]] = None) -> int:
    """``python -m kg.server.worker STORE LIMITS_JSON PREFIXES_JSON`` (started by the backend)."""
    args = sys.argv[1:] if argv is None else argv
    _end_with_parent()
    location, limits, prefixes = Path(args[0]), Limits(**json.loads(args[1])), json.loads(args[2])
    try:
        serve(location, limits, prefixes, sys.stdin.buffer, sys.stdout.buffer)
    except OSError as exc:  # the store cannot be opened: say why, the backend reports it
        sys.stderr.write(f"{exc}\n")
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

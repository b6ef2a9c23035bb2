"""HTTP/1.1 plumbing of ``kg serve`` kept lean: the request line, headers, query strings, responses.

The standard library's ``BaseHTTPRequestHandler`` reads headers through the
``email`` package and writes each response header with a call of its own;
on a SPARQL endpoint answering a thousand small queries a second that was
a third of the server's CPU. :class:`LeanHandler` keeps its API (``headers``,
``command``, ``path``, ``send_error``, keep-alive, ``Expect: 100-continue``)
and does the common case directly:

* a request line ``METHOD TARGET HTTP/1.x`` and its header fields are read
  into a :class:`Headers` (any other request line goes to the standard
  library's parser, which answers it as before);
* a header line without a field name and colon, or an obsolete folded
  line, is refused (400); more than 100 fields or a line over 64 KiB: 431;
* :meth:`LeanHandler.respond` writes the status line, the headers and the
  body in one write;
* :func:`parse_form` decodes a query string as ``parse_qs`` does
  (``keep_blank_values``), once for a repeated one.

>>> parse_form("query=SELECT+%3Fs&format=")
{'query': ['SELECT ?s'], 'format': ['']}
"""
from __future__ import annotations

import email.utils
import functools
import time
from http.server import BaseHTTPRequestHandler
from typing import Iterable, Iterator, Optional

#: Header fields a request may have, and the longest line (as the standard library).
MAX_HEADERS = 100
MAX_LINE = 65536

#: Each pair of hex digits (either case) and the byte it stands for, for percent-decoding.
_DIGITS = "0123456789abcdefABCDEF"
_HEX = {(a + b).encode(): bytes([int(a + b, 16)]) for a in _DIGITS for b in _DIGITS}


class Headers:
    """A request's header fields, by case-insensitive name (the parts of ``email.message`` used).

    >>> h = Headers([("Accept", "text/csv"), ("accept", "text/tsv")])
    >>> h.get("ACCEPT"), h.get_all("Accept"), h.get("Host", "none"), "accept" in h
    ('text/csv', ['text/csv', 'text/tsv'], 'none', True)
    """

    def __init__(self, fields: Iterable[tuple[str, str]] = ()) -> None:
        self._fields: list[tuple[str, str]] = list(fields)
        self._by_name: dict[str, list[str]] = {}
        for name, value in self._fields:
            self._by_name.setdefault(name.lower(), []).append(value)

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]:
        values = self._by_name.get(name.lower())
        return values[0] if values else default

    def get_all(self, name: str, default: Optional[list[str]] = None) -> Optional[list[str]]:
        values = self._by_name.get(name.lower())
        return list(values) if values else default

    def __getitem__(self, name: str) -> Optional[str]:
        return self.get(name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._by_name

    def items(self) -> list[tuple[str, str]]:
        return list(self._fields)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._fields)

    def __len__(self) -> int:
        return len(self._fields)


class BadHeader(Exception):
    """A header block that is refused: ``status`` and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def read_headers(rfile) -> Headers:
    """The header fields of a request, read from ``rfile`` up to the empty line.

    Raises :class:`BadHeader` (431: too many fields or a line too long; 400:
    a line that is not ``name: value``, or an obsolete folded line).
    """
    fields: list[tuple[str, str]] = []
    while True:
        line = rfile.readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise BadHeader(431, "Line too long")
        if line in (b"\r\n", b"\n", b""):
            return Headers(fields)
        if len(fields) >= MAX_HEADERS:
            raise BadHeader(431, f"Too many headers (more than {MAX_HEADERS})")
        text = line.decode("iso-8859-1")
        name, colon, value = text.partition(":")
        if not colon or not name or name[0] in " \t" or name != name.rstrip() \
                or any(c in name for c in " \t\r\n"):
            raise BadHeader(400, "Bad header line (a field name and a colon expected)")
        fields.append((name, value.strip(" \t\r\n")))


def _decode(part: str) -> str:
    """``unquote_plus`` of one name or value (invalid escapes are kept as they are)."""
    if "%" not in part and "+" not in part:
        return part
    data = part.replace("+", " ").encode("utf-8")
    pieces = data.split(b"%")
    if len(pieces) > 1:
        out = [pieces[0]]
        for piece in pieces[1:]:
            byte = _HEX.get(piece[:2])
            out.append(byte + piece[2:] if byte is not None else b"%" + piece)
        data = b"".join(out)
    return data.decode("utf-8", "replace")


def _form(encoded: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in encoded.split("&"):
        if part:
            name, _, value = part.partition("=")
            out.setdefault(_decode(name), []).append(_decode(value))
    return out


#: Query strings up to this length are decoded once (the cache holds at most 1024 of them).
CACHED_FORM = 16384
_cached_form = functools.lru_cache(maxsize=1024)(_form)


def parse_form(encoded: str) -> dict[str, list[str]]:
    """A query string (or form body) as ``urllib.parse.parse_qs(encoded, keep_blank_values=True)``.

    A repeated short string is decoded once; the answer is a copy, free to change.

    >>> parse_form("a=1&a=2&b=%E2%82%AC&c")
    {'a': ['1', '2'], 'b': ['€'], 'c': ['']}
    """
    if len(encoded) > CACHED_FORM:
        return _form(encoded)
    return {k: list(v) for k, v in _cached_form(encoded).items()}


@functools.lru_cache(maxsize=2)
def _http_date(second: int) -> str:
    return email.utils.formatdate(second, usegmt=True)


class LeanHandler(BaseHTTPRequestHandler):
    """``BaseHTTPRequestHandler`` with a fast path for HTTP/1.0 and 1.1 requests and one-write responses."""

    protocol_version = "HTTP/1.1"

    def parse_request(self) -> bool:  # noqa: D401 - http.server API
        words = self.raw_requestline.split()
        if len(words) != 3 or words[2] not in (b"HTTP/1.1", b"HTTP/1.0"):
            return super().parse_request()  # HTTP/0.9, other versions, bad lines: as before
        self.requestline = self.raw_requestline.decode("iso-8859-1").rstrip("\r\n")
        command, path, version = self.requestline.split()
        self.command, self.request_version = command, version
        self.path = "/" + path.lstrip("/") if path.startswith("//") else path
        self.close_connection = version == "HTTP/1.0"
        try:
            self.headers = read_headers(self.rfile)  # type: ignore[assignment]
        except BadHeader as exc:
            self.close_connection = True
            self.send_error(exc.status, str(exc))
            return False
        connection = (self.headers.get("Connection") or "").lower()
        if connection == "close":
            self.close_connection = True
        elif connection == "keep-alive":
            self.close_connection = False
        if version == "HTTP/1.1" and (self.headers.get("Expect") or "").lower() == "100-continue":
            return self.handle_expect_100()
        return True

    def date_time_string(self, timestamp: Optional[float] = None) -> str:
        """The HTTP date of now (computed once a second) or of ``timestamp``."""
        return _http_date(int(time.time() if timestamp is None else timestamp))

    def respond(self, status: int, body: bytes, headers: Iterable[tuple[str, str]]) -> None:
        """Status line, ``Server``, ``Date``, ``headers``, ``Content-Length`` and body, in one write.

        A ``HEAD`` request gets the headers only; an HTTP/0.9 one the body only.
        """
        self.log_request(status, len(body))
        if self.request_version == "HTTP/0.9":
            self.wfile.write(body)
            return
        reason = self.responses[status][0] if status in self.responses else ""
        lines = [f"{self.protocol_version} {status} {reason}",
                 f"Server: {self.version_string()}", f"Date: {self.date_time_string()}"]
        lines += [f"{name}: {value}" for name, value in headers]
        lines.append(f"Content-Length: {len(body)}")
        if self.close_connection and self.request_version == "HTTP/1.1":
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "strict")
        self.wfile.write(head if self.command == "HEAD" else head + body)

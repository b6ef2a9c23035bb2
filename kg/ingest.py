"""Read inputs into :class:`kg.model.Document` records.

Accepted inputs (see README, "Inputs"):

- a ``.txt`` file: one document, id = the path as given;
- a folder: every ``.txt`` under it (sorted), id = the path found under it;
- a ``.jsonl`` corpus: one ``{"id", "text", "date", "title", "url"}`` a line
  (only ``text`` required), id = the record's ``id`` or ``PATH:LINE``;
- a ``.csv`` file with a ``text`` column (and optional ``id``, ``date``,
  ``title``, ``url``), id = the ``id`` column or ``PATH:ROW`` (1-based data row).

Problems with a whole input (missing, empty, binary, no text at all) raise
:class:`kg.errors.InputError`. Problems with one record (malformed JSON, a
row without text, text that is not English) are warned about on stderr and
skipped, or raise under ``strict=True``. Invalid UTF-8 is decoded with
replacement characters and a warning.
"""
from __future__ import annotations

import csv
import json
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from kg.errors import InputError
from kg.model import Document

#: Largest CSV field accepted (a long article), in characters.
CSV_FIELD_LIMIT = 64 * 1024 * 1024
#: Bytes sniffed for NUL characters to tell binary files.
SNIFF_BYTES = 8192

_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by was were said has have it at from be "
    "are its an this which not but or will would their they he she his her who after".split()
)
_LATIN = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[A-Za-z]+")
_BOILERPLATE = re.compile(
    r"^(share|comments?|advertisement|read more|related|follow us|subscribe|"
    r"sources?|external links?|see also)\b[\w\s]*:?$",
    re.IGNORECASE,
)


@dataclass
class IngestReport:
    """What reading skipped or repaired, for the summary line."""

    documents: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)


Warn = Callable[[str], None]


def _stderr_warn(message: str) -> None:
    print(f"kg: warning: {message}", file=sys.stderr)


def normalise_date(value: Optional[str], where: str = "") -> Optional[str]:
    """An ISO date (YYYY-MM-DD) from a corpus date field, or None.

    >>> normalise_date("2019-01-04T10:00:00Z")
    '2019-01-04'
    >>> normalise_date("") is None
    True
    """
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        raise InputError(f"{where}: date {value!r} is not YYYY-MM-DD".lstrip(": "))
    try:
        return _date(*map(int, match.groups())).isoformat()
    except ValueError as exc:
        raise InputError(f"{where}: date {value!r} is not a valid date".lstrip(": ")) from exc


def looks_english(text: str) -> bool:
    """True when the text reads as English prose (or is too short to tell).

    Texts in other languages would give bogus matches against an English
    gazetteer and lexicon, so they are skipped with a warning.

    >>> looks_english("Russia and Ukraine agreed to a ceasefire on Monday.")
    True
    >>> looks_english("Россия и Украина договорились о прекращении огня в понедельник.")
    False
    >>> looks_english("Die Regierung hat am Montag die Sanktionen gegen Russland verlängert.")
    False
    """
    letters = _LETTER.findall(text[:20000])
    if len(letters) < 40:
        return True
    if sum(1 for ch in letters if _LATIN.match(ch)) / len(letters) < 0.6:
        return False
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 8:
        return True
    return sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS) / len(words) >= 0.12


def strip_boilerplate(text: str) -> str:
    """Drop trailing scraped boilerplate: short tail lines in another script or UI words.

    Only the end is cut, so character offsets into the text stay valid.

    >>> strip_boilerplate("Seoul condemned the test.\\n\\nкоментуйте:")
    'Seoul condemned the test.'
    >>> strip_boilerplate("Talks ended.\\nShare this:")
    'Talks ended.'
    """
    lines = text.rstrip().split("\n")
    while lines:
        tail = lines[-1].strip()
        letters = _LETTER.findall(tail)
        foreign = bool(letters) and sum(1 for c in letters if _LATIN.match(c)) / len(letters) < 0.5
        if not tail or (len(tail) < 60 and (foreign or _BOILERPLATE.match(tail))):
            lines.pop()
            continue
        break
    return "\n".join(lines).rstrip()


def _read_text(path: Path, warn: Warn) -> str:
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a directory") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if b"\x00" in data[:SNIFF_BYTES]:
        raise InputError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        warn(f"{path}: invalid UTF-8 at byte {exc.start}; decoded with replacement characters")
        return data.decode("utf-8", errors="replace")


class Reader:
    """Reads inputs into documents, warning about and skipping bad records.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Japan and India signed a pact.")
    >>> [d.text for d in Reader().read([str(folder)])]
    ['Japan and India signed a pact.']
    """

    def __init__(self, *, default_date: Optional[str] = None, strict: bool = False,
                 warn: Warn = _stderr_warn) -> None:
        self.default_date = normalise_date(default_date, "--date")
        self.strict = strict
        self._warn = warn
        self.report = IngestReport()
        self._seen_ids: set[str] = set()

    def warn(self, message: str) -> None:
        self.report.warnings.append(message)
        self._warn(message)

    def _problem(self, message: str) -> None:
        """A bad record: an error under ``strict``, else a warning and a skip."""
        if self.strict:
            raise InputError(message)
        self.report.skipped += 1
        self.warn(f"{message}; skipped")

    def read(self, inputs: Iterable[str]) -> Iterator[Document]:
        """Documents from every input, in order.

        Missing paths are reported at once, before any document is read.
        """
        inputs = list(inputs)
        if not inputs:
            raise InputError("no input given")
        for raw in inputs:
            if not os.path.exists(raw):
                raise InputError(f"{raw}: no such file or directory")
        return (doc for raw in inputs for doc in self._read_one(raw))

    def _read_one(self, raw: str) -> Iterator[Document]:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                raise InputError(f"{raw}: folder has no .txt files")
            for file in files:
                yield from self._file(file, os.path.join(raw, str(file.relative_to(path))))
        else:
            yield from self._file(path, raw)

    def _file(self, path: Path, doc_id: str) -> Iterator[Document]:
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from self._jsonl(path)
        elif suffix == ".csv":
            yield from self._csv(path)
        else:
            text = _read_text(path, self.warn)
            if not text.strip():
                raise InputError(f"{path}: empty file")
            doc = self._document(str(path), doc_id, text, None, None, None)
            if doc:
                yield doc

    def _document(self, where: str, doc_id: str, text: object, date: object,
                  title: object, url: object) -> Optional[Document]:
        if not isinstance(text, str) or not text.strip():
            self._problem(f"{where}: record has no text")
            return None
        text = strip_boilerplate(text)
        if not text.strip():
            self._problem(f"{where}: no text left once boilerplate is removed")
            return None
        if not looks_english(text):
            self._problem(f"{where}: text does not look like English")
            return None
        try:
            iso = normalise_date(str(date) if date else None, where) or self.default_date
        except InputError as exc:
            if self.strict:
                raise
            self.warn(f"{exc}; using the default date")
            iso = self.default_date
        if doc_id in self._seen_ids:
            self.warn(f"{where}: duplicate id {doc_id!r}; this record is {where!r} instead")
            doc_id = where
        self._seen_ids.add(doc_id)
        self.report.documents += 1
        return Document(id=doc_id, text=text, date=iso, title=str(title) if title else None,
                        url=str(url) if url else None, path=where.split(":")[0])

    def _lines(self, path: Path) -> Iterator[str]:
        """The decoded lines of a corpus file, streamed (line endings kept).

        Invalid UTF-8 is replaced, with one warning naming the first bad line.
        """
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        with handle:
            head = handle.read(SNIFF_BYTES)
            if b"\x00" in head:
                raise InputError(f"{path}: binary file, not text")
            if len(head) < SNIFF_BYTES and not head.strip():
                raise InputError(f"{path}: empty file")
            handle.seek(0)
            warned = False
            for lineno, raw in enumerate(handle, start=1):
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    if not warned:
                        self.warn(f"{path}:{lineno}: invalid UTF-8 at byte {exc.start}; "
                                  "decoded with replacement characters")
                        warned = True
                    yield raw.decode("utf-8", errors="replace")

    def _jsonl(self, path: Path) -> Iterator[Document]:
        seen = 0
        for lineno, line in enumerate(self._lines(path), start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                self._problem(f"{where}: malformed JSON ({exc.msg})")
                continue
            if not isinstance(record, dict):
                self._problem(f"{where}: not a JSON object")
                continue
            seen += 1
            doc_id = str(record["id"]) if record.get("id") not in (None, "") else where
            doc = self._document(where, doc_id, record.get("text"), record.get("date"),
                                 record.get("title"), record.get("url"))
            if doc:
                yield doc
        if not seen:
            raise InputError(f"{path}: no JSON records")

    def _csv(self, path: Path) -> Iterator[Document]:
        csv.field_size_limit(CSV_FIELD_LIMIT)
        reader = csv.DictReader(self._lines(path))
        try:
            header = reader.fieldnames or []
        except csv.Error as exc:
            raise InputError(f"{path}: unreadable CSV header ({exc})") from exc
        if "text" not in header:
            raise InputError(f"{path}: CSV has no 'text' column (columns: {', '.join(header)})")
        row = 0
        while True:
            row += 1
            where = f"{path}:{row}"
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                self._problem(f"{where}: malformed CSV row ({exc})")
                continue
            if None in record:  # more fields than the header
                self._problem(f"{where}: row has {len(header) + len(record[None])} fields, "
                              f"header has {len(header)}")
                continue
            doc_id = record.get("id") or where
            doc = self._document(where, doc_id, record.get("text"), record.get("date"),
                                 record.get("title"), record.get("url"))
            if doc:
                yield doc


def read_documents(inputs: Iterable[str], *, default_date: Optional[str] = None,
                   strict: bool = False) -> Iterator[Document]:
    """Documents from paths (files, folders, ``.jsonl``, ``.csv``); see module docs."""
    return Reader(default_date=default_date, strict=strict).read(inputs)

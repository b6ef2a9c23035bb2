"""Read inputs into :class:`kg.model.Document` records.

Accepted inputs (see README, "Inputs"):

- a ``.txt`` file: one document, id = the path as given;
- a folder: every ``.txt``, ``.jsonl`` and ``.csv`` under it (sorted), a
  ``.txt``'s id = the path found under it;
- a ``.jsonl`` corpus: one ``{"id", "text", "date", "title", "url"}`` a line
  (only ``text`` required), id = the record's ``id`` or ``PATH:LINE``;
- a ``.csv`` file with a ``text`` column (and optional ``id``, ``date``,
  ``title``, ``url``), id = the ``id`` column or ``PATH:ROW`` (1-based data row).

A document's date is its record's ``date``, else the date its dateline or
first line gives (:func:`kg.datelines.dateline_date`), else ``default_date``
(``--date``).

Problems with a whole input (missing, empty, binary, not a regular file,
larger than :data:`MAX_DOCUMENT_BYTES`, no text at all) raise
:class:`kg.errors.InputError`. Problems with one record (malformed or too
deeply nested JSON, a row without text, an unterminated CSV quote, text that
is not English, a line longer than :data:`MAX_LINE_BYTES`) and with one file
of a folder (unreadable, binary, broken or looping link, an unreadable
subfolder) are warned about on stderr, named and counted in
:attr:`IngestReport.skipped`, or raise under ``strict=True``. Invalid UTF-8
is decoded with replacement characters and a warning.

Everything is read in bounded pieces: the binary check reads the first
:data:`SNIFF_BYTES` first, a text file is read up to its size limit and no
further, and corpus lines are read with a length limit, so ``/dev/zero``, a
huge binary or a line without end never fills memory.
"""
from __future__ import annotations

import csv
import errno
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from kg.datelines import dateline_date, normalise_date
from kg.errors import InputError
from kg.model import Document

#: Largest document (a .txt file, or the text of a record), in bytes (or characters).
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
#: Longest line of a .jsonl or .csv corpus, in bytes (a record with escapes).
MAX_LINE_BYTES = 2 * MAX_DOCUMENT_BYTES
#: Largest CSV field accepted, in characters.
CSV_FIELD_LIMIT = MAX_DOCUMENT_BYTES
#: Longest document id kept; a longer one is replaced by ``PATH:LINE``.
MAX_ID_CHARS = 1000
#: Bytes sniffed for NUL characters to tell binary files.
SNIFF_BYTES = 8192
#: Size of the pieces files are read in.
READ_BYTES = 1024 * 1024

_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by was were said has have it at from be "
    "are its an this which not but or will would their they he she his her who after "
    "against over into during between been had also than two three".split()
)
#: Function words of other languages in Latin script: a text with few English function
#: words (news in headline style) is English unless one of these is more frequent.
_OTHER_FUNCTION_WORDS = {
    "fr": frozenset("le la les des du une et est dans pour que qui pas sur au aux avec ce "
                    "cette sont par ont".split()),
    "de": frozenset("der die das und ist nicht mit den dem des ein eine zu von auf im "
                    "sich hat wird auch".split()),
    "es": frozenset("el los las del una y es en por con para que se al su lo como "
                    "pero".split()),
    "it": frozenset("il gli della di che per una con non del sono alla nel anche".split()),
    "pt": frozenset("os das dos uma com para em que se ao foi pelo pela".split()),
    "nl": frozenset("het een van en de niet zijn met voor op dat ook er maar werd".split()),
}
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
    >>> looks_english("Russia attacked Ukraine on Monday. Israeli soldiers beat Palestinian "
    ...               "detainees. Germany lifted sanctions against South Africa.")
    True
    """
    letters = _LETTER.findall(text[:20000])
    if len(letters) < 40:
        return True
    if sum(1 for ch in letters if _LATIN.match(ch)) / len(letters) < 0.6:
        return False
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 8:
        return True
    english = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS) / len(words)
    if english >= 0.12:
        return True
    other = max(sum(1 for w in words if w in vocab) for vocab in _OTHER_FUNCTION_WORDS.values())
    return other / len(words) < 0.12 and english >= other / len(words)


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


def _mib(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB"


def _open_regular(path: Path):
    """``path`` opened for binary reading; InputError unless it is a regular file.

    Devices (``/dev/zero``), FIFOs and sockets are refused before they are
    opened for reading, so a FIFO with no writer cannot hang the run.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(f"{path}: {_stat_problem(path, exc)}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file (a device, FIFO or socket); "
                         "save the input to a file first")
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def _stat_problem(path: Path, exc: OSError) -> str:
    """Why ``os.stat`` failed, in words."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "broken symbolic link"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read ({exc.strerror or exc})"


def _read_text(path: Path, warn: Warn) -> str:
    """A text file's content: binary check on the first bytes, then read in pieces up to the limit."""
    with _open_regular(path) as handle:
        try:
            head = handle.read(SNIFF_BYTES)
            if b"\x00" in head:
                raise InputError(f"{path}: binary file, not text")
            parts = [head]
            size = len(head)
            while size <= MAX_DOCUMENT_BYTES:
                piece = handle.read(READ_BYTES)
                if not piece:
                    break
                parts.append(piece)
                size += len(piece)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(f"{path}: larger than the {_mib(MAX_DOCUMENT_BYTES)} document limit")
    data = b"".join(parts)
    del parts
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        warn(f"{path}: invalid UTF-8 at byte {exc.start}; decoded with replacement characters")
        return data.decode("utf-8", errors="replace")


#: The files a folder contributes (any other file in it is ignored: notes, READMEs).
FOLDER_SUFFIXES = (".txt", ".jsonl", ".csv")


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

        Missing, looping and non-regular paths are reported at once, before
        any document is read.
        """
        inputs = list(inputs)
        if not inputs:
            raise InputError("no input given")
        for raw in inputs:
            try:
                info = os.stat(raw)
            except OSError as exc:
                raise InputError(f"{raw}: {_stat_problem(Path(raw), exc)}") from exc
            if not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
                raise InputError(f"{raw}: not a regular file (a device, FIFO or socket); "
                                 "save the input to a file first")
        return (doc for raw in inputs for doc in self._read_one(raw))

    def _read_one(self, raw: str) -> Iterator[Document]:
        path = Path(raw)
        if path.is_dir():
            files = self._folder_files(path)
            if not files:
                raise InputError(f"{raw}: folder has no .txt, .jsonl or .csv files")
            for file in files:
                try:
                    yield from self._file(file, os.path.join(raw, str(file.relative_to(path))))
                except InputError as exc:  # one bad file of a folder: skip it, name it
                    self._problem(str(exc))
        else:
            yield from self._file(path, raw)

    def _folder_files(self, folder: Path) -> list[Path]:
        """Every ``.txt``, ``.jsonl`` and ``.csv`` under ``folder``, sorted; unreadable folders and links are warned about.

        Symbolic links to folders are followed once (a link back up the tree
        is a loop, warned about and not followed again).
        """
        found: list[Path] = []
        seen: set[tuple[int, int]] = set()

        def unreadable(exc: OSError) -> None:
            self._problem(f"{exc.filename}: cannot read folder ({exc.strerror or exc})")

        for top, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
            try:
                info = os.stat(top)
                key = (info.st_dev, info.st_ino)
            except OSError:
                continue
            if key in seen:
                self._problem(f"{top}: folder link loop")
                dirs[:] = []
                continue
            seen.add(key)
            for name in names:
                if os.path.splitext(name)[1].lower() in FOLDER_SUFFIXES:
                    found.append(Path(top) / name)
        return sorted(found)

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
        if len(text) > MAX_DOCUMENT_BYTES:
            self._problem(f"{where}: text longer than the {_mib(MAX_DOCUMENT_BYTES)} "
                          "document limit")
            return None
        if len(doc_id) > MAX_ID_CHARS:
            self.warn(f"{where}: id longer than {MAX_ID_CHARS} characters; "
                      f"this record is {where!r} instead")
            doc_id = where
        text = strip_boilerplate(text)
        if not text.strip():
            self._problem(f"{where}: no text left once boilerplate is removed")
            return None
        if not looks_english(text):
            self._problem(f"{where}: text does not look like English")
            return None
        try:
            iso = (normalise_date(str(date) if date else None, where) or dateline_date(text)
                   or self.default_date)
        except InputError as exc:
            if self.strict:
                raise
            self.warn(f"{exc}; using the dateline's or the default date")
            iso = dateline_date(text) or self.default_date
        if doc_id in self._seen_ids:
            self.warn(f"{where}: duplicate id {doc_id!r}; this record is {where!r} instead")
            doc_id = where
        self._seen_ids.add(doc_id)
        self.report.documents += 1
        return Document(id=doc_id, text=text, date=iso, title=str(title) if title else None,
                        url=str(url) if url else None, path=where.split(":")[0])

    def _lines(self, path: Path) -> Iterator[tuple[int, str]]:
        """``(line number, decoded line)`` of a corpus file, streamed (line endings kept).

        A line longer than :data:`MAX_LINE_BYTES` is skipped with a warning
        (read past in pieces, never held whole). Invalid UTF-8 is replaced,
        with one warning naming the first bad line.
        """
        with _open_regular(path) as handle:
            head = handle.read(SNIFF_BYTES)
            if b"\x00" in head:
                raise InputError(f"{path}: binary file, not text")
            if len(head) < SNIFF_BYTES and not head.strip():
                raise InputError(f"{path}: empty file")
            handle.seek(0)
            warned = False
            lineno = 0
            while True:
                raw = handle.readline(MAX_LINE_BYTES + 1)
                if not raw:
                    return
                lineno += 1
                if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                    while (rest := handle.readline(READ_BYTES)) and not rest.endswith(b"\n"):
                        pass
                    self._problem(f"{path}:{lineno}: line longer than the "
                                  f"{_mib(MAX_LINE_BYTES)} limit")
                    continue
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    yield lineno, raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    if not warned:
                        self.warn(f"{path}:{lineno}: invalid UTF-8 at byte {exc.start}; "
                                  "decoded with replacement characters")
                        warned = True
                    yield lineno, raw.decode("utf-8", errors="replace")

    def _jsonl(self, path: Path) -> Iterator[Document]:
        seen = 0
        for lineno, line in self._lines(path):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                record = json.loads(line, parse_int=_parse_int)
            except json.JSONDecodeError as exc:
                self._problem(f"{where}: malformed JSON ({exc.msg})")
                continue
            except RecursionError:
                self._problem(f"{where}: malformed JSON (nested too deeply)")
                continue
            except ValueError as exc:  # e.g. an integer of more than 4300 digits
                self._problem(f"{where}: malformed JSON ({str(exc).split(';')[0][:80]})")
                continue
            if not isinstance(record, dict):
                self._problem(f"{where}: not a JSON object")
                continue
            seen += 1
            doc_id = _id_text(record.get("id"), where)
            doc = self._document(where, doc_id, record.get("text"), record.get("date"),
                                 record.get("title"), record.get("url"))
            if doc:
                yield doc
        if not seen:
            raise InputError(f"{path}: no JSON records")

    def _csv(self, path: Path) -> Iterator[Document]:
        csv.field_size_limit(CSV_FIELD_LIMIT)
        numbered = self._lines(path)
        line_of = [0]  # the source line number of the last line the CSV reader took

        def lines() -> Iterator[str]:
            for lineno, line in numbered:
                line_of[0] = lineno
                yield line

        # strict: an unterminated quote is an error at the end of the file, not one huge record
        reader = csv.DictReader(lines(), strict=True)
        try:
            header = reader.fieldnames or []
        except csv.Error as exc:
            raise InputError(f"{path}: unreadable CSV header ({exc})") from exc
        if "text" not in header:
            raise InputError(f"{path}: CSV has no 'text' column (columns: {', '.join(header)})")
        row = 0
        while True:
            row += 1
            first_line = line_of[0] + 1
            where = f"{path}:{row}"
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                if "unexpected end of data" in str(exc):
                    self._problem(f"{where}: unterminated quoted field from line {first_line} "
                                  f"to the end of the file (line {line_of[0]}); "
                                  "the rows after it are lost")
                    break
                self._problem(f"{where} (line {first_line}): malformed CSV row ({exc})")
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


def _parse_int(digits: str) -> object:
    """A JSON integer; one too long for Python's int conversion stays text (a long numeric id)."""
    return int(digits) if len(digits) <= 4000 else digits


def _id_text(value: object, where: str) -> str:
    """A record's id as text, or ``where`` when it has none."""
    if value in (None, ""):
        return where
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:MAX_ID_CHARS + 1]


def read_documents(inputs: Iterable[str], *, default_date: Optional[str] = None,
                   strict: bool = False) -> Iterator[Document]:
    """Documents from paths (files, folders, ``.jsonl``, ``.csv``); see module docs."""
    return Reader(default_date=default_date, strict=strict).read(inputs)

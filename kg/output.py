"""Writing outputs safely: atomic (and paired) file replacement, stale temporaries, CSV cells.

Every output file is first written to a temporary file beside it, named
``.NAME.kgtmp-PID-XXXX.EXT``, then renamed onto its target. Several files
written together (``graph.ttl`` and ``map.html``) are renamed one after the
other only once all are complete, with Ctrl-C and SIGTERM held back between
the renames, so a run leaves either all new files or all old ones. A failed
or interrupted run removes its temporaries; temporaries left by a killed run
(``kill -9``, power loss) are removed by the next run writing to the folder
(:func:`remove_stale`), unless the process that made them still runs; so is
the temporary store a build without ``--store`` keeps its graph in
(``.store.kgtmp-PID-XXXX/``).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Union

from kg.errors import KgError, OutputError

#: Marks Entente's temporary files: ``.graph.kgtmp-1234-abcd.ttl``.
TEMP_MARK = ".kgtmp-"
_TEMP_NAME = re.compile(r"^\..+\.kgtmp-(\d+)-[^.]*(\.[^.]+)?$")
#: Cells starting with these characters are formulas to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale(folder: Union[str, Path]) -> list[Path]:
    """Remove the temporary files a killed run left in ``folder``; the paths removed.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".graph.kgtmp-999999999-x1.ttl").write_text("")
    >>> _ = (d / "graph.ttl").write_text("")
    >>> [p.name for p in remove_stale(d)], sorted(p.name for p in d.iterdir())
    (['.graph.kgtmp-999999999-x1.ttl'], ['graph.ttl'])
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match and not _alive(int(match.group(1))):
            try:
                if entry.is_dir(follow_symlinks=False):  # a build's temporary store
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return sorted(removed)


def _temp_prefix(name: str) -> str:
    """The start of a temporary's name: ``.graph.kgtmp-1234-`` (see :func:`remove_stale`)."""
    return f".{name}{TEMP_MARK}{os.getpid()}-"


def _temp_beside(target: Path) -> Path:
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target.stem),
                                   suffix=target.suffix, dir=str(target.parent))
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    return Path(tmp)


def temp_dir_beside(target: Path) -> Path:
    """A new temporary folder beside ``target``, named as the temporary files are (so a killed
    run's folder is removed by :func:`remove_stale`)."""
    try:
        return Path(tempfile.mkdtemp(prefix=_temp_prefix(target.name), dir=str(target.parent)))
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot write ({exc.strerror or exc})") from exc


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends (a no-op where unsupported)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def atomic_files(*paths: Union[str, Path]) -> Iterator[list[Path]]:
    """Temporary paths beside ``paths``, all renamed onto them when the block succeeds.

    An error or interruption inside the block leaves every target as it was
    and no temporary file behind.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_files(d / "a.txt", d / "b.txt") as (a, b):
    ...     _ = a.write_text("A"), b.write_text("B")
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt', 'b.txt']
    """
    targets = [Path(p) for p in paths]
    temps: list[Path] = []
    try:
        for target in targets:
            temps.append(_temp_beside(target))
        yield temps
        with _signals_held():
            for tmp, target in zip(temps, targets):
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
    except OSError as exc:
        name = exc.filename or (targets[0] if targets else "output")
        for tmp, target in zip(temps, targets):
            if str(tmp) == str(name):
                name = target
        raise OutputError(f"{name}: cannot write ({exc.strerror or exc})") from exc
    except KgError as exc:  # a writer's own error: name the file the user asked for
        message = str(exc)
        for tmp, target in zip(temps, targets):
            message = message.replace(str(tmp), str(target))
        raise KgError(message, exc.exit_code) from exc
    finally:
        for tmp in temps:
            try:
                os.unlink(tmp)
            except OSError:
                pass


@contextmanager
def atomic_path(path: Union[str, Path]) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it when the block succeeds."""
    with atomic_files(path) as (tmp,):
        yield tmp


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that clean-up code runs."""


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (temporaries are then removed).

    Only the main thread can set a handler; elsewhere this does nothing.
    """
    def handler(signum, frame):
        raise Terminated()

    try:
        old = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text instead of running it as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading apostrophe (OWASP's advice); numbers are left alone.

    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-2"), csv_cell(-2.0), csv_cell("Seoul")
    ('\\'=HYPERLINK("http://x")', "'-2", -2.0, 'Seoul')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

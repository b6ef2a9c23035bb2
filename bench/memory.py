"""Peak memory and wall time of ``kg events`` and ``kg build`` on one large document.

The document is generated from the project's own texts, never from Wikinews:
the paragraphs of ``seeds/*.txt`` and sentences built from the gazetteer's
state labels (``ontologies/actors/states.tsv``) and office holders
(``ontologies/actors/people.tsv``) with a few event verbs, shuffled with a
fixed seed, so every run reads the same bytes. Each command runs as a user
would run it (``python -m kg.cli ...`` in a subprocess, one process, no
``--store``); the script polls ``/proc`` for the resident memory of the
command and all its children (shown as a progress line on stderr) and also
reads the command's own ``ru_maxrss`` (``os.wait4``) afterwards, and reports the
larger of the two against the bound (1.5 GB, README's "Limits and safety").

    python bench/memory.py              # 10 MB document
    python bench/memory.py --quick      # 1 MB document
    python bench/memory.py --size 50kb  # any size: 50kb, 2mb, 10mb, 300000
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Peak resident memory any command may use, whatever the input (MB).
BOUND_MB = 1500
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
TEMPLATES = (
    "{a} condemned {b} on {day}, officials said.",
    "{p} met {q} in {city} to discuss trade and security.",
    "{a} and {b} signed a defence agreement on {day}.",
    "{p} accused {b} of violating the ceasefire.",
    "Troops from {a} attacked positions held by {b} near the border.",
    "{a} demanded that {b} withdraw its forces, {p} said.",
    "{p} praised {b} for its help after the floods.",
    "Talks between {a} and {b} continued for a third day without result.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def parse_size(text: str) -> int:
    """``50kb``, ``2mb``, ``10MB`` or a plain number of bytes -> bytes."""
    value = text.strip().lower().removesuffix("b")
    scale = {"k": 1000, "m": 1000 * 1000}.get(value[-1:], 1)
    number = value[:-1] if scale > 1 else value
    try:
        size = int(float(number) * scale)
    except ValueError:
        raise SystemExit(f"memory.py: error: bad size {text!r} (try 50kb, 1mb, 10mb)") from None
    if size <= 0:
        raise SystemExit(f"memory.py: error: size must be positive, not {text!r}")
    return size


def _rows(path: Path) -> list[list[str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]  # the first row names the columns


def make_document(size: int, seed: int = 16) -> str:
    """About ``size`` bytes of English news-like text from seeds and gazetteer names."""
    actors = ROOT / "ontologies" / "actors"
    states = [row[2] for row in _rows(actors / "states.tsv") if len(row) > 5 and row[5] == "y"]
    capitals = [row[4].split("|")[0] for row in _rows(actors / "states.tsv")
                if len(row) > 4 and row[4]]
    people = [row[0] for row in _rows(actors / "people.tsv") if row and row[0]]
    seeds = [para.strip() for path in sorted((ROOT / "seeds").glob("*.txt"))
             for para in path.read_text(encoding="utf-8").split("\n\n") if para.strip()]
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        if seeds and rng.random() < 0.3:
            para = rng.choice(seeds)
        else:
            para = " ".join(rng.choice(TEMPLATES).format(
                a=rng.choice(states), b=rng.choice(states), p=rng.choice(people),
                q=rng.choice(people), city=rng.choice(capitals), day=rng.choice(DAYS))
                for _ in range(rng.randint(2, 5)))
        parts.append(para)
        total += len(para.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in kB (0 once gone)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(children.get(current, ()))
    return total


def measure(name: str, args: list[str], stdout, interval: float = 0.5,
            progress: bool = True) -> tuple[float, float, int]:
    """Run ``python -m kg.cli ARGS``; return (peak MB, wall seconds, exit code)."""
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, env=env,
                            stdout=stdout, stderr=subprocess.PIPE, text=True)
    peak_kb = 0
    stderr_tail: list[str] = []
    # drain stderr in a thread so a chatty command never blocks on a full pipe

    def drain() -> None:
        for line in proc.stderr:  # type: ignore[union-attr]
            stderr_tail.append(line)
            del stderr_tail[:-20]
    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    usage = None
    tty, next_line = sys.stderr.isatty(), 0.0
    while usage is None:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:  # this child's own rusage (and its reaped children's), not earlier commands'
            proc.returncode = os.waitstatus_to_exitcode(status)
            usage = rusage
            break
        peak_kb = max(peak_kb, tree_rss_kb(proc.pid))
        elapsed = time.perf_counter() - started
        if progress and (tty or elapsed >= next_line):  # a line every 15 s when not a terminal
            print(("\r" if tty else "") + f"  {name}: {elapsed:6.0f} s, RSS {peak_kb / 1024:6.0f} MB "
                  f"peak so far", end="" if tty else "\n", file=sys.stderr, flush=True)
            next_line = elapsed + 15
        time.sleep(interval)
    wall = time.perf_counter() - started
    reader.join(timeout=5)
    if progress and tty:
        print(file=sys.stderr)
    peak_kb = max(peak_kb, usage.ru_maxrss)
    if proc.returncode != 0:
        print("".join(stderr_tail), file=sys.stderr, end="")
    return peak_kb / 1024, wall, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 1 MB document instead of 10 MB")
    parser.add_argument("--size", default=None, help="document size, e.g. 50kb, 2mb (default 10mb)")
    parser.add_argument("--only", choices=("events", "build"), default=None,
                        help="run one command only")
    parser.add_argument("--keep", metavar="DIR", default=None,
                        help="write the document and outputs to DIR (kept) instead of a temp folder")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress line")
    args = parser.parse_args()
    size = parse_size(args.size or ("1mb" if args.quick else "10mb"))

    with tempfile.TemporaryDirectory(prefix="kg-memory-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        document = folder / "memory-bench.txt"
        text = make_document(size)
        document.write_text(text, encoding="utf-8")
        words = len(text.split())
        print(f"document: {len(text.encode('utf-8')):,} bytes, {words:,} words "
              f"(seeds/*.txt and gazetteer names), one .txt file")
        print(f"bound: {BOUND_MB} MB peak resident memory (command and its children)")
        print()
        runs = []
        if args.only in (None, "events"):
            with open(folder / "events.jsonl", "w", encoding="utf-8") as out:
                runs.append(("kg events", measure("kg events", ["events", str(document)], out,
                                                  progress=not args.quiet)))
        if args.only in (None, "build"):
            runs.append(("kg build --out", measure(
                "kg build", ["build", str(document), "--out", str(folder / "build")],
                subprocess.DEVNULL, progress=not args.quiet)))
        print(f"| {'command':<15} | {'input':>9} | {'peak RSS':>9} | {'wall':>8} | {'bound':>7} | result |")
        print(f"| {'-' * 15} | {'-' * 9} | {'-' * 9} | {'-' * 8} | {'-' * 7} | ------ |")
        failed = False
        for name, (peak, wall, code) in runs:
            ok = code == 0 and peak < BOUND_MB
            failed |= not ok
            verdict = "pass" if ok else ("FAIL" if code == 0 else f"exit {code}")
            print(f"| {name:<15} | {len(text.encode('utf-8')) / 1e6:>6.2f} MB | {peak:>6.0f} MB "
                  f"| {wall:>6.1f} s | {BOUND_MB:>4} MB | {verdict:<6} |")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate ``wikinews-sample.csv`` from the Wikinews corpus in ``corpus/wikinews/``.

The sample is chosen mechanically, without looking at what the extractor finds:
every article (2019 and 2020) that names at least ``MIN_STATES`` different
independent states by a gazetteer name (``ontologies/actors/states.tsv``,
whole-word, case-sensitive match) and has at most ``MAX_WORDS`` words. Rows are
copied unchanged (``url,date,title,text``), in corpus order.

    python notebooks/data/make_sample.py
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = [ROOT / "corpus" / "wikinews" / f"wikinews_{year}.csv" for year in (2019, 2020)]
STATES = ROOT / "ontologies" / "actors" / "states.tsv"
OUT = Path(__file__).resolve().parent / "wikinews-sample.csv"
MIN_STATES = 3
MAX_WORDS = 1500


def state_names() -> dict[str, str]:
    """Every name of an independent state -> its QID."""
    names: dict[str, str] = {}
    with STATES.open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    header, *rows = rows
    for row in rows:
        rec = dict(zip(header, row))
        if rec["independent"] != "y":
            continue
        for name in {rec["label"], *rec["names"].split("|")}:
            if name:
                names[name] = rec["qid"]
    return names


def main() -> None:
    names = state_names()
    pattern = re.compile(r"\b(" + "|".join(
        sorted(map(re.escape, names), key=len, reverse=True)) + r")\b")
    csv.field_size_limit(64 * 1024 * 1024)
    kept = []
    for path in CORPUS:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            fields = reader.fieldnames
            for row in reader:
                states = {names[m] for m in pattern.findall(row["text"])}
                if len(states) >= MIN_STATES and len(row["text"].split()) <= MAX_WORDS:
                    kept.append(row)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(kept)
    print(f"{OUT}: {len(kept)} articles, {sum(len(r['text'].split()) for r in kept):,} words")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate ``ontologies/lexicon/cameo-verbs.tsv`` and ``cameo-synsets.tsv`` from PETRARCH2's verbs.

Input: ``ontologies/sources/petrarch2/CAMEO.2.0.txt``, the CAMEO verb dictionary of PETRARCH2
(Open Event Data Alliance, MIT; its ``LICENSE`` lies beside it). Format: ``--- NAME [CODE] ---``
starts a verb block, member verbs follow (``ACCUSE [112]``, ``+CRACK_DOWN {...}``), then
patterns ``- * OBJECT (PREP NOUN) [CODE] # VERB-OF-ORIGIN`` (``[a:p]``: active and passive
codes; ``[---]``: no event).

The conversion is conservative:

- a pattern is kept for the verb it was written for (its trailing comment), not for every verb
  of its block; a pattern without that comment only when its block has a single verb;
- only patterns with nothing before the verb (``*``), at most one object (a word, a
  ``{noun phrase}`` whose last word is its head, or a ``&SYNSET``) and at most one
  prepositional phrase with at most one word; patterns with subject words, ``$``/``+``
  markers or other operators are left out;
- codes not in the project's codebook fall back to their parent code (``1722`` -> ``172``);
- a ``re``-verb of a block ("reimpose") takes the patterns of its base verb ("impose");
- a verb's own code (or its block's) is a bare-verb row; ``---`` rows are exclusions.

Words are lower-cased; PETRARCH stems (no trailing ``_``) have a plain English plural
``-s``/``-ies`` removed so that they compare with spaCy lemmas. Run
``python scripts/make_petrarch_verbs.py`` after changing the input; the output is
deterministic, and ``tests/events/test_petrarch_verbs.py`` checks that the shipped files are
what this script makes.
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "ontologies" / "sources" / "petrarch2" / "CAMEO.2.0.txt"
CODEBOOK = ROOT / "ontologies" / "cameo-codes.csv"
OUT = ROOT / "ontologies" / "lexicon"

HEADER = """# CAMEO verb patterns converted from PETRARCH2's CAMEO.2.0.txt (Open Event Data Alliance, MIT;
# ontologies/sources/petrarch2/) by scripts/make_petrarch_verbs.py: do not edit, run the script.
# The hand-written triggers.tsv overrides these rows. Columns:
# verb      lemma ("crack down": verb + particle/preposition)
# object    head lemma of the direct object, "mod head" for a noun phrase, "&set" for a synonym
#           set (cameo-synsets.tsv), empty for none
# prep      preposition of a prepositional phrase of the verb or its object, empty for none
# pobj      head lemma (or &set) of that phrase's object, empty for none
# code      CAMEO code, "---" for no event (an exclusion)
# passive   CAMEO code in the passive voice ("---": none)
# origin    the dictionary line the row comes from
"""

BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([0-9-]+)(?::([0-9-]+))?\]")


def word(w: str) -> str:
    """A PETRARCH word as a lemma: ``SANCTIONS`` -> ``sanction``, ``CASH_`` -> ``cash``."""
    exact = w.endswith("_")
    w = w.strip("_").lower().replace("_", " ")
    if not exact and " " not in w and len(w) > 3 and not w.endswith("ss"):
        if w.endswith("ies"):
            w = w[:-3] + "y"
        elif re.search(r"(x|ch|sh|ss)es$", w):
            w = w[:-2]
        elif w.endswith("s") and not w.endswith("us"):
            w = w[:-1]
    return w


def verb_lemma(w: str) -> str:
    return w.lstrip("+").strip("_").lower().replace("_", " ")


def known_codes() -> set[str]:
    with open(CODEBOOK, encoding="utf-8", errors="replace", newline="") as fh:
        return {row["code"].strip() for row in csv.DictReader(fh)}


def fit(code: str, codes: set[str]) -> str | None:
    if code == "---":
        return code
    for c in (code, code[:3]):
        if c in codes:
            return c
    return None


def parse_object(tokens: list[str]) -> tuple[str, str, str] | None:
    """``["SANCTIONS", "(ON", "GOODS)"]`` -> ``("sanction", "on", "good")``; None when unsupported."""
    text = " ".join(tokens)
    if re.search(r"[$+^%/!.]", text):
        return None
    pps = re.findall(r"\(([^()]*)\)", text)
    rest = re.sub(r"\([^()]*\)", " ", text).split()
    if len(pps) > 1:
        return None
    obj = ""
    phrase = re.fullmatch(r"\{([^{}]*)\}", " ".join(rest)) if rest else None
    if phrase:
        words = phrase.group(1).split()
        if not 1 <= len(words) <= 2 or any(w.startswith("&") for w in words[:-1]):
            return None
        obj = " ".join(word(w) if not w.startswith("&") else w.lower() for w in words)
    elif len(rest) == 1:
        obj = rest[0].lower() if rest[0].startswith("&") else word(rest[0])
    elif rest:
        return None
    prep = pobj = ""
    if pps:
        parts = pps[0].split()
        if not 1 <= len(parts) <= 2 or "{" in pps[0]:
            return None
        prep = parts[0].lower().strip("_")
        if len(parts) == 2:
            pobj = parts[1].lower() if parts[1].startswith("&") else word(parts[1])
    if not obj and not prep:
        return None
    return obj, prep, pobj


def convert(lines: list[str], codes: set[str]) -> tuple[list[tuple[str, ...]], list[tuple[str, str]], dict]:
    """The verb rows, the synonym-set rows and counts of what was kept and left out."""
    rows: dict[tuple[str, str, str, str], tuple[str, ...]] = {}
    synsets: list[tuple[str, str]] = []
    stats = {"blocks": 0, "verbs": 0, "patterns": 0, "kept": 0, "other verb": 0,
             "unsupported": 0, "unknown code": 0}
    section = "header"
    synset = None
    members: list[str] = []
    block_code = "---"
    single = False

    def add(key, code, passive, origin):
        rows.setdefault(key, (*key, code, passive, origin))

    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if "SYNONYM SETS" in line:
            section = "synsets"
            continue
        if "VERB PATTERNS" in line:
            section = "verbs"
            continue
        if "TRANSFORMATIONS" in line:
            break
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        if section == "synsets":
            if body.startswith("&"):
                synset = body.rstrip("_").lower()
            elif body.startswith("+") and synset:
                synsets.append((synset, word(body[1:].split()[0])))
            continue
        if section != "verbs":
            continue
        m = BLOCK.match(line)
        if m:
            stats["blocks"] += 1
            block_code = m.group(2).strip()
            members, single = [], False
            continue
        if body.startswith("-"):
            stats["patterns"] += 1
            c = CODE.search(body)
            comment = line.split("#", 1)[1].strip() if "#" in line else ""
            origin = verb_lemma(comment.split()[0].rstrip(",;:")) if comment else ""
            if not origin and single:
                origin = members[0]
            if origin not in members:
                stats["other verb"] += 1
                continue
            pat = body[1:c.start()].split() if c else []
            if not c or not pat or pat[0] != "*":
                stats["unsupported"] += 1
                continue
            obj = parse_object(pat[1:])
            if obj is None:
                stats["unsupported"] += 1
                continue
            active = fit(c.group(1), codes)
            passive = fit(c.group(2), codes) if c.group(2) else active
            if active is None or passive is None:
                stats["unknown code"] += 1
                continue
            for verb in [origin] + [v for v in members if v == "re" + origin]:
                # "reimpose" is "impose" again: the re- form of the same block takes its patterns
                add((verb, *obj), active, passive, f"CAMEO.2.0.txt:{n}")
            stats["kept"] += 1
            continue
        # a member verb: "ACCUSE [112]", "HURRY {HURRIES ...}", "+CRACK_DOWN {...}"
        first = body.split()[0]
        lemma = verb_lemma(first)
        if len(lemma.split()) > 2 or not re.fullmatch(r"[a-z ]+", lemma):
            continue
        stats["verbs"] += 1
        members.append(lemma)
        single = len(members) == 1
        own = CODE.search(body)
        code = fit(own.group(1), codes) if own else fit(block_code, codes)
        if code and code != "---":
            add((lemma, "", "", ""), code, code, f"CAMEO.2.0.txt:{n}")
    return sorted(rows.values()), sorted(set(synsets)), stats


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def render(rows, synsets) -> tuple[str, str]:
    verbs = HEADER + "\n".join("\t".join(r) for r in rows) + "\n"
    sets = ("# Synonym sets of PETRARCH2's CAMEO.2.0.txt (MIT), by scripts/make_petrarch_verbs.py.\n"
            "# set\tmember lemma\n" + "\n".join(f"{s}\t{w}" for s, w in synsets) + "\n")
    return verbs, sets


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=OUT, help="folder for the two .tsv files")
    args = ap.parse_args(argv)
    if not args.source.is_file():
        print(f"make_petrarch_verbs: {args.source}: no such file", file=sys.stderr)
        return 2
    with open(args.source, encoding="utf-8", errors="replace") as fh:
        rows, synsets, stats = convert(fh.readlines(), known_codes())
    verbs, sets = render(rows, synsets)
    args.out.mkdir(parents=True, exist_ok=True)
    write_atomic(args.out / "cameo-verbs.tsv", verbs)
    write_atomic(args.out / "cameo-synsets.tsv", sets)
    print(" ".join(f"{k}={v}" for k, v in stats.items()) + f" rows={len(rows)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

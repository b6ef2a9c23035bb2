#!/usr/bin/env python3
"""Generate ``ontologies/actors/states.tsv`` from the country-codes table.

Usage::

    python scripts/make_gazetteer.py PATH/TO/country-codes.csv [ontologies/actors/states.tsv]

The source table is the "country-codes" dataset (datahub.io/core/country-codes,
ODC Public Domain Dedication and Licence). For every row with a Wikidata id it
writes one line: QID, ISO3, preferred English label, every English name
variant (UN short and formal names, official name, CLDR display name),
capital, and whether the entity is an independent state. The output is
committed, so users never need the source table.
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

#: Preferred labels where the CLDR display name is an abbreviation or odd.
LABELS = {
    "USA": "United States", "GBR": "United Kingdom", "COD": "DR Congo",
    "COG": "Republic of the Congo", "TUR": "Turkey", "BIH": "Bosnia and Herzegovina",
    "CIV": "Ivory Coast", "CPV": "Cape Verde", "VAT": "Holy See", "MMR": "Myanmar",
    "PSE": "Palestine", "STP": "Sao Tome and Principe", "ATG": "Antigua and Barbuda",
    "KNA": "Saint Kitts and Nevis", "LCA": "Saint Lucia", "TTO": "Trinidad and Tobago",
    "VCT": "Saint Vincent and the Grenadines", "CZE": "Czech Republic",
}

#: Extra English names (common press usage) per ISO3.
EXTRA_NAMES = {
    "USA": ["United States of America", "the United States", "U.S.", "US", "U.S.A.", "USA", "America"],
    "GBR": ["Britain", "Great Britain", "U.K.", "UK"],
    "RUS": ["Russian Federation"],
    "PRK": ["DPRK", "D.P.R.K."],
    "KOR": ["Republic of Korea", "ROK"],
    "CHN": ["People's Republic of China", "PRC", "mainland China"],
    "TWN": ["Republic of China"],
    "IRN": ["Islamic Republic of Iran"],
    "SYR": ["Syrian Arab Republic"],
    "TUR": ["Türkiye", "Turkiye"],
    "CZE": ["Czechia"],
    "NLD": ["Holland", "the Netherlands"],
    "COD": ["Democratic Republic of Congo", "DRC", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville", "Republic of Congo"],
    "MMR": ["Burma"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia"],
    "CPV": ["Cabo Verde"],
    "TLS": ["East Timor"],
    "VAT": ["Vatican", "Vatican City"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"],
    "LAO": ["Laos"],
    "VNM": ["Vietnam", "Viet Nam"],
    "BRN": ["Brunei"],
    "MDA": ["Moldova"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "FSM": ["Micronesia"],
    "PSE": ["State of Palestine", "Palestinian Authority"],
    "BIH": ["Bosnia"],
    "GMB": ["The Gambia"],
    "BHS": ["The Bahamas"],
    "PHL": ["the Philippines"],
}

#: Capitals spelled differently in the press, or seats of government.
EXTRA_CAPITALS = {
    "UKR": ["Kiev"], "KAZ": ["Astana"], "MMR": ["Naypyidaw", "Naypyitaw"],
    "IND": ["Delhi"], "CMR": ["Yaoundé"], "COL": ["Bogotá"], "BRA": ["Brasília"],
    "YEM": ["Sana'a", "Sana’a"], "BOL": ["La Paz"], "CIV": ["Abidjan"],
    "NLD": ["The Hague"], "TZA": ["Dar es Salaam"], "NGA": [], "BEN": ["Cotonou"],
    "PSE": ["Ramallah"], "CHE": ["Berne"], "MDA": ["Chișinău", "Chisinău"],
    "ISL": ["Reykjavík"], "PRY": ["Asunción"], "CRI": ["San José"],
}

#: Capitals left out: ambiguous as person names or common words, or standing for
#: something else in the press (Brussels usually stands for the EU: see aliases.tsv).
SKIP_CAPITALS = {
    "Victoria", "Kingston", "Male", "Georgetown", "Hamilton", "Douglas", "Stanley",
    "Jamestown", "Brussels", "Luxembourg", "Monaco", "Singapore", "San Marino",
    "Djibouti", "Kuwait City", "Vatican City", "Panama City", "Guatemala City",
    "Mexico City", "Saint-Denis", "Saint-Pierre", "Sucre", "Plymouth", "Praia",
    "The Valley", "Avarua", "Alofi", "Basse-Terre", "East Jerusalem",
    "Diego Garcia", "West Island", "Flying Fish Cove", "Adamstown", "Marigot",
}

#: Rows missing from or incomplete in the source table.
EXTRA_ROWS = [
    {"qid": "Q1246", "iso3": "XKX", "label": "Kosovo", "names": ["Kosovo", "Republic of Kosovo"],
     "capital": "Pristina", "status": "Yes"},
]
MISSING_QIDS = {"NAM": "Q1030"}


def _clean(name: str) -> str:
    name = re.sub(r"\s*\*+$", "", name.strip())
    name = re.sub(r"\s*\(the\)$", "", name)
    if name.startswith("the "):
        name = name[4:]
    return name.strip()


def rows(path: Path) -> list[dict]:
    """Read the country-codes table into gazetteer rows."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            iso3 = rec["ISO3166-1-Alpha-3"].strip()
            if not iso3:
                continue
            url = rec["wikidata_id"].strip()
            qid = url.rsplit("/", 1)[-1] if url else MISSING_QIDS.get(iso3, "")
            if not qid:
                continue
            cldr = rec["CLDR display name"].strip()
            names: list[str] = []
            label = LABELS.get(iso3) or cldr or _clean(rec["official_name_en"])
            for n in [label, cldr, _clean(rec["UNTERM English Short"]), _clean(rec["official_name_en"]),
                      _clean(rec["UNTERM English Formal"]), *EXTRA_NAMES.get(iso3, [])]:
                if n and "(" not in n and "," not in n and n not in names:
                    names.append(n)
            out.append({"qid": qid, "iso3": iso3, "label": label, "names": names,
                        "capital": rec["Capital"].strip(), "status": rec["is_independent"].strip()})
    out.extend(EXTRA_ROWS)
    return out


def write(rows_: list[dict], dest: Path) -> None:
    """Write ``states.tsv``."""
    with dest.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Generated by scripts/make_gazetteer.py from country-codes.csv (ODC-PDDL); do not edit.\n")
        fh.write("qid\tiso3\tlabel\tnames\tcapitals\tindependent\n")
        for r in sorted(rows_, key=lambda r: r["iso3"]):
            caps = [] if r["capital"] in SKIP_CAPITALS or not r["capital"] else [r["capital"]]
            caps += [c for c in EXTRA_CAPITALS.get(r["iso3"], []) if c not in caps]
            independent = "y" if r["status"] in ("Yes", "In contention") else "n"
            if independent == "n":
                caps = []  # capitals of dependent territories do not act for a polity
            fh.write("\t".join([r["qid"], r["iso3"], r["label"], "|".join(r["names"]),
                                "|".join(caps), independent]) + "\n")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    src = Path(argv[0])
    dest = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "ontologies/actors/states.tsv"
    write(rows(src), dest)
    print(f"wrote {dest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

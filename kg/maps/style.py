"""How actors and relations look on the map: shapes, colours, sizes, short labels.

The same scale is used by the page's script when filters change an edge's
events (``map.js`` reads ``TYPE_STYLES`` and the colour stops from the data).

>>> goldstein_color(-10), goldstein_color(0), goldstein_color(10)
('#c62828', '#9e9e9e', '#1565c0')
>>> edge_width(1) < edge_width(10) <= 12
True
>>> short_relation("disapprovesOf")
'disapproves of'
"""
from __future__ import annotations

import math

from kg.rdf.namespace import ROOT_RELATIONS

#: Actor type -> (vis shape, fill, border, legend label).
TYPE_STYLES: dict[str, tuple[str, str, str, str]] = {
    "State": ("dot", "#f7c948", "#a37c00", "State"),
    "Organization": ("diamond", "#a98bd8", "#5b3c94", "International organisation"),
    "Person": ("triangle", "#f08c4a", "#9c4a10", "Person"),
    "ArmedForce": ("star", "#8d9a5b", "#4d5626", "Armed force"),
    "GovernmentBody": ("square", "#6fc2b5", "#2a7266", "Government body"),
    "Group": ("hexagon", "#b8b0a8", "#6b635c", "Group"),
}
#: Types shown in the default (polity) view.
POLITY_TYPES = ("State", "Organization")

#: CAMEO sectors (ActorRef.sector) -> legend label; the map's sector filter lists them.
SECTORS: dict[str, str] = {
    "STATE": "State", "GOV": "Government", "MIL": "Military", "COP": "Police", "JUD": "Judiciary",
    "LEG": "Legislature", "SPY": "Intelligence", "REB": "Rebels / armed groups", "OPP": "Opposition, protesters",
    "CVL": "Civilians", "BUS": "Business", "MED": "Media", "REF": "Refugees", "ELI": "Former officials, elites",
    "IGO": "Intergovernmental", "NGO": "Non-governmental", "MNC": "Companies",
    "UAF": "Unidentified armed forces", "INS": "Insurgents", "SEP": "Separatists",
    "RAD": "Radicals", "CRM": "Criminals", "LAB": "Labour", "EDU": "Education", "HLH": "Health",
    "AGR": "Agriculture", "ENV": "Environment", "HRI": "Human rights", "REL": "Religious",
    "PTY": "Political parties", "MOD": "Moderates",
}

#: Colour stops of the Goldstein scale: conflict, neutral, cooperation.
CONFLICT, NEUTRAL, COOPERATION = "#c62828", "#9e9e9e", "#1565c0"
#: Goldstein score at which the colour saturates.
SATURATION = 5.0

#: Direct relation -> short label for edges.
SHORT_RELATIONS: dict[str, str] = {
    "makesStatementAbout": "comments on",
    "appealsTo": "appeals to",
    "intendsToCooperateWith": "intends to cooperate",
    "consults": "consults",
    "cooperatesDiplomaticallyWith": "diplomatic coop.",
    "cooperatesMateriallyWith": "material coop.",
    "aids": "aids",
    "yieldsTo": "yields to",
    "investigates": "investigates",
    "demands": "demands",
    "disapprovesOf": "disapproves of",
    "rejects": "rejects",
    "threatens": "threatens",
    "protestsAgainst": "protests",
    "posturesAgainst": "postures",
    "reducesRelationsWith": "reduces relations",
    "coerces": "coerces",
    "assaults": "assaults",
    "fights": "fights",
    "usesMassViolenceAgainst": "mass violence",
}
assert set(SHORT_RELATIONS) == set(ROOT_RELATIONS.values())


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _mix(a: str, b: str, t: float) -> str:
    ra, rb = _rgb(a), _rgb(b)
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ra, rb))


def goldstein_color(score: float) -> str:
    """Edge colour for a mean Goldstein score: red (conflict) to grey to blue (cooperation)."""
    t = max(-1.0, min(1.0, score / SATURATION))
    return _mix(NEUTRAL, CONFLICT, -t) if t < 0 else _mix(NEUTRAL, COOPERATION, t)


def edge_width(count: int) -> float:
    """Edge width for a number of events (logarithmic, 1.5 to 12)."""
    return round(min(12.0, 1.5 + 2.2 * math.log2(max(1, count))), 2)


def node_size(count: int) -> float:
    """Node size for a number of events (square-root, 12 to 60)."""
    return round(min(60.0, 12.0 + 5.0 * math.sqrt(max(0, count))), 1)


def short_relation(relation: str) -> str:
    """Short edge label for a direct relation name."""
    return SHORT_RELATIONS.get(relation, relation)


def legend() -> dict:
    """Legend data embedded in the page."""
    return {
        "types": [{"type": t, "shape": s, "fill": f, "border": b, "label": label}
                  for t, (s, f, b, label) in TYPE_STYLES.items()],
        "sectors": [{"sector": k, "label": v} for k, v in SECTORS.items()],
        "domestic": "Domestic events (two sectors of one country) are hidden unless asked for",
        "scale": {"conflict": CONFLICT, "neutral": NEUTRAL, "cooperation": COOPERATION,
                  "saturation": SATURATION},
    }

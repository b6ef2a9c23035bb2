"""The relationship map: an RDF graph to one offline HTML file (pyvis data, vis-network page).

Actors are nodes (shape and colour by type, size by number of events);
each relation between two actors is an edge (one per relation, so parallel
relations stay visible, curved apart), coloured from conflict (red) to
cooperation (blue) by mean Goldstein score, with width by event count.

Two views share one page: the default *polity* view rolls persons, forces
and bodies up to the state or organisation they act for; the *detail* view
(a toggle) shows them attached to it. Positions are computed here
(:mod:`kg.maps.layout`), so the browser runs no physics and large maps are
still as soon as they are drawn.

The page inlines the vis-network script and style shipped inside the
installed pyvis package; nothing is fetched, and a Content-Security-Policy
allows only the page's own scripts (by hash), so text from articles, which
is embedded as JSON and shown with ``textContent``, cannot run.

>>> from kg.graph.projection import from_tuples
>>> G = from_tuples([("Russia", "Ukraine", "190", -10.0, "2024-11-04", "<b>Russia</b> attacked."),
...                  ("Russia", "Ukraine", "111", -2.0, "2024-11-05")])
>>> data = map_data_from_actors(G)
>>> sorted(n["label"] for n in data["nodes"])
['Russia', 'Ukraine']
>>> sorted(e["base"] for e in data["edges"])
['disapproves of', 'fights']
>>> html = render_html(data)
>>> "<b>Russia" in html, "\\\\u003cb\\\\u003eRussia" in html, "<script src" in html
(False, True, False)
"""
from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

import networkx as nx
import rdflib

from kg.errors import UsageError
from kg.graph.projection import check_date, in_window, project, select
from kg.ids import ONTOLOGY
from kg.maps.layout import compute_layout
from kg.maps.style import (POLITY_TYPES, TYPE_STYLES, edge_width, goldstein_color, legend,
                           node_size, short_relation)

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Above this many nodes, edge labels are left out (they are in the evidence panel).
EDGE_LABEL_LIMIT = 1500
#: Above this many nodes, nodes are smaller and labels show only when zoomed in.
MEDIUM = 150
RELATION_CLASSES = ("cooperative", "conflictual")
#: The page's lists (events, edges, nodes) are written this many items at a time.
JSON_BATCH = 2000

DOCS_QUERY = f"""
PREFIX ent: <{ONTOLOGY}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id ?title ?url ?date WHERE {{
  ?d a ent:Document ; dcterms:identifier ?id .
  OPTIONAL {{ ?d dcterms:title ?title }}
  OPTIONAL {{ ?d dcterms:source ?url }}
  OPTIONAL {{ ?d dcterms:date ?date }}
}}"""


def vis_dir() -> Path:
    """Folder of the vis-network build that ships inside the installed pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib"
    for name in ("vis-9.1.2", "vis-9.0.4"):
        if (lib / name / "vis-network.min.js").exists():
            return lib / name
    found = sorted(lib.glob("vis-*/vis-network.min.js"))
    if not found:
        raise FileNotFoundError(f"vis-network not found in {lib}")
    return found[-1].parent


class _Ids(list):
    """pyvis keeps node ids in a list and tests membership per edge; keep a set beside it."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def check_filters(since: Optional[str] = None, until: Optional[str] = None,
                  min_confidence: Optional[float] = None, types: Optional[Iterable[str]] = None,
                  relation_class: Optional[str] = None, domestic: bool = False) -> dict[str, Any]:
    """Validate map filters; returns them normalised (raises :class:`UsageError`).
    Domestic events (two sectors of one country) are left out unless ``domestic``.

    >>> check_filters(types="State,Organization", relation_class="conflictual")["types"]
    ('State', 'Organization')
    """
    check_date(since, "since")
    check_date(until, "until")
    if min_confidence is not None and not 0.0 <= float(min_confidence) <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1: {min_confidence}")
    if isinstance(types, str):
        types = [t for t in re.split(r"[,\s]+", types) if t]
    if types is not None:
        known = {t.lower(): t for t in TYPE_STYLES}
        known.update({"organisation": "Organization", "internationalorganization": "Organization",
                      "force": "ArmedForce", "body": "GovernmentBody"})
        bad = [t for t in types if t.lower() not in known]
        if bad:
            raise UsageError(f"unknown actor type {bad[0]!r} (use {', '.join(TYPE_STYLES)})")
        types = tuple(dict.fromkeys(known[t.lower()] for t in types))
    if relation_class is not None and relation_class not in RELATION_CLASSES:
        raise UsageError(f"unknown relation class {relation_class!r} (use cooperative or conflictual)")
    return {"since": since, "until": until, "min_confidence": float(min_confidence or 0.0),
            "types": types, "relation_class": relation_class, "domestic": bool(domestic)}


def _keep(d: dict[str, Any], f: dict[str, Any], su: str, sv: str) -> bool:
    if d.get("negated") or (d.get("domestic") and not f.get("domestic")):
        return False
    if float(d.get("confidence", 0.5)) < f["min_confidence"]:
        return False
    if not in_window(d.get("date"), f["since"], f["until"]):
        return False
    coop = int(str(d.get("cameo", "01"))[:2]) <= 9
    if f["relation_class"] == "cooperative" and not coop:
        return False
    if f["relation_class"] == "conflictual" and coop:
        return False
    return not f["types"] or (su in f["types"] and sv in f["types"])


def _curves(edges: list[dict[str, Any]], views: tuple[str, ...]) -> None:
    """Curve parallel edges (same pair of nodes, either direction) apart."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for e in edges:
        if e["view"] in views:
            groups[tuple(sorted((e["from"], e["to"])))].append(e)
    for group in groups.values():
        if len(group) == 1:
            continue
        per_dir: dict[tuple, int] = defaultdict(int)
        for e in group:
            if "smooth" in e and e["smooth"].get("enabled"):
                continue
            i = per_dir[(e["from"], e["to"])]
            per_dir[(e["from"], e["to"])] += 1
            e["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.15 + 0.2 * i, 2)}


def map_data_from_actors(G: nx.MultiDiGraph, *, title: str = "Relationship map",
                         docs: Optional[dict[str, dict[str, Any]]] = None,
                         layout: bool = True, **filters: Any) -> dict[str, Any]:
    """The page's data (nodes, edges, events, documents, options) from an actor graph.

    ``G`` is the actor graph of :func:`kg.graph.projection.project`; filters
    are those of :func:`check_filters`.
    """
    f = check_filters(**filters)
    docs = docs or {}
    kept = []
    for u, v, k, d in G.edges(keys=True, data=True):
        if _keep(d, f, G.nodes[u].get("type") or "State", G.nodes[v].get("type") or "State"):
            kept.append((u, v, k, d))
    kept.sort(key=lambda x: (x[3].get("date") or "9999", str(x[2])))

    def polity(n: str) -> str:
        p = G.nodes[n].get("polity") or n
        return p if p in G else n

    actors: set[str] = set()
    for u, v, _, _ in kept:
        actors.update((u, v, polity(u), polity(v)))
    detail = {n for n in actors if polity(n) != n}
    order = sorted(actors, key=lambda n: (n in detail, str(G.nodes[n].get("label") or n).lower(), n))
    nid = {n: i for i, n in enumerate(order)}

    doc_index: dict[str, int] = {}
    doc_list: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    d_edges: dict[tuple, list[int]] = defaultdict(list)
    p_edges: dict[tuple, list[int]] = defaultdict(list)
    count: dict[str, int] = defaultdict(int)
    for u, v, k, d in kept:
        doc = d.get("doc") or ""
        if doc not in doc_index:
            doc_index[doc] = len(doc_list)
            meta = docs.get(doc, {})
            doc_list.append({"id": doc, "title": meta.get("title"), "url": meta.get("url"),
                             "date": meta.get("date")})
        rel = d.get("relation") or "interactsWith"
        i = len(events)
        events.append({"e": str(k), "s": nid[u], "t": nid[v], "r": rel, "c": str(d.get("cameo")),
                       "g": float(d.get("goldstein", 0.0)),
                       "p": round(float(d.get("confidence", 0.5)), 3),
                       "m": d.get("modality") or "asserted", "d": d.get("date"),
                       "doc": doc_index[doc], "x": d.get("sentence") or "", "tr": d.get("trigger")})
        d_edges[(nid[u], nid[v], rel)].append(i)
        pu, pv = nid[polity(u)], nid[polity(v)]
        if pu != pv:
            p_edges[(pu, pv, rel)].append(i)
        for n in {u, v, polity(u), polity(v)}:
            count[n] += 1

    edge_labels = len(order) <= EDGE_LABEL_LIMIT
    edges: list[dict[str, Any]] = []

    def add_edges(table: dict[tuple, list[int]], view: str) -> None:
        for (a, b, rel), evs in sorted(table.items()):
            if view == "d" and p_edges.get((a, b, rel)) == evs:
                continue  # same edge in both views: added once as "b"
            mean = sum(events[i]["g"] for i in evs) / len(evs)
            colour = goldstein_color(mean)
            base = short_relation(rel)
            edges.append({"id": f"{view}{len(edges)}", "from": a, "to": b, "view": view, "rel": rel,
                          "base": base, "ev": evs,
                          "label": (base if len(evs) == 1 else f"{base} ×{len(evs)}") if edge_labels else None,
                          "color": {"color": colour, "highlight": colour, "hover": colour},
                          "width": edge_width(len(evs))})

    add_edges(p_edges, "p")
    for e in edges:
        if d_edges.get((e["from"], e["to"], e["rel"])) == e["ev"]:
            e["view"] = "b"
    add_edges(d_edges, "d")
    for n in order:
        if n in detail:
            edges.append({"id": f"m{len(edges)}", "from": nid[n], "to": nid[polity(n)], "view": "m",
                          "rel": "actsFor", "base": None, "ev": [], "label": None,
                          "color": {"color": "#b5b1a8", "highlight": "#8a867e", "hover": "#8a867e"},
                          "width": 1, "dashes": True, "arrows": {"to": {"enabled": False}}, "smooth": {"enabled": False}})
    _curves(edges, ("p", "b"))
    _curves(edges, ("d", "b"))

    linked = {e["from"] for e in edges if e["view"] != "m"} | {e["to"] for e in edges if e["view"] != "m"}
    pos: dict[int, tuple[float, float]] = {}
    if layout:
        top = [nid[n] for n in order if n not in detail]
        pos = compute_layout(top, [(e["from"], e["to"]) for e in edges if e["view"] in ("p", "b")])
        pos.update(place_members(pos, [(nid[n], nid[polity(n)]) for n in order if n in detail]))

    from pyvis.network import Network

    net = Network(directed=True)
    net.node_ids = _Ids()
    shrink = 1.0 if len(order) <= MEDIUM else 0.6
    for n in order:
        a = G.nodes[n]
        typ = a.get("type") or ("State" if n not in detail else "Group")
        if typ not in TYPE_STYLES:
            typ = "Group"
        shape, fill, border, _ = TYPE_STYLES[typ]
        x, y = pos.get(nid[n], (None, None))
        extra = {"x": x, "y": y} if layout else {}
        net.add_node(nid[n], label=str(a.get("label") or n), shape=shape, group=typ,
                     size=round(node_size(count[n]) * (0.8 if n in detail else 1.0) * shrink, 1),
                     type=typ, iri=n, detail=n in detail, polity=nid[polity(n)],
                     role=a.get("role"), wikidata=a.get("wikidata"), events=count[n],
                     sector=a.get("sector"), code=a.get("code"),
                     lone=nid[n] not in linked, aliases=list(a.get("aliases") or ())[:8], **extra)
    for e in edges:
        opts = {k: v for k, v in e.items() if k not in ("from", "to") and v is not None}
        net.add_edge(e["from"], e["to"], **opts)

    dates = sorted(ev["d"][:10] for ev in events if ev.get("d"))
    full = [x for x in dates if len(x) == 10]
    n_polity = sum(1 for n in order if n not in detail)
    summary = (f"{n_polity} states and organisations, {len(detail)} persons, forces and bodies; "
               f"{len(events)} events between them from {len(doc_list)} "
               f"document{'s' if len(doc_list) != 1 else ''}")
    return {
        "version": 1,
        "meta": {"title": title, "summary": summary, "filters": {k: v for k, v in f.items() if v},
                 "dates": [full[0], full[-1]] if full else [], "edgeLabels": edge_labels,
                 "counts": {"actors": len(order), "polities": n_polity, "events": len(events),
                            "documents": len(doc_list)}},
        "legend": legend(),
        "relations": {rel: short_relation(rel) for rel in sorted({ev["r"] for ev in events})},
        "nodes": net.nodes,
        "edges": net.edges,
        "events": events,
        "docs": doc_list,
        "options": vis_options(len(order)),
    }


def place_members(pos: dict[int, tuple[float, float]], members: list[tuple[int, int]],
                  radius: float = 130.0) -> dict[int, tuple[float, float]]:
    """Positions for persons, forces and bodies: on an arc around their polity, facing outwards.

    >>> out = place_members({0: (0.0, 0.0), 1: (100.0, 0.0)}, [(2, 1), (3, 1)])
    >>> all(x > 100 for x, _ in out.values())
    True
    """
    import math

    if not pos:
        return {}
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    children: dict[int, list[int]] = defaultdict(list)
    for child, parent in members:
        children[parent].append(child)
    out: dict[int, tuple[float, float]] = {}
    for parent, kids in children.items():
        px, py = pos.get(parent, (cx, cy))
        base = math.atan2(py - cy, px - cx) if (px, py) != (cx, cy) else -math.pi / 2
        spread = min(2 * math.pi * (1 - 1 / (len(kids) + 1)), 0.9 * (len(kids) - 1)) if len(kids) > 1 else 0.0
        r = radius + 12 * len(kids)
        for i, kid in enumerate(kids):
            a = base + (spread * (i / (len(kids) - 1) - 0.5) if len(kids) > 1 else 0.0)
            out[kid] = (round(px + r * math.cos(a), 1), round(py + r * math.sin(a), 1))
    return out


def vis_options(n_nodes: int) -> dict[str, Any]:
    """vis-network options: no physics (positions are precomputed), readable fonts."""
    big = n_nodes > EDGE_LABEL_LIMIT
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": not big, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "tooltipDelay": 200, "multiselect": False, "keyboard": False},
        "groups": {t: {"shape": shape, "font": {"size": 14 if t not in POLITY_TYPES else (15 if n_nodes > MEDIUM else 18)},
                       "color": {"background": fill, "border": border,
                                 "highlight": {"background": fill, "border": "#111111"},
                                 "hover": {"background": fill, "border": "#111111"}}}
                   for t, (shape, fill, border, _) in TYPE_STYLES.items()},
        "nodes": {"borderWidth": 2, "borderWidthSelected": 3,
                  "scaling": {"label": {"drawThreshold": 12 if n_nodes > MEDIUM else 5}},
                  "font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                           "color": "#1d2025", "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
                  "arrowStrikethrough": False, "selectionWidth": 2, "smooth": False,
                  "scaling": {"label": {"drawThreshold": 12 if n_nodes > MEDIUM else 5}},
                  "font": {"size": 13, "color": "#2b2e33", "strokeWidth": 5,
                           "strokeColor": "#ffffff", "align": "horizontal"}},
    }


def documents(graph: rdflib.Graph) -> dict[str, dict[str, Any]]:
    """Document id -> title, url and date, read from the graph."""
    out: dict[str, dict[str, Any]] = {}
    for doc_id, title, url, date in select(graph, DOCS_QUERY):
        rec = out.setdefault(doc_id, {"title": None, "url": None, "date": None})
        rec["title"] = rec["title"] or title
        rec["url"] = rec["url"] or url
        rec["date"] = rec["date"] or (date[:10] if date else None)
    return out


def map_data(graph: rdflib.Graph, *, title: str = "Relationship map", **filters: Any) -> dict[str, Any]:
    """The page's data for an RDF graph in the shape of :mod:`kg.rdf.namespace`."""
    check_filters(**filters)
    return map_data_from_actors(project(graph), title=title, docs=documents(graph), **filters)


def json_for_html(data: Any) -> str:
    """JSON safe to place inside ``<script type="application/json">``.

    ``<``, ``>``, ``&`` and the JavaScript line separators are escaped, so no
    string can close the element or open a comment.

    >>> json_for_html({"x": "</script><script>alert(1)</script>"})
    '{"x": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def json_pieces(data: Any, batch: int = JSON_BATCH) -> Iterator[str]:
    """:func:`json_for_html` of ``data`` in pieces: the lists of a dict's values are written
    ``batch`` items at a time, so no piece (and no copy of one) is as large as the whole.

    >>> data = {"events": [{"x": "<b>"}, {"x": 2}, {"x": 3}], "n": 1}
    >>> "".join(json_pieces(data, batch=2)) == json_for_html(data)
    True
    """
    if not isinstance(data, dict):
        yield json_for_html(data)
        return
    yield "{"
    for i, (key, value) in enumerate(data.items()):
        yield (", " if i else "") + json_for_html(key) + ": "
        if isinstance(value, list) and len(value) > batch:
            yield "["
            for start in range(0, len(value), batch):
                yield (", " if start else "") + json_for_html(value[start:start + batch])[1:-1]
            yield "]"
        elif isinstance(value, dict):
            yield from json_pieces(value, batch)
        else:
            yield json_for_html(value)
    yield "}"


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


BOOT_JS = ("performance.mark('entente-boot'); window.EntenteMap.boot(document.getElementById('entente-map'), "
           "JSON.parse(document.getElementById('entente-data').textContent));")


def render_html(data: dict[str, Any]) -> str:
    """The complete offline page for map data (scripts and styles inlined)."""
    return "".join(html_pieces(data))


def html_pieces(data: dict[str, Any]) -> Iterator[str]:
    """:func:`render_html` in pieces, for writing a large map without holding the page."""
    vis = vis_dir()
    vis_js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    vis_css = (vis / "vis-network.css").read_text(encoding="utf-8")
    map_js = (TEMPLATES / "map.js").read_text(encoding="utf-8")
    map_css = (TEMPLATES / "map.css").read_text(encoding="utf-8")
    for name, text in (("vis-network.min.js", vis_js), ("map.js", map_js)):
        if re.search(r"</script|<!--", text, re.I):
            raise ValueError(f"{name} cannot be inlined (contains a closing script tag)")
    csp = ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in (vis_js, map_js, BOOT_JS))
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    values = {
        "CSP": csp,
        "VIS_VERSION": vis.name.replace("vis-", ""),
        "TITLE": htmlmod.escape(data.get("meta", {}).get("title") or "Relationship map"),
        "VIS_CSS": vis_css.replace("</", "<\\/"),
        "MAP_CSS": map_css.replace("</", "<\\/"),
        "VIS_JS": vis_js,
        "MAP_JS": map_js,
        "BOOT_JS": BOOT_JS,
    }
    template = (TEMPLATES / "map.html").read_text(encoding="utf-8")
    for i, part in enumerate(re.split(r"@@([A-Z_]+)@@", template)):
        if i % 2 == 0:
            yield part
        elif part == "DATA":
            yield from json_pieces(data)
        else:
            yield values[part]


def write_map(graph: rdflib.Graph, path: Union[str, Path], *, title: Optional[str] = None,
              **filters: Any) -> dict[str, Any]:
    """Write the offline map of ``graph`` to ``path`` (atomically); returns its counts.

    Filters: ``since``, ``until`` (ISO dates), ``min_confidence``, ``types``
    (actor types to keep) and ``relation_class`` (cooperative/conflictual).
    """
    from kg.rdf.store import write_atomic

    data = map_data(graph, title=title or "Relationship map", **filters)
    write_atomic(path, html_pieces(data))
    return data["meta"]["counts"]

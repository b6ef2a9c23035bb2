"""The map's data and file: nodes, edges, evidence, filters, escaping, offline, and ``kg map``."""
from __future__ import annotations

import re

import pytest

from kg.errors import UsageError
from kg.maps.map import map_data, render_html, write_map
from kg.maps.sample import sample_graph
from kg.maps.style import goldstein_color


@pytest.fixture(scope="module")
def graph():
    return sample_graph()


@pytest.fixture(scope="module")
def data(graph):
    return map_data(graph)


def _node(data, label):
    return next(n for n in data["nodes"] if n["label"] == label)


def _edges(data, a, b, views=("p", "b")):
    ia, ib = _node(data, a)["id"], _node(data, b)["id"]
    return [e for e in data["edges"] if e["from"] == ia and e["to"] == ib and e["view"] in views]


def test_polities_by_default_members_attached(data):
    polity = {n["label"] for n in data["nodes"] if not n["detail"]}
    detail = {n["label"]: n for n in data["nodes"] if n["detail"]}
    assert polity == {"South Korea", "North Korea", "European Union", "Russia", "Ukraine", "United States"}
    assert set(detail) == {"Cho Tae-yul", "Josep Borrell", "North Korean troops"}
    cho = detail["Cho Tae-yul"]
    assert cho["polity"] == _node(data, "South Korea")["id"]
    member = [e for e in data["edges"] if e["view"] == "m" and e["from"] == cho["id"]]
    assert len(member) == 1 and member[0]["to"] == cho["polity"] and member[0]["dashes"]


def test_types_have_distinct_shapes(data):
    assert _node(data, "South Korea")["shape"] != _node(data, "European Union")["shape"]
    assert _node(data, "Cho Tae-yul")["shape"] != _node(data, "North Korean troops")["shape"]


def test_rollup_counts_person_events_on_polity_edge(data):
    # "South Korea condemned" + "Cho Tae-yul condemned": two events on KOR -> PRK in the polity view
    [edge] = _edges(data, "South Korea", "North Korea")
    assert edge["rel"] == "disapprovesOf" and len(edge["ev"]) == 2 and edge["label"] == "disapproves of ×2"
    [direct] = _edges(data, "South Korea", "North Korea", views=("d",))
    assert len(direct["ev"]) == 1
    assert edge["width"] > direct["width"]


def test_parallel_relations_kept_and_curved(data):
    eu_kor = _edges(data, "European Union", "South Korea")
    assert {e["rel"] for e in eu_kor} == {"cooperatesDiplomaticallyWith", "consults"}
    rounds = {e["smooth"]["roundness"] for e in eu_kor}
    assert len(rounds) == 2 and all(e["smooth"]["enabled"] for e in eu_kor)
    # both directions of Russia <-> North Korea consultations are kept
    assert _edges(data, "Russia", "North Korea") and _edges(data, "North Korea", "Russia")


def test_edge_colour_from_conflict_to_cooperation(data):
    fight = _edges(data, "North Korea", "Ukraine")[0]  # troops fought: rolled up, Goldstein -10
    aid = _edges(data, "United States", "Ukraine")[0]
    assert fight["color"]["color"] == goldstein_color(-10) == "#c62828"
    assert aid["color"]["color"] == goldstein_color(7.0)
    r, g, b = (int(aid["color"]["color"][i:i + 2], 16) for i in (1, 3, 5))
    assert b > r


def test_evidence_carried_per_event(data):
    [edge] = _edges(data, "United States", "Ukraine")
    ev = data["events"][edge["ev"][0]]
    assert ev["x"] == "The United States provided aid to Ukraine."
    assert ev["d"] == "2024-12-10" and ev["m"] == "asserted" and ev["p"] == 0.95 and ev["c"] == "070"
    doc = data["docs"][ev["doc"]]
    assert doc["id"] == "kursk.txt" and doc["title"] == "Kursk front"


def test_positions_precomputed_and_distinct(data):
    pos = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(pos) == len(data["nodes"])
    assert data["options"]["physics"]["enabled"] is False


@pytest.mark.parametrize("filters, absent, present", [
    ({"relation_class": "conflictual"}, {"United States"}, {"North Korea", "Ukraine"}),
    ({"relation_class": "cooperative"}, set(), {"United States", "European Union"}),
    ({"since": "2024-12"}, set(), {"United States", "Russia"}),
    ({"until": "2024-11-30"}, {"United States", "Russia"}, {"South Korea"}),
    ({"min_confidence": 0.8}, {"Russia"}, {"United States", "South Korea"}),
    ({"types": "State"}, {"European Union", "Cho Tae-yul"}, {"Russia"}),
])
def test_python_filters(graph, filters, absent, present):
    labels = {n["label"] for n in map_data(graph, **filters)["nodes"]}
    assert not absent & labels
    assert present <= labels


def test_relation_class_filter_keeps_only_that_class(graph):
    data = map_data(graph, relation_class="cooperative")
    assert data["events"] and all(int(ev["c"][:2]) <= 9 for ev in data["events"])


def test_bad_filters_are_usage_errors(graph):
    with pytest.raises(UsageError, match="actor type"):
        map_data(graph, types="Planet")
    with pytest.raises(UsageError, match="date"):
        map_data(graph, since="last week")
    with pytest.raises(UsageError, match="relation class"):
        map_data(graph, relation_class="friendly")


def test_html_is_offline_and_escapes_article_text(graph, tmp_path):
    out = tmp_path / "sub" / "map.html"
    write_map(graph, out)
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert "Content-Security-Policy" in html and "connect-src 'none'" in html
    # the hostile document's markup is present only as escaped JSON text
    assert "<img src=x" not in html and "<script>window.__pwned" not in html
    assert "\\u003cscript\\u003ewindow.__pwned = 1" in html
    # only three script elements run, the data block is JSON
    assert html.count('<script type="application/json"') == 1
    assert len(re.findall(r"^<script>", html, re.M)) == 3


def test_the_page_written_in_pieces_is_the_rendered_page(graph, data, tmp_path):
    """write_map streams the page (a large map is never held whole); the bytes are those of
    render_html, and the data block parses back to the map data."""
    import json

    from kg.maps.map import json_pieces

    out = tmp_path / "map.html"
    write_map(graph, out)
    assert out.read_text(encoding="utf-8") == render_html(map_data(graph))
    assert json.loads("".join(json_pieces(data, batch=1))) == json.loads(json.dumps(data))
    assert list(data["relations"]) == sorted(data["relations"])  # the same file every run


def test_title_is_escaped(data):
    html = render_html({**data, "meta": {**data["meta"], "title": "</title><script>alert(1)</script>"}})
    assert "</title><script>alert(1)" not in html
    assert "&lt;/title&gt;&lt;script&gt;" in html


def test_kg_map_cli(graph, tmp_path, run_kg):
    ttl = tmp_path / "g.ttl"
    graph.serialize(ttl, format="turtle")
    out = tmp_path / "m.html"
    proc = run_kg("map", ttl, "--out", out, "--relation-class", "conflictual", "--min-confidence", "0.5")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(out)
    html = out.read_text(encoding="utf-8")
    assert "North Korea" in html and "United States" not in html


def test_kg_map_cli_errors(graph, tmp_path, run_kg):
    ttl = tmp_path / "g.ttl"
    graph.serialize(ttl, format="turtle")
    missing = run_kg("map", tmp_path / "nope.ttl", "--out", tmp_path / "m.html")
    assert missing.returncode != 0 and "nope.ttl" in missing.stderr and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("kg: error:") and len(missing.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "m.html").exists()


def test_date_filter_keeps_only_events_in_window(graph):
    data = map_data(graph, since="2024-12")
    assert data["events"] and all(ev["d"] >= "2024-12" for ev in data["events"])

"""The offline map in headless Chromium, with requests to other hosts blocked."""
from __future__ import annotations

import pytest

from kg.maps.map import write_map
from kg.maps.sample import sample_graph


@pytest.fixture(scope="module")
def map_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.html"
    write_map(sample_graph(), path, title="Sample <b>map</b>")
    return path


@pytest.fixture()
def loaded(page, map_file):
    page.goto(map_file.as_uri())
    page.wait_for_function("() => window.__ententeReady !== undefined", timeout=20000)
    return page


def visible_labels(page) -> set[str]:
    return set(page.evaluate(
        "() => entente.network.body.nodeIndices.map((id) => entente.nodeById.get(id).label)"))


def visible_edges(page) -> list[dict]:
    return page.evaluate(
        "() => entente.network.body.edgeIndices.map((id) => entente.edgeById.get(id))")


def test_loads_offline_and_draws_nodes(loaded):
    page = loaded
    assert page.evaluate("entente.network.body.nodeIndices.length") == 6
    assert visible_labels(page) == {"South Korea", "North Korea", "European Union", "Russia",
                                    "Ukraine", "United States"}
    assert page.evaluate("entente.network.body.edgeIndices.length") >= 8
    assert page.locator("#em-legend").inner_text().count("State") >= 1
    assert page.title() == "Sample <b>map</b>"
    assert page.watch.blocked == [] and page.watch.errors == [] and page.watch.dialogs == []


def test_click_node_shows_evidence(loaded, node_point):
    page = loaded
    page.mouse.click(*node_point(page, "United States"))
    body = page.locator("#em-evidence-body")
    assert body.locator("h3").inner_text() == "United States"
    text = body.inner_text()
    assert "The United States provided aid to Ukraine." in text
    assert "kursk.txt" in text and "2024-12-10" in text and "confidence 0.95" in text and "asserted" in text


def test_click_edge_shows_evidence(loaded, edge_point):
    page = loaded
    edge = next(e for e in visible_edges(page)
                if e["rel"] == "aids" and not (e.get("smooth") or {}).get("enabled"))
    page.mouse.click(*edge_point(page, edge["id"]))
    text = page.locator("#em-evidence-body").inner_text()
    assert "United States → Ukraine" in text
    assert "1 event" in text and "The United States provided aid to Ukraine." in text


def test_relation_class_filter(loaded):
    page = loaded
    page.uncheck("#em-f-coop")
    edges = visible_edges(page)
    assert edges and all(e["rel"] in ("disapprovesOf", "threatens", "fights") for e in edges)
    assert "United States" not in visible_labels(page)
    page.check("#em-f-coop")
    page.uncheck("#em-f-conf")
    assert all(e["rel"] in ("aids", "consults", "cooperatesDiplomaticallyWith") for e in visible_edges(page))
    page.click("#em-reset")
    assert page.evaluate("entente.network.body.nodeIndices.length") == 6


def test_confidence_and_date_filters(loaded):
    page = loaded
    page.fill("#em-f-confidence", "0.8")  # range input: fires input event
    page.dispatch_event("#em-f-confidence", "input")
    assert page.locator("#em-f-confidence-value").inner_text() == "0.80"
    labels = visible_labels(page)
    assert "Russia" not in labels and {"United States", "South Korea"} <= labels
    page.click("#em-reset")
    page.fill("#em-f-since", "2024-12-01")
    page.dispatch_event("#em-f-since", "change")
    edges = visible_edges(page)
    dates = page.evaluate("""(ids) => ids.flatMap((id) => entente.edgeById.get(id).ev
                              .filter((i) => entente.eventOk[i]).map((i) => entente.data.events[i].d))""",
                          [e["id"] for e in edges])
    assert dates and min(dates) >= "2024-12-01"
    assert not any(e["rel"] == "threatens" for e in edges)  # 2024-11-04 only


def test_actor_type_filter_and_detail_toggle(loaded):
    page = loaded
    page.uncheck("#em-f-type-Organization")
    assert "European Union" not in visible_labels(page)
    page.check("#em-f-type-Organization")
    page.check("#em-f-detail")
    labels = visible_labels(page)
    assert {"Cho Tae-yul", "Josep Borrell", "North Korean troops"} <= labels
    members = [e for e in visible_edges(page) if e["view"] == "m"]
    assert len(members) == 3
    page.uncheck("#em-f-type-Person")
    assert not {"Cho Tae-yul", "Josep Borrell"} & visible_labels(page)


def test_search_focuses_actor(loaded):
    page = loaded
    page.fill("#em-search", "cho tae")
    page.press("#em-search", "Enter")
    assert page.evaluate("entente.view") == "detail"
    selected = page.evaluate("entente.network.getSelectedNodes().map((id) => entente.nodeById.get(id).label)")
    assert selected == ["Cho Tae-yul"]
    assert page.locator("#em-evidence-body h3").inner_text() == "Cho Tae-yul"
    assert "Foreign Minister" in page.locator("#em-evidence-body").inner_text()
    page.fill("#em-search", "Atlantis")
    page.press("#em-search", "Enter")
    assert "No actor matches" in page.locator("#em-search-msg").inner_text()


def test_hostile_article_text_shows_as_text(loaded, node_point):
    page = loaded
    page.mouse.click(*node_point(page, "Russia"))
    body = page.locator("#em-evidence-body")
    text = body.inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text
    assert '<img src=x onerror="window.__pwned = 2; alert(2)">' in text
    assert "<img src=x onerror=\"window.__pwned = 3\">Hostile</title>" in text
    assert body.locator("img").count() == 0 and body.locator("script").count() == 0
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.watch.dialogs == [] and page.watch.blocked == []


def test_empty_map_says_so(page, tmp_path):
    path = tmp_path / "empty.html"
    write_map(sample_graph(), path, since="2030")
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__ententeReady !== undefined", timeout=20000)
    assert page.evaluate("entente.network.body.nodeIndices.length") == 0
    assert "No events" in page.locator("#em-empty").inner_text()
    assert page.watch.errors == []


def test_medium_graph_draws_every_polity_at_its_precomputed_place(page, tmp_path):
    from kg.maps.sample import synthetic_pairs
    from kg.rdf.triples import build_graph

    path = tmp_path / "medium.html"
    counts = write_map(build_graph(synthetic_pairs(300, seed=3)), path)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__ententeReady !== undefined", timeout=30000)
    assert page.evaluate("entente.network.body.nodeIndices.length") == counts["polities"]
    moved = page.evaluate("""() => {
        const pos = entente.network.getPositions();
        return entente.data.nodes.filter((n) => pos[n.id] &&
            (Math.abs(pos[n.id].x - n.x) >= 1 || Math.abs(pos[n.id].y - n.y) >= 1)).length;
    }""")
    assert moved == 0  # no physics: nodes stay where the layout put them
    assert page.evaluate("entente.data.options.physics.enabled") is False
    assert page.watch.errors == [] and page.watch.blocked == []


def timeline_state(page) -> dict:
    return page.evaluate("""() => ({lo: entente.timeline.lo, hi: entente.timeline.hi,
        bins: entente.timeline.bins.length, unit: entente.timeline.unit,
        since: entente.filters.since, until: entente.filters.until,
        counts: [...document.querySelectorAll('#em-tl-hist .em-tl-bin')].map((g) => +g.dataset.count),
        inside: [...document.querySelectorAll('#em-tl-hist .em-tl-in')].length,
        label: document.querySelector('#em-tl-label').textContent})""")


def shown_event_dates(page) -> list[str]:
    return page.evaluate("""() => entente.visibleEdgeIds().flatMap((id) => (entente.edgeById.get(id).ev || [])
        .filter((i) => entente.eventOk[i]).map((i) => entente.data.events[i].d))""")


def test_timeline_histogram_counts_every_dated_event(loaded):
    state = timeline_state(loaded)
    n_dated = loaded.evaluate("entente.data.events.filter((e) => e.d).length")
    assert state["unit"] == "day" and state["bins"] == 73  # 2024-11-04 .. 2025-01-15
    assert sum(state["counts"]) == n_dated and state["inside"] == state["bins"]
    assert state["since"] == "" and "2024-11-04 – 2025-01-15" in state["label"]
    box = loaded.locator("#em-timeline").bounding_box()
    assert box["y"] + box["height"] <= 900 and box["width"] > 400  # under the network, on screen


def test_timeline_slider_filters_nodes_and_edges_by_date(loaded):
    page = loaded
    everything = len(visible_edges(page))
    page.fill("#em-tl-from", "36")  # 2024-12-10
    page.dispatch_event("#em-tl-from", "input")
    state = timeline_state(page)
    assert (state["since"], state["until"]) == ("2024-12-10", "2025-01-15")
    assert page.input_value("#em-f-since") == "2024-12-10"
    dates = shown_event_dates(page)
    assert dates and min(dates) >= "2024-12-10" and len(visible_edges(page)) < everything
    assert state["inside"] == 73 - 36
    page.fill("#em-tl-to", "36")
    page.dispatch_event("#em-tl-to", "input")
    assert set(shown_event_dates(page)) == {"2024-12-10"}
    page.click("#em-reset")
    assert timeline_state(page)["since"] == "" and len(visible_edges(page)) == everything


def test_timeline_date_box_moves_the_slider(loaded):
    page = loaded
    page.fill("#em-f-until", "2024-11-30")
    page.dispatch_event("#em-f-until", "change")
    state = timeline_state(page)
    assert (state["lo"], state["hi"]) == (0, 26) and set(shown_event_dates(page)) == {"2024-11-04"}


def test_clicking_a_bar_selects_its_day(loaded):
    page = loaded
    page.evaluate("""() => document.querySelectorAll('#em-tl-hist .em-tl-bin')[72]
                          .querySelector('rect').dispatchEvent(new MouseEvent('click', {bubbles: true}))""")
    assert set(shown_event_dates(page)) == {"2025-01-15"}


def test_play_grows_the_window_to_the_end(loaded):
    page = loaded
    page.click("#em-tl-play")
    assert page.locator("#em-timeline").get_attribute("data-playing") == "1"
    assert timeline_state(page)["hi"] < 5
    seen = page.evaluate("""() => new Promise((done) => {
        const sizes = [];
        const tick = setInterval(() => {
            sizes.push(entente.visibleEdgeIds().length);
            if (!document.querySelector('#em-timeline').dataset.playing) { clearInterval(tick); done(sizes); }
        }, 50);
    })""")
    assert seen[0] < seen[-1] and seen == sorted(seen)  # relations appear as time goes by
    state = timeline_state(page)
    assert (state["lo"], state["hi"]) == (0, 72) and page.inner_text("#em-tl-play").endswith("Play")


def test_confidence_filter_is_visible_without_scrolling(loaded):
    box = loaded.locator("#em-f-confidence").bounding_box()
    assert box and 0 < box["y"] and box["y"] + box["height"] < 900 / 2
    assert loaded.evaluate("document.querySelector('.em-side').scrollTop") == 0


def test_map_without_dates_says_so_on_the_timeline(page, tmp_path):
    from kg.maps.map import map_data, render_html

    data = map_data(sample_graph())
    for ev in data["events"]:
        ev["d"] = None
    data["meta"]["dates"] = []
    path = tmp_path / "undated.html"
    path.write_text(render_html(data), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__ententeReady !== undefined", timeout=20000)
    assert "No dated events" in page.inner_text("#em-timeline")
    assert len(visible_edges(page)) > 0


@pytest.fixture()
def sector_map(page, tmp_path):
    """A map of a tiny graph whose actors have three CAMEO sectors (STATE, COP, OPP), domestic events shown."""
    from kg.maps.sample import event
    from kg.model import ActorRef, Document
    from kg.rdf.triples import build_graph

    text = "Egyptian police arrested demonstrators in Cairo. Egypt condemned Israel."
    doc = Document("cairo.txt", text, date="2025-02-01")
    egypt = ActorRef.create("State", "Egypt", wikidata="Q79", iso3="EGY", country="Q79", sector="STATE", code="EGY")
    israel = ActorRef.create("State", "Israel", wikidata="Q801", iso3="ISR", country="Q801", sector="STATE",
                             code="ISR")
    police = ActorRef.create("GovernmentBody", "Egyptian police", country="Q79", sector="COP", code="EGYCOP")
    crowd = ActorRef.create("Group", "demonstrators", country="Q79", sector="OPP", code="EGYOPP")
    events = [event(doc, "Egyptian police arrested demonstrators in Cairo.", police, crowd, "173"),
              event(doc, "Egypt condemned Israel.", egypt, israel, "111")]
    path = tmp_path / "sectors.html"
    write_map(build_graph([(doc, events)]), path, domestic=True)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__ententeReady !== undefined", timeout=20000)
    return page


def test_sector_legend_filter_and_actor_code(sector_map, node_point):
    page = sector_map
    legend = page.locator("#em-legend").inner_text()
    assert "Police" in legend and "Opposition, protesters" in legend and "COP" in legend
    assert "Military" not in legend  # only the sectors of actors on the map
    assert page.locator("#em-f-sector-MIL").count() == 0
    page.check("#em-f-detail")
    assert visible_labels(page) == {"Egypt", "Israel", "Egyptian police", "demonstrators"}
    page.mouse.click(*node_point(page, "Egyptian police"))
    code = page.locator("#em-actor-code").inner_text()
    assert "EGYCOP" in code and "Police (COP)" in code
    page.uncheck("#em-f-sector-COP")
    assert visible_labels(page) == {"Egypt", "Israel"}  # the police, and the crowd it alone acted on
    page.check("#em-f-sector-COP")
    page.uncheck("#em-f-sector-STATE")
    assert visible_labels(page) == {"Egyptian police", "demonstrators"}
    page.click("#em-reset")
    assert page.is_checked("#em-f-sector-STATE") and visible_labels(page) == {"Egypt", "Israel"}
    assert page.watch.errors == [] and page.watch.blocked == []

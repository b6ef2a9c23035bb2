"""The explorer page of ``kg serve`` in headless Chromium, with requests to other hosts blocked."""
from __future__ import annotations

import pytest


@pytest.fixture()
def explorer(page, server):
    page.goto(server)
    page.wait_for_function("() => window.__ententeReady !== undefined", timeout=20000)
    page.wait_for_function("() => document.querySelectorAll('#ex-examples option').length > 1")
    return page


def run(page, query: str) -> None:
    page.fill("#ex-query", query)
    page.click("#ex-run")
    page.wait_for_function("() => !document.getElementById('ex-status').textContent.startsWith('Running')")


def test_map_loads_with_evidence(explorer, node_point):
    page = explorer
    assert page.evaluate("entente.network.body.nodeIndices.length") == 6
    page.mouse.click(*node_point(page, "South Korea"))
    text = page.locator("#em-evidence-body").inner_text()
    assert "The EU and South Korea signed a security partnership." in text
    assert page.watch.blocked == [] and page.watch.errors == []


def test_console_returns_rows_and_shows_actors(explorer):
    page = explorer
    run(page, "SELECT ?actor ?label WHERE { ?actor a ent:State ; rdfs:label ?label } ORDER BY ?label")
    rows = page.locator("#ex-table tbody tr")
    assert rows.count() == 5
    assert rows.nth(0).locator("td").nth(1).inner_text() == "North Korea"
    assert "5 rows" in page.locator("#ex-status").inner_text()
    page.click("#ex-show")
    selected = page.evaluate("entente.network.getSelectedNodes().map((id) => entente.nodeById.get(id).label)")
    assert sorted(selected) == ["North Korea", "Russia", "South Korea", "Ukraine", "United States"]
    assert "5 actors from the query" in page.locator("#em-evidence-body").inner_text()
    # an actor in a result cell focuses it on the map
    page.locator("#ex-table tbody tr").nth(1).locator("a").first.click()
    assert page.locator("#em-evidence-body h3").inner_text() == "Russia"


def test_console_examples_and_errors(explorer):
    page = explorer
    options = page.locator("#ex-examples option")
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    assert "relations" in values
    page.select_option("#ex-examples", "relations")
    assert "GROUP BY" in page.input_value("#ex-query")
    page.click("#ex-run")
    page.wait_for_function("() => document.querySelectorAll('#ex-table tbody tr').length > 0")
    run(page, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    status = page.locator("#ex-status")
    assert "Error 403" in status.inner_text() and "read-only" in status.inner_text()


def test_hostile_text_in_console_and_panel_never_runs(explorer, node_point):
    page = explorer
    run(page, 'SELECT ?s ?title WHERE { ?m ent:sentenceText ?s ; dcterms:isPartOf ?d . '
              '?d dcterms:title ?title FILTER(CONTAINS(?s, "pwned")) }')
    cells = page.locator("#ex-table tbody td")
    assert "<script>window.__pwned = 1; alert(1)</script>" in cells.nth(0).inner_text()
    assert '<img src=x onerror="window.__pwned = 3">' in cells.nth(1).inner_text()
    page.mouse.click(*node_point(page, "Russia"))
    assert "onerror=\"window.__pwned = 2" in page.locator("#em-evidence-body").inner_text()
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.watch.dialogs == [] and page.watch.blocked == []

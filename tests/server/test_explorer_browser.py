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


def test_example_names_are_unique(explorer):
    page = explorer
    values = page.evaluate("[...document.querySelectorAll('#ex-examples option')].map((o) => o.value)")
    assert len(values) == len(set(values))


def test_parameter_form_fills_the_query_and_fits_the_graph(explorer):
    page = explorer
    page.select_option("#ex-examples", "condemned")
    target = page.locator("#ex-param-target")
    assert target.is_visible()
    # the query's default actor is in the sample graph, so it stays
    assert target.input_value() == "North Korea" and '"North Korea"' in page.input_value("#ex-query")
    target.fill("South Korea")
    assert '"South Korea"' in page.input_value("#ex-query") and "$target" not in page.input_value("#ex-query")
    page.press("#ex-param-target", "Enter")
    page.wait_for_function("() => !document.getElementById('ex-status').textContent.startsWith('Running')")
    assert "row" in page.locator("#ex-status").inner_text()


def test_defaults_naming_absent_actors_are_replaced_by_active_ones(explorer):
    page = explorer
    page.select_option("#ex-examples", "between")
    a, b = page.input_value("#ex-param-a"), page.input_value("#ex-param-b")
    labels = set(page.evaluate("entente.data.nodes.map((n) => n.label)"))
    assert a in labels and b in labels and a != b


def test_results_sort_by_a_column_both_ways(explorer):
    page = explorer
    run(page, "SELECT ?label (STRLEN(?label) AS ?n) WHERE { ?a a ent:State ; rdfs:label ?label }")
    def column(i):
        return [c.inner_text() for c in page.locator(f"#ex-table tbody tr td:nth-child({i})").all()]
    page.click("#ex-table th:nth-child(2) button")
    numbers = [int(x) for x in column(2)]
    assert numbers == sorted(numbers)
    assert page.get_attribute("#ex-table th:nth-child(2)", "aria-sort") == "ascending"
    page.click("#ex-table th:nth-child(2) button")
    assert [int(x) for x in column(2)] == sorted(numbers, reverse=True)
    page.click("#ex-table th:nth-child(1) button")
    assert column(1) == sorted(column(1))


def test_csv_and_json_downloads(explorer, tmp_path):
    import csv
    import json

    page = explorer
    run(page, "SELECT ?actor ?label WHERE { ?actor a ent:State ; rdfs:label ?label } ORDER BY ?label")
    with page.expect_download() as info:
        page.click("#ex-csv")
    path = tmp_path / "r.csv"
    info.value.save_as(path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0] == ["actor", "label"] and len(rows) == 6 and rows[1][1] == "North Korea"
    with page.expect_download() as info:
        page.click("#ex-json")
    info.value.save_as(tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["head"]["vars"] == ["actor", "label"] and len(data["results"]["bindings"]) == 5


def test_highlighting_marks_keywords_variables_and_strings(explorer):
    page = explorer
    page.fill("#ex-query", 'SELECT ?x WHERE { ?x rdfs:label "Ukraine" } # done')
    spans = page.evaluate("""() => [...document.querySelectorAll('#ex-highlight span')]
                                     .map((s) => [s.className, s.textContent])""")
    assert ["ex-t-keyword", "SELECT"] in spans and ["ex-t-var", "?x"] in spans
    assert ["ex-t-string", '"Ukraine"'] in spans and ["ex-t-pname", "rdfs:label"] in spans
    assert ["ex-t-comment", "# done"] in spans
    assert page.inner_text("#ex-highlight").strip() == page.input_value("#ex-query")


def test_permalink_reopens_the_query_and_runs_it(explorer, server):
    page = explorer
    page.select_option("#ex-examples", "condemned")
    page.fill("#ex-param-target", "Russia")
    href = page.get_attribute("#ex-permalink", "href")
    assert "example=condemned" in href and "p.target=Russia" in href
    page.goto(server.rstrip("/") + "/" + href)
    page.reload()
    page.wait_for_function("() => window.__ententeReady !== undefined", timeout=20000)
    page.wait_for_function("() => /row/.test(document.getElementById('ex-status').textContent)")
    assert page.input_value("#ex-param-target") == "Russia"
    assert '"Russia"' in page.input_value("#ex-query")
    page.fill("#ex-query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    page.dispatch_event("#ex-query", "input")
    href = page.get_attribute("#ex-permalink", "href")
    assert href.startswith("#query=SELECT")


def test_show_actors_works_after_a_construct(explorer):
    page = explorer
    run(page, "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a ent:State ; rdfs:label ?l }")
    assert "lines of Turtle" in page.locator("#ex-status").inner_text()
    assert page.is_enabled("#ex-show")
    page.click("#ex-show")
    selected = page.evaluate("entente.network.getSelectedNodes().length")
    assert selected == 5

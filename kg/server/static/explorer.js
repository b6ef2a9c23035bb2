/* Entente explorer: the map (map.js) plus a SPARQL console talking to /sparql.
 * All values from the store are shown with textContent. */
(function () {
  "use strict";

  const PREFIXES = [
    ["ent:", "https://w3id.org/entente/ns#"],
    ["act:", "https://w3id.org/entente/id/actor/"],
    ["ev:", "https://w3id.org/entente/id/event/"],
    ["doc:", "https://w3id.org/entente/id/doc/"],
    ["men:", "https://w3id.org/entente/id/mention/"],
    ["cameo:", "https://w3id.org/entente/ns/cameo/"],
    ["wd:", "http://www.wikidata.org/entity/"],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
    ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
  ];

  function short(iri) {
    for (const [p, ns] of PREFIXES) if (iri.startsWith(ns)) return p + iri.slice(ns.length);
    return iri;
  }

  const $ = (id) => document.getElementById(id);
  let map = null;
  let byIri = new Map();
  let lastIris = [];

  function status(text, isError) {
    const el = $("ex-status");
    el.textContent = text;
    el.classList.toggle("ex-error", !!isError);
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const node = byIri.get(term.value);
      if (node) {
        const a = document.createElement("a");
        a.href = "#";
        a.textContent = node.label;
        a.title = term.value;
        a.addEventListener("click", (ev) => { ev.preventDefault(); map.focusNode(node.id); });
        td.appendChild(a);
      } else {
        td.textContent = short(term.value);
        td.title = term.value;
      }
    } else {
      td.textContent = term.value;
      if (term.value.length > 60) td.className = "ex-long";
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = short(term.datatype);
    }
    return td;
  }

  function showTable(json) {
    const table = $("ex-table");
    table.textContent = "";
    const wrap = $("ex-table-wrap");
    for (const pre of wrap.querySelectorAll("pre")) pre.remove();
    if (typeof json.boolean === "boolean") {
      status(`ASK: ${json.boolean}`);
      lastIris = [];
      return;
    }
    const vars = json.head.vars;
    const thead = document.createElement("thead");
    const tr = document.createElement("tr");
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = "?" + v;
      tr.appendChild(th);
    }
    thead.appendChild(tr);
    table.appendChild(thead);
    const tbody = document.createElement("tbody");
    const iris = new Set();
    for (const b of json.results.bindings) {
      const row = document.createElement("tr");
      for (const v of vars) {
        row.appendChild(cell(b[v]));
        if (b[v] && b[v].type === "uri") iris.add(b[v].value);
      }
      tbody.appendChild(row);
    }
    table.appendChild(tbody);
    lastIris = [...iris];
    const actors = lastIris.filter((i) => byIri.has(i)).length;
    $("ex-show").disabled = actors === 0;
    const n = json.results.bindings.length;
    status(`${n} row${n === 1 ? "" : "s"}; ${actors} actor${actors === 1 ? "" : "s"} on the map`);
  }

  async function run() {
    const text = $("ex-query").value;
    status("Running…");
    $("ex-show").disabled = true;
    const graphQuery = /^\s*(?:(?:PREFIX|BASE)[^\n]*\n\s*|#[^\n]*\n\s*)*(CONSTRUCT|DESCRIBE)\b/i.test(text);
    let resp;
    try {
      resp = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/sparql-query",
          Accept: graphQuery ? "text/turtle" : "application/sparql-results+json",
        },
        body: text,
      });
    } catch (err) {
      status(`The server did not answer: ${err}`, true);
      return;
    }
    const body = await resp.text();
    if (!resp.ok) {
      $("ex-table").textContent = "";
      status(`Error ${resp.status}: ${body.trim()}`, true);
      return;
    }
    if (graphQuery) {
      $("ex-table").textContent = "";
      const wrap = $("ex-table-wrap");
      for (const pre of wrap.querySelectorAll("pre")) pre.remove();
      const pre = document.createElement("pre");
      pre.className = "ex-pre";
      pre.textContent = body;
      wrap.appendChild(pre);
      lastIris = [...new Set(Array.from(body.matchAll(/<(https:\/\/w3id\.org\/entente\/id\/actor\/[^>]+)>/g), (m) => m[1]))];
      $("ex-show").disabled = lastIris.length === 0;
      status(`${body.split("\n").filter((l) => l.trim()).length} lines of Turtle`);
      return;
    }
    showTable(JSON.parse(body));
  }

  async function main() {
    try {
      const data = await (await fetch("/api/map.json")).json();
      map = window.EntenteMap.boot($("entente-map"), data);
      byIri = new Map(data.nodes.map((n) => [n.iri, n]));
    } catch (err) {
      $("entente-map").textContent = `Cannot load the map: ${err}`;
    }
    try {
      const examples = await (await fetch("/api/examples.json")).json();
      const select = $("ex-examples");
      for (const ex of examples) {
        const opt = document.createElement("option");
        opt.value = ex.name;
        opt.textContent = ex.title;
        select.appendChild(opt);
      }
      select.addEventListener("change", () => {
        const ex = examples.find((e) => e.name === select.value);
        if (ex) $("ex-query").value = ex.text;
      });
    } catch (err) {
      status(`Cannot load the examples: ${err}`, true);
    }
    $("ex-run").addEventListener("click", run);
    $("ex-query").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
    });
    $("ex-show").addEventListener("click", () => {
      if (map) {
        const shown = map.showActors(lastIris);
        status(`${shown.length} actor${shown.length === 1 ? "" : "s"} selected on the map`);
      }
    });
  }

  main();
})();

/* Entente explorer: the map (map.js) plus a SPARQL console talking to /sparql.
 *
 * The console has a form for a named query's parameters, a highlighted editor
 * (a textarea over a highlighted copy of its text), sortable results, CSV and
 * JSON downloads and a permalink (#query=... or #example=...&p.NAME=...).
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
  const ACTOR_NS = "https://w3id.org/entente/id/actor/";

  function short(iri) {
    for (const [p, ns] of PREFIXES) if (iri.startsWith(ns)) return p + iri.slice(ns.length);
    return iri;
  }

  const $ = (id) => document.getElementById(id);
  let map = null;
  let byIri = new Map();
  let lastIris = [];
  let last = null;          // {kind: "table"|"graph", json|body}
  let sort = { v: null, dir: 1 };
  let examples = [];
  let current = null;       // the named example whose form is shown

  function status(text, isError) {
    const el = $("ex-status");
    el.textContent = text;
    el.classList.toggle("ex-error", !!isError);
  }

  /* ---------- syntax highlighting ---------- */

  const KEYWORDS = new Set(("SELECT CONSTRUCT DESCRIBE ASK WHERE PREFIX BASE DISTINCT REDUCED FROM NAMED " +
    "OPTIONAL UNION MINUS FILTER BIND AS VALUES GRAPH SERVICE GROUP BY ORDER HAVING LIMIT OFFSET ASC DESC " +
    "NOT EXISTS IN COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LCASE UCASE CONCAT " +
    "CONTAINS STRSTARTS STRAFTER STRBEFORE REGEX BOUND IF COALESCE IRI URI YEAR MONTH DAY a true false").split(" "));
  const TOKEN = /(#[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(<[^<>\s]*>)|([?$][A-Za-z_][\w]*)|([A-Za-z][\w-]*)?:([\w.-]*[\w-])?|(\b\d+(?:\.\d+)?\b)|([A-Za-z_]+)/g;

  /** The query as DOM spans (classes ex-t-comment, -string, -iri, -var, -pname, -number, -keyword). */
  function highlight(text, pre) {
    pre.textContent = "";
    let at = 0;
    const add = (s, cls) => {
      if (!s) return;
      if (!cls) { pre.appendChild(document.createTextNode(s)); return; }
      const span = document.createElement("span");
      span.className = "ex-t-" + cls;
      span.textContent = s;
      pre.appendChild(span);
    };
    for (const m of text.matchAll(TOKEN)) {
      add(text.slice(at, m.index));
      const cls = m[1] ? "comment" : m[2] ? "string" : m[3] ? "iri" : m[4] ? "var"
        : m[0].includes(":") ? "pname" : m[7] ? "number"
        : KEYWORDS.has(m[0].toUpperCase()) || m[0] === "a" ? "keyword" : null;
      add(m[0], cls);
      at = m.index + m[0].length;
    }
    add(text.slice(at));
    add("\n");  // keep the last line's height
  }

  function refreshHighlight() {
    const ta = $("ex-query"), pre = $("ex-highlight");
    highlight(ta.value, pre);
    pre.scrollTop = ta.scrollTop;
    pre.scrollLeft = ta.scrollLeft;
  }

  /* ---------- results ---------- */

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

  function clearResults() {
    $("ex-table").textContent = "";
    for (const pre of $("ex-table-wrap").querySelectorAll("pre")) pre.remove();
  }

  function compare(a, b) {
    const x = a ? a.value : null, y = b ? b.value : null;
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const nx = Number(x), ny = Number(y);
    if (x.trim() !== "" && y.trim() !== "" && !Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x.localeCompare(y);
  }

  function renderTable() {
    const json = last.json;
    const table = $("ex-table");
    table.textContent = "";
    const vars = json.head.vars;
    const thead = document.createElement("thead");
    const tr = document.createElement("tr");
    for (const v of vars) {
      const th = document.createElement("th");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "ex-sort";
      button.textContent = "?" + v + (sort.v === v ? (sort.dir > 0 ? " ▲" : " ▼") : "");
      button.title = "Sort by ?" + v;
      button.addEventListener("click", () => {
        sort = { v, dir: sort.v === v ? -sort.dir : 1 };
        renderTable();
      });
      th.setAttribute("aria-sort", sort.v === v ? (sort.dir > 0 ? "ascending" : "descending") : "none");
      th.appendChild(button);
      tr.appendChild(th);
    }
    thead.appendChild(tr);
    table.appendChild(thead);
    let rows = json.results.bindings;
    if (sort.v !== null) rows = rows.slice().sort((a, b) => sort.dir * compare(a[sort.v], b[sort.v]));
    const tbody = document.createElement("tbody");
    for (const b of rows) {
      const row = document.createElement("tr");
      for (const v of vars) row.appendChild(cell(b[v]));
      tbody.appendChild(row);
    }
    table.appendChild(tbody);
  }

  function showTable(json) {
    clearResults();
    $("ex-csv").disabled = $("ex-json").disabled = false;
    if (typeof json.boolean === "boolean") {
      last = { kind: "ask", json };
      status(`ASK: ${json.boolean}`);
      lastIris = [];
      $("ex-csv").disabled = true;
      return;
    }
    last = { kind: "table", json };
    sort = { v: null, dir: 1 };
    const iris = new Set();
    for (const b of json.results.bindings) {
      for (const v of json.head.vars) if (b[v] && b[v].type === "uri") iris.add(b[v].value);
    }
    renderTable();
    lastIris = [...iris];
    const actors = lastIris.filter((i) => byIri.has(i)).length;
    $("ex-show").disabled = actors === 0;
    const n = json.results.bindings.length;
    status(`${n} row${n === 1 ? "" : "s"}; ${actors} actor${actors === 1 ? "" : "s"} on the map`);
  }

  /** Actor IRIs in Turtle text: written in full or as prefixed names. */
  function actorIris(turtle) {
    const prefixes = new Map();
    for (const m of turtle.matchAll(/@prefix\s+([\w-]*):\s*<([^>]*)>/gi)) prefixes.set(m[1], m[2]);
    for (const m of turtle.matchAll(/^\s*PREFIX\s+([\w-]*):\s*<([^>]*)>/gim)) prefixes.set(m[1], m[2]);
    const found = new Set(Array.from(turtle.matchAll(/<([^<>\s]+)>/g), (m) => m[1]));
    for (const m of turtle.matchAll(/(?:^|[\s;,(\[])([A-Za-z][\w-]*)?:((?:[\w-]|\.(?=[\w-])|%[0-9A-Fa-f]{2}|\\.)+)/g)) {
      const ns = prefixes.get(m[1] || "");
      if (ns !== undefined) found.add(ns + m[2].replace(/\\(.)/g, "$1"));
    }
    return [...found].filter((iri) => iri.startsWith(ACTOR_NS) && byIri.has(iri));
  }

  async function run() {
    const text = $("ex-query").value;
    status("Running…");
    $("ex-show").disabled = true;
    $("ex-csv").disabled = $("ex-json").disabled = true;
    updatePermalink();
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
      clearResults();
      last = null;
      status(`Error ${resp.status}: ${body.trim()}`, true);
      return;
    }
    if (graphQuery) {
      clearResults();
      const pre = document.createElement("pre");
      pre.className = "ex-pre";
      pre.textContent = body;
      $("ex-table-wrap").appendChild(pre);
      last = { kind: "graph", body };
      lastIris = actorIris(body);
      $("ex-show").disabled = lastIris.length === 0;
      $("ex-json").disabled = true;
      $("ex-csv").disabled = false;
      $("ex-csv").textContent = "Turtle";
      status(`${body.split("\n").filter((l) => l.trim()).length} lines of Turtle; ${lastIris.length} actor${lastIris.length === 1 ? "" : "s"} on the map`);
      return;
    }
    $("ex-csv").textContent = "CSV";
    showTable(JSON.parse(body));
  }

  /* ---------- downloads ---------- */

  function csvValue(s) {
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  function toCsv(json) {
    const vars = json.head.vars;
    const lines = [vars.map(csvValue).join(",")];
    for (const b of json.results.bindings) lines.push(vars.map((v) => csvValue(b[v] ? b[v].value : "")).join(","));
    return lines.join("\r\n") + "\r\n";
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function baseName() {
    return current ? current.name : "query";
  }

  /* ---------- named queries and their parameters ---------- */

  function literal(value) {
    return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r") + '"';
  }

  function substitute(template, values) {
    let text = template;
    for (const [name, value] of Object.entries(values)) {
      text = text.replace(new RegExp("\\$" + name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "\\b", "g"), () => literal(value));
    }
    return text;
  }

  /** Actors of this graph, most active first (for defaults that fit the graph). */
  function activeLabels(side) {
    if (!map) return [];
    const count = new Map();
    for (const ev of map.data.events) {
      for (const id of side === "source" ? [ev.s] : side === "target" ? [ev.t] : [ev.s, ev.t]) {
        const n = map.nodeById.get(id);
        const polity = n && n.polity !== undefined && n.polity !== null ? map.nodeById.get(n.polity) || n : n;
        if (polity) count.set(polity.label, (count.get(polity.label) || 0) + 1);
      }
    }
    return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map((e) => e[0]);
  }

  /** A parameter's starting value: its declared default, unless it names an actor this graph lacks. */
  function startValue(param, used) {
    const isActor = /label/i.test(param.help || "");
    if (!isActor || !param.default || !map) return param.default;
    if (map.data.nodes.some((n) => n.label === param.default)) return param.default;
    const side = /source/i.test(param.name) ? "source" : /target/i.test(param.name) ? "target" : null;
    return activeLabels(side).find((l) => !used.includes(l)) || param.default;
  }

  function showForm(ex, values) {
    const form = $("ex-params");
    form.textContent = "";
    current = ex;
    if (!ex || !ex.params || !ex.params.length) { form.hidden = true; return; }
    form.hidden = false;
    const used = [];
    for (const p of ex.params) {
      const value = values && p.name in values ? values[p.name] : startValue(p, used);
      used.push(value);
      const input = document.createElement("input");
      input.type = "text";
      input.name = p.name;
      input.id = "ex-param-" + p.name;
      input.value = value;
      input.placeholder = p.default || "(empty: all)";
      input.title = p.help || "";
      if (/label/i.test(p.help || "")) input.setAttribute("list", "ex-actor-labels");
      input.addEventListener("input", fillFromForm);
      const label = document.createElement("label");
      label.className = "ex-param";
      label.htmlFor = input.id;
      const name = document.createElement("span");
      name.textContent = p.name;
      label.appendChild(name);
      label.appendChild(input);
      form.appendChild(label);
    }
    fillFromForm();
  }

  function formValues() {
    const out = {};
    for (const input of $("ex-params").querySelectorAll("input")) out[input.name] = input.value;
    return out;
  }

  function fillFromForm() {
    if (!current || !current.template) return;
    $("ex-query").value = substitute(current.template, formValues());
    refreshHighlight();
    updatePermalink();
  }

  function chooseExample(name, values) {
    const ex = examples.find((e) => e.name === name);
    if (!ex) return false;
    $("ex-examples").value = name;
    if (ex.template) showForm(ex, values);
    else { showForm(null); $("ex-query").value = ex.text; refreshHighlight(); }
    current = ex;
    updatePermalink();
    return true;
  }

  /* ---------- permalink ---------- */

  function permalinkHash() {
    const q = new URLSearchParams();
    if (current && current.template && $("ex-query").value === substitute(current.template, formValues())) {
      q.set("example", current.name);
      for (const [k, v] of Object.entries(formValues())) q.set("p." + k, v);
    } else if (current && !current.template && $("ex-query").value === current.text) {
      q.set("example", current.name);
    } else {
      q.set("query", $("ex-query").value);
    }
    return "#" + q.toString();
  }

  function updatePermalink() {
    $("ex-permalink").href = permalinkHash();
  }

  function fromHash() {
    const hash = location.hash.replace(/^#/, "");
    if (!hash) return false;
    const q = new URLSearchParams(hash);
    if (q.has("example")) {
      const values = {};
      for (const [k, v] of q) if (k.startsWith("p.")) values[k.slice(2)] = v;
      return chooseExample(q.get("example"), Object.keys(values).length ? values : undefined);
    }
    if (q.has("query")) {
      showForm(null);
      $("ex-examples").value = "";
      $("ex-query").value = q.get("query");
      refreshHighlight();
      return true;
    }
    return false;
  }

  /* ---------- start ---------- */

  async function main() {
    try {
      const data = await (await fetch("/api/map.json")).json();
      map = window.EntenteMap.boot($("entente-map"), data);
      byIri = new Map(data.nodes.map((n) => [n.iri, n]));
      const list = $("ex-actor-labels");
      for (const label of [...new Set(data.nodes.map((n) => n.label))].sort()) {
        const opt = document.createElement("option");
        opt.value = label;
        list.appendChild(opt);
      }
    } catch (err) {
      $("entente-map").textContent = `Cannot load the map: ${err}`;
    }
    const ta = $("ex-query");
    ta.addEventListener("input", () => { refreshHighlight(); updatePermalink(); });
    ta.addEventListener("scroll", () => { $("ex-highlight").scrollTop = ta.scrollTop; $("ex-highlight").scrollLeft = ta.scrollLeft; });
    ta.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
    });
    refreshHighlight();
    try {
      examples = await (await fetch("/api/examples.json")).json();
      const select = $("ex-examples");
      for (const ex of examples) {
        const opt = document.createElement("option");
        opt.value = ex.name;
        opt.textContent = ex.title;
        select.appendChild(opt);
      }
      select.addEventListener("change", () => chooseExample(select.value));
    } catch (err) {
      status(`Cannot load the examples: ${err}`, true);
    }
    $("ex-params").addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
    $("ex-run").addEventListener("click", run);
    $("ex-show").addEventListener("click", () => {
      if (map) {
        const shown = map.showActors(lastIris);
        status(`${shown.length} actor${shown.length === 1 ? "" : "s"} selected on the map`);
      }
    });
    $("ex-permalink").addEventListener("click", () => { updatePermalink(); });
    $("ex-csv").addEventListener("click", () => {
      if (!last) return;
      if (last.kind === "graph") download(baseName() + ".ttl", "text/turtle", last.body);
      else if (last.kind === "table") download(baseName() + ".csv", "text/csv", toCsv(last.json));
    });
    $("ex-json").addEventListener("click", () => {
      if (last && last.json) download(baseName() + ".json", "application/sparql-results+json", JSON.stringify(last.json, null, 1));
    });
    window.addEventListener("hashchange", () => { if (location.hash !== permalinkHash() && fromHash()) run(); });
    updatePermalink();
    if (fromHash()) run();
  }

  main();
})();

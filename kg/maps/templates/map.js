/* Entente relationship map: vis-network plus legend, filters, actor search and an
 * evidence panel. Shared by the offline map file and the explorer page.
 *
 * Safety: every string that may come from an article (labels, sentences, titles,
 * document ids, triggers) reaches the page through textContent or the canvas,
 * never through innerHTML; links are only made from http(s) URLs.
 */
(function () {
  "use strict";

  function h(tag, props, children) {
    const el = document.createElement(tag);
    if (props) {
      for (const key of Object.keys(props)) {
        const value = props[key];
        if (value === undefined || value === null) continue;
        if (key === "text") el.textContent = String(value);
        else if (key === "class") el.className = value;
        else if (key.slice(0, 2) === "on") el.addEventListener(key.slice(2), value);
        else el.setAttribute(key, String(value));
      }
    }
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return el;
  }

  function rgb(hex) {
    const s = hex.replace("#", "");
    return [0, 2, 4].map((i) => parseInt(s.slice(i, i + 2), 16));
  }

  function mix(a, b, t) {
    const x = rgb(a), y = rgb(b);
    return "#" + x.map((v, i) => Math.round(v + (y[i] - v) * t).toString(16).padStart(2, "0")).join("");
  }

  function goldsteinColor(score, scale) {
    const t = Math.max(-1, Math.min(1, score / scale.saturation));
    return t < 0 ? mix(scale.neutral, scale.conflict, -t) : mix(scale.neutral, scale.cooperation, t);
  }

  function edgeWidth(count) {
    return Math.round(Math.min(12, 1.5 + 2.2 * Math.log2(Math.max(1, count))) * 100) / 100;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function inWindow(date, since, until) {
    if (!since && !until) return true;
    if (!date) return false;
    if (since && date.slice(0, since.length) < since.slice(0, date.length)) return false;
    if (until && date.slice(0, until.length) > until.slice(0, date.length)) return false;
    return true;
  }

  function shapeIcon(shape, fill, border) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("viewBox", "0 0 18 18");
    let el;
    const pts = {
      diamond: "9,1 17,9 9,17 1,9",
      triangle: "9,2 16.5,15.5 1.5,15.5",
      star: "9,1 11.2,6.6 17,6.9 12.5,10.6 14,16.5 9,13.2 4,16.5 5.5,10.6 1,6.9 6.8,6.6",
      hexagon: "5,2 13,2 17,9 13,16 5,16 1,9",
    };
    if (shape === "square") {
      el = document.createElementNS(ns, "rect");
      el.setAttribute("x", "2"); el.setAttribute("y", "2");
      el.setAttribute("width", "14"); el.setAttribute("height", "14");
    } else if (pts[shape]) {
      el = document.createElementNS(ns, "polygon");
      el.setAttribute("points", pts[shape]);
    } else {
      el = document.createElementNS(ns, "circle");
      el.setAttribute("cx", "9"); el.setAttribute("cy", "9"); el.setAttribute("r", "7");
    }
    el.setAttribute("fill", fill);
    el.setAttribute("stroke", border);
    el.setAttribute("stroke-width", "1.5");
    svg.appendChild(el);
    return svg;
  }

  /* ---------- the timeline: a histogram of events, a range slider and a play button ---------- */

  const DAY = 86400000;

  function dayNumber(iso) {
    const [y, m, d] = iso.split("-").map((x) => parseInt(x, 10));
    return Math.floor(Date.UTC(y, (m || 1) - 1, d || 1) / DAY);
  }

  function isoDay(n) {
    return new Date(n * DAY).toISOString().slice(0, 10);
  }

  /** Bins from the first to the last dated event: days, weeks, months or years by the span. */
  function timeBins(first, last) {
    const span = last - first + 1;
    const unit = span <= 120 ? "day" : span <= 730 ? "week" : span <= 366 * 12 ? "month" : "year";
    const bins = [];
    if (unit === "day" || unit === "week") {
      const step = unit === "day" ? 1 : 7;
      for (let s = first; s <= last; s += step) bins.push({ start: s, end: Math.min(last, s + step - 1) });
    } else {
      const d = new Date(first * DAY);
      let y = d.getUTCFullYear(), m = unit === "month" ? d.getUTCMonth() : 0;
      for (;;) {
        const start = Math.floor(Date.UTC(y, m, 1) / DAY);
        if (start > last) break;
        const ny = unit === "month" ? (m === 11 ? y + 1 : y) : y + 1;
        const nm = unit === "month" ? (m + 1) % 12 : 0;
        bins.push({ start, end: Math.floor(Date.UTC(ny, nm, 1) / DAY) - 1 });
        y = ny; m = nm;
      }
    }
    return { unit, bins };
  }

  class Timeline {
    constructor(map) {
      this.map = map;
      this.playing = null;
      const events = map.data.events;
      this.day = events.map((ev) => (ev.d ? dayNumber(ev.d) : null));
      const dated = this.day.filter((x) => x !== null);
      this.undated = events.length - dated.length;
      this.el = h("section", { class: "em-timeline", id: "em-timeline", "aria-label": "Timeline" });
      if (!dated.length) {
        this.bins = [];
        this.el.appendChild(h("div", { class: "em-tl-empty", text: "No dated events: nothing to show on a timeline." }));
        return;
      }
      const { unit, bins } = timeBins(Math.min(...dated), Math.max(...dated));
      this.unit = unit;
      this.bins = bins;
      this.binOf = this.day.map((d) => (d === null ? -1 : this.find(d)));
      this.lo = 0;
      this.hi = bins.length - 1;
      const last = String(bins.length - 1);
      const range = (id, value, label) => {
        const input = h("input", { type: "range", id, min: "0", max: last, step: "1", value, "aria-label": label });
        input.addEventListener("input", () => this.fromSliders(input));
        return input;
      };
      this.loInput = range("em-tl-from", "0", "Timeline start");
      this.hiInput = range("em-tl-to", last, "Timeline end");
      this.playButton = h("button", { type: "button", id: "em-tl-play", class: "em-button em-tl-play",
                                      title: "Play: grow the time window step by step", text: "▶ Play",
                                      onclick: () => (this.playing ? this.pause() : this.play()) });
      this.svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      this.svg.setAttribute("class", "em-tl-hist");
      this.svg.setAttribute("id", "em-tl-hist");
      this.svg.setAttribute("viewBox", `0 0 ${bins.length * 10} 40`);
      this.svg.setAttribute("preserveAspectRatio", "none");
      this.svg.setAttribute("role", "img");
      this.svg.setAttribute("aria-label", `Events per ${unit}`);
      this.labelEl = h("div", { class: "em-tl-label", id: "em-tl-label", role: "status" });
      const dates = map.data.meta.dates || [];
      const box = (id, label) => h("input", { type: "date", id, "aria-label": label, min: dates[0], max: dates[1] });
      map.sinceInput = box("em-f-since", "From date");
      map.untilInput = box("em-f-until", "To date");
      map.sinceInput.addEventListener("change", () => this.fromDates());
      map.untilInput.addEventListener("change", () => this.fromDates());
      this.el.appendChild(h("div", { class: "em-tl-head" }, [
        this.playButton, this.labelEl,
        h("div", { class: "em-dates" }, [map.sinceInput, h("span", { text: "to" }), map.untilInput]),
      ]));
      this.el.appendChild(h("div", { class: "em-tl-body" }, [
        this.svg, h("div", { class: "em-tl-range" }, [h("div", { class: "em-tl-track" }), this.loInput, this.hiInput]),
      ]));
    }

    find(day) {
      let a = 0, b = this.bins.length - 1;
      while (a < b) {
        const mid = (a + b + 1) >> 1;
        if (this.bins[mid].start <= day) a = mid; else b = mid - 1;
      }
      return a;
    }

    full() { return this.lo === 0 && this.hi === this.bins.length - 1; }

    /** Show bins lo..hi (indices); the whole range means no date filter. */
    setRange(lo, hi, fromDates) {
      if (!this.bins.length) return;
      const last = this.bins.length - 1;
      this.lo = Math.max(0, Math.min(lo, last));
      this.hi = Math.max(this.lo, Math.min(hi, last));
      this.loInput.value = String(this.lo);
      this.hiInput.value = String(this.hi);
      const f = this.map.filters;
      if (!fromDates) {
        f.since = this.full() ? "" : isoDay(this.bins[this.lo].start);
        f.until = this.full() ? "" : isoDay(this.bins[this.hi].end);
        this.map.sinceInput.value = f.since;
        this.map.untilInput.value = f.until;
      }
      this.map.apply();
    }

    fromSliders(input) {
      let lo = parseInt(this.loInput.value, 10), hi = parseInt(this.hiInput.value, 10);
      if (lo > hi) { if (input === this.loInput) hi = lo; else lo = hi; }
      this.pause();
      this.setRange(lo, hi);
    }

    fromDates() {
      const f = this.map.filters;
      f.since = this.map.sinceInput.value;
      f.until = this.map.untilInput.value;
      this.pause();
      const lo = f.since ? this.find(dayNumber(f.since)) : 0;
      const hi = f.until ? this.find(dayNumber(f.until)) : this.bins.length - 1;
      if (this.bins.length) this.setRange(lo, hi, true); else this.map.apply();
    }

    reset() {
      this.pause();
      this.map.sinceInput.value = "";
      this.map.untilInput.value = "";
      if (this.bins.length) { this.lo = 0; this.hi = this.bins.length - 1; this.loInput.value = "0"; this.hiInput.value = String(this.hi); }
    }

    /** Grow the window from its start, one bin a step, to the last bin. */
    play() {
      if (!this.bins.length) return;
      const last = this.bins.length - 1;
      if (this.hi >= last) this.setRange(this.lo, this.lo);
      const step = Math.max(150, Math.min(800, 8000 / this.bins.length));
      this.playButton.textContent = "❚❚ Pause";
      this.el.setAttribute("data-playing", "1");
      this.playing = setInterval(() => {
        if (this.hi >= last) { this.pause(); return; }
        this.setRange(this.lo, this.hi + 1);
      }, step);
    }

    pause() {
      if (this.playing) clearInterval(this.playing);
      this.playing = null;
      if (this.playButton) this.playButton.textContent = "▶ Play";
      this.el.removeAttribute("data-playing");
    }

    /** Redraw the bars: events passing every filter but the dates, the chosen range darker. */
    draw() {
      if (!this.bins.length) return;
      const map = this.map, events = map.data.events;
      const coop = new Array(this.bins.length).fill(0), conf = new Array(this.bins.length).fill(0);
      let shown = 0;
      for (let i = 0; i < events.length; i++) {
        if (map.eventOk && map.eventOk[i]) shown++;
        const b = this.binOf[i];
        if (b < 0 || !map.eventPasses(events[i], true)) continue;
        if (parseInt(events[i].c.slice(0, 2), 10) <= 9) coop[b]++; else conf[b]++;
      }
      const top = Math.max(1, ...coop.map((c, i) => c + conf[i]));
      const ns = "http://www.w3.org/2000/svg";
      this.svg.textContent = "";
      for (let i = 0; i < this.bins.length; i++) {
        const inside = i >= this.lo && i <= this.hi;
        const title = document.createElementNS(ns, "title");
        const first = isoDay(this.bins[i].start), last = isoDay(this.bins[i].end);
        title.textContent = `${first === last ? first : `${first} – ${last}`}: ${coop[i]} cooperative, ${conf[i]} conflictual`;
        const g = document.createElementNS(ns, "g");
        g.setAttribute("class", inside ? "em-tl-bin em-tl-in" : "em-tl-bin em-tl-out");
        g.setAttribute("data-count", String(coop[i] + conf[i]));
        g.addEventListener("click", () => { this.pause(); this.setRange(i, i); });
        g.appendChild(title);
        const bar = (value, base, colour) => {
          const r = document.createElementNS(ns, "rect");
          r.setAttribute("x", String(i * 10 + 1));
          r.setAttribute("width", "8");
          r.setAttribute("y", String(40 - (40 * (base + value)) / top));
          r.setAttribute("height", String((40 * value) / top));
          r.setAttribute("fill", colour);
          g.appendChild(r);
        };
        const hit = document.createElementNS(ns, "rect");
        hit.setAttribute("x", String(i * 10)); hit.setAttribute("width", "10");
        hit.setAttribute("y", "0"); hit.setAttribute("height", "40"); hit.setAttribute("fill", "transparent");

        g.appendChild(hit);
        bar(coop[i], 0, map.scale.cooperation);
        bar(conf[i], coop[i], map.scale.conflict);
        this.svg.appendChild(g);
      }
      const a = isoDay(this.bins[this.lo].start), b = isoDay(this.bins[this.hi].end);
      const undated = this.undated ? `; ${this.undated} undated event${this.undated === 1 ? "" : "s"} ${this.full() ? "included" : "hidden"}` : "";
      this.labelEl.textContent = `${a === b ? a : `${a} – ${b}`} · ${shown} event${shown === 1 ? "" : "s"}${undated}`;
      this.labelEl.title = `${this.labelEl.textContent} (one bar a ${this.unit})`;
    }
  }

  class EntenteMap {
    constructor(root, data, opts) {
      performance.mark("entente-start");
      this.root = root;
      this.data = data;
      this.opts = opts || {};
      this.scale = data.legend.scale;
      this.nodeById = new Map(data.nodes.map((n) => [n.id, n]));
      this.edgeById = new Map(data.edges.map((e) => [e.id, e]));
      this.hasDetail = data.nodes.some((n) => n.detail);
      this.view = "polity";
      this.typesPresent = data.legend.types.filter((t) => data.nodes.some((n) => n.type === t.type));
      this.sectorsPresent = this.presentSectors();
      this.filters = this.defaultFilters();
      this.lastState = new Map();
      this.edgeVisible = new Set();
      this.nodeVisible = new Set();
      this.buildDom();
      this.orient(data.nodes);
      this.nodes = new vis.DataSet(data.nodes);
      this.edges = new vis.DataSet(data.edges);
      this.apply(false);
      performance.mark("entente-data");
      this.nodeView = new vis.DataView(this.nodes, { filter: (n) => this.nodeVisible.has(n.id) });
      this.edgeView = new vis.DataView(this.edges, { filter: (e) => this.edgeVisible.has(e.id) });
      this.network = new vis.Network(this.canvas, { nodes: this.nodeView, edges: this.edgeView }, data.options);
      performance.mark("entente-network");
      this.network.on("click", (p) => this.onClick(p));
      this.fitAll();
      this.network.once("afterDrawing", () => {
        window.__ententeReady = performance.now();
        this.root.setAttribute("data-ready", "1");
      });
      this.updateCount();
      if (!data.nodes.length) {
        this.canvas.parentNode.appendChild(h("p", { class: "em-empty", id: "em-empty", text: "No events between actors in this graph (or none pass the filters it was made with)." }));
      }
    }

    /** Turn the layout a quarter if its long side lies across the canvas's long side,
     *  then stretch it (at most 1.5 times) towards the canvas's proportions. */
    orient(nodes) {
      const placed = nodes.filter((n) => typeof n.x === "number" && typeof n.y === "number" && !n.detail);
      if (placed.length < 3) return;
      const all = nodes.filter((n) => typeof n.x === "number" && typeof n.y === "number");
      const box = () => {
        const xs = placed.map((n) => n.x), ys = placed.map((n) => n.y);
        return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
      };
      let [bw, bh] = box();
      const cw = this.canvas.clientWidth || 1, ch = this.canvas.clientHeight || 1;
      if (!bw || !bh) return;
      if ((bw / bh > 1.15 && ch / cw > 1.05) || (bh / bw > 1.15 && cw / ch > 1.05)) {
        for (const n of all) { const x = n.x; n.x = -n.y; n.y = x; }
        [bw, bh] = box();
      }
      const want = cw / ch, have = bw / bh;
      const sx = have < want ? Math.min(1.5, want / have) : 1;
      const sy = have > want ? Math.min(1.5, have / want) : 1;
      for (const n of all) { n.x *= sx; n.y *= sy; }
    }

    /** Fit the whole graph with a margin for labels. */
    fitAll() {
      this.network.fit({ animation: false });
      this.network.moveTo({ scale: this.network.getScale() * 0.88 });
    }

    defaultFilters() {
      return {
        coop: true,
        conf: true,
        types: new Set(this.typesPresent.map((t) => t.type)),
        sectors: new Set(this.sectorsPresent.map((s) => s.sector)),
        since: "",
        until: "",
        minConf: 0,
      };
    }

    /** CAMEO sectors of the actors on the map, in the legend's order (unknown codes last). */
    presentSectors() {
      const known = this.data.legend.sectors || [];
      const used = new Set(this.data.nodes.map((n) => n.sector).filter((s) => s));
      const out = known.filter((s) => used.has(s.sector));
      for (const s of [...used].sort()) if (!known.some((k) => k.sector === s)) out.push({ sector: s, label: s });
      return out;
    }

    /** An actor passes the sector filter when its sector is ticked (actors without one always pass). */
    sectorOk(n) {
      return !n.sector || this.filters.sectors.has(n.sector);
    }

    /* ---------- DOM ---------- */

    buildDom() {
      const d = this.data;
      this.root.textContent = "";
      this.root.classList.add("entente-map");
      this.canvas = h("div", { class: "em-canvas", id: "em-canvas" });
      this.searchBox = h("input", {
        type: "search", id: "em-search", list: "em-actors", placeholder: "Find an actor…",
        "aria-label": "Find an actor", autocomplete: "off",
      });
      const datalist = h("datalist", { id: "em-actors" });
      const labels = Array.from(new Set(d.nodes.map((n) => n.label))).sort();
      for (const label of labels.slice(0, 20000)) datalist.appendChild(h("option", { value: label }));
      this.searchBox.addEventListener("change", () => this.search(this.searchBox.value));
      this.searchBox.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter") this.search(this.searchBox.value);
      });
      this.searchMsg = h("div", { class: "em-msg", id: "em-search-msg", role: "status" });
      this.countEl = h("div", { class: "em-count", id: "em-count" });

      const title = h("h1", { class: "em-title", text: d.meta.title || "Relationship map" });
      const made = Object.entries(d.meta.filters || {}).map(([k, v]) => `${k.replace("_", " ")} ${Array.isArray(v) ? v.join(", ") : v}`);
      const sub = h("div", { class: "em-sub", text: (d.meta.summary || "") + (made.length ? `. Made with: ${made.join("; ")}.` : "") });

      this.sidebar = h("aside", { class: "em-side" }, [
        title, sub,
        h("div", { class: "em-section" }, [this.searchBox, datalist, this.searchMsg]),
        this.countEl,
        this.buildFilters(),
        this.buildLegend(),
      ]);
      this.panelBody = h("div", { class: "em-evidence-body", id: "em-evidence-body" });
      this.panel = h("aside", { class: "em-evidence", id: "em-evidence", "aria-live": "polite" }, [
        h("h2", { text: "Evidence" }), this.panelBody,
      ]);
      this.clearPanel();
      this.root.appendChild(this.sidebar);
      const fit = h("button", { type: "button", id: "em-fit", class: "em-button em-fit", text: "Fit view",
                                title: "Show the whole map", onclick: () => this.fitAll() });
      this.timeline = new Timeline(this);
      this.root.appendChild(h("main", { class: "em-main em-has-timeline" }, [this.canvas, fit, this.timeline.el]));
      this.root.appendChild(this.panel);
    }

    buildLegend() {
      const box = h("div", { class: "em-section em-legend", id: "em-legend" }, [h("h2", { text: "Legend" })]);
      for (const t of this.typesPresent) {
        box.appendChild(h("div", { class: "em-legend-row" }, [shapeIcon(t.shape, t.fill, t.border), h("span", { text: t.label })]));
      }
      if (this.sectorsPresent.length) {
        box.appendChild(h("div", { class: "em-legend-label", text: "Sectors (CAMEO)" }));
        for (const s of this.sectorsPresent) {
          box.appendChild(h("div", { class: "em-legend-row em-legend-sector" }, [
            h("code", { class: "em-sector-code", text: s.sector }), h("span", { text: s.label }),
          ]));
        }
        if (this.data.legend.domestic) box.appendChild(h("div", { class: "em-legend-note", text: this.data.legend.domestic }));
      }
      const s = this.scale;
      const bar = h("div", { class: "em-scale" });
      bar.style.background = `linear-gradient(to right, ${s.conflict}, ${s.neutral}, ${s.cooperation})`;
      box.appendChild(h("div", { class: "em-legend-label", text: "Relations, by mean Goldstein score" }));
      box.appendChild(bar);
      box.appendChild(h("div", { class: "em-scale-ends" }, [
        h("span", { text: `conflict ≤ −${s.saturation}` }), h("span", { text: `cooperation ≥ +${s.saturation}` }),
      ]));
      box.appendChild(h("div", { class: "em-legend-note", text: "Arrow: who acts on whom. Width: number of events. Size: events involving the actor." }));
      if (this.hasDetail) {
        box.appendChild(h("div", { class: "em-legend-note", text: "Dashed grey line: acts for (person, force or body → its state)." }));
      }
      return box;
    }

    buildFilters() {
      const box = h("div", { class: "em-section em-filters", id: "em-filters" }, [h("h2", { text: "Filters" })]);
      const check = (id, label, checked, onchange) => {
        const input = h("input", { type: "checkbox", id });
        input.checked = checked;
        input.addEventListener("change", () => onchange(input.checked));
        return h("label", { class: "em-check", for: id }, [input, h("span", { text: label })]);
      };
      box.appendChild(h("div", { class: "em-label", text: "Minimum confidence" }));
      this.confInput = h("input", { type: "range", id: "em-f-confidence", min: "0", max: "1", step: "0.05", value: "0", "aria-label": "Minimum confidence" });
      this.confOut = h("output", { id: "em-f-confidence-value", text: "0.00" });
      this.confInput.addEventListener("input", () => {
        this.filters.minConf = parseFloat(this.confInput.value);
        this.confOut.textContent = this.filters.minConf.toFixed(2);
        this.apply();
      });
      box.appendChild(h("div", { class: "em-range" }, [this.confInput, this.confOut]));
      box.appendChild(h("div", { class: "em-label", text: "Relation class" }));
      box.appendChild(check("em-f-coop", "Cooperative (CAMEO 01–09)", true, (v) => { this.filters.coop = v; this.apply(); }));
      box.appendChild(check("em-f-conf", "Conflictual (CAMEO 10–20)", true, (v) => { this.filters.conf = v; this.apply(); }));
      box.appendChild(h("div", { class: "em-label", text: "Actor types" }));
      for (const t of this.typesPresent) {
        box.appendChild(check(`em-f-type-${t.type}`, t.label, true, (v) => {
          if (v) this.filters.types.add(t.type); else this.filters.types.delete(t.type);
          this.apply();
        }));
      }
      if (this.sectorsPresent.length) {
        box.appendChild(h("div", { class: "em-label", text: "Actor sectors" }));
        for (const s of this.sectorsPresent) {
          box.appendChild(check(`em-f-sector-${s.sector}`, `${s.label} (${s.sector})`, true, (v) => {
            if (v) this.filters.sectors.add(s.sector); else this.filters.sectors.delete(s.sector);
            this.apply();
          }));
        }
      }
      if (this.hasDetail) {
        this.detailToggle = check("em-f-detail", "Show persons, forces and bodies", false, (v) => {
          this.setView(v ? "detail" : "polity");
        });
        box.appendChild(this.detailToggle);
      }
      box.appendChild(h("button", { type: "button", id: "em-reset", class: "em-button", text: "Reset filters", onclick: () => this.reset() }));
      return box;
    }

    reset() {
      this.filters = this.defaultFilters();
      for (const input of this.root.querySelectorAll(".em-filters input[type=checkbox]")) input.checked = input.id !== "em-f-detail";
      this.timeline.reset();
      this.confInput.value = "0";
      this.confOut.textContent = "0.00";
      this.setView("polity");
    }

    setView(view) {
      this.view = view;
      if (this.detailToggle) this.detailToggle.querySelector("input").checked = view === "detail";
      this.apply();
    }

    /* ---------- filtering ---------- */

    eventPasses(ev, ignoreDates) {
      const f = this.filters;
      const coop = parseInt(ev.c.slice(0, 2), 10) <= 9;
      if (coop ? !f.coop : !f.conf) return false;
      if (ev.p < f.minConf) return false;
      if (!ignoreDates && !inWindow(ev.d, f.since, f.until)) return false;
      const s = this.nodeById.get(ev.s), t = this.nodeById.get(ev.t);
      return f.types.has(s.type) && f.types.has(t.type) && this.sectorOk(s) && this.sectorOk(t);
    }

    nodeInView(n) {
      return this.view === "detail" || !n.detail;
    }

    edgeInView(e) {
      return this.view === "detail" ? e.view !== "p" : (e.view === "p" || e.view === "b");
    }

    apply(redraw) {
      const events = this.data.events;
      const ok = new Uint8Array(events.length);
      for (let i = 0; i < events.length; i++) ok[i] = this.eventPasses(events[i]) ? 1 : 0;
      this.eventOk = ok;
      const unfiltered = this.filters.coop && this.filters.conf && !this.filters.since && !this.filters.until && this.filters.minConf <= 0;
      const degree = new Map();
      const edgeVisible = new Set();
      const updates = [];
      const members = [];
      for (const e of this.data.edges) {
        if (!this.edgeInView(e)) continue;
        if (e.view === "m") { members.push(e); continue; }
        const a = this.nodeById.get(e.from), b = this.nodeById.get(e.to);
        if (!this.filters.types.has(a.type) || !this.filters.types.has(b.type) || !this.sectorOk(a) || !this.sectorOk(b)) continue;
        let n = 0, sum = 0;
        for (const i of e.ev) if (ok[i]) { n++; sum += events[i].g; }
        if (n === 0) continue;
        edgeVisible.add(e.id);
        degree.set(e.from, (degree.get(e.from) || 0) + 1);
        degree.set(e.to, (degree.get(e.to) || 0) + 1);
        const prev = this.lastState.get(e.id);
        if (!prev || prev.n !== n || prev.sum !== sum) {
          this.lastState.set(e.id, { n, sum });
          if (prev || n !== e.ev.length) {
            const colour = goldsteinColor(sum / n, this.scale);
            const upd = { id: e.id, width: edgeWidth(n), color: { color: colour, highlight: colour, hover: colour } };
            if (e.base && this.data.meta.edgeLabels) upd.label = n > 1 ? `${e.base} ×${n}` : e.base;
            updates.push(upd);
          }
        }
      }
      const nodeVisible = new Set();
      for (const n of this.data.nodes) {
        if (!this.nodeInView(n) || !this.filters.types.has(n.type) || !this.sectorOk(n)) continue;
        if (degree.get(n.id) || (unfiltered && n.lone)) nodeVisible.add(n.id);
      }
      for (const e of members) {
        if (nodeVisible.has(e.from) && nodeVisible.has(e.to)) edgeVisible.add(e.id);
      }
      this.nodeVisible = nodeVisible;
      this.edgeVisible = edgeVisible;
      if (updates.length && this.edges) this.edges.update(updates);
      if (redraw !== false && this.nodeView) {
        this.nodeView.refresh();
        this.edgeView.refresh();
        this.updateCount();
      }
      if (this.timeline) this.timeline.draw();
    }

    updateCount() {
      this.countEl.textContent = `${this.nodeVisible.size} actors · ${[...this.edgeVisible].filter((id) => this.edgeById.get(id).view !== "m").length} relations shown`;
    }

    /* ---------- search ---------- */

    findNode(query) {
      const q = query.trim().toLowerCase();
      if (!q) return null;
      const nodes = this.data.nodes;
      return nodes.find((n) => n.label.toLowerCase() === q)
        || nodes.find((n) => (n.aliases || []).some((a) => a.toLowerCase() === q))
        || nodes.find((n) => n.label.toLowerCase().startsWith(q))
        || nodes.find((n) => n.label.toLowerCase().includes(q))
        || null;
    }

    search(query) {
      const node = this.findNode(query);
      if (!node) {
        this.searchMsg.textContent = query.trim() ? `No actor matches “${query.trim()}”.` : "";
        return null;
      }
      this.searchMsg.textContent = "";
      this.focusNode(node.id);
      return node.id;
    }

    focusNode(id) {
      const node = this.nodeById.get(id);
      if (!node) return;
      if (node.detail && this.view !== "detail") this.setView("detail");
      if (!this.nodeVisible.has(id)) {
        this.searchMsg.textContent = `${node.label} is hidden by the filters.`;
      }
      this.network.selectNodes(this.nodeVisible.has(id) ? [id] : []);
      this.network.focus(id, { scale: Math.max(this.network.getScale(), 1.0), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
      this.showNode(id);
      this.focused = id;
    }

    /** Select several actors (by node id or IRI) and fit the view to them. */
    showActors(keys) {
      const byIri = new Map(this.data.nodes.map((n) => [n.iri, n.id]));
      const ids = [];
      for (const k of keys) {
        const id = this.nodeById.has(k) ? k : byIri.get(k);
        if (id !== undefined && !ids.includes(id)) ids.push(id);
      }
      if (ids.some((id) => this.nodeById.get(id).detail) && this.view !== "detail") this.setView("detail");
      const shown = ids.filter((id) => this.nodeVisible.has(id));
      this.network.selectNodes(shown);
      if (shown.length) {
        this.network.fit({ nodes: shown, animation: false });
        this.network.moveTo({ scale: Math.min(this.network.getScale() * 0.85, 1.5) });
      }
      this.showList(ids);
      return shown;
    }

    /* ---------- evidence ---------- */

    clearPanel() {
      this.panelBody.textContent = "";
      this.panelBody.appendChild(h("p", { class: "em-hint", text: "Click an actor or a relation to see the sentences it comes from." }));
    }

    onClick(p) {
      if (p.nodes && p.nodes.length) this.showNode(p.nodes[0]);
      else if (p.edges && p.edges.length) this.showEdge(p.edges[0]);
      else this.clearPanel();
    }

    label(id) {
      const n = this.nodeById.get(id);
      return n ? n.label : String(id);
    }

    eventCard(i) {
      const ev = this.data.events[i];
      const doc = this.data.docs[ev.doc] || {};
      const rel = this.data.relations[ev.r] || ev.r;
      const meta = [
        ev.d || "undated",
        `CAMEO ${ev.c}`,
        `Goldstein ${ev.g > 0 ? "+" : ""}${ev.g}`,
        ev.m || "asserted",
        `confidence ${ev.p.toFixed(2)}`,
      ];
      const docLine = h("div", { class: "em-doc" }, [h("span", { class: "em-doc-label", text: "Document: " })]);
      const url = safeUrl(doc.url);
      const docName = doc.title ? `${doc.title} (${doc.id})` : (doc.id || "unknown");
      if (url) docLine.appendChild(h("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: docName }));
      else docLine.appendChild(h("span", { text: docName }));
      if (doc.date) docLine.appendChild(h("span", { text: ` · ${doc.date}` }));
      return h("li", { class: "em-event" }, [
        h("div", { class: "em-event-head" }, [
          h("b", { text: this.label(ev.s) }), ` ${rel} `, h("b", { text: this.label(ev.t) }),
        ]),
        h("div", { class: "em-meta", text: meta.join(" · ") }),
        h("blockquote", { class: "em-sentence", text: ev.x || "" }),
        ev.tr ? h("div", { class: "em-trigger", text: `trigger: ${ev.tr}` }) : null,
        docLine,
      ]);
    }

    eventList(indices) {
      const shown = indices.filter((i) => this.eventOk[i]);
      shown.sort((a, b) => (this.data.events[a].d || "9999").localeCompare(this.data.events[b].d || "9999"));
      const list = h("ol", { class: "em-events" });
      for (const i of shown.slice(0, 200)) list.appendChild(this.eventCard(i));
      const wrap = h("div", null, [list]);
      if (shown.length > 200) wrap.appendChild(h("p", { class: "em-hint", text: `… and ${shown.length - 200} more.` }));
      if (!shown.length) wrap.appendChild(h("p", { class: "em-hint", text: "No event passes the current filters." }));
      return wrap;
    }

    showEdge(id) {
      const e = this.edgeById.get(id);
      if (!e) return;
      this.panelBody.textContent = "";
      if (e.view === "m") {
        const n = this.nodeById.get(e.from);
        this.panelBody.appendChild(h("h3", { text: `${n.label} acts for ${this.label(e.to)}` }));
        if (n.role) this.panelBody.appendChild(h("p", { text: `Role: ${n.role}` }));
        return;
      }
      const n = e.ev.filter((i) => this.eventOk[i]).length;
      const mean = e.ev.filter((i) => this.eventOk[i]).reduce((s, i) => s + this.data.events[i].g, 0) / Math.max(1, n);
      this.panelBody.appendChild(h("h3", { class: "em-edge-title" }, [
        h("span", { text: this.label(e.from) }), " → ", h("span", { text: this.label(e.to) }),
      ]));
      this.panelBody.appendChild(h("p", { class: "em-summary", text: `${this.data.relations[e.rel] || e.rel} · ${n} event${n === 1 ? "" : "s"} · mean Goldstein ${mean.toFixed(1)}` }));
      this.panelBody.appendChild(this.eventList(e.ev));
    }

    showNode(id) {
      const n = this.nodeById.get(id);
      if (!n) return;
      this.panelBody.textContent = "";
      const type = (this.data.legend.types.find((t) => t.type === n.type) || {}).label || n.type;
      this.panelBody.appendChild(h("h3", { text: n.label }));
      const facts = [type];
      if (n.role) facts.push(n.role);
      if (n.polity !== undefined && n.polity !== null && n.polity !== n.id) facts.push(`acts for ${this.label(n.polity)}`);
      if (n.wikidata) facts.push(n.wikidata);
      this.panelBody.appendChild(h("p", { class: "em-summary", text: facts.join(" · ") }));
      if (n.code || n.sector) {
        const sector = (this.sectorsPresent.find((s) => s.sector === n.sector) || {}).label || n.sector;
        const parts = [];
        if (n.code) parts.push(`CAMEO code ${n.code}`);
        if (n.sector) parts.push(`sector ${sector} (${n.sector})`);
        this.panelBody.appendChild(h("p", { class: "em-actor-code", id: "em-actor-code", text: parts.join(" · ") }));
      }
      const idx = [];
      const events = this.data.events;
      const polity = (x) => { const m = this.nodeById.get(x); return m && m.polity !== undefined && m.polity !== null ? m.polity : x; };
      for (let i = 0; i < events.length; i++) {
        const ev = events[i];
        if (ev.s === id || ev.t === id || (this.view === "polity" && (polity(ev.s) === id || polity(ev.t) === id))) idx.push(i);
      }
      this.panelBody.appendChild(this.eventList(idx));
    }

    showList(ids) {
      this.panelBody.textContent = "";
      this.panelBody.appendChild(h("h3", { text: `${ids.length} actor${ids.length === 1 ? "" : "s"} from the query` }));
      const ul = h("ul", { class: "em-actor-list" });
      for (const id of ids) {
        ul.appendChild(h("li", null, [h("a", { href: "#", text: this.label(id), onclick: (ev) => { ev.preventDefault(); this.focusNode(id); } })]));
      }
      this.panelBody.appendChild(ul);
    }

    /* ---------- for tests and the explorer ---------- */

    visibleNodeIds() { return [...this.nodeVisible]; }
    visibleEdgeIds() { return [...this.edgeVisible]; }
  }

  window.EntenteMap = {
    boot(root, data, opts) {
      const map = new EntenteMap(root, data, opts);
      window.entente = map;
      return map;
    },
    goldsteinColor,
    edgeWidth,
  };
})();

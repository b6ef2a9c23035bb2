"""Readable plain-text tables of the answers of :mod:`kg.graph.analysis`.

Each ``render_*`` function takes the JSON-ready answer and returns text for
a terminal; ``table`` is the one table formatter they share.
"""
from __future__ import annotations

import textwrap
from typing import Any, Sequence


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    return str(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table; numbers are right-aligned.

    >>> print(table(["actor", "events"], [["Russia", 12], ["EU", 3]]))
    actor   events
    ------  ------
    Russia      12
    EU           3
    """
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(isinstance(r[i], (int, float)) for r in rows)
               for i in range(len(headers))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line(list(headers)), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out)


def _names(actors: Sequence[dict[str, Any]]) -> str:
    return ", ".join(a["label"] for a in actors)


def render_ego(res: dict[str, Any]) -> str:
    """Text of :func:`kg.graph.analysis.ego`.

    >>> from kg.graph import ego, from_tuples
    >>> print(render_ego(ego(from_tuples([("EU", "Ukraine", "051", 3.4, None)]), "EU")))
    Ego network of EU (1 hop): 2 actors, 1 relation
    <BLANKLINE>
    hops  actor    type
    ----  -------  -----
       0  EU       State
       1  Ukraine  State
    <BLANKLINE>
    actor  actor    goldstein  events  coop  conf
    -----  -------  ---------  ------  ----  ----
    EU     Ukraine        3.4       1     1     0
    """
    head = f"Ego network of {res['center']['label']} ({res['k']} hop{'s' if res['k'] != 1 else ''}): " \
           f"{len(res['nodes'])} actors, {len(res['edges'])} relation{'s' if len(res['edges']) != 1 else ''}"
    nodes = table(["hops", "actor", "type"], [[n["hops"], n["label"], n["type"]] for n in res["nodes"]])
    edges = table(["actor", "actor", "goldstein", "events", "coop", "conf"],
                  [[e["a"]["label"], e["b"]["label"], e["weight"], e["events"], e["coop"], e["conf"]]
                   for e in res["edges"]]) if res["edges"] else "(no relations)"
    return f"{head}\n\n{nodes}\n\n{edges}"


def render_path(res: dict[str, Any]) -> str:
    """Text of :func:`kg.graph.analysis.path`, with the sentences behind each step.

    >>> from kg.graph import path, from_tuples
    >>> G = from_tuples([("EU", "Ukraine", "051", 3.4, "2024-11-04", "The EU backs Ukraine.")])
    >>> print(render_path(path(G, "EU", "Ukraine")))
    Path 1 (1 step): EU - Ukraine
    <BLANKLINE>
      1. EU - Ukraine: goldstein 3.4, 1 event (1 cooperative, 0 conflictual)
         - EU cooperatesDiplomaticallyWith Ukraine (CAMEO 051, 2024-11-04, row 0)
           "The EU backs Ukraine."
    """
    a, b = res["source"]["label"], res["target"]["label"]
    if not res["paths"]:
        return f"No path between {a} and {b}."
    out = []
    for i, p in enumerate(res["paths"], 1):
        chain = " - ".join([p["steps"][0]["from"]["label"]] + [s["to"]["label"] for s in p["steps"]])
        out.append(f"Path {i} ({p['length']} step{'s' if p['length'] != 1 else ''}): {chain}")
        for j, s in enumerate(p["steps"], 1):
            out.append(f"\n  {j}. {s['from']['label']} - {s['to']['label']}: goldstein {_cell(s['weight'])}, "
                       f"{s['events']} event{'s' if s['events'] != 1 else ''} "
                       f"({s['coop']} cooperative, {s['conf']} conflictual)")
            for e in s["evidence"]:
                flags = "".join([" NEGATED" if e["negated"] else "",
                                 f" [{e['modality']}]" if e["modality"] != "asserted" else ""])
                out.append(f"     - {e['source']} {e['relation']} {e['target']} "
                           f"(CAMEO {e['cameo']}, {e['date'] or 'undated'}, {e['doc']}){flags}")
                if e["sentence"]:
                    out.append(textwrap.fill(f'"{e["sentence"]}"', width=100,
                                             initial_indent="       ", subsequent_indent="       "))
        out.append("")
    return "\n".join(out).rstrip()


def render_rank(rows: list[dict[str, Any]], kind: str, by: str) -> str:
    """Text of :func:`kg.graph.analysis.rank`.

    >>> from kg.graph import rank, from_tuples
    >>> print(render_rank(rank(from_tuples([("A", "B", "190", -10, None)]), kind="conf"), "conf", "pagerank"))
    Actors on the conflictual graph, by pagerank
    <BLANKLINE>
    rank  actor  type   degree  events  pagerank  betweenness
    ----  -----  -----  ------  ------  --------  -----------
       1  B      State       1       1    0.6491          0.0
       2  A      State       1       1    0.3509          0.0
    """
    name = {"coop": "cooperative", "conf": "conflictual", "all": "whole"}[kind]
    if not rows:
        return f"No actors in the {name} graph."
    return f"Actors on the {name} graph, by {by}\n\n" + table(
        ["rank", "actor", "type", "degree", "events", "pagerank", "betweenness"],
        [[r["rank"], r["label"], r["type"], r["degree"], r["events"], r["pagerank"], r["betweenness"]]
         for r in rows])


def render_blocs(res: dict[str, Any]) -> str:
    """Text of :func:`kg.graph.analysis.blocs`.

    >>> from kg.graph import blocs, from_tuples
    >>> print(render_blocs(blocs(from_tuples([("A", "B", "057", 8, None), ("B", "C", "190", -10, None)]))))
    Cooperation communities
      1. A, B
    <BLANKLINE>
    Two camps (structural balance; the enemy of my enemy is my friend)
      Component 1: frustration 0.0 of 18.0
        camp A: A, B
        camp B: C
    <BLANKLINE>
    No net cooperation with anyone: C
    """
    out = ["Cooperation communities"]
    out += [f"  {i}. {_names(c)}" for i, c in enumerate(res["communities"], 1)] or ["  (none)"]
    out.append("\nTwo camps (structural balance; the enemy of my enemy is my friend)")
    if not res["camps"]:
        out.append("  (no signed relations)")
    for i, c in enumerate(res["camps"], 1):
        exact = "" if c["exact"] else ", heuristic"
        out.append(f"  Component {i}: frustration {_cell(c['frustration'])} of {_cell(c['total'])}{exact}")
        out.append(f"    camp A: {_names(c['camp_a'])}")
        out.append(f"    camp B: {_names(c['camp_b']) or '(empty)'}")
        for f in c["frustrated"]:
            kind = "cooperate across camps" if f["weight"] > 0 else "conflict within a camp"
            out.append(f"    frustrated: {f['a']['label']} - {f['b']['label']} "
                       f"(goldstein {_cell(f['weight'])}: {kind})")
    if res["unaligned"]:
        out.append(f"\nNo net cooperation with anyone: {', '.join(res['unaligned'])}")
    return "\n".join(out)


def render_pairs(res: dict[str, Any]) -> str:
    """Text of :func:`kg.graph.analysis.pairs`.

    >>> from kg.graph import pairs, from_tuples
    >>> print(render_pairs(pairs(from_tuples([("A", "B", "057", 8, None)]))))
    Most cooperative pairs
    <BLANKLINE>
    actor  actor  goldstein  events  coop  conf
    -----  -----  ---------  ------  ----  ----
    A      B            8.0       1     1     0
    <BLANKLINE>
    Most conflictual pairs
    <BLANKLINE>
    (none)
    """
    out = []
    for key, title in (("cooperative", "Most cooperative pairs"), ("conflictual", "Most conflictual pairs")):
        rows = [[r["a"]["label"], r["b"]["label"], r["weight"], r["events"], r["coop"], r["conf"]]
                for r in res[key]]
        out.append(f"{title}\n\n" + (table(["actor", "actor", "goldstein", "events", "coop", "conf"], rows)
                                     if rows else "(none)"))
    return "\n\n".join(out)


def render_profile(res: dict[str, Any]) -> str:
    """Text of :func:`kg.graph.analysis.profile`.

    >>> from kg.graph import profile, from_tuples
    >>> print(render_profile(profile(from_tuples([("A", "B", "057", 8, "2024-11-04")]), "A")))
    Profile of A (State): 1 event (1 as source, 0 as target; 1 cooperative, 0 conflictual; goldstein 8.0)
    <BLANKLINE>
    Partners
    <BLANKLINE>
    actor  goldstein  events  coop  conf
    -----  ---------  ------  ----  ----
    B            8.0       1     1     0
    <BLANKLINE>
    Adversaries
    <BLANKLINE>
    (none)
    <BLANKLINE>
    Events by CAMEO root over time
    <BLANKLINE>
    period   cooperatesDiplomaticallyWith  goldstein
    -------  ----------------------------  ---------
    2024-11                             1        8.0
    """
    t = res["totals"]
    out = [f"Profile of {res['actor']['label']} ({res['actor']['type'] or 'actor'}): "
           f"{t['events']} event{'s' if t['events'] != 1 else ''} "
           f"({t['as_source']} as source, {t['as_target']} as target; {t['coop']} cooperative, "
           f"{t['conf']} conflictual; goldstein {_cell(t['goldstein'])})"]
    for key, title in (("partners", "Partners"), ("adversaries", "Adversaries")):
        rows = [[n["label"], n["weight"], n["events"], n["coop"], n["conf"]] for n in res[key]]
        out.append(f"\n{title}\n\n" + (table(["actor", "goldstein", "events", "coop", "conf"], rows)
                                       if rows else "(none)"))
    roots = sorted({r for counts in res["timeline"].values() for r in counts})
    if roots:
        net = res.get("goldstein_by_period", {})
        rows = [[period] + [counts.get(r, 0) for r in roots] + [float(net.get(period, 0.0))]
                for period, counts in res["timeline"].items()]
        out.append("\nEvents by CAMEO root over time\n\n" + table(["period"] + roots + ["goldstein"], rows))
    return "\n".join(out)

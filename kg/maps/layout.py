"""Node positions computed before the map is shown, so the browser has no physics to run.

Each connected component is laid out on its own and the components are
packed in rows, largest first. Small components use Kamada-Kawai (stable,
readable); large ones use a Fruchterman-Reingold variant whose repulsion is
limited to nearby nodes (found with a k-d tree), so 50,000 nodes take
seconds rather than the minutes of an all-pairs layout.

>>> pos = compute_layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> sorted(pos) == ["a", "b", "c"]
True
>>> d = lambda u, v: ((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5
>>> d("a", "b") > 50 and d("a", "c") > d("a", "b")
True
"""
from __future__ import annotations

import math
from typing import Hashable, Iterable, Sequence

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

#: Mean edge length (pixels) for small components, where labels must not collide.
EDGE_LENGTH = 230.0
#: Mean edge length for components laid out by the fast method.
EDGE_LENGTH_LARGE = 90.0
#: Components up to this size get Kamada-Kawai.
SMALL_COMPONENT = 120
#: Gap between packed components (pixels).
GAP = 120.0


def fast_layout(n: int, edges: np.ndarray, *, seed: int = 0, iterations: int = 80) -> np.ndarray:
    """Force-directed positions (n x 2) with local repulsion; ``edges`` is an (m x 2) index array.

    Attraction pulls along edges; repulsion acts only between nodes closer
    than three ideal distances; a weak pull to the centre keeps the
    component together. Cost per iteration is about O(n log n + m).

    >>> p = fast_layout(4, np.array([[0, 1], [1, 2], [2, 3]]), seed=1)
    >>> p.shape
    (4, 2)
    """
    rng = np.random.default_rng(seed)
    k = 1.0
    radius = math.sqrt(n) * k
    # Start from a breadth-first spiral: neighbours start near each other.
    pos = rng.normal(0.0, radius / 2.0, size=(n, 2))
    if n == 0:
        return pos
    if len(edges):
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(map(tuple, edges.tolist()))
        root = max(G.degree, key=lambda x: x[1])[0]
        order = list(nx.bfs_tree(G, root)) if n > 1 else [root]
        seen = set(order)
        order += [i for i in range(n) if i not in seen]
        r = np.sqrt(np.arange(1, n + 1, dtype=float)) * k * 0.9
        theta = np.arange(n) * 2.399963  # golden angle
        spiral = np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1)
        pos[np.array(order)] = spiral + rng.normal(0, 0.05, size=(n, 2))
    e0, e1 = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    temp = radius * 0.1
    cutoff = 3.0 * k
    cells = int(min(20, max(4, math.sqrt(n / 8))))
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        tree = cKDTree(pos)
        pairs = tree.query_pairs(cutoff, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            delta = pos[i] - pos[j]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
            force = (k * k / dist)[:, None] * delta / dist[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(i, force[:, axis], n) - np.bincount(j, force[:, axis], n)
        if len(e0):
            delta = pos[e0] - pos[e1]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
            force = (dist / k)[:, None] * delta
            for axis in (0, 1):
                disp[:, axis] += np.bincount(e1, force[:, axis], n) - np.bincount(e0, force[:, axis], n)
        disp += _far_field(pos, k, cells)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp = max(temp * 0.95, 0.02 * k)
    return pos


def _far_field(pos: np.ndarray, k: float, cells: int) -> np.ndarray:
    """Repulsion from distant nodes, summed per grid cell (mass at the cell's centroid)."""
    n = len(pos)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    size = np.maximum((hi - lo) / cells, 1e-9)
    cx = np.minimum(((pos - lo) / size).astype(int), cells - 1)
    cell = cx[:, 0] * cells + cx[:, 1]
    mass = np.bincount(cell, minlength=cells * cells).astype(float)
    used = np.nonzero(mass)[0]
    m = mass[used]
    cent = np.stack([np.bincount(cell, pos[:, a], cells * cells)[used] for a in (0, 1)], axis=1) / m[:, None]
    dx = cent[:, 0:1] - cent[:, 0]
    dy = cent[:, 1:2] - cent[:, 1]
    dist2 = np.maximum(dx * dx + dy * dy, 1e-9)
    np.fill_diagonal(dist2, np.inf)
    w = (k * k) * m[None, :] / dist2  # |f| = k^2 m / d, along delta / d
    per_cell = np.stack([cent[:, 0] * w.sum(axis=1) - w @ cent[:, 0],
                         cent[:, 1] * w.sum(axis=1) - w @ cent[:, 1]], axis=1)
    out = np.zeros((cells * cells, 2))
    out[used] = per_cell
    return out[cell]


def _landscape(pos: np.ndarray) -> np.ndarray:
    """Rotate a layout so its longest axis is horizontal (screens are wide)."""
    centred = pos - pos.mean(axis=0)
    if len(pos) < 3:
        return centred
    _, vecs = np.linalg.eigh(np.cov(centred.T))
    main = vecs[:, -1]
    angle = -math.atan2(main[1], main[0])
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    return centred @ rot.T


def _scale_to(pos: np.ndarray, edges: np.ndarray, length: float) -> np.ndarray:
    """Centre ``pos`` and scale it so the mean edge length is ``length``."""
    pos = pos - pos.mean(axis=0)
    if len(edges):
        d = np.hypot(*(pos[edges[:, 0]] - pos[edges[:, 1]]).T)
        mean = float(d.mean()) if len(d) else 0.0
    else:
        mean = 0.0
    if mean <= 1e-9:
        return pos
    return pos * (length / mean)


def _component(nodes: list[Hashable], G: nx.Graph, seed: int) -> np.ndarray:
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-EDGE_LENGTH / 2, 0.0], [EDGE_LENGTH / 2, 0.0]])
    index = {u: i for i, u in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in G.subgraph(nodes).edges() if u != v],
                     dtype=int).reshape(-1, 2)
    if n <= SMALL_COMPONENT:
        sub = nx.Graph()
        sub.add_nodes_from(range(n))
        sub.add_edges_from(map(tuple, edges.tolist()))
        start = nx.circular_layout(sub)
        raw = nx.kamada_kawai_layout(sub, pos=start)
        pos = _landscape(np.array([raw[i] for i in range(n)]))
        return _scale_to(pos, edges, EDGE_LENGTH * (1.3 if n <= 12 else 1.0))
    pos = fast_layout(n, edges, seed=seed, iterations=50 if n > 20000 else (60 if n > 5000 else 80))
    return _scale_to(pos, edges, EDGE_LENGTH_LARGE)


def _pack(blocks: list[np.ndarray]) -> list[np.ndarray]:
    """Shelf-pack component layouts (largest first) into rows of similar width."""
    boxes = []
    for pos in blocks:
        lo, hi = pos.min(axis=0), pos.max(axis=0)
        boxes.append((pos - lo, hi - lo + GAP))
    area = sum(float(w * h) for _, (w, h) in boxes)
    row_width = max(math.sqrt(area) * 1.3, max(float(b[1][0]) for b in boxes))
    out, x, y, row_h = [], 0.0, 0.0, 0.0
    for pos, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        out.append(pos + np.array([x, y]))
        x += float(w)
        row_h = max(row_h, float(h))
    allpos = np.vstack(out)
    centre = (allpos.min(axis=0) + allpos.max(axis=0)) / 2
    return [p - centre for p in out]


def compute_layout(nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]],
                   *, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Positions (pixels, centred on 0) for ``nodes`` given undirected ``edges``."""
    G = nx.Graph()
    G.add_nodes_from(nodes)
    G.add_edges_from((u, v) for u, v in edges if u != v)
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(G)),
                   key=lambda c: (-len(c), str(c[0])))
    if not comps:
        return {}
    blocks = [_component(c, G, seed) for c in comps]
    packed = _pack(blocks)
    return {u: (round(float(p[0]), 1), round(float(p[1]), 1))
            for comp, block in zip(comps, packed) for u, p in zip(comp, block)}

"""Drawing and writing participant networks: HTML, PNG, SVG, GEXF, GraphML, DOT.

``write_network(g, path)`` picks the format from the file extension. Every format carries the
same attributes (kind, event type, role, weight, dates, ISO code, member flag) so Gephi, yEd or
pandas can colour and filter by them, and the drawings use one palette (``ROLE_COLOURS``,
``KIND_STYLE``, ``TYPE_COLOURS``) for the legend, the HTML page and the static images.

Layout: positions are computed here, once, with a fixed seed (networkx ``spring_layout`` below
500 nodes; a vectorised Fruchterman-Reingold in numpy above, which needs no scipy), so a page
renders at once and the same graph always gives the same picture.

Static images use matplotlib's Agg/SVG canvases directly (no pyplot state, no display). Labels
are drawn for every node up to ``LABEL_LIMIT`` nodes, else only for the best-connected ones.

Limits: GEXF carries today's date in its header (networkx writes it), so two GEXF files of the
same graph differ on different days; every other format is byte-stable.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.export import atomic_write_bytes

NETWORK_FORMATS = (".html", ".png", ".svg", ".gexf", ".graphml", ".dot")
LABEL_LIMIT = 150  # above this many nodes, labels only for the best-connected (static) / on hover

ROLE_COLOURS = {
    "participant": "#8a9bb0",
    "observer": "#e69f00",
    "organiser": "#d55e00",
    "coordinator": "#cc79a7",
    "host": "#009e73",
    "lead": "#0072b2",
    "supporter": "#56b4e9",
}
CO_EDGE_COLOUR = "#7f8c9a"
# kind -> (matplotlib marker, colour, html shape)
KIND_STYLE = {
    "state": ("o", "#3a6ea5", "circle"),
    "organisation": ("D", "#1a9e9e", "diamond"),
    "person": ("^", "#b5489b", "triangle"),
    "event": ("s", "#7f7f7f", "square"),
}
TYPE_COLOURS = {
    "exercise": "#c0392b",
    "operation": "#7d3c98",
    "operation-stage": "#a98bc4",
    "training": "#e67e22",
    "meeting": "#8c564b",
    "agreement": "#b5b000",
    "other": "#7f7f7f",
}
TYPE_LABELS = {
    "exercise": "Exercise",
    "operation": "Operation",
    "operation-stage": "Operation stage",
    "training": "Training",
    "meeting": "Meeting",
    "agreement": "Agreement",
    "other": "Other event",
}

Progress = Callable[[str], None]


class VizError(KGError):
    """An output the drawing code cannot make (unknown format, unwritable graph)."""


def _noop(_: str) -> None:
    return None


# --------------------------------------------------------------------------- style


def node_colour(d: dict[str, Any]) -> str:
    """Fill colour of a node: events by type, actors by kind."""
    if d.get("kind") == "event":
        return TYPE_COLOURS.get(d.get("event_type", "other"), TYPE_COLOURS["other"])
    return KIND_STYLE.get(d.get("kind", "person"), KIND_STYLE["person"])[1]


def edge_colour(d: dict[str, Any]) -> str:
    return ROLE_COLOURS.get(d.get("role", ""), CO_EDGE_COLOUR)


def node_size(g: nx.Graph, n: Any) -> float:
    """Relative size (1 to 4): grows with the square root of the weighted degree."""
    return 1.0 + min(3.0, math.sqrt(max(0, g.degree(n, weight="weight") - 1)) * 0.35)


def display_label(d: dict[str, Any], n: Any) -> str:
    """Short label: ISO or organisation code for actors, the name for events and persons."""
    if d.get("kind") in ("state", "organisation"):
        return str(d.get("code") or d.get("label") or n)
    return str(d.get("label") or n)


# --------------------------------------------------------------------------- layout


def _fruchterman_reingold(g: nx.Graph, seed: int, iterations: int = 60) -> dict[Any, Any]:
    """Vectorised Fruchterman-Reingold with weak gravity (O(n^2) memory, float32; fine to a
    few thousand nodes)."""
    import numpy as np

    nodes = list(g)
    n = len(nodes)
    idx = {v: i for i, v in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32) - 0.5
    edges = np.array([(idx[u], idx[v]) for u, v in g.edges()], dtype=np.int64).reshape(-1, 2)
    w = np.array([g.edges[e].get("weight", 1) for e in g.edges()], dtype=np.float32)
    w = 1.0 + np.log(np.maximum(w, 1.0))
    k = np.float32(1.0 / math.sqrt(n))
    t, dt = 0.1, 0.1 / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        d2 = np.einsum("ijk,ijk->ij", delta, delta)
        np.maximum(d2, 1e-6, out=d2)
        disp = np.einsum("ijk,ij->ik", delta, (k * k) / d2)
        if len(edges):
            dv = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt((dv * dv).sum(1))[:, None]
            f = dv * dist / k * w[:, None]
            np.add.at(disp, edges[:, 0], -f)
            np.add.at(disp, edges[:, 1], f)
        disp -= pos * (0.05 * n * k)  # gravity keeps components together
        length = np.sqrt((disp * disp).sum(1))
        length[length < 1e-9] = 1e-9
        pos += disp * (np.minimum(length, t) / length)[:, None]
        t -= dt
    pos -= pos.mean(0)
    scale = np.abs(pos).max() or 1.0
    pos /= scale
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}


def _component_layout(h: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    if len(h) == 1:
        return {next(iter(h)): (0.0, 0.0)}
    if len(h) >= 500:
        return _fruchterman_reingold(h, seed)
    k = 1.8 / math.sqrt(len(h))
    pos = nx.spring_layout(h, seed=seed, k=k, iterations=300, weight="weight")
    return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}


def layout(g: nx.Graph, *, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Node -> (x, y) in [-1, 1], deterministic for a given graph and seed.

    Each connected component is laid out on its own (a force layout would push separate
    components to the corners) at a size growing with the square root of its node count,
    then the components are packed in shelves, largest first, and the whole is scaled once.
    """
    if len(g) == 0:
        return {}
    h = nx.Graph()
    h.add_nodes_from(sorted(g))  # insertion order must not depend on how g was built
    h.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in g.edges(data=True)))
    comps = sorted((sorted(c) for c in nx.connected_components(h)), key=lambda c: (-len(c), c[0]))
    boxes = []
    for comp in comps:
        sub = h.subgraph(comp)
        pos = _component_layout(sub, seed)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        size = math.sqrt(len(comp)) if len(comp) > 1 else 0.6
        local = {
            n: ((p[0] - min(xs)) / span * size, (p[1] - min(ys)) / span * size)
            for n, p in pos.items()
        }
        w = (max(xs) - min(xs)) / span * size
        ht = (max(ys) - min(ys)) / span * size
        boxes.append((local, w, ht))
    gap = 0.8
    width = max(boxes[0][1], math.sqrt(sum((b[1] + gap) * (b[2] + gap) for b in boxes)) * 1.3)
    out: dict[Any, tuple[float, float]] = {}
    x = y = shelf = 0.0
    for local, w, ht in boxes:
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y + shelf + gap, 0.0
        for n, (px, py) in local.items():
            out[n] = (x + px, -(y + py))
        x += w + gap
        shelf = max(shelf, ht)
    xs = [p[0] for p in out.values()]
    ys = [p[1] for p in out.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return {n: ((p[0] - cx) / half, (p[1] - cy) / half) for n, p in out.items()}


# --------------------------------------------------------------------------- static


def draw_static(
    g: nx.Graph,
    *,
    fmt: str = "png",
    title: str = "",
    pos: dict[Any, tuple[float, float]] | None = None,
    progress: Progress = _noop,
) -> bytes:
    """A PNG or SVG drawing of ``g`` with legend (matplotlib, no display needed)."""
    from matplotlib import patheffects, rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    pos = pos if pos is not None else layout(g)
    n = len(g)
    progress(f"drawing {n} nodes and {g.number_of_edges()} edges ({fmt})")
    side = min(22.0, 10.0 + math.sqrt(n) * 0.45)
    with rc_context({"svg.hashsalt": "seccoop-kg", "svg.fonttype": "none"}):
        fig = Figure(figsize=(side * 1.25, side), dpi=110 if fmt == "png" else 72)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.01, 0.01, 0.76, 0.92))
        ax.set_axis_off()
        co = g.graph.get("view") == "coparticipation"
        by_colour: dict[str, list[Any]] = {}
        widths: dict[str, list[float]] = {}
        for u, v, d in sorted(g.edges(data=True), key=lambda e: (_rank_role(e[2]), e[0], e[1])):
            c = CO_EDGE_COLOUR if co else edge_colour(d)
            by_colour.setdefault(c, []).append((pos[u], pos[v]))
            wgt = float(d.get("weight", 1))
            widths.setdefault(c, []).append(0.6 + 1.2 * math.log1p(wgt - 1) if co else 1.3)
        alpha = 0.75 if n <= LABEL_LIMIT else 0.35
        for c, segs in by_colour.items():
            ax.add_collection(
                LineCollection(segs, colors=c, linewidths=widths[c], alpha=alpha, zorder=1)
            )
        base = 260.0 if n <= 60 else 140.0 if n <= LABEL_LIMIT else 40.0
        groups: dict[tuple[str, str, bool], list[Any]] = {}
        for node, d in g.nodes(data=True):
            hollow = d.get("kind") == "state" and d.get("member") == "non-member"
            marker = KIND_STYLE.get(d.get("kind", "person"), KIND_STYLE["person"])[0]
            groups.setdefault((marker, node_colour(d), hollow), []).append(node)
        for (marker, colour, hollow), nodes in sorted(groups.items()):
            xs = [pos[v][0] for v in nodes]
            ys = [pos[v][1] for v in nodes]
            sizes = [base * node_size(g, v) for v in nodes]
            ax.scatter(
                xs,
                ys,
                s=sizes,
                marker=marker,
                c="white" if hollow else colour,
                edgecolors=colour if hollow else "#222222",
                linewidths=2.0 if hollow else 0.6,
                zorder=3,
            )
        labelled = list(g)
        if n > LABEL_LIMIT:
            labelled = sorted(g, key=lambda v: (-g.degree(v, weight="weight"), str(v)))[:40]
        font = 9 if n <= 60 else 7 if n <= LABEL_LIMIT else 6
        # PNG: a white halo; SVG: a pale box instead, because path effects turn text into
        # outlines and the SVG labels should stay text (searchable, smaller)
        halo: dict[str, Any] = (
            {"path_effects": [patheffects.withStroke(linewidth=2.5, foreground="white")]}
            if fmt == "png"
            else {"bbox": {"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7}}
        )
        for v in sorted(labelled, key=str):
            d = g.nodes[v]
            text = display_label(d, v)
            if len(text) > 38:
                text = text[:36] + "…"
            ax.annotate(
                text,
                pos[v],
                xytext=(0, 7 + 3 * node_size(g, v)),
                textcoords="offset points",
                ha="center",
                fontsize=font,
                zorder=4,
                **halo,
                fontweight="bold" if d.get("kind") == "event" else "normal",
            )
        xs = [p[0] for p in pos.values()] or [0.0]
        ys = [p[1] for p in pos.values()] or [0.0]
        ax.set_xlim(min(xs) - 0.12, max(xs) + 0.12)
        ax.set_ylim(min(ys) - 0.1, max(ys) + 0.12)
        fig.suptitle(title or _default_title(g), fontsize=14, x=0.02, ha="left")
        handles = _legend_handles(g, Line2D)
        fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.78, 0.93),
            frameon=False,
            fontsize=9,
            handlelength=1.8,
        )
        buf = io.BytesIO()
        meta = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(buf, format=fmt, metadata=meta, facecolor="white")
    return buf.getvalue()


def _rank_role(d: dict[str, Any]) -> int:
    role = d.get("role", "")
    return 0 if role == "participant" else 1  # rare roles drawn on top


def _default_title(g: nx.Graph, *, counts: bool = True) -> str:
    view = g.graph.get("view", "network")
    what = "Events and participants" if view == "bipartite" else "Co-participation of actors"
    title = f"{what} — {g.graph.get('filters', 'all events')}"
    if counts:
        title += f" ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)"
    return title


def _legend_handles(g: nx.Graph, line_cls: Any) -> list[Any]:
    kinds = sorted({d.get("kind") for _, d in g.nodes(data=True)}, key=list(KIND_STYLE).index)
    types = sorted(
        {d.get("event_type", "other") for _, d in g.nodes(data=True) if d.get("kind") == "event"},
        key=list(TYPE_COLOURS).index,
    )
    roles = sorted(
        {d.get("role") for *_, d in g.edges(data=True) if d.get("role")},
        key=lambda r: list(ROLE_COLOURS).index(r) if r in ROLE_COLOURS else 99,
    )
    out = []
    for k in kinds:
        if k == "event":
            continue
        marker, colour, _ = KIND_STYLE[k]
        out.append(
            line_cls(
                [], [], marker=marker, ls="", color=colour, mec="#222", ms=9, label=k.capitalize()
            )
        )
    for t in types:
        out.append(
            line_cls(
                [],
                [],
                marker="s",
                ls="",
                color=TYPE_COLOURS[t],
                mec="#222",
                ms=9,
                label=f"Event: {TYPE_LABELS.get(t, t)}",
            )
        )
    if any(d.get("member") == "non-member" for _, d in g.nodes(data=True)):
        org = next((d.get("member_org") for _, d in g.nodes(data=True) if d.get("member_org")), "")
        org = "the organiser" if org in ("", "organiser") else org
        out.append(
            line_cls(
                [],
                [],
                marker="o",
                ls="",
                color="white",
                mec=KIND_STYLE["state"][1],
                mew=2,
                ms=9,
                label=f"State, not member of {org}",
            )
        )
    for r in roles:
        out.append(
            line_cls([], [], color=ROLE_COLOURS.get(r, CO_EDGE_COLOUR), lw=2.5, label=f"Role: {r}")
        )
    if g.graph.get("view") == "coparticipation":
        out.append(
            line_cls([], [], color=CO_EDGE_COLOUR, lw=2.5, label="Shared events (width = count)")
        )
    return out


# --------------------------------------------------------------------------- files


def _clean(g: nx.Graph) -> nx.Graph:
    """A copy with nodes and edges in sorted order and only scalar attributes."""
    h = nx.Graph(**{k: v for k, v in g.graph.items() if isinstance(v, str | int | float)})
    for n in sorted(g):
        h.add_node(n, **{k: v for k, v in sorted(g.nodes[n].items()) if _scalar(v)})
    for u, v in sorted((min(a, b), max(a, b)) for a, b in g.edges()):
        h.add_edge(u, v, **{k: x for k, x in sorted(g.edges[u, v].items()) if _scalar(x)})
    return h


def _scalar(v: Any) -> bool:
    return isinstance(v, str | int | float | bool) and v is not None


def _hex_rgb(colour: str) -> dict[str, int]:
    c = colour.lstrip("#")
    return {"r": int(c[0:2], 16), "g": int(c[2:4], 16), "b": int(c[4:6], 16)}


def gexf_bytes(g: nx.Graph, pos: dict[Any, tuple[float, float]] | None = None) -> bytes:
    """GEXF 1.2 with the attributes plus Gephi's viz colour, size and position."""
    h = _clean(g)
    pos = pos if pos is not None else layout(g)
    for n, d in h.nodes(data=True):
        x, y = pos[n]
        d["viz"] = {
            "color": {**_hex_rgb(node_colour(d)), "a": 1.0},
            "size": round(6.0 * node_size(g, n), 3),
            "position": {"x": round(x * 1000, 3), "y": round(y * 1000, 3), "z": 0.0},
        }
    for _, _, d in h.edges(data=True):
        d["viz"] = {"color": {**_hex_rgb(edge_colour(d)), "a": 1.0}}
    text = "\n".join(nx.generate_gexf(h, prettyprint=True)) + "\n"
    # networkx stamps today's date into <meta>; the attribute is optional in GEXF 1.2 and a
    # dated header would make two exports of the same graph differ
    text = re.sub(r'<meta lastmodifieddate="[^"]*">', "<meta>", text, count=1)
    return text.encode("utf-8")


def graphml_bytes(g: nx.Graph, pos: dict[Any, tuple[float, float]] | None = None) -> bytes:
    """GraphML with the attributes, a ``colour`` per node and edge, and x/y positions."""
    h = _clean(g)
    pos = pos if pos is not None else layout(g)
    for n, d in h.nodes(data=True):
        d["colour"] = node_colour(d)
        d["x"], d["y"] = round(pos[n][0] * 1000, 3), round(pos[n][1] * 1000, 3)
    for _, _, d in h.edges(data=True):
        d["colour"] = edge_colour(d)
    return ("\n".join(nx.generate_graphml(h, prettyprint=True)) + "\n").encode("utf-8")


def _dot_id(value: Any) -> str:
    s = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{s}"'


def _dot_attrs(attrs: dict[str, Any]) -> str:
    parts = []
    for k, v in attrs.items():
        if isinstance(v, bool):
            v = "true" if v else "false"
        parts.append(f"{k}={_dot_id(v)}")
    return ", ".join(parts)


_DOT_SHAPES = {"state": "ellipse", "organisation": "diamond", "person": "triangle", "event": "box"}


def dot_bytes(g: nx.Graph, pos: dict[Any, tuple[float, float]] | None = None) -> bytes:
    """Graphviz DOT (undirected), written directly (no pydot needed): Graphviz attributes for
    shape, colour and pinned position, plus the same data attributes as GEXF/GraphML."""
    h = _clean(g)
    pos = pos if pos is not None else layout(g)
    lines = [
        "graph seccoop {",
        f"  graph [{_dot_attrs({'label': _default_title(g), 'overlap': 'false'})}];",
        '  node [style="filled", fontname="Helvetica", fontsize="10"];',
    ]
    reserved = {"label", "shape", "fillcolor", "color", "pos", "penwidth", "weight"}
    for n, d in h.nodes(data=True):
        x, y = pos[n]
        attrs: dict[str, Any] = {
            "label": display_label(d, n),
            "shape": _DOT_SHAPES.get(d.get("kind", ""), "ellipse"),
            "fillcolor": "white" if d.get("member") == "non-member" else node_colour(d),
            "color": node_colour(d),
            "pos": f"{x * 10:.3f},{y * 10:.3f}",
        }
        attrs["tooltip"] = d.get("label", "")
        attrs.update({k: v for k, v in d.items() if k not in reserved and k != "label"})
        lines.append(f"  {_dot_id(n)} [{_dot_attrs(attrs)}];")
    for u, v, d in h.edges(data=True):
        attrs = {
            "color": edge_colour(d),
            "weight": d.get("weight", 1),
            "penwidth": f"{1 + math.log(d.get('weight', 1)):.2f}",
        }
        attrs.update({k: x for k, x in d.items() if k not in reserved})
        lines.append(f"  {_dot_id(u)} -- {_dot_id(v)} [{_dot_attrs(attrs)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def output_format(
    path: Path, formats: tuple[str, ...] = NETWORK_FORMATS, what: str = "network"
) -> str:
    """The output format of ``path`` from its extension; VizError names the valid ones."""
    ext = Path(path).suffix.lower()
    if ext not in formats:
        raise VizError(
            f"{path}: unknown {what} format {ext or '(no extension)'!r} "
            f"(choose from {', '.join(formats)})"
        )
    return ext


def render_network(
    g: nx.Graph, fmt: str, *, title: str = "", seed: int = 42, progress: Progress = _noop
) -> bytes:
    """``g`` as the bytes of ``fmt`` (an extension from NETWORK_FORMATS)."""
    if fmt not in NETWORK_FORMATS:
        raise VizError(f"unknown network format {fmt!r} (choose from {', '.join(NETWORK_FORMATS)})")
    progress(f"layout of {len(g)} nodes")
    pos = layout(g, seed=seed)
    if fmt == ".html":
        from kg.viz_html import network_html

        progress("writing the page")
        return network_html(g, pos, title=title or _default_title(g, counts=False))
    if fmt in (".png", ".svg"):
        return draw_static(g, fmt=fmt[1:], title=title, pos=pos, progress=progress)
    if fmt == ".gexf":
        return gexf_bytes(g, pos)
    if fmt == ".graphml":
        return graphml_bytes(g, pos)
    return dot_bytes(g, pos)


def write_network(
    g: nx.Graph, path: Path, *, title: str = "", seed: int = 42, progress: Progress = _noop
) -> Path:
    """Render ``g`` in the format of ``path``'s extension and write it atomically."""
    data = render_network(g, output_format(path), title=title, seed=seed, progress=progress)
    atomic_write_bytes(Path(path), data)
    return Path(path)


def escape(text: str) -> str:
    return html.escape(text, quote=True)

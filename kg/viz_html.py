"""Self-contained offline HTML pages: the participant network (canvas) and the timeline (SVG).

Each page is one file with its data, CSS and JavaScript inline: no CDN, no font, image or
script from any host, and a Content-Security-Policy (``default-src 'none'``) that forbids the
browser to fetch anything even if a value in the data looked like a URL. Text from the graph
reaches the page only as JSON inside ``<script type="application/json">`` (with ``<``, ``>``
and ``&`` escaped) and is put into the DOM with ``textContent``, never as markup.

Network page: positions come precomputed from Python (kg.viz.layout), so the first paint needs
no physics; the canvas supports wheel zoom, background drag to pan, node drag, hover (tooltip
with an event's name, dates and evidence quote; neighbours highlighted), a legend whose role
entries toggle those edges, and a search box. Labels are drawn for every node up to
``LABEL_LIMIT`` nodes, else only for the hovered node and its neighbours. After the first draw
the page sets ``window.__kg = {nodesDrawn, edgesDrawn, renderMs}`` and ``data-nodes-drawn`` on
the canvas (the browser test compares it with ``data-node-count``).

Timeline page: one SVG ``<g class="ev">`` per dated event, rows per series, wheel zoom and drag
on the time axis, tooltip with participants; ``window.__kg = {eventsDrawn, rows}``.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from kg.viz import (
    CO_EDGE_COLOUR,
    KIND_STYLE,
    LABEL_LIMIT,
    ROLE_COLOURS,
    TYPE_COLOURS,
    TYPE_LABELS,
    display_label,
    edge_colour,
    escape,
    node_colour,
    node_size,
)
from kg.viz_js import NETWORK_CSS, NETWORK_JS

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; connect-src 'none'; font-src 'none'; form-action 'none'"
)


def _json_script(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _tip_rows(d: dict[str, Any]) -> list[list[str]]:
    kind = d.get("kind", "")
    rows: list[list[str]] = []
    if kind == "event":
        rows.append(["Type", TYPE_LABELS.get(d.get("event_type", ""), d.get("event_type", ""))])
        if d.get("dates"):
            rows.append(["Dates", d["dates"]])
        for key, name in (
            ("parent_label", "Part of"),
            ("place", "Place"),
            ("country", "Country"),
            ("status", "Status"),
            ("seizures", "Seizures"),
        ):
            if d.get(key):
                rows.append([name, str(d[key])])
        if d.get("quote"):
            rows.append(["Evidence", f"“{d['quote']}”"])
        return rows
    rows.append(["Kind", kind])
    if d.get("code"):
        rows.append(["Code", str(d["code"])])
    if "member" in d:
        org = d.get("member_org", "")
        org = "the organiser" if org in ("", "organiser") else org
        rows.append([f"Member of {org}", str(d["member"])])
    if d.get("member_of"):
        rows.append(["Member state of", str(d["member_of"])])
    rows.append(["Events", str(d.get("events", 0))])
    if d.get("roles"):
        rows.append(["Roles", str(d["roles"])])
    return rows


def network_payload(g: nx.Graph, pos: dict[Any, tuple[float, float]], title: str) -> dict:
    """The JSON the page draws: nodes with position, style and tooltip rows; edges as index
    pairs with a role index, weight and quote."""
    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    co = g.graph.get("view") == "coparticipation"
    roles = sorted(
        {d.get("role", "") for *_, d in g.edges(data=True)} - {""},
        key=lambda r: list(ROLE_COLOURS).index(r) if r in ROLE_COLOURS else 99,
    )
    out_nodes = []
    for n in nodes:
        d = g.nodes[n]
        out_nodes.append(
            {
                "id": str(n),
                "label": display_label(d, n),
                "name": str(d.get("label", n)),
                "kind": d.get("kind", ""),
                "shape": KIND_STYLE.get(d.get("kind", ""), KIND_STYLE["person"])[2],
                "colour": node_colour(d),
                "hollow": d.get("member") == "non-member",
                "size": round(node_size(g, n), 3),
                "x": round(pos[n][0], 5),
                "y": round(-pos[n][1], 5),
                "tip": _tip_rows(d),
            }
        )
    edges = []
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (index[e[0]], index[e[1]])):
        a, b = sorted((index[u], index[v]))
        role = d.get("role", "")
        edges.append(
            {
                "s": a,
                "t": b,
                "r": roles.index(role) if role in roles else -1,
                "w": int(d.get("weight", 1)),
                "q": str(d.get("quote", "")),
                "ev": str(d.get("events", "")),
            }
        )
    kinds = [k for k in KIND_STYLE if any(x["kind"] == k for x in out_nodes) and k != "event"]
    present = {g.nodes[n].get("event_type") for n in nodes if g.nodes[n].get("kind") == "event"}
    types = [t for t in TYPE_COLOURS if t in present]
    org = next((g.nodes[n].get("member_org") for n in nodes if g.nodes[n].get("member_org")), "")
    return {
        "title": title,
        "view": g.graph.get("view", ""),
        "filters": g.graph.get("filters", ""),
        "nodes": out_nodes,
        "edges": edges,
        "roles": [{"name": r, "colour": ROLE_COLOURS.get(r, CO_EDGE_COLOUR)} for r in roles],
        "coColour": CO_EDGE_COLOUR,
        "legendKinds": [
            {"name": k, "colour": KIND_STYLE[k][1], "shape": KIND_STYLE[k][2]} for k in kinds
        ],
        "legendTypes": [{"name": TYPE_LABELS[t], "colour": TYPE_COLOURS[t]} for t in types],
        "hollowNote": (
            f"State, not member of {'the organiser' if org in ('', 'organiser') else org}"
            if any(x["hollow"] for x in out_nodes)
            else ""
        ),
        "labelLimit": LABEL_LIMIT,
        "co": co,
    }


def offline_page(title: str, css: str, body: str, payload: Any, js: str) -> bytes:
    """The frame every page shares: a Content-Security-Policy that forbids any fetch, inline
    style and script, and the data as an inert JSON script element."""
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{escape(title)}</title>
<style>{css}</style>
</head>
<body>
{body}<script type="application/json" id="kg-data">{_json_script(payload)}</script>
<script>{js}</script>
</body>
</html>
"""
    return page.encode("utf-8")


def network_html(g: nx.Graph, pos: dict[Any, tuple[float, float]], *, title: str) -> bytes:
    """One offline HTML page drawing ``g`` at the precomputed positions ``pos``."""
    payload = network_payload(g, pos, title)
    sub = f"{g.number_of_nodes()} nodes · {g.number_of_edges()} edges"
    body = f"""<header><h1>{escape(title)}</h1><span class="sub">{escape(sub)}</span>
<input id="q" type="search" placeholder="Find a node…" aria-label="Find a node"></header>
<canvas id="net" data-node-count="{g.number_of_nodes()}" data-edge-count="{g.number_of_edges()}"
 aria-label="{escape(title)}"></canvas>
<div id="legend" aria-label="Legend"></div>
<div id="tip" role="tooltip"></div>
<div id="help">Wheel: zoom · drag background: pan · drag a node: move it · double-click: fit ·
hover: details</div>
"""
    return offline_page(title, NETWORK_CSS, body, payload, NETWORK_JS)


__all__ = ["CSP", "edge_colour", "network_html", "network_payload", "offline_page"]

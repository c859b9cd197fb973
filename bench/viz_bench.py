"""How long the offline HTML network takes at ~2,000 nodes: Python side and browser side.

Builds a synthetic bipartite network shaped like the real one (events of the seven types,
states / organisations / persons, 3-14 participants per event, a few hubs, roles mostly
participant), then times:

* layout (kg.viz.layout, seeded) and writing the page (kg.viz_html), and the PNG for scale;
* in headless Chromium (the browser test's DevTools driver): wall time from navigation to the
  page's ``window.__kg`` marker (parse + first paint of every node), the page's own
  ``renderMs``, and the time of one full redraw (what a hover, drag or zoom frame costs).

Run from the repository root:  .venv/bin/python bench/viz_bench.py [--nodes 2000] [--runs 3]
Writes the figures to stdout as a Markdown table (bench/VIZ.md holds the last ones).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.viz import layout, render_network  # noqa: E402
from kg.viz_html import network_html  # noqa: E402

TYPES = ["exercise", "operation", "operation-stage", "training", "meeting", "agreement", "other"]
ROLES = ["participant"] * 12 + ["observer", "organiser", "coordinator", "host", "lead", "supporter"]


def synthetic(n_nodes: int = 2000, seed: int = 1) -> nx.Graph:
    """A bipartite graph of ~n_nodes (3/4 events, 1/4 actors) with the real attributes."""
    rng = random.Random(seed)
    n_actors = n_nodes // 4
    n_events = n_nodes - n_actors
    g = nx.Graph(view="bipartite", filters="synthetic")
    actors = []
    for i in range(n_actors):
        kind = "state" if i < 60 else "organisation" if i < 200 else "person"
        iri = f"https://w3id.org/seccoop/id/{kind}/A{i:04d}"
        attrs = {"kind": kind, "label": f"Actor {i}", "code": f"A{i:04d}", "events": 0}
        if kind == "state":
            attrs["member"] = rng.choice(["member", "non-member", "partial"])
            attrs["iso3"] = f"Z{i:02d}"
        g.add_node(iri, **attrs)
        actors.append(iri)
    weights = [1.0 / (1 + i) ** 0.8 for i in range(n_actors)]  # a few hubs, a long tail
    for j in range(n_events):
        ev = f"https://w3id.org/seccoop/id/event/E{j:05d}"
        year = rng.randint(2003, 2024)
        g.add_node(
            ev,
            kind="event",
            label=f"Event {j} ({year})",
            event_type=rng.choice(TYPES),
            date_begin=f"{year}-05-01",
            dates=f"{year}-05-01 – {year}-05-05",
            year=year,
            quote="Synthetic evidence quote of moderate length, as a press release would word it.",
        )
        for a in set(rng.choices(actors, weights=weights, k=rng.randint(3, 14))):
            g.add_edge(ev, a, role=rng.choice(ROLES), weight=1, date_begin=f"{year}-05-01")
    return g


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    g = synthetic(args.nodes)
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges", file=sys.stderr)
    t = time.perf_counter()
    pos = layout(g)
    t_layout = time.perf_counter() - t
    t = time.perf_counter()
    page = network_html(g, pos, title="Synthetic network")
    t_html = time.perf_counter() - t
    t = time.perf_counter()
    png = render_network(g, ".png")  # includes its own layout
    t_png = time.perf_counter() - t

    from tests.test_browser import Browser, find_chromium

    rows = [
        ("nodes / edges", f"{g.number_of_nodes()} / {g.number_of_edges()}"),
        ("layout (Python, seeded FR)", f"{t_layout:.2f} s"),
        ("HTML page generation (Python)", f"{t_html * 1000:.0f} ms ({len(page) / 1e6:.2f} MB)"),
        ("PNG incl. layout (matplotlib)", f"{t_png:.2f} s ({len(png) / 1e6:.2f} MB)"),
    ]
    binary = find_chromium()
    if binary is None:
        rows.append(("browser", "skipped: Chromium not found"))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "net.html"
            path.write_bytes(page)
            b = Browser(binary, timeout=120)
            try:
                walls, renders, redraws = [], [], []
                for _ in range(args.runs):
                    kg = b.open(path)
                    assert kg["nodesDrawn"] == g.number_of_nodes(), kg
                    walls.append(kg["wallMs"])
                    renders.append(kg["renderMs"])
                    redraws.extend(b.evaluate("window.__kg.redrawMs()") for _ in range(5))
                remote = [u for u in b.requests() if not u.startswith(("file:", "data:"))]
                assert not remote, remote
            finally:
                b.close()
        rows += [
            (
                "browser: navigation → all nodes drawn (wall, median)",
                f"{statistics.median(walls):.0f} ms (runs: {', '.join(f'{w:.0f}' for w in walls)})",
            ),
            (
                "browser: page script parse + first paint (renderMs, median)",
                f"{statistics.median(renders):.0f} ms",
            ),
            (
                "browser: one full redraw (hover/drag/zoom frame, median)",
                f"{statistics.median(redraws):.1f} ms",
            ),
            ("nodes drawn == graph nodes", "yes"),
            ("requests other than file:/data:", "none"),
        ]
    print("| measure | value |\n| --- | --- |")
    for k, v in rows:
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main()

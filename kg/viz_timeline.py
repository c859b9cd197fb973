"""The timeline: events on a time axis, one row per series, coloured by type.

Series: an event that is part of another (``sem:subEventOf``) goes on the row of its top-level
event; a top-level event's row is its name without a trailing year, so the stages of a
recurring operation share a row and yearly exercises (Interaction-2023, Interaction-2024) do
too. Events whose dates overlap inside a row are stacked in lanes. An event known only to the
year or month is drawn as a pale span over that period; a dated day as a solid mark.

Data comes from the same SPARQL as the network (``kg.network.load_network_data``), so the
filters are the same; with no filter every dated event is shown, with or without participants.
Undated events cannot be placed: they are counted and named under the chart.

Outputs: ``.html`` (offline SVG page, see kg.viz_html) or ``.png`` / ``.svg`` (matplotlib).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from kg.export import atomic_write_bytes
from kg.network import EmptySelectionError, NetworkData, NetworkFilter, load_network_data
from kg.viz import TYPE_COLOURS, TYPE_LABELS, Progress, _noop, escape, output_format
from kg.viz_html import offline_page
from kg.viz_js import TIMELINE_CSS, TIMELINE_JS

TIMELINE_FORMATS = (".html", ".png", ".svg")
_YEAR_SUFFIX = re.compile(r"^(.*?)[\s\-–—_]*((?:19|20)\d{2})$")


def series_name(label: str) -> str:
    """'Interaction-2024' -> 'Interaction'; names without a trailing year stay as they are."""
    m = _YEAR_SUFFIX.match(label.strip())
    return m.group(1).strip() if m and m.group(1).strip() else label.strip()


def _precision(written: str) -> str:
    return {4: "year", 7: "month"}.get(len(written), "day")


def timeline_data(data: NetworkData, *, all_events: bool = True) -> dict[str, Any]:
    """Rows of dated events with lanes, tooltips and participants; undated event labels."""
    parts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p in data.participations:
        a = data.actors.get(p["actor"], {})
        parts[p["event"]].append((a.get("code") or a.get("label") or p["actor"], p["role"]))
    chosen = set(data.events) if all_events else {p["event"] for p in data.participations}

    def root(iri: str) -> str:
        seen = {iri}
        while data.events.get(iri, {}).get("parent") and data.events[iri]["parent"] in data.events:
            iri = data.events[iri]["parent"]
            if iri in seen:
                break
            seen.add(iri)
        return iri

    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    undated: list[str] = []
    for iri in sorted(chosen):
        ev = data.events.get(iri)
        if ev is None:
            continue
        if not ev.get("date_begin"):
            undated.append(ev["label"])
            continue
        begin = dt.date.fromisoformat(ev["date_begin"])
        end = dt.date.fromisoformat(ev["date_end"]) if ev.get("date_end") else begin
        written = (ev.get("dates") or "").split(" – ")[0]
        ppl = sorted(parts.get(iri, []), key=lambda x: (x[1] != "participant", x[1], x[0]))
        roles: dict[str, list[str]] = defaultdict(list)
        for code, role in ppl:
            roles[role].append(code)
        tip = [
            ["Type", TYPE_LABELS.get(ev["event_type"], ev["event_type"])],
            ["Dates", ev.get("dates") or ev["date_begin"]],
        ]
        if ev.get("parent_label"):
            tip.append(["Part of", ev["parent_label"]])
        for role, codes in roles.items():
            tip.append([role.capitalize() + ("s" if len(codes) > 1 else ""), ", ".join(codes)])
        if ev.get("quote"):
            tip.append(["Evidence", f"“{ev['quote']}”"])
        rows[series_name(data.events[root(iri)]["label"])].append(
            {
                "id": iri,
                "label": ev["label"],
                "type": ev["event_type"],
                "colour": TYPE_COLOURS.get(ev["event_type"], TYPE_COLOURS["other"]),
                "begin": begin.isoformat(),
                "end": end.isoformat(),
                "precise": _precision(written) == "day",
                "tip": tip,
            }
        )
    if not rows:
        raise EmptySelectionError(
            f"no dated event matches the filters ({data.flt.describe()}); nothing written"
        )
    # lanes: an event occupies its span plus room for its label (a share of the whole axis)
    all_days = [
        dt.date.fromisoformat(e[k]) for r in rows.values() for e in r for k in ("begin", "end")
    ]
    span = max(30, (max(all_days) - min(all_days)).days)
    out_rows = []
    for name, evs in rows.items():
        evs.sort(key=lambda e: (e["begin"], e["end"], e["label"]))
        lane_end: list[dt.date] = []
        for e in evs:
            b = dt.date.fromisoformat(e["begin"])
            room = dt.timedelta(days=span * (0.02 + 0.0085 * min(48, len(e["label"]))))
            busy = max(dt.date.fromisoformat(e["end"]), b + room)
            for i, last in enumerate(lane_end):
                if b > last:
                    lane_end[i] = busy
                    e["lane"] = i
                    break
            else:
                e["lane"] = len(lane_end)
                lane_end.append(busy)
        out_rows.append({"name": name, "lanes": len(lane_end), "events": evs})
    out_rows.sort(key=lambda r: (r["events"][0]["begin"], r["name"]))
    types = sorted({e["type"] for r in out_rows for e in r["events"]}, key=list(TYPE_COLOURS).index)
    return {
        "rows": out_rows,
        "undated": sorted(undated),
        "legend": [{"name": TYPE_LABELS[t], "colour": TYPE_COLOURS[t]} for t in types],
        "filters": data.flt.describe(),
        "count": sum(len(r["events"]) for r in out_rows),
    }


def timeline_html(tl: dict[str, Any], *, title: str) -> bytes:
    """One offline HTML page with the timeline drawn as SVG by inline JavaScript."""
    count, nrows = tl["count"], len(tl["rows"])
    body = f"""<header><h1>{escape(title)}</h1><div id="legend"></div></header>
<svg id="tl" data-event-count="{count}" data-row-count="{nrows}"
 xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}"></svg>
<div id="undated"></div>
<div id="help">Wheel: zoom the time axis · drag: pan · double-click: reset · hover: details</div>
<div id="tip" role="tooltip"></div>
"""
    return offline_page(title, TIMELINE_CSS, body, tl, TIMELINE_JS)


def timeline_static(tl: dict[str, Any], *, fmt: str, title: str) -> bytes:
    """PNG or SVG of the timeline (matplotlib)."""
    import matplotlib.dates as mdates
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    lanes = sum(r["lanes"] for r in tl["rows"])
    height = 1.6 + 0.42 * lanes + 0.25 * len(tl["rows"])
    with rc_context({"svg.hashsalt": "seccoop-kg", "svg.fonttype": "none"}):
        fig = Figure(figsize=(14, height), dpi=110)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.17, 0.9 / height, 0.8, 1 - 1.5 / height))
        y = 0.0
        ticks, names = [], []
        for i, row in enumerate(tl["rows"]):
            h = row["lanes"]
            if i % 2 == 0:
                ax.axhspan(-(y + h + 0.2), -(y - 0.2), color="#f3f5f8", zorder=0)
            ticks.append(-(y + h / 2))
            names.append(row["name"] if len(row["name"]) <= 30 else row["name"][:29] + "…")
            for e in row["events"]:
                b = dt.date.fromisoformat(e["begin"])
                en = dt.date.fromisoformat(e["end"]) + dt.timedelta(days=1)
                x0 = mdates.date2num(b)
                w = max(mdates.date2num(en) - x0, 1.0)
                yy = -(y + e["lane"] + 0.85)
                ax.broken_barh(
                    [(x0, w)],
                    (yy, 0.7),
                    facecolors=e["colour"],
                    alpha=0.95 if e["precise"] else 0.35,
                    edgecolor=e["colour"],
                    zorder=2,
                )
                text = e["label"] if len(e["label"]) <= 44 else e["label"][:43] + "…"
                ax.annotate(
                    text,
                    (x0 + w, yy + 0.35),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8,
                    zorder=3,
                )
            y += h + 0.4
        ax.set_yticks(ticks, names, fontsize=9)
        ax.set_ylim(-(y + 0.2), 0.4)
        ax.xaxis_date()
        ax.grid(axis="x", color="#dde2e8", zorder=1)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        lo, hi = ax.get_xlim()
        ax.set_xlim(lo - (hi - lo) * 0.02, hi + (hi - lo) * 0.25)
        fig.suptitle(title, x=0.01, ha="left", fontsize=13)
        fig.legend(
            handles=[Patch(color=t["colour"], label=t["name"]) for t in tl["legend"]],
            loc="upper right",
            ncols=min(7, len(tl["legend"])),
            frameon=False,
            fontsize=9,
        )
        if tl["undated"]:
            fig.text(
                0.01,
                0.2 / height,
                f"{len(tl['undated'])} undated event(s) not shown: "
                + "; ".join(tl["undated"])[:200],
                fontsize=8,
                color="#5b6675",
            )
        buf = io.BytesIO()
        meta = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(buf, format=fmt, metadata=meta, facecolor="white")
    return buf.getvalue()


def write_timeline(
    backend: Any,
    path: Path,
    flt: NetworkFilter | None = None,
    *,
    title: str = "",
    progress: Progress = _noop,
) -> dict[str, Any]:
    """Query, lay out and write the timeline in the format of ``path``; returns its data."""
    fmt = output_format(path, TIMELINE_FORMATS, "timeline")
    flt = flt or NetworkFilter()
    progress("querying events")
    data = load_network_data(backend, flt)
    unfiltered = flt == NetworkFilter()
    tl = timeline_data(data, all_events=unfiltered)
    title = title or f"Timeline — {flt.describe()} ({tl['count']} events)"
    progress(f"drawing {tl['count']} events in {len(tl['rows'])} rows ({fmt[1:]})")
    out = (
        timeline_html(tl, title=title)
        if fmt == ".html"
        else timeline_static(tl, fmt=fmt[1:], title=title)
    )
    atomic_write_bytes(Path(path), out)
    return tl


__all__ = ["TIMELINE_FORMATS", "series_name", "timeline_data", "write_timeline"]

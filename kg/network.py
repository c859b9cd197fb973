"""Participant networks built with networkx from SPARQL over the graph (never from the YAML).

Two views of the same selection of participations:

* **bipartite**: event nodes and actor nodes (state, organisation, person), one edge per
  participation carrying its role (the highest-ranked one when an actor held several roles in
  one event) and the evidence quote;
* **co-participation**: actor nodes only, joined by the number of selected events they shared
  (edge ``weight``).

The rows come from the named queries ``queries/network-*.rq`` run through
``kg.query.run_named`` on any backend ``kg.query.open_backend`` returns (rdflib graph, Oxigraph
store, endpoint). Filters (event type, years, role) are bound as query parameters; several
types or roles run the query once per value and merge the rows. The organisation filter is
its own query (``network-organisation-events``), whose event set then filters the rows.

Member flags: with an organisation filter, each state participation is flagged member /
non-member of that organisation (its top-level parent when a body is given) on the event's
earliest begin date, from the membership intervals (end exclusive). Without one, the flag is
the build's ``sc:memberStateOf``: member of the event's organiser or coordinator. A state node
is ``member`` when every one of its participations was, ``non-member`` when none was, else
``partial``.

Attribute values are str, int, float or bool only (never None), so GEXF and GraphML writers
accept them; missing values are left out.

Limits: undated events are dropped by any year filter; ``min_shared`` on the bipartite view
keeps actors that took part in at least that many selected events.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.namespaces import EVENT_TYPES, ROLES
from kg.query import find_query, run_named

VIEWS = ("bipartite", "coparticipation")
ACTOR_KINDS = ("state", "organisation", "person")
# Display order and precedence when one actor holds several roles in one event.
ROLE_ORDER = ("organiser", "coordinator", "host", "lead", "participant", "supporter", "observer")
STATS_FORMATS = ("table", "csv", "json")
STATS_COLUMNS = (
    "actor",
    "code",
    "label",
    "kind",
    "events",
    "degree",
    "weighted_degree",
    "betweenness",
    "community",
)

# "Exercise", "OperationStage", "Other" ... -> event-type code; the class includes subclasses.
TYPE_NAMES = {
    ("Other" if code == "other" else "".join(w.title() for w in code.split("-"))): code
    for code in EVENT_TYPES
}


class NetworkError(KGError):
    """A bad filter value (unknown organisation, type, role, view), worded for the user."""


class EmptySelectionError(NetworkError):
    """The filters match no participation: nothing to draw or write."""


@dataclass(frozen=True)
class NetworkFilter:
    """Which participations make the network. Empty tuples / None mean no restriction."""

    organisation: str | None = None
    event_types: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    roles: tuple[str, ...] = ()
    min_shared: int = 1

    def describe(self) -> str:
        """One line naming the active filters (for titles and messages)."""
        parts = []
        if self.organisation:
            parts.append(f"organisation {self.organisation}")
        if self.event_types:
            parts.append("type " + "/".join(self.event_types))
        if self.year_from is not None or self.year_to is not None:
            a = "" if self.year_from is None else str(self.year_from)
            b = "" if self.year_to is None else str(self.year_to)
            parts.append(f"years {a}–{b}")
        if self.roles:
            parts.append("role " + "/".join(self.roles))
        if self.min_shared > 1:
            parts.append(f"at least {self.min_shared} shared events")
        return ", ".join(parts) or "all events"


@dataclass
class NetworkData:
    """The query rows behind a network, keyed by IRI (plain strings)."""

    events: dict[str, dict[str, Any]]
    actors: dict[str, dict[str, Any]]
    participations: list[dict[str, Any]]
    memberships: list[dict[str, Any]]
    flt: NetworkFilter = field(default_factory=NetworkFilter)
    flag_org: str | None = None  # organisation code of the member flags (None: the organiser)


# --------------------------------------------------------------------------- helpers


def _s(term: Any) -> str:
    return "" if term is None else str(term)


def _tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def event_type_code(value: str) -> str:
    """'Exercise', 'exercise', 'OperationStage', 'operation-stage' -> the event-type code."""
    v = value.strip()
    if v in TYPE_NAMES:
        return TYPE_NAMES[v]
    norm = re.sub(r"[^a-z]", "", v.lower())
    for name, code in TYPE_NAMES.items():
        if norm in (name.lower(), code.replace("-", "")):
            return code
    raise NetworkError(f"unknown event type {value!r} (choose from {', '.join(TYPE_NAMES)})")


def _role_code(value: str) -> str:
    v = value.strip().lower()
    if v not in ROLES:
        raise NetworkError(f"unknown role {value!r} (choose from {', '.join(ROLES)})")
    return v


def _role_rank(role: str) -> int:
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def _date(term: Any) -> dt.date | None:
    if term is None:
        return None
    try:
        return dt.date.fromisoformat(str(term)[:10])
    except ValueError:
        return None


def _run(backend: Any, name: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
    return run_named(backend, find_query(name), params or {}).rows


def _first_quotes(rows: Iterable[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """claim IRI -> (quote, document IRI) of its earliest evidence span that has a quote."""
    best: dict[str, tuple[str, int, str]] = {}
    for r in rows:
        if r.get("quote") is None:
            continue
        claim, doc, start = _s(r["claim"]), _s(r["document"]), int(r["start"])
        key = (doc, start, str(r["quote"]))
        if claim not in best or key < best[claim]:
            best[claim] = key
    return {c: (q, d) for c, (d, _, q) in best.items()}


def _date_text(begin: str, end: str) -> str:
    if begin and end and begin != end:
        return f"{begin} – {end}"
    return begin or end


# --------------------------------------------------------------------------- data


def _top_org(code: str, orgs: dict[str, dict[str, Any]]) -> str:
    by_iri = {_s(r["actor"]): c for c, r in orgs.items()}
    seen = {code}
    while orgs[code].get("parent") is not None:
        parent = by_iri.get(_s(orgs[code]["parent"]))
        if parent is None or parent in seen:
            break
        seen.add(parent)
        code = parent
    return code


def load_network_data(backend: Any, flt: NetworkFilter | None = None) -> NetworkData:
    """Run the network queries with ``flt`` bound; raise NetworkError for an unknown value and
    EmptySelectionError when nothing matches."""
    flt = flt or NetworkFilter()
    params: dict[str, str] = {}
    flag_org = None
    org_events: set[str] | None = None
    actor_rows = _run(backend, "network-actors")
    orgs = {str(r["code"]): r for r in actor_rows if str(r["kind"]) == "organisation"}
    if flt.organisation:
        code = flt.organisation.strip().upper()
        if code not in orgs:
            raise NetworkError(
                f"unknown organisation {flt.organisation!r} (choose from {', '.join(sorted(orgs))})"
            )
        flag_org = _top_org(code, orgs)
        # one query for the organisation's events, then a set test per row: a per-row
        # EXISTS with two property paths is quadratic on engines that start from the wrong end
        org_events = {
            _s(r["event"])
            for r in _run(backend, "network-organisation-events", {"organisation": code})
        }
    if flt.year_from is not None:
        params["year_from"] = str(flt.year_from)
    if flt.year_to is not None:
        params["year_to"] = str(flt.year_to)
    if flt.year_from is not None and flt.year_to is not None and flt.year_from > flt.year_to:
        raise NetworkError(f"--from {flt.year_from} is after --to {flt.year_to}")
    classes = [str(EVENT_TYPES[event_type_code(t)]) for t in flt.event_types] or [None]
    roles = [_role_code(r) for r in flt.roles] or [None]

    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for cls in sorted(set(classes), key=str):
        for role in sorted(set(roles), key=str):
            p = dict(params)
            if cls is not None:
                p["event_class"] = cls
            if role is not None:
                p["role"] = role
            for r in _run(backend, "network-participations", p):
                if org_events is not None and _s(r["event"]) not in org_events:
                    continue
                key = (_s(r["event"]), _s(r["actor"]), _tail(_s(r["role"])))
                rec = rows.setdefault(
                    key,
                    {
                        "event": key[0],
                        "actor": key[1],
                        "role": key[2],
                        "participation": _s(r["participation"]),
                        "member_of": set(),
                    },
                )
                if r.get("member_of") is not None:
                    rec["member_of"].add(str(r["member_of"]))
    if not rows:
        raise EmptySelectionError(
            f"no participation matches the filters ({flt.describe()}); nothing written"
        )

    quotes = _first_quotes(_run(backend, "network-evidence"))
    events: dict[str, dict[str, Any]] = {}
    for r in _run(backend, "network-events"):
        iri = _s(r["event"])
        begin, end = _s(r.get("begin")), _s(r.get("end"))
        ev: dict[str, Any] = {
            "label": _s(r["label"]),
            "event_type": _s(r["event_type"]),
            "date_begin": begin,
            "date_end": end,
            "dates": _date_text(_s(r.get("begin_written")), _s(r.get("end_written"))),
            "status": _s(r.get("status")),
            "parent": _s(r.get("parent")),
            "place": _s(r.get("place")),
            "country": _s(r.get("country")),
        }
        if iri in quotes:
            ev["quote"], ev["document"] = quotes[iri]
        events[iri] = ev
    for ev in events.values():
        ev["parent_label"] = events.get(ev["parent"], {}).get("label", "")
    seizures: dict[str, list[str]] = defaultdict(list)
    for r in _run(backend, "network-seizures"):
        what = _s(r["substance"]).replace("_", " ")
        seizures[_s(r["event"])].append(f"{what}: {_s(r.get('as_written')) or _s(r['kg'])}")
    for iri, lines in seizures.items():
        if iri in events:
            events[iri]["seizures"] = "; ".join(lines)

    actors: dict[str, dict[str, Any]] = {}
    for r in actor_rows:
        a = {"kind": _s(r["kind"]), "label": _s(r["label"]), "code": _s(r["code"])}
        if r.get("iso3") is not None:
            a["iso3"] = _s(r["iso3"])
        actors[_s(r["actor"])] = a

    memberships = [
        {
            "organisation": _s(r["organisation_code"]),
            "iso3": _s(r.get("iso3")),
            "status": _s(r["status"]),
            "begin": _date(r.get("begin")),
            "end": _date(r.get("end")),
        }
        for r in _run(backend, "network-memberships")
    ]

    parts = []
    for rec in sorted(rows.values(), key=lambda x: (x["event"], x["actor"], x["role"])):
        q = quotes.get(rec["participation"])
        rec["quote"] = q[0] if q else ""
        rec["member_of"] = " ".join(sorted(rec["member_of"]))
        parts.append(rec)
    data = NetworkData(events, actors, parts, memberships, flt, flag_org)
    _flag_members(data)
    return data


def is_member(
    memberships: list[dict[str, Any]], organisation: str, iso3: str, day: dt.date
) -> bool:
    """Whether state ``iso3`` held status member of ``organisation`` on ``day``."""
    for m in memberships:
        if m["organisation"] != organisation or m["iso3"] != iso3 or m["status"] != "member":
            continue
        if m["begin"] is not None and m["begin"] <= day and (m["end"] is None or day < m["end"]):
            return True
    return False


def _flag_members(data: NetworkData) -> None:
    """Set ``member`` (bool) on every state participation, per the module's rule."""
    for p in data.participations:
        actor = data.actors.get(p["actor"], {})
        if actor.get("kind") != "state":
            continue
        if data.flag_org is None:
            p["member"] = bool(p["member_of"])
            continue
        day = _date(data.events.get(p["event"], {}).get("date_begin"))
        p["member"] = day is not None and is_member(
            data.memberships, data.flag_org, actor.get("iso3", ""), day
        )


# --------------------------------------------------------------------------- graphs


def _actor_attrs(data: NetworkData, iri: str, parts: list[dict[str, Any]]) -> dict[str, Any]:
    a = dict(data.actors.get(iri) or {"kind": "person", "label": _tail(iri), "code": _tail(iri)})
    a["events"] = len({p["event"] for p in parts})
    a["roles"] = " ".join(sorted({p["role"] for p in parts}, key=_role_rank))
    if a["kind"] == "state":
        flags = [p.get("member", False) for p in parts]
        a["member"] = "member" if all(flags) else "non-member" if not any(flags) else "partial"
        a["member_org"] = data.flag_org or "organiser"
        member_of = sorted({o for p in parts for o in p["member_of"].split()})
        if member_of:
            a["member_of"] = " ".join(member_of)
    return a


def _event_attrs(data: NetworkData, iri: str) -> dict[str, Any]:
    ev = data.events.get(iri) or {"label": _tail(iri), "event_type": "other"}
    out: dict[str, Any] = {"kind": "event"}
    out.update({k: v for k, v in ev.items() if v != ""})
    if ev.get("date_begin"):
        out["year"] = int(ev["date_begin"][:4])
    return out


def _by_actor(data: NetworkData) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in data.participations:
        out[p["actor"]].append(p)
    return out


def bipartite_graph(data: NetworkData) -> nx.Graph:
    """Events and actors; one edge per (event, actor) with its role, member flag and quote."""
    by_actor = _by_actor(data)
    keep = {a for a, ps in by_actor.items() if len({p["event"] for p in ps}) >= data.flt.min_shared}
    g = nx.Graph(view="bipartite", filters=data.flt.describe())
    for a in sorted(keep):
        g.add_node(a, **_actor_attrs(data, a, by_actor[a]))
    for p in data.participations:
        if p["actor"] not in keep:
            continue
        if p["event"] not in g:
            g.add_node(p["event"], **_event_attrs(data, p["event"]))
        if g.has_edge(p["event"], p["actor"]):
            e = g.edges[p["event"], p["actor"]]
            roles = sorted({*e["roles"].split(), p["role"]}, key=_role_rank)
            e["roles"], e["role"] = " ".join(roles), roles[0]
            e["member"] = e.get("member", False) or p.get("member", False)
            continue
        attrs: dict[str, Any] = {"role": p["role"], "roles": p["role"], "weight": 1}
        if "member" in p:
            attrs["member"] = p["member"]
        if p["quote"]:
            attrs["quote"] = p["quote"]
        ev = data.events.get(p["event"], {})
        if ev.get("date_begin"):
            attrs["date_begin"] = ev["date_begin"]
        g.add_edge(p["event"], p["actor"], **attrs)
    if g.number_of_edges() == 0:
        raise EmptySelectionError(
            f"no actor matches the filters ({data.flt.describe()}); nothing written"
        )
    return g


def coparticipation_graph(data: NetworkData) -> nx.Graph:
    """Actors joined by the number of selected events they shared (``weight``)."""
    by_actor = _by_actor(data)
    by_event: dict[str, set[str]] = defaultdict(set)
    for p in data.participations:
        by_event[p["event"]].add(p["actor"])
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ev, actors in by_event.items():
        ordered = sorted(actors)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[(a, b)].add(ev)
    g = nx.Graph(view="coparticipation", filters=data.flt.describe())
    for (a, b), evs in sorted(shared.items()):
        if len(evs) < data.flt.min_shared:
            continue
        for n in (a, b):
            if n not in g:
                g.add_node(n, **_actor_attrs(data, n, by_actor[n]))
        dates = sorted(d for e in evs if (d := data.events.get(e, {}).get("date_begin")))
        labels = sorted(data.events.get(e, {}).get("label", _tail(e)) for e in evs)
        attrs: dict[str, Any] = {"weight": len(evs), "events": "; ".join(labels)}
        if dates:
            attrs["date_begin"], attrs["date_end"] = dates[0], dates[-1]
        g.add_edge(a, b, **attrs)
    if data.flt.min_shared <= 1:
        # actors alone in all their events still belong in the picture
        for a in sorted(by_actor):
            if a not in g:
                g.add_node(a, **_actor_attrs(data, a, by_actor[a]))
    if g.number_of_nodes() == 0:
        raise EmptySelectionError(
            f"no pair of actors matches the filters ({data.flt.describe()}); nothing written"
        )
    return g


def build_network(
    backend: Any, view: str = "bipartite", flt: NetworkFilter | None = None
) -> nx.Graph:
    """The network of ``view`` (bipartite or coparticipation) for the filters ``flt``."""
    if view not in VIEWS:
        raise NetworkError(f"unknown view {view!r} (choose from {', '.join(VIEWS)})")
    data = load_network_data(backend, flt)
    return bipartite_graph(data) if view == "bipartite" else coparticipation_graph(data)


# --------------------------------------------------------------------------- statistics


def actor_statistics(g: nx.Graph, *, seed: int = 42) -> list[dict[str, Any]]:
    """Per actor of a co-participation graph: degree, weighted degree, betweenness (shortest
    paths with distance 1/weight, normalised) and a Louvain community (seeded, numbered by
    size). Sorted by weighted degree, then code. A bipartite graph is projected first."""
    if g.graph.get("view") == "bipartite":
        raise NetworkError("statistics need the co-participation view")
    h = g.copy()
    for _, _, d in h.edges(data=True):
        d["distance"] = 1.0 / d.get("weight", 1)
    btw = nx.betweenness_centrality(h, weight="distance", normalized=True)
    comms = nx.community.louvain_communities(h, weight="weight", seed=seed) if len(h) else []
    ordered = sorted(
        (sorted(c) for c in comms), key=lambda c: (-len(c), h.nodes[c[0]].get("code", c[0]))
    )
    community = {n: i + 1 for i, c in enumerate(ordered) for n in c}
    rows = []
    for n, d in h.nodes(data=True):
        rows.append(
            {
                "actor": n,
                "code": d.get("code", ""),
                "label": d.get("label", ""),
                "kind": d.get("kind", ""),
                "events": int(d.get("events", 0)),
                "degree": int(h.degree(n)),
                "weighted_degree": int(h.degree(n, weight="weight")),
                "betweenness": round(float(btw.get(n, 0.0)), 6),
                "community": community.get(n, 0),
            }
        )
    rows.sort(key=lambda r: (-r["weighted_degree"], -r["degree"], r["code"], r["actor"]))
    return rows


def format_statistics(rows: list[dict[str, Any]], fmt: str = "table") -> str:
    """Statistics rows as an aligned table, CSV (RFC 4180, header row) or JSON (a list)."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(STATS_COLUMNS), lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
        return buf.getvalue()
    if fmt == "table":
        cols = [c for c in STATS_COLUMNS if c != "actor"]

        def cell(c: str, v: Any) -> str:
            if isinstance(v, float):
                return f"{v:.4f}"
            text = str(v)
            return text if len(text) <= 40 else text[:39] + "…"

        cells = [[cell(c, r[c]) for c in cols] for r in rows]
        widths = [max([len(c)] + [len(x[i]) for x in cells]) for i, c in enumerate(cols)]
        num = {"events", "degree", "weighted_degree", "betweenness", "community"}
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip(),
            "  ".join("-" * w for w in widths),
        ]
        for x in cells:
            lines.append(
                "  ".join(
                    v.rjust(w) if c in num else v.ljust(w)
                    for c, v, w in zip(cols, x, widths, strict=True)
                ).rstrip()
            )
        lines.append(f"({len(rows)} actor{'s' if len(rows) != 1 else ''})")
        return "\n".join(lines) + "\n"
    raise NetworkError(f"unknown format {fmt!r} (choose from {', '.join(STATS_FORMATS)})")


__all__ = [
    "EmptySelectionError",
    "NetworkData",
    "NetworkError",
    "NetworkFilter",
    "VIEWS",
    "actor_statistics",
    "bipartite_graph",
    "build_network",
    "coparticipation_graph",
    "format_statistics",
    "load_network_data",
]

"""Participant networks built from SPARQL over the seed graph (kg.network)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.network import (
    EmptySelectionError,
    NetworkError,
    NetworkFilter,
    actor_statistics,
    build_network,
    event_type_code,
    format_statistics,
    is_member,
    load_network_data,
)
from kg.query import open_backend

from .conftest import CHANNEL_2018_STATES, CSTO_MEMBERS_2018

ID = "https://w3id.org/seccoop/id/"
FINAL = ID + "event/channel-2018-final-stage"


def _codes(g: nx.Graph, nodes: Any) -> set[str]:
    return {g.nodes[n].get("code", "") for n in nodes}


def test_bipartite_has_channel_2018_participants_and_unodc_observer(backend: Any) -> None:
    g = build_network(backend, "bipartite")
    assert g.graph["view"] == "bipartite"
    assert g.nodes[FINAL]["kind"] == "event"
    assert g.nodes[FINAL]["event_type"] == "operation-stage"
    assert g.nodes[FINAL]["date_begin"] == "2018-05-28"
    assert _codes(g, g[FINAL]) >= CHANNEL_2018_STATES | {"UNODC", "CSTO", "INTERPOL"}
    unodc = ID + "org/UNODC"
    assert g.edges[FINAL, unodc]["role"] == "observer"
    assert g.nodes[unodc]["kind"] == "organisation"
    rus = ID + "state/RUS"
    assert g.nodes[rus]["iso3"] == "RUS"
    assert g.edges[FINAL, rus]["member"] is True  # member of the organiser (CSTO) at the date
    assert g.edges[FINAL, ID + "state/CHN"]["member"] is False


def test_bipartite_is_the_same_on_every_backend(build_dir: Path, backend: Any) -> None:
    other = open_backend(build_dir)  # the store of the build if there is one, else kg.ttl
    a, b = build_network(backend, "bipartite"), build_network(other, "bipartite")
    assert nx.utils.graphs_equal(a, b)


def test_coparticipation_weights_and_member_flags(backend: Any) -> None:
    g = build_network(backend, "coparticipation", NetworkFilter(organisation="CSTO"))
    assert all(d["kind"] != "event" for _, d in g.nodes(data=True))
    arm, rus, csto = ID + "state/ARM", ID + "state/RUS", ID + "org/CSTO"
    assert g.edges[arm, rus]["weight"] >= 1
    assert "Channel-2018 final stage" in g.edges[arm, rus]["events"]
    assert g.edges[csto, ID + "org/UNODC"]["weight"] >= 2  # final stage + Saratov stage
    flags = {g.nodes[n]["code"]: g.nodes[n]["member"] for n in g if g.nodes[n]["kind"] == "state"}
    assert {c for c, f in flags.items() if f == "member"} >= CSTO_MEMBERS_2018
    assert flags["CHN"] == flags["AFG"] == "non-member"
    assert all(g.nodes[n]["member_org"] == "CSTO" for n in g if g.nodes[n]["kind"] == "state")


def test_member_flag_follows_membership_intervals(backend: Any) -> None:
    data = load_network_data(backend, NetworkFilter(organisation="CSTO"))
    import datetime as dt

    assert is_member(data.memberships, "CSTO", "ARM", dt.date(2018, 5, 28))
    assert not is_member(data.memberships, "CSTO", "CHN", dt.date(2018, 5, 28))
    # Uzbekistan suspended its CSTO membership in 2012
    assert not is_member(data.memberships, "CSTO", "UZB", dt.date(2018, 5, 28))


def test_filters(backend: Any) -> None:
    all_events = build_network(backend, "bipartite")
    y2024 = build_network(backend, "bipartite", NetworkFilter(year_from=2024, year_to=2024))
    events = [n for n, d in y2024.nodes(data=True) if d["kind"] == "event"]
    assert events and all(y2024.nodes[e]["year"] == 2024 for e in events)
    assert len(y2024) < len(all_events)
    ops = build_network(backend, "bipartite", NetworkFilter(event_types=("Operation",)))
    types = {d["event_type"] for _, d in ops.nodes(data=True) if d["kind"] == "event"}
    assert "operation-stage" in types and types <= {"operation", "operation-stage"}
    obs = build_network(backend, "bipartite", NetworkFilter(roles=("observer",)))
    assert {d["role"] for *_, d in obs.edges(data=True)} == {"observer"}
    two = build_network(backend, "bipartite", NetworkFilter(roles=("observer", "coordinator")))
    assert {d["role"] for *_, d in two.edges(data=True)} == {"observer", "coordinator"}
    co = build_network(backend, "coparticipation", NetworkFilter(min_shared=2))
    assert all(d["weight"] >= 2 for *_, d in co.edges(data=True))


def test_empty_selection_and_unknown_values(backend: Any) -> None:
    with pytest.raises(EmptySelectionError, match="no participation matches"):
        build_network(backend, "bipartite", NetworkFilter(year_from=1900, year_to=1901))
    with pytest.raises(NetworkError, match=r"unknown organisation 'NATO' \(choose from .*CSTO"):
        build_network(backend, "bipartite", NetworkFilter(organisation="NATO"))
    with pytest.raises(NetworkError, match="choose from Exercise, Operation"):
        build_network(backend, "bipartite", NetworkFilter(event_types=("Parade",)))
    with pytest.raises(NetworkError, match="choose from participant, observer"):
        build_network(backend, "bipartite", NetworkFilter(roles=("spectator",)))
    with pytest.raises(NetworkError, match="choose from bipartite, coparticipation"):
        build_network(backend, "tree")


def test_event_type_names() -> None:
    assert event_type_code("Exercise") == "exercise"
    assert event_type_code("OperationStage") == "operation-stage"
    assert event_type_code("operation-stage") == "operation-stage"
    assert event_type_code("Other") == "other"


def test_statistics(backend: Any) -> None:
    g = build_network(backend, "coparticipation")
    rows = actor_statistics(g)
    assert len(rows) == len(g)
    by = {r["code"]: r for r in rows}
    assert rows[0]["weighted_degree"] == max(r["weighted_degree"] for r in rows)
    assert by["CSTO"]["degree"] == g.degree(ID + "org/CSTO")
    assert by["CSTO"]["betweenness"] > 0
    assert all(r["community"] >= 1 for r in rows)
    assert by["ARM"]["community"] == by["RUS"]["community"]
    assert actor_statistics(g) == rows  # seeded: same communities every run
    parsed = list(csv.DictReader(io.StringIO(format_statistics(rows, "csv"))))
    assert [r["code"] for r in parsed] == [r["code"] for r in rows]
    assert json.loads(format_statistics(rows, "json")) == rows
    table = format_statistics(rows, "table")
    assert table.splitlines()[0].split()[:3] == ["code", "label", "kind"]
    assert table.endswith(f"({len(rows)} actors)\n")
    with pytest.raises(NetworkError):
        actor_statistics(build_network(backend, "bipartite"))


# --------------------------------------------------------------------------- CLI


def test_cli_stats_csv(build_dir: Path) -> None:
    res = CliRunner().invoke(
        cli, ["network", "stats", "--format", "csv", "--build-dir", str(build_dir)]
    )
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {"UNODC", "CSTO", "RUS"} <= {r["code"] for r in rows}


def test_cli_stats_unknown_org(build_dir: Path) -> None:
    res = CliRunner().invoke(
        cli, ["network", "stats", "--org", "NATO", "--build-dir", str(build_dir)]
    )
    assert res.exit_code == 3
    assert res.stderr.startswith("[ERROR] unknown organisation 'NATO' (choose from ")


@pytest.mark.parametrize("command", [["network"], ["network", "stats"]])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help(command: list[str], flag: str) -> None:
    res = CliRunner().invoke(cli, [*command, flag])
    assert res.exit_code == 0
    assert "Usage: " in res.output

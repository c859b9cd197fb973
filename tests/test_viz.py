"""Drawings and graph files of the participant network and the timeline (kg.viz*)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.network import NetworkFilter, build_network
from kg.viz import NETWORK_FORMATS, VizError, layout, render_network, write_network
from kg.viz_html import network_payload
from kg.viz_timeline import series_name, write_timeline

ID = "https://w3id.org/seccoop/id/"
FINAL = ID + "event/channel-2018-final-stage"
UNODC = ID + "org/UNODC"


@pytest.fixture(scope="module")
def bipartite(backend: Any) -> nx.Graph:
    return build_network(backend, "bipartite")


@pytest.fixture(scope="module")
def coparticipation(backend: Any) -> nx.Graph:
    return build_network(backend, "coparticipation", NetworkFilter(organisation="CSTO"))


def test_gexf_reopens_with_weights_and_member_flags(
    coparticipation: nx.Graph, tmp_path: Path
) -> None:
    path = write_network(coparticipation, tmp_path / "net.gexf")
    g = nx.read_gexf(path)
    assert (
        len(g) == len(coparticipation) and g.number_of_edges() == coparticipation.number_of_edges()
    )
    arm, rus = ID + "state/ARM", ID + "state/RUS"
    assert g.edges[arm, rus]["weight"] == coparticipation.edges[arm, rus]["weight"]
    assert g.nodes[arm]["member"] == "member"
    assert g.nodes[ID + "state/CHN"]["member"] == "non-member"
    assert g.nodes[arm]["iso3"] == "ARM" and g.nodes[arm]["kind"] == "state"
    assert "viz" in g.nodes[arm]  # Gephi colour, size, position


def test_gexf_bipartite_carries_roles_and_dates(bipartite: nx.Graph, tmp_path: Path) -> None:
    g = nx.read_gexf(write_network(bipartite, tmp_path / "net.gexf"))
    assert g.edges[FINAL, UNODC]["role"] == "observer"
    assert g.nodes[FINAL]["date_begin"] == "2018-05-28"
    assert g.nodes[FINAL]["event_type"] == "operation-stage"


def test_graphml_reopens(bipartite: nx.Graph, tmp_path: Path) -> None:
    g = nx.read_graphml(write_network(bipartite, tmp_path / "net.graphml"))
    assert len(g) == len(bipartite)
    assert g.edges[FINAL, UNODC]["role"] == "observer"
    assert g.nodes[ID + "state/RUS"]["iso3"] == "RUS"
    assert g.edges[FINAL, ID + "state/RUS"]["member"] is True


def test_dot_reopens_with_pydot(coparticipation: nx.Graph, tmp_path: Path) -> None:
    pytest.importorskip("pydot", reason="pydot (dev extra) reads DOT back")
    path = write_network(coparticipation, tmp_path / "net.dot")
    g = nx.nx_pydot.read_dot(path)
    assert len(g) == len(coparticipation)
    arm = next(n for n in g if n.strip('"') == f"{ID}state/ARM")  # pydot may keep the quotes
    assert g.nodes[arm]["member"].strip('"') == "member"
    assert g.nodes[arm]["iso3"].strip('"') == "ARM"
    weights = {d["weight"].strip('"') for *_, d in g.edges(data=True)}
    assert weights == {str(d["weight"]) for *_, d in coparticipation.edges(data=True)}


@pytest.mark.parametrize("ext", [".png", ".svg"])
def test_static_drawings(bipartite: nx.Graph, ext: str, tmp_path: Path) -> None:
    data = write_network(bipartite, tmp_path / f"net{ext}").read_bytes()
    if ext == ".png":
        import matplotlib.image as mpimg

        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        img = mpimg.imread(tmp_path / "net.png")
        assert img.shape[0] > 800 and img.shape[1] > 800
    else:
        text = data.decode("utf-8")
        assert text.lstrip().startswith("<?xml") and "<svg" in text
        # labels are text (svg.fonttype none): the Channel-2018 stage and UNODC are readable
        assert "Channel-2018 final stage" in text and "UNODC" in text
        assert "Role: observer" in text


def test_html_is_self_contained(bipartite: nx.Graph, tmp_path: Path) -> None:
    html = write_network(bipartite, tmp_path / "net.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # no element loads anything: no src/href attributes, no @import, no url(...)
    assert not re.search(r"\b(?:src|href)\s*=", html)
    assert "@import" not in html and "url(" not in html
    assert f'data-node-count="{len(bipartite)}"' in html
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert data is not None
    payload = json.loads(data.group(1))
    assert len(payload["nodes"]) == len(bipartite)
    assert len(payload["edges"]) == bipartite.number_of_edges()
    final = next(n for n in payload["nodes"] if n["id"] == FINAL)
    tip = dict(final["tip"])
    assert tip["Dates"].startswith("2018-05-28")
    if "quote" in bipartite.nodes[FINAL]:
        assert tip["Evidence"].startswith("“")
    roles = [r["name"] for r in payload["roles"]]
    unodc = next(i for i, n in enumerate(payload["nodes"]) if n["id"] == UNODC)
    fin = next(i for i, n in enumerate(payload["nodes"]) if n["id"] == FINAL)
    edge = next(e for e in payload["edges"] if {e["s"], e["t"]} == {unodc, fin})
    assert roles[edge["r"]] == "observer"


def test_html_escapes_markup_in_data(tmp_path: Path) -> None:
    g = nx.Graph(view="bipartite")
    g.add_node("e", kind="event", label="</script><script>alert(1)</script>", event_type="other")
    g.add_node("a", kind="organisation", label="A & B", code="AB")
    g.add_edge("e", "a", role="participant", weight=1)
    html = write_network(g, tmp_path / "x.html").read_text(encoding="utf-8")
    assert "</script><script>alert" not in html
    assert html.count("</script>") == 2


@pytest.mark.parametrize("ext", NETWORK_FORMATS)
def test_outputs_are_deterministic(bipartite: nx.Graph, ext: str) -> None:
    out = render_network(bipartite, ext)
    assert out == render_network(bipartite.copy(), ext)
    assert b"lastmodifieddate" not in out  # networkx's dated GEXF header is dropped


def test_layout_is_seeded_and_bounded(bipartite: nx.Graph) -> None:
    a, b = layout(bipartite, seed=7), layout(bipartite, seed=7)
    assert a == b
    assert all(-1.0001 <= c <= 1.0001 for p in a.values() for c in p)


def test_large_layout_without_scipy() -> None:
    g = nx.random_partition_graph([120] * 5, 0.08, 0.004, seed=3)
    g = nx.relabel_nodes(g, {n: f"n{n:04d}" for n in g})
    pos = layout(g)
    assert len(pos) == 600 and len({(round(x, 6), round(y, 6)) for x, y in pos.values()}) == 600


def test_payload_positions_match_nodes(bipartite: nx.Graph) -> None:
    p = network_payload(bipartite, layout(bipartite), "t")
    assert sorted(n["id"] for n in p["nodes"]) == sorted(bipartite)


def test_unknown_format(bipartite: nx.Graph, tmp_path: Path) -> None:
    with pytest.raises(VizError, match=r"choose from \.html, \.png, \.svg, \.gexf"):
        write_network(bipartite, tmp_path / "net.pdf")
    assert not (tmp_path / "net.pdf").exists()


# --------------------------------------------------------------------------- timeline


def test_series_names() -> None:
    assert series_name("Interaction-2024") == "Interaction"
    assert series_name("Channel 2018") == "Channel"
    assert series_name("Rock-2024 final stage") == "Rock-2024 final stage"
    assert series_name("2024") == "2024"


@pytest.mark.parametrize("ext", [".html", ".png", ".svg"])
def test_timeline(backend: Any, ext: str, tmp_path: Path) -> None:
    tl = write_timeline(backend, tmp_path / f"tl{ext}")
    assert (tmp_path / f"tl{ext}").stat().st_size > 1000
    rows = {r["name"]: r for r in tl["rows"]}
    channel = {e["label"] for e in rows["Channel"]["events"]}
    assert {"Channel-2018 final stage", "Channel-2018 Saratov stage"} <= channel
    final = next(e for e in rows["Channel"]["events"] if e["label"] == "Channel-2018 final stage")
    tip = dict(final["tip"])
    assert "UNODC" in tip["Observer"] and "RUS" in tip["Participants"]
    assert final["precise"] is True
    assert {e["label"] for e in rows["Interaction"]["events"]} >= {"Interaction-2024"}
    assert tl["count"] == sum(len(r["events"]) for r in tl["rows"])


def test_timeline_filters_and_errors(backend: Any, tmp_path: Path) -> None:
    tl = write_timeline(backend, tmp_path / "t.html", NetworkFilter(year_from=2024))
    assert all(e["begin"] >= "2024" for r in tl["rows"] for e in r["events"])
    with pytest.raises(VizError, match="choose from .html, .png, .svg"):
        write_timeline(backend, tmp_path / "t.gexf")


# --------------------------------------------------------------------------- CLI


def _run(args: list[str]) -> Any:
    return CliRunner().invoke(cli, args)


def test_cli_network_html_and_png(build_dir: Path, tmp_path: Path) -> None:
    for name in ("participants.html", "net.png"):
        out = tmp_path / name
        res = _run(["viz", "network", "--out", str(out), "--build-dir", str(build_dir)])
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 1000
        assert res.stderr.splitlines()[-1].startswith(f"Wrote {out}: ")
        assert "[kg] layout of" in res.stderr  # progress on stderr


def test_cli_network_filters_and_gexf(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "net.gexf"
    res = _run(
        [
            "viz",
            "network",
            "--view",
            "coparticipation",
            "--org",
            "CSTO",
            "--from",
            "2018",
            "--to",
            "2024",
            "--min-shared",
            "1",
            "--out",
            str(out),
            "--build-dir",
            str(build_dir),
        ]
    )
    assert res.exit_code == 0, res.output
    assert nx.read_gexf(out).number_of_edges() > 0


def test_cli_empty_selection_writes_nothing(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.png"
    res = _run(
        [
            "viz",
            "network",
            "--type",
            "Agreement",
            "--role",
            "observer",
            "--out",
            str(out),
            "--build-dir",
            str(build_dir),
        ]
    )
    assert res.exit_code == 3
    assert "[ERROR] no participation matches the filters (type Agreement, role observer)" in (
        res.stderr
    )
    assert not out.exists()


def test_cli_unknown_extension(build_dir: Path, tmp_path: Path) -> None:
    res = _run(["viz", "network", "--out", str(tmp_path / "x.pdf"), "--build-dir", str(build_dir)])
    assert res.exit_code == 2
    assert "choose from .html, .png, .svg, .gexf, .graphml, .dot" in res.output


def test_cli_unknown_organisation(build_dir: Path, tmp_path: Path) -> None:
    res = _run(
        [
            "viz",
            "timeline",
            "--org",
            "NATO",
            "--out",
            str(tmp_path / "t.html"),
            "--build-dir",
            str(build_dir),
        ]
    )
    assert res.exit_code == 3
    assert "unknown organisation 'NATO' (choose from" in res.stderr


def test_cli_no_build(tmp_path: Path) -> None:
    res = _run(["viz", "network", "--out", str(tmp_path / "x.html"), "--build-dir", str(tmp_path)])
    assert res.exit_code == 3
    assert "run `kg build` first" in res.stderr


def test_cli_timeline(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.html"
    res = _run(["viz", "timeline", "--out", str(out), "--build-dir", str(build_dir)])
    assert res.exit_code == 0, res.output
    assert "events in" in res.stderr and out.is_file()


@pytest.mark.parametrize("command", [["viz"], ["viz", "network"], ["viz", "timeline"]])
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help(command: list[str], flag: str) -> None:
    res = _run([*command, flag])
    assert res.exit_code == 0
    assert res.output.startswith("Usage: kg " + " ".join(command)) or "Usage:" in res.output

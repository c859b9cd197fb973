"""kg export: every format re-parses (pyoxigraph for RDF, the csv module for CSV), RDF formats
round-trip to the same graphs, output is deterministic, errors name the valid choices."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg import paths
from kg.cli import cli
from kg.export import (
    CSV_TABLES,
    EXPORT_FORMATS,
    ExportError,
    export_bytes,
    jsonld_context,
    load_dataset,
    write_export,
)
from kg.namespaces import PREFIXES

OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUADS = {"nquads", "trig", "jsonld"}


@pytest.fixture(scope="module")
def dataset(build_dir: Path) -> Dataset:
    return load_dataset(build_dir)


def _graphs(ds: Dataset) -> dict[str, Graph]:
    """Named graph IRI (or '' for the default graph) -> its triples; empty graphs left out."""
    out: dict[str, Graph] = {}
    for s, p, o, c in ds.quads((None, None, None, None)):
        name = str(getattr(c, "identifier", c))
        name = "" if name.startswith("urn:x-rdflib:default") else name
        out.setdefault(name, Graph()).add((s, p, o))
    return out


def _via_oxigraph(data: bytes, fmt: str) -> Dataset:
    """Parse with pyoxigraph, write N-Quads with pyoxigraph, read those into rdflib."""
    quads = list(ox.parse(data, format=OX_FORMATS[fmt]))
    assert quads, f"pyoxigraph parsed no quad from the {fmt} export"
    nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    ds = Dataset()
    ds.parse(data=nq.decode("utf-8"), format="nquads")
    return ds


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "csv"])
def test_rdf_export_reparses_and_round_trips(dataset: Dataset, fmt: str) -> None:
    data = export_bytes(dataset, fmt)
    back = _via_oxigraph(data, fmt)
    want, got = _graphs(dataset), _graphs(back)
    if fmt in QUADS:
        assert sorted(got) == sorted(want), "named graphs differ"
        assert len(want) > 2, "expected one named graph per source document plus the gazetteer"
        for name in want:
            assert isomorphic(want[name], got[name]), f"graph {name} differs"
    else:
        union = Graph()
        for g in want.values():
            for t in g:
                union.add(t)
        assert set(got) == {""}
        assert isomorphic(union, got[""])


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "csv"])
def test_rdf_export_is_deterministic(build_dir: Path, fmt: str) -> None:
    a = export_bytes(load_dataset(build_dir), fmt)
    b = export_bytes(load_dataset(build_dir), fmt)
    assert a == b


@pytest.mark.parametrize("fmt", ["ntriples", "nquads"])
def test_line_formats_are_sorted(dataset: Dataset, fmt: str) -> None:
    lines = export_bytes(dataset, fmt).decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))


def test_jsonld_embeds_the_shipped_context(dataset: Dataset) -> None:
    doc = json.loads(export_bytes(dataset, "jsonld"))
    assert doc["@context"] == jsonld_context()
    assert not any(isinstance(c, str) for c in [doc["@context"]])  # never a remote reference
    # rdflib reads it back too (its parser resolves nothing remote here)
    ds = Dataset()
    ds.parse(data=json.dumps(doc), format="json-ld")
    assert sum(1 for _ in ds.quads((None, None, None, None))) == sum(
        1 for _ in dataset.quads((None, None, None, None))
    )


def test_context_file_matches_the_namespaces() -> None:
    ctx = json.loads((paths.ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    ctx = ctx["@context"]
    for prefix, ns in PREFIXES.items():
        assert ctx[prefix] == str(ns)


def test_csv_tables_reparse(build_dir: Path, tmp_path: Path) -> None:
    made = write_export("csv", tmp_path / "tables", out_dir=build_dir)
    assert sorted(made) == sorted(f"{t}.csv" for t in CSV_TABLES)
    tables = {}
    for name in CSV_TABLES:
        text = (tmp_path / "tables" / f"{name}.csv").read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert rows, f"{name}.csv is empty"
        tables[name] = rows
    unodc = [
        r
        for r in tables["participations"]
        if r["actor_code"] == "UNODC" and r["event_label"].startswith("Channel-2018")
    ]
    assert unodc and {r["role"] for r in unodc} == {"observer"}
    arm = [
        r
        for r in tables["participations"]
        if r["actor_code"] == "ARM" and r["event_label"].startswith("Channel-2018")
    ]
    assert arm and arm[0]["member_state_of"] == "CSTO"
    assert all(
        r["event"].startswith("https://w3id.org/seccoop/id/event/") for r in tables["events"]
    )
    assert any(r["substance"] == "hashish" and r["kg"] == "416" for r in tables["seizures"])
    assert {r["organisation_code"] for r in tables["memberships"]} >= {"CSTO", "SCO", "CIS"}
    again = write_export("csv", tmp_path / "again", out_dir=build_dir)
    assert again == made


def test_unknown_format_names_the_choices(dataset: Dataset) -> None:
    with pytest.raises(ExportError, match="choose from turtle, ntriples"):
        export_bytes(dataset, "rdfxml")


def test_missing_build_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="run `kg build` first"):
        load_dataset(tmp_path)


# --------------------------------------------------------------------------- CLI


def test_cli_export_trig_file(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.trig"
    res = CliRunner().invoke(
        cli, ["export", "--format", "trig", "--out", str(out), "--build-dir", str(build_dir)]
    )
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == export_bytes(load_dataset(build_dir), "trig")


def test_cli_export_stdout_and_in_file(build_dir: Path) -> None:
    res = CliRunner().invoke(cli, ["export", "-f", "ntriples", "--in", str(build_dir / "kg.ttl")])
    assert res.exit_code == 0, res.output
    g = Graph()
    g.parse(data=res.stdout, format="nt")
    ref = Graph()
    ref.parse(build_dir / "kg.ttl")
    assert isomorphic(g, ref)


def test_cli_export_csv_needs_a_folder(build_dir: Path) -> None:
    res = CliRunner().invoke(cli, ["export", "-f", "csv", "--build-dir", str(build_dir)])
    assert res.exit_code == 2
    assert "give --out FOLDER" in res.output


def test_cli_export_unknown_format() -> None:
    res = CliRunner().invoke(cli, ["export", "-f", "rdfxml"])
    assert res.exit_code == 2
    assert "'turtle', 'ntriples', 'nquads', 'trig', 'jsonld', 'csv'" in res.output


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_export_help(flag: str) -> None:
    res = CliRunner().invoke(cli, ["export", flag])
    assert res.exit_code == 0
    assert "Export the graph" in res.output


BULK = ["turtle", "trig", "ntriples", "nquads"]


@pytest.mark.parametrize("fmt", BULK)
def test_bulk_export_gives_the_same_graphs(build_dir: Path, dataset: Dataset, fmt: str) -> None:
    """Large files are exported by Oxigraph (forced here with min_bytes=0): the same graphs as
    the rdflib path, sorted lines, and the same bytes on a second run."""
    from kg.export import bulk_export_bytes

    data = bulk_export_bytes(build_dir / "kg.trig", fmt, min_bytes=0)
    assert data is not None
    assert data == bulk_export_bytes(build_dir / "kg.trig", fmt, min_bytes=0)
    want, got = _graphs(dataset), _graphs(_via_oxigraph(data, fmt))
    if fmt in QUADS:
        assert sorted(got) == sorted(want)
        for name in want:
            assert isomorphic(want[name], got[name]), name
    else:
        union = Graph()
        for g in want.values():
            for t in g:
                union.add(t)
        assert set(got) == {""} and isomorphic(union, got[""])
    if fmt in ("ntriples", "nquads"):
        lines = data.splitlines()
        assert lines == sorted(set(lines))


def test_bulk_export_of_a_build_is_the_build_file(tmp_path: Path) -> None:
    """The store route writes kg.ttl/kg.trig the way the bulk export does: exporting them
    again gives the same bytes."""
    from kg.export import bulk_export_bytes
    from kg.pipeline import build

    out = tmp_path / "out"
    build(paths.seeds_dir(), [], out, scale_threshold=0)
    for name, fmt in (("kg.ttl", "turtle"), ("kg.trig", "trig")):
        assert bulk_export_bytes(out / name, fmt, min_bytes=0) == (out / name).read_bytes()


def test_bulk_export_keeps_default_and_named_graphs_apart(tmp_path: Path) -> None:
    from kg.export import bulk_export_bytes

    f = tmp_path / "mixed.trig"
    f.write_text(
        "<http://e/s> <http://e/p> <http://e/o> .\n"
        '<http://e/g> { <http://e/s> <http://e/p> "a <b> c" . }\n'
        "<http://e/s> <http://e/q> <http://e/o2> .\n"
    )
    data = bulk_export_bytes(f, "nquads", min_bytes=0)
    assert data is not None
    assert data.splitlines() == [
        b'<http://e/s> <http://e/p> "a <b> c" <http://e/g> .',
        b"<http://e/s> <http://e/p> <http://e/o> .",
        b"<http://e/s> <http://e/q> <http://e/o2> .",
    ]
    trig = bulk_export_bytes(f, "trig", min_bytes=0)
    assert trig is not None
    back = list(ox.parse(trig, format=ox.RdfFormat.TRIG))
    assert sum(isinstance(q.graph_name, ox.DefaultGraph) for q in back) == 2 and len(back) == 3

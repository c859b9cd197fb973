"""The kg command through click's CliRunner: help for every command, exit codes, exact errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg import paths
from kg.cli import cli

from .conftest import CSTO_MEMBERS_2018

CASE = Path(__file__).parent / "cases" / "frontier-2025"


def _all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out += _all_commands(cmd, (*prefix, name))
    return out


COMMANDS = _all_commands()


def run(*args: str, ok: bool = True):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def test_core_commands_exist() -> None:
    assert {("build",), ("validate",), ("query",), ("queries",), ("cite",)} <= set(COMMANDS)


@pytest.mark.parametrize("flag", ["-h", "--help"])
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_help(command: tuple[str, ...], flag: str) -> None:
    result = run(*command, flag)
    assert result.output.startswith("Usage: ")
    assert len(result.output.splitlines()) > 3


def test_version() -> None:
    assert run("--version").output.startswith("kg, version ")


def _case_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(CASE / "gazetteer", seeds / "gazetteer")
    shutil.copytree(CASE / "facts", seeds / "facts")
    return seeds


def test_build_query_validate(tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run(
        "build",
        "--seeds",
        str(_case_seeds(tmp_path)),
        "--sources",
        str(CASE / "texts"),
        "--out",
        str(out),
    )
    assert r.stdout == ""
    assert "events" in r.stderr and (out / "kg.ttl").is_file() and (out / "kg.trig").is_file()
    r = run(
        "query",
        "participants",
        "--param",
        "event=rubezh 2025",
        "--out",
        str(out),
        "--format",
        "csv",
    )
    lines = r.output.splitlines()
    assert lines[0] == "kind,actor,label,role,member_of,in_event"
    assert "state,KAZ,Kazakhstan,participant,CSTO,Frontier-2025" in lines
    assert "state,UZB,Uzbekistan,observer,,Frontier-2025" in lines
    r = run("validate", str(out / "kg.ttl"))
    assert r.output == "No violations\n"


def test_query_formats(tmp_path: Path, seed_out: Path) -> None:
    import json

    r = run(
        "query", "participants", "-p", "event=Channel-2018", "--out", str(seed_out), "-f", "json"
    )
    doc = json.loads(r.output)
    assert doc["head"]["vars"][:4] == ["kind", "actor", "label", "role"]
    states = [b for b in doc["results"]["bindings"] if b["kind"]["value"] == "state"]
    assert len(states) == 10
    r = run(
        "query", "participants", "-p", "event=Channel-2018", "--out", str(seed_out), "-f", "tsv"
    )
    assert r.output.splitlines()[0].startswith("?kind\t?actor")
    r = run("query", "participants", "-p", "event=Channel-2018", "--out", str(seed_out))
    assert r.output.rstrip().endswith("(16 rows)")


def test_query_in_file(seed_out: Path) -> None:
    r = run(
        "query",
        "member-states-at",
        "-p",
        "organisation=CSTO",
        "-p",
        "date=2018-05-28",
        "--in",
        str(seed_out / "kg.ttl"),
        "-f",
        "csv",
    )
    rows = [ln.split(",") for ln in r.output.splitlines()[1:]]
    assert [row[0] for row in rows if row[2] == "member"] == sorted(CSTO_MEMBERS_2018)
    assert {row[0] for row in rows if row[2] == "withdrawn"} == {"AZE", "GEO", "UZB"}


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_validate_nonconforming_exits_1(tmp_path: Path, engine: str) -> None:
    bad = Path(__file__).parent / "shapes" / "S04-start-before-end-invalid.ttl"
    r = run("validate", str(bad), "--engine", engine, ok=False)
    assert r.exit_code == 1
    assert r.output.startswith("1 violation(s):\n  [S04-start-before-end] ")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["query", "nope"], 3, "[ERROR] unknown query 'nope'; `kg queries` lists them\n"),
        (
            ["query", "participants", "-p", "evnt=x"],
            3,
            "[ERROR] query 'participants' has no parameter 'evnt' (parameters: event)\n",
        ),
        (
            ["query", "participants", "-p", "event=Chanel-2019"],
            3,
            "[ERROR] unknown event 'Chanel-2019'; closest: Channel-2018, Channel, Kanal-2018, ",
        ),
        (["validate", "/nonexistent/x.ttl"], 3, "[ERROR] /nonexistent/x.ttl: file not found\n"),
        (["validate", "x.unknown"], 3, "[ERROR] x.unknown: unknown RDF file extension"),
        (["query", "participants", "-f", "xml"], 2, "Invalid value for '--format'"),
        (["query", "participants", "-p", "novalue"], 2, "expected NAME=VALUE"),
    ],
)
def test_errors(args: list[str], code: int, message: str, seed_out: Path) -> None:
    if args[0] == "query":
        args = [*args, "--out", str(seed_out)]
    r = run(*args, ok=False)
    assert r.exit_code == code
    assert message in r.stderr or message in r.output
    assert "Traceback" not in r.output + r.stderr


def test_query_without_build(tmp_path: Path) -> None:
    r = run("query", "participants", "-p", "event=x", "--out", str(tmp_path / "none"), ok=False)
    assert r.exit_code == 3 and "run `kg build` first" in r.stderr


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_malformed_rdf_names_file_and_line(tmp_path: Path, engine: str) -> None:
    f = tmp_path / "bad.ttl"
    f.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n")
    r = run("validate", str(f), "--engine", engine, ok=False)
    assert r.exit_code == 3
    assert r.stderr.startswith(f"[ERROR] {f}: invalid turtle:") and "line 3" in r.stderr


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_remote_jsonld_context_refused(tmp_path: Path, engine: str) -> None:
    f = tmp_path / "x.jsonld"
    f.write_text('{"@context": "http://example.org/ctx.jsonld", "@id": "http://e/a"}')
    r = run("validate", str(f), "--engine", engine, ok=False)
    assert r.exit_code == 3 and "remote JSON-LD context" in r.stderr


def test_bad_yaml_build_error_leaves_nothing(tmp_path: Path) -> None:
    seeds = _case_seeds(tmp_path)
    (seeds / "facts" / "frontier-2025.yaml").write_text("events: [\n  {id: x\n")
    out = tmp_path / "out"
    r = run("build", "--seeds", str(seeds), "--out", str(out), ok=False)
    assert r.exit_code == 3
    assert r.stderr.startswith("[ERROR] ") and "frontier-2025.yaml:" in r.stderr
    assert "invalid YAML" in r.stderr and len(r.stderr.splitlines()) == 1
    assert not (out / "kg.ttl").exists() and not (out / "kg.trig").exists()
    written = [p for p in out.rglob("*") if p.is_file() and p.name != ".lock"]
    assert written == []  # a lock file may stay; no graph, snapshot or report


@pytest.mark.parametrize("route", ["rdflib", "store"])
def test_rejected_graph_is_kept_for_inspection_then_cleared(
    tmp_path: Path, route: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_SCALE_THRESHOLD", "0" if route == "store" else "1000000000")
    seeds = _case_seeds(tmp_path)
    out = tmp_path / "out"
    run("build", "--seeds", str(seeds), "--sources", str(CASE / "texts"), "--out", str(out))
    good = (out / "kg.ttl").read_bytes()
    f = seeds / "facts" / "frontier-2025.yaml"
    text = f.read_text()
    # a participant that is also an observer of the same event: S09 rejects the graph
    f.write_text(text.replace("{actor: UZB, role: observer", "{actor: KAZ, role: observer"))
    r = run(
        "build",
        "--seeds",
        str(seeds),
        "--sources",
        str(CASE / "texts"),
        "--out",
        str(out),
        ok=False,
    )
    assert r.exit_code == 1
    assert "[S09-not-participant-and-observer]" in r.stderr
    assert (out / "kg.ttl").read_bytes() == good and (out / "kg.rejected.ttl").is_file()
    f.write_text(text)
    run("build", "--seeds", str(seeds), "--sources", str(CASE / "texts"), "--out", str(out))
    assert not (out / "kg.rejected.ttl").exists()


def test_cite(tmp_path: Path) -> None:
    r = run(
        "cite",
        str(CASE / "texts" / "frontier-2025.txt"),
        "--doc",
        "frontier-2025-item",
        "--find",
        "Dushanbe",
    )
    assert r.output.startswith("{doc: frontier-2025-item, start: 125, end: 133, sha256: ")
    r = run(
        "cite", str(CASE / "texts" / "frontier-2025.txt"), "--doc", "d", "--find", "Mars", ok=False
    )
    assert r.exit_code == 3 and "phrase not found" in r.stderr


def test_queries_lists_parameters() -> None:
    out = run("queries").output
    assert "participants: " in out and "--param event=...  (event, required)" in out


def test_python_m_kg() -> None:
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=True
    )
    assert "Usage: " in r.stdout and "build" in r.stdout
    assert paths.ontology_file().is_file()


def test_query_file_with_service_is_refused(tmp_path: Path, seed_out: Path) -> None:
    rq = tmp_path / "fed.rq"
    rq.write_text(
        "# name: fed\n# summary: federated\n# returns: ?s\n"
        "SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n"
    )
    r = run("query", str(rq), "--out", str(seed_out), ok=False)
    assert r.exit_code == 3
    assert "SERVICE (federated query) is refused" in r.stderr


def test_query_file_by_path(seed_out: Path) -> None:
    rq = paths.queries_dir() / "observers.rq"
    r = run("query", str(rq), "-p", "event=Channel-2018 Saratov stage", "--out", str(seed_out))
    assert "UNODC" in r.output


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_rdfxml_external_entity_is_not_read(tmp_path: Path, engine: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    f = tmp_path / "x.rdf"
    f.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://e/"><rdf:Description rdf:about="http://e/a">'
        "<ex:p>&xxe;</ex:p></rdf:Description></rdf:RDF>\n"
    )
    r = run("validate", str(f), "--engine", engine, "--report", str(tmp_path / "r.ttl"), ok=False)
    assert r.exit_code in (0, 1, 3), r.output  # read or refused, never a usage error
    assert "TOP-SECRET-VALUE" not in r.output + r.stderr
    report = tmp_path / "r.ttl"
    assert not report.exists() or "TOP-SECRET-VALUE" not in report.read_text()

"""Docs that cannot drift: every command documented, README transcripts equal real output."""

from __future__ import annotations

import re
from pathlib import Path

import click
from click.testing import CliRunner

from kg.cli import cli

from .conftest import SEED_TEXT, needs_seed_text

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _transcript(command: str) -> list[str]:
    """Lines printed under '$ COMMAND' in the README, up to the next prompt or fence."""
    lines = README.splitlines()
    i = lines.index(f"$ {command}")
    out = []
    for ln in lines[i + 1 :]:
        if ln.startswith("$ ") or ln.startswith("```"):
            break
        out.append(ln)
    return out


def test_every_command_is_in_the_readme_and_has_help() -> None:
    def walk(group: click.Group, prefix: str) -> None:
        for name, cmd in group.commands.items():
            full = f"{prefix} {name}".strip()
            assert f"kg {full}" in README, f"`kg {full}` is not in README.md"
            assert (cmd.help or "").strip(), f"`kg {full}` has no help text"
            if isinstance(cmd, click.Group):
                walk(cmd, full)

    walk(cli, "")


def test_readme_has_exactly_two_setup_commands() -> None:
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    block = setup.split("```")[1]
    commands = [ln.split("#")[0].strip() for ln in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_headline_transcript_is_real(seed_out: Path) -> None:
    expected = _transcript(".venv/bin/kg query participants --param event=Channel-2018")
    r = CliRunner().invoke(
        cli, ["query", "participants", "--param", "event=Channel-2018", "--out", str(seed_out)]
    )
    assert r.exit_code == 0
    assert r.output.splitlines() == expected


@needs_seed_text()
def test_cite_transcript_is_real() -> None:
    cmd = next(ln[2:] for ln in README.splitlines() if ln.startswith("$ .venv/bin/kg cite "))
    args = re.findall(r'"[^"]*"|\S+', cmd)[1:]
    args = [a.strip('"') for a in args]
    args[1] = str(SEED_TEXT)
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == _transcript(cmd)


@needs_seed_text()
def test_build_transcript_counts_are_real(seed_build) -> None:  # type: ignore[no-untyped-def]
    line = _transcript(".venv/bin/kg build --sources ../shared/seeds")[0]
    m = re.match(r"Built (\d+) triples: (\d+) events, (\d+) source documents, (\d+) persons", line)
    assert m, line
    fb = seed_build.facts
    assert tuple(map(int, m.groups())) == (
        len(seed_build.graph),
        len(fb.events),
        len(fb.documents),
        len(fb.persons),
    )

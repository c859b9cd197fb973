"""kg synth: a corpus in the seed format that builds and validates, deterministic for a seed,
split into bounded files, shaped like the domain."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from kg.pipeline import build
from kg.synth import synthesise
from kg.validate import validate_graph


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            h.update(f.relative_to(folder).as_posix().encode() + f.read_bytes())
    return h.hexdigest()


def test_deterministic_for_a_seed(tmp_path: Path) -> None:
    synthesise(tmp_path / "a", events=40, seed=7, per_file=15)
    synthesise(tmp_path / "b", events=40, seed=7, per_file=15)
    synthesise(tmp_path / "c", events=40, seed=8, per_file=15)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


@pytest.mark.slow
def test_builds_validates_and_looks_like_the_domain(tmp_path: Path) -> None:
    stats = synthesise(tmp_path / "s", events=60, seed=3, per_file=25)
    assert stats.events == 60 and stats.files >= 3
    facts = sorted((tmp_path / "s" / "facts").glob("*.yaml"))
    events = [e for f in facts for e in yaml.safe_load(f.read_text())["events"]]
    assert len(events) == 60
    assert all(3 <= len(e["participants"]) <= 16 for e in events if e["type"] != "OperationStage")
    assert {e["type"] for e in events} >= {"Operation", "OperationStage", "Exercise"}
    seizures = [s for e in events for s in e.get("seizures", [])]
    assert {s["scope"] for s in seizures} >= {"breakdown", "total", "national"}
    assert {s.get("comparator", "exact") for s in seizures} >= {"exact", "at_least", "about"}
    # every hash checked against the written sources; validated the fast way (pySHACL's own
    # SPARQL constraints are quadratic here; tests/test_validate_store.py shows both agree)
    res = build(
        tmp_path / "s",
        [tmp_path / "s" / "sources"],
        tmp_path / "out",
        validate=False,
        warn=pytest.fail,
    )
    assert all(sp.quote for e in res.facts.events.values() for sp in e.evidence)
    report = validate_graph(res.graph, fast=True)
    assert report.conforms, report.summary()
    assert (tmp_path / "out" / "store" / "snapshot.nq").is_file()
    assert len(res.facts.events) == 60

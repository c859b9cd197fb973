"""`kg ingest`: content-addressed storage, idempotence, merging one event from two sources,
conflicting figures side by side, and SHACL-valid ingested graphs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.ingest import content_key, ingest
from kg.seeds import load_seeds

HERE = Path(__file__).parent
ROOT = HERE.parent
FIX = HERE / "fixtures" / "extract"


@pytest.fixture()
def seeds(tmp_path: Path) -> Path:
    """A copy of the gazetteer without curated facts (fast, and no source texts needed)."""
    s = tmp_path / "seeds"
    (s / "facts").mkdir(parents=True)
    shutil.copytree(ROOT / "seeds" / "gazetteer", s / "gazetteer")
    return s


def _files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "store" not in p.parts
    }


def test_two_reports_of_one_stage_merge(tmp_path: Path, seeds: Path) -> None:
    out = tmp_path / "out"
    res = ingest([FIX / "report_a.txt", FIX / "report_b.txt"], seeds, out)
    assert res.build.conforms, res.build.report.summary()
    fb = res.build.facts
    ev = fb.events["channel-east-2023"]
    docs = {sp.doc for sp in ev.evidence}
    assert len(docs) == 2  # one event, two sources
    # conflicting totals (over 3 t vs about 3.4 t) are kept side by side with their evidence
    totals = sorted(
        (z.kg, z.comparator) for z in ev.seizures if z.substance == "total" and z.scope == "total"
    )
    assert [(float(k), c) for k, c in totals] == [(3000.0, "at_least"), (3400.0, "about")]
    hashish = {float(z.kg) for z in ev.seizures if z.substance == "hashish"}
    assert hashish == {1250.0, 1300.0}
    for z in ev.seizures:
        assert z.evidence and z.evidence[0].quote is not None
    # states of both reports, each once, with one role
    states = [p.actor for p in ev.participants if p.kind == "state"]
    assert sorted(states) == ["KAZ", "KGZ", "MNG", "RUS", "TJK"]
    assert (out / "ingested" / "texts").is_dir()
    assert (out / "kg.ttl").is_file()


def test_reingest_changes_nothing(tmp_path: Path, seeds: Path) -> None:
    out = tmp_path / "out"
    ingest([FIX / "report_a.txt"], seeds, out)
    before = _files(out)
    again = tmp_path / "copy.txt"
    again.write_bytes((FIX / "report_a.txt").read_bytes())  # same content, other name
    res = ingest([again], seeds, out)
    assert res.added == [] and res.unchanged == [again]
    assert _files(out) == before
    key = content_key((FIX / "report_a.txt").read_text(encoding="utf-8"))
    assert (out / "ingested" / f"{key}.yaml").is_file()


def test_ingested_facts_merge_into_curated_seeds(tmp_path: Path) -> None:
    seed_text = ROOT.parent / "shared" / "seeds" / "000_fd7d431f9a6f9fda.txt"
    if not seed_text.is_file():
        pytest.skip("the seed text ../shared/seeds is not present")
    out = tmp_path / "out"
    res = ingest([seed_text], ROOT / "seeds", out, sources=[seed_text.parent])
    assert res.build.conforms, res.build.report.summary()
    ev = res.build.facts.events["channel-2018-final-stage"]
    assert len({sp.doc for sp in ev.evidence}) == 2  # curated document + ingested copy
    assert len(res.build.facts.events) < 40


def test_cli_ingest_progress_and_exit(tmp_path: Path, seeds: Path) -> None:
    out = tmp_path / "out"
    r = CliRunner().invoke(
        cli,
        [
            "ingest",
            str(FIX / "report_a.txt"),
            str(FIX / "report_b.txt"),
            "--seeds",
            str(seeds),
            "--out",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert r.exit_code == 0, r.output
    assert "Ingested 2 new, 0 unchanged" in r.stderr
    assert "Extracting" in r.stderr  # the progress bar goes to stderr
    fb = load_seeds(seeds, [out / "ingested" / "texts"], extra_facts=[out / "ingested"])
    assert "channel-east-2023" in fb.events
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02")
    r = CliRunner().invoke(cli, ["ingest", str(bad), "--seeds", str(seeds), "--out", str(out)])
    assert r.exit_code == 3 and "binary file" in r.stderr


def test_curated_duplicates_stay_errors(tmp_path: Path, seeds: Path) -> None:
    from kg.seeds import SeedError

    src = (ROOT / "seeds" / "facts" / "seed-000.yaml").read_text(encoding="utf-8")
    (seeds / "facts" / "a.yaml").write_text(src, encoding="utf-8")
    (seeds / "facts" / "b.yaml").write_text(src, encoding="utf-8")
    with pytest.raises(SeedError, match="duplicate"):
        load_seeds(seeds)

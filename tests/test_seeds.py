"""Loading the seeds: typed records, and every kind of bad input reported with file and line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg import paths
from kg.facts import PartialDate
from kg.seeds import SeedError, load_seeds, read_yaml, sha256_text

from .conftest import CHANNEL_2018_STATES, CSTO_MEMBERS_2018, SEED_TEXT, needs_seed_text

CASE = Path(__file__).parent / "cases" / "frontier-2025"


def _seeds_with(tmp_path: Path, facts_yaml: str, name: str = "x.yaml") -> Path:
    """A seeds folder with the shipped gazetteer and one facts file."""
    seeds = tmp_path / "seeds"
    shutil.copytree(paths.seeds_dir() / "gazetteer", seeds / "gazetteer")
    (seeds / "facts").mkdir()
    (seeds / "facts" / name).write_text(facts_yaml, encoding="utf-8")
    return seeds


def _case_facts() -> str:
    return (CASE / "facts" / "frontier-2025.yaml").read_text(encoding="utf-8")


def _load(tmp_path: Path, text: str, sources: bool = True):  # type: ignore[no-untyped-def]
    seeds = _seeds_with(tmp_path, text)
    return load_seeds(seeds, [CASE / "texts"] if sources else [], warn=lambda m: None)


def test_shipped_seeds_load_into_typed_records() -> None:
    fb = load_seeds(paths.seeds_dir(), warn=lambda m: None)
    assert len(fb.states) >= 249
    ev = fb.events["channel-2018-final-stage"]
    assert ev.start == PartialDate(2018, 5, 28) and ev.end == PartialDate(2018, 6, 1)
    assert {p.actor for p in ev.participants if p.kind == "state"} == CHANNEL_2018_STATES
    opium = next(s for s in ev.seizures if s.substance == "opium")
    assert opium.kg == 4753 and opium.as_written == "4 tons and 753 kg"
    assert fb.memberships_on("CSTO", dt.date(2018, 5, 28)) == CSTO_MEMBERS_2018
    assert "ARM" not in fb.memberships_on("CSTO", dt.date(2024, 9, 3))
    assert "UZB" in fb.memberships_on("CSTO", dt.date(2010, 1, 1))


@needs_seed_text()
def test_quotes_come_from_the_source_text_not_the_yaml() -> None:
    fb = load_seeds(paths.seeds_dir(), [SEED_TEXT.parent])
    span = next(
        s for s in fb.events["channel-2018-final-stage"].seizures if s.substance == "hashish"
    ).evidence[0]
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert span.quote == text[span.start : span.end]
    assert span.quote not in (paths.seeds_dir() / "facts" / "seed-000.yaml").read_text()


def test_case_loads_and_verifies_hashes(tmp_path: Path) -> None:
    fb = _load(tmp_path, _case_facts())
    assert fb.events["frontier-2025"].evidence[0].quote.startswith("From 10 to 14 March")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  type: Exercise\n",
            "  type: Exercise\n  colour: red\n",
            r"x\.yaml:\d+: events\[0\]\.colour: unknown key",
        ),
        (
            "  type: Exercise\n",
            "  type: Manoeuvre\n",
            r"x\.yaml:\d+: events\[0\]\.type: 'Manoeuvre' is not one of",
        ),
        (
            "start: '2025-03-10'",
            "start: '2025-13-10'",
            r"x\.yaml:\d+: events\[0\]\.start: month out of range",
        ),
        (
            "{actor: UZB, role: observer",
            "{actor: UZZ, role: observer",
            r"x\.yaml:\d+: events\[0\]\.participants\[4\]\.actor: unknown actor 'UZZ'",
        ),
        (
            "role: observer",
            "role: spectator",
            r"participants\[4\]\.role: 'spectator' is not one of",
        ),
        ("place: dushanbe", "place: atlantis", r"events\[0\]\.place: unknown place 'atlantis'"),
        ("kg: 850", "kg: -850", r"seizures\[1\]\.kg: a seized quantity must be positive"),
        ("kg: 850", "kg: lots", r"seizures\[1\]\.kg: expected a number"),
        (
            "- id: channel-centre-2025\n",
            "- id: frontier-2025\n",
            r"events\[1\]\.id: duplicate event id 'frontier-2025'",
        ),
        ("end: '2025-03-14'", "end: '2025-03-01'", r"events\[0\]\.end: end 2025-03-01 is before"),
        ("evidence: fr}", "evidence: nowhere}", r"unknown evidence span 'nowhere'"),
        ("  evidence: fr\n", "", r"events\[0\]\.evidence: required field is missing"),
        (
            "{doc: frontier-2025-item, start: 12,",
            "{doc: no-such-doc, start: 12,",
            r"evidence\.fr\.doc: unknown document 'no-such-doc'",
        ),
        ("start: 12, end: 154", "start: 12, end: 300", r"evidence\.fr: span 12-300 is outside"),
        (
            "start: 12, end: 154",
            "start: 13, end: 154",
            r"evidence\.fr\.sha256: does not match the text of frontier-2025\.txt\[13:154\]",
        ),
    ],
)
def test_bad_facts_name_file_line_and_field(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    text = _case_facts()
    assert old in text, old
    with pytest.raises(SeedError, match=expected) as info:
        _load(tmp_path, text.replace(old, new, 1))
    assert info.value.file.endswith("x.yaml")


def test_hash_mismatch_of_document_is_an_error(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    changed = (CASE / "texts" / "frontier-2025.txt").read_text().replace("Dushanbe", "Dushanbd")
    (texts / "frontier-2025.txt").write_text(changed)
    seeds = _seeds_with(tmp_path, _case_facts())
    with pytest.raises(SeedError, match=r"documents\[0\]\.sha256: does not match the text"):
        load_seeds(seeds, [texts])


def test_without_sources_spans_keep_offsets_and_hash(tmp_path: Path) -> None:
    warnings: list[str] = []
    fb = load_seeds(_seeds_with(tmp_path, _case_facts()), [tmp_path], warn=warnings.append)
    span = fb.events["frontier-2025"].evidence[0]
    assert span.quote is None and len(span.sha256) == 64
    assert warnings and "frontier-2025.txt not found" in warnings[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("events: [\n  {id: x\n", r"x\.yaml:\d+: invalid YAML"),
        (
            "events:\n  - !!python/object/apply:os.system ['echo pwned']\n",
            r"x\.yaml:2: invalid YAML",
        ),
        ("events: 3\n", r"x\.yaml:1: events: expected a list"),
        ("- 1\n- 2\n", r"x\.yaml:1: facts: expected a mapping"),
        ("events:\n  - {id: a, id: b}\n", r"x\.yaml:2: invalid YAML: duplicate key 'id'"),
        (
            "events:\n  - {id: Bad Id, name: n, type: Exercise, evidence: e}\n",
            r"events\[0\]\.id: 'Bad Id' does not match",
        ),
    ],
)
def test_malformed_yaml(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(SeedError, match=expected):
        _load(tmp_path, text)


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    f = tmp_path / "evil.yaml"
    f.write_text("a: !!python/object/new:os.system [echo pwned]\n")
    with pytest.raises(SeedError, match="invalid YAML"):
        read_yaml(f)


def test_binary_yaml_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(SeedError, match="not UTF-8"):
        read_yaml(f)


def test_missing_seeds_folder(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="seeds folder not found"):
        load_seeds(tmp_path / "nope")


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["day", "month", "year"]),
)
def test_partial_date_round_trip(day: dt.date, precision: str) -> None:
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]
    d = PartialDate.parse(text)
    assert str(d) == text and d.precision == precision
    assert d.earliest() <= day <= d.latest()
    assert PartialDate.parse(str(d)) == d


@given(st.text(max_size=20))
def test_partial_date_rejects_garbage_cleanly(text: str) -> None:
    try:
        d = PartialDate.parse(text)
    except ValueError:
        return
    assert str(d) == text.strip()


@given(st.text(max_size=300))
def test_yaml_reader_never_crashes_on_arbitrary_text(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    f = tmp_path_factory.mktemp("y") / "x.yaml"
    f.write_text(text, encoding="utf-8")
    try:
        read_yaml(f)
    except SeedError as e:
        assert str(e).startswith(str(f))


def test_sha256_text_is_utf8() -> None:
    import hashlib

    assert sha256_text("é") == hashlib.sha256("é".encode()).hexdigest()
    assert sha256_text("é") != hashlib.sha256("é".encode("latin-1")).hexdigest()

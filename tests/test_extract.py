"""The extractor end to end: contract, evidence, roles and scopes, bad input, CLI, and the
agreement of `kg extract` on the seed file with the curated seeds/facts/seed-000.yaml."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import cli
from kg.extract import extract_text, read_text_file
from kg.seeds import load_seeds, sha256_text

HERE = Path(__file__).parent
FIX = HERE / "fixtures" / "extract"
ROOT = HERE.parent
SEED_TEXT = ROOT.parent / "shared" / "seeds" / "000_fd7d431f9a6f9fda.txt"
EVENT_TYPES = {"Exercise", "Operation", "OperationStage", "Training", "Meeting", "Other"}
ROLES = {"participant", "observer", "organiser", "coordinator", "host"}
QUALIFIERS = {"exact", "at_least", "about", "at_most"}
SCOPES = {"total", "breakdown", "national", "cumulative"}


def check_contract(text: str, out: dict) -> None:
    """Every record is well formed and every evidence quote is text[start:end]."""
    assert set(out) >= {"events", "documents"}
    ids = {e["id"] for e in out["events"]}
    for ev in out["events"]:
        assert ev["type"] in EVENT_TYPES
        assert ev["name"] and ev["id"]
        assert ev["part_of"] is None or ev["part_of"] in ids
        assert ev["evidence"], ev
        for p in ev["participants"]:
            assert p["kind"] in {"state", "organisation", "person"}
            assert p["role"] in ROLES
            if p["kind"] == "state":
                assert len(p["actor"]) == 3 and p["actor"].isupper()
        for z in ev["seizures"]:
            assert z["kg"] > 0 and z["qualifier"] in QUALIFIERS and z["scope"] in SCOPES
        spans = list(ev["evidence"])
        spans += [s for p in ev["participants"] for s in p.get("evidence", [])]
        spans += [s for z in ev["seizures"] for s in z.get("evidence", [])]
        for sp in spans:
            assert 0 <= sp["start"] < sp["end"] <= len(text)
            assert text[sp["start"] : sp["end"]] == sp["quote"]
    for d in out["documents"]:
        assert sha256_text(text[d["start"] : d["end"]]) == d["sha256"]


def by_name(out: dict) -> dict[str, dict]:
    return {e["name"]: e for e in out["events"]}


def roles(ev: dict) -> dict[str, str]:
    return {p["actor"]: p["role"] for p in ev["participants"]}


# --------------------------------------------------------------------------- behaviour


def test_stage_report_roles_scopes_and_places() -> None:
    text = read_text_file(str(FIX / "report_a.txt"))
    out = extract_text(text, source_name="report-a").to_json()
    check_contract(text, out)
    ev = by_name(out)["Channel-East-2023"]
    assert ev["type"] == "OperationStage"
    assert (ev["start"], ev["end"]) == ("2023-10-09", "2023-10-13")
    assert (ev["place"], ev["country"]) == ("Bishkek", "KGZ")
    assert roles(ev) == {
        "CSTO": "organiser",
        "KAZ": "participant",
        "KGZ": "participant",
        "RUS": "participant",
        "TJK": "participant",
        "MNG": "observer",
        "OSCE": "observer",
    }
    seized = {
        (z["substance"], z["kg"], z["qualifier"], z["scope"], z.get("state"))
        for z in ev["seizures"]
    }
    assert seized == {
        ("total", 3000, "at_least", "total", None),
        ("hashish", 1250, "exact", "breakdown", None),
        ("heroin", 96, "exact", "breakdown", None),
        ("total", 640, "exact", "national", "KGZ"),
    }
    assert ev["part_of"] == "channel"
    assert out["documents"][0]["published"] == "2023-10-14"


def test_translated_stage_name_and_precursors_apart() -> None:
    text = read_text_file(str(FIX / "report_b.txt"))
    out = extract_text(text).to_json()
    check_contract(text, out)
    ev = by_name(out)["Channel-East-2023"]  # "Channel - East" in a 2023 item
    subs = {z["substance"]: z for z in ev["seizures"]}
    assert subs["precursors"]["scope"] == "total" and subs["precursors"]["kg"] == 2500
    assert subs["total"]["qualifier"] == "about" and subs["total"]["kg"] == 3400
    assert subs["hashish"]["scope"] == "breakdown"


def test_background_country_is_not_a_participant() -> None:
    text = (
        "12.05.2022\n\nDuring the stage «Kanal-Yug» law enforcement bodies of Tajikistan and "
        "Uzbekistan seized 2 tons of heroin of Afghan origin smuggled from Afghanistan to "
        "Europe."
    )
    out = extract_text(text).to_json()
    ev = by_name(out)["Channel-South-2022"]
    assert set(roles(ev)) == {"TJK", "UZB"}


def test_published_anchors_an_article_without_date_line() -> None:
    import datetime as dt

    out = extract_text(
        "On Tuesday the operation «Kanal-Tsentr» started in Almaty.", published=dt.date(2024, 7, 11)
    ).to_json()
    ev = by_name(out)["Channel-Centre-2024"]
    assert ev["start"] == "2024-07-09"
    assert out["documents"][0]["published"] == "2024-07-11"


def test_feed_items_are_documents() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8") if SEED_TEXT.is_file() else None
    if text is None:
        pytest.skip("the seed text ../shared/seeds is not present")
    out = extract_text(text, source_name="feed").to_json()
    assert [d["published"] for d in out["documents"]] == [
        "2024-09-05",
        "2024-09-04",
        "2024-09-04",
        "2024-09-04",
        "2024-08-29",
        "2018-06-02",
    ]
    check_contract(text, out)


# --------------------------------------------------------------------------- properties

ALPHABET = st.characters(blacklist_categories=("Cs",))
NEWSY = st.sampled_from(
    [
        "12.11.2019\n",
        "Kanal-2019",
        "«Poisk–2020»",
        " from 3 to 6 September",
        " over 5 tons",
        " 4 tons and 753 kg of opium",
        " Kazakhstan",
        ", Russia and Tajikistan",
        " as observers",
        " the CSTO",
        " meeting of the ",
        "Secretary General Stanislav Zas",
        ". ",
        "\n\n",
        " on the basis of the Crisis Response Centre",
        " in Minsk",
        " since 2003",
        " 2,5 kg",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(ALPHABET, max_size=30), NEWSY), max_size=30).map("".join))
def test_any_text_gives_valid_records(text: str) -> None:
    out = extract_text(text).to_json()
    check_contract(text, out)
    json.dumps(out)


# --------------------------------------------------------------------------- bad input


def test_cli_extract_json_and_yaml(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        cli, ["extract", str(FIX / "report_a.txt"), "-f", "json"], catch_exceptions=False
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert "Channel-East-2023" in by_name(out)
    r = CliRunner().invoke(cli, ["extract", str(FIX / "report_a.txt")], catch_exceptions=False)
    assert r.exit_code == 0
    data = yaml.safe_load(r.stdout)
    assert data["documents"][0]["file"] == "report_a.txt"
    assert "quote" not in r.stdout


def test_extracted_yaml_loads_and_builds_valid_graph(tmp_path: Path) -> None:
    from kg.build import build_dataset, union_graph
    from kg.validate import validate_graph

    text = read_text_file(str(FIX / "report_a.txt"))
    (tmp_path / "facts").mkdir()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "report_a.txt").write_text(text, encoding="utf-8")
    r = CliRunner().invoke(cli, ["extract", str(FIX / "report_a.txt")], catch_exceptions=False)
    (tmp_path / "facts" / "a.yaml").write_text(r.stdout, encoding="utf-8")
    fb = load_seeds(ROOT / "seeds", [tmp_path / "texts"], extra_facts=[tmp_path / "facts"])
    assert "channel-east-2023" in fb.events
    report = validate_graph(union_graph(build_dataset(fb)))
    assert report.conforms, report.summary()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"Kanal-2019 \xff\xfe seized", "not UTF-8"),
    ],
)
def test_bad_input_exit_3(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    r = CliRunner().invoke(cli, ["extract", str(f)])
    assert r.exit_code == 3
    assert r.stderr.startswith("[ERROR] ") and message in r.stderr
    assert "Traceback" not in r.output


def test_missing_file_exit_3(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert r.exit_code == 3 and "cannot read" in r.stderr


@pytest.mark.parametrize("content", [b"", b"   \n\n", (FIX / "no_events.txt").read_bytes()])
def test_empty_or_eventless_text_gives_empty_result(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    r = CliRunner().invoke(cli, ["extract", str(f), "-f", "json"])
    assert r.exit_code == 0
    assert json.loads(r.stdout)["events"] == []
    assert "no events found" in r.stderr


def test_ten_megabyte_single_line_is_refused_quickly(tmp_path: Path) -> None:
    line = ("Kanal-2019 over 5 tons Kazakhstan, Russia meeting of the CSTO " * 200_000)[:10_000_000]
    f = tmp_path / "big.txt"
    f.write_text(line, encoding="utf-8")
    t0 = time.perf_counter()
    r = CliRunner().invoke(cli, ["extract", str(f), "-f", "json"])
    assert r.exit_code == 3
    assert "line 1 is 10,000,000 characters long" in r.stderr
    assert time.perf_counter() - t0 < 10


def test_long_text_of_normal_lines_is_linear() -> None:
    item = (FIX / "report_a.txt").read_text(encoding="utf-8")
    t0 = time.perf_counter()
    out = extract_text(item * 300).to_json()  # ~300 items in one feed, 230 KB
    assert time.perf_counter() - t0 < 30
    assert len(out["documents"]) == 300


def test_bad_published_is_a_usage_error() -> None:
    r = CliRunner().invoke(cli, ["extract", str(FIX / "report_a.txt"), "--published", "May"])
    assert r.exit_code == 2


# --------------------------------------------------------------------------- the seed file

# Curated event -> extracted event (None: not extracted), each with why they may differ.
CURATED_TO_EXTRACTED: dict[str, tuple[str | None, str]] = {
    "rock-2024": ("rock-2024", "same event"),
    "rock-2024-final-stage": (
        None,
        "the extractor makes ordinal stages only for operations; "
        "the final stage of a training is folded into Rock-2024",
    ),
    "interaction-2024": (
        "interaction-2024",
        "the extractor dates it by the regrouping (3-6 September); curated keeps the year",
    ),
    "search-2024": ("search-2024", "dated by the regrouping, as Interaction-2024"),
    "echelon-2024": ("echelon-2024", "dated by the regrouping, as Interaction-2024"),
    "regrouping-2024-09-kgz": (
        None,
        "the regrouping is an activity without a name or trigger "
        "word; its date and country go to the three exercises",
    ),
    "csto-joint-staff-secretariat-session-2024-09": (
        "training-session-of-the-csto-joint-staff-and-the-2024-09-03",
        "same event",
    ),
    "csto-consultations-unga79-2024-09-03": ("consultations-2024-09-03", "same event"),
    "csto-joint-staff-briefing-2024-08-29": ("briefing-2024-08-29", "same event"),
    "channel": ("channel", "same series"),
    "channel-2018": ("channel-2018", "same edition"),
    "channel-2018-final-stage": (
        "channel-2018-final-stage",
        "same stage (the text's 'last stage' is the final stage)",
    ),
    "channel-2018-coordination-staff-meeting": (
        "meeting-of-the-coordination-staff-channel",
        "same meeting, no date in the text",
    ),
    "channel-2018-saratov-stage": (
        None,
        "'the previous stage in Saratov' has no name, ordinal or trigger word",
    ),
    "unodc-csto-protocol-2006": (
        "signing-of-the-protocol-on-joint-drug-and-crime-2006",
        "curated type Agreement; the extractor's contract has no "
        "Agreement type, a signing is Other",
    ),
    "substitution": (None, "operations named in passing without a year are not extracted"),
    "reflex": (None, "operations named in passing without a year are not extracted"),
}
# (curated id, field) -> why the values may differ
ALLOWED = {
    ("interaction-2024", "dates"),
    ("search-2024", "dates"),
    ("echelon-2024", "dates"),
    # curated puts the training ground (and so Kazakhstan) on the final stage only
    ("rock-2024", "place"),
    ("rock-2024", "country"),
    ("interaction-2024", "country"),
    ("search-2024", "country"),
    ("echelon-2024", "country"),
    # curated keeps the Crisis Response Centre as the place; the extractor says Moscow
    ("csto-joint-staff-secretariat-session-2024-09", "place"),
    ("csto-joint-staff-secretariat-session-2024-09", "roles"),  # Joint Staff: organiser
    ("csto-joint-staff-briefing-2024-08-29", "roles"),  # CSTO named in the briefing's title
    ("channel-2018-coordination-staff-meeting", "roles"),  # later sentences by recency
    ("channel-2018-coordination-staff-meeting", "country"),
    # the seed gold (tests/devset/seed) places the staff meeting where the stage's staff sat
    # (Issyk-Kul Oblast); the curated facts give no place
    ("channel-2018-coordination-staff-meeting", "place"),
    ("channel-2018-coordination-staff-meeting", "dates"),
    ("unodc-csto-protocol-2006", "type"),
    ("unodc-csto-protocol-2006", "roles"),
    ("channel", "dates"),
}


def _states(parts) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.actor for p in parts if p.kind == "state"}


def test_seed_file_agrees_with_curated_facts(tmp_path: Path) -> None:
    if not SEED_TEXT.is_file():
        pytest.skip("the seed text ../shared/seeds is not present")
    curated = load_seeds(ROOT / "seeds", [SEED_TEXT.parent]).events
    r = CliRunner().invoke(cli, ["extract", str(SEED_TEXT)], catch_exceptions=False)
    assert r.exit_code == 0
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "x.yaml").write_text(r.stdout, encoding="utf-8")
    empty = tmp_path / "seeds"
    (empty / "facts").mkdir(parents=True)
    (empty / "gazetteer").symlink_to(ROOT / "seeds" / "gazetteer")
    mine = load_seeds(empty, [SEED_TEXT.parent], extra_facts=[facts]).events
    assert set(CURATED_TO_EXTRACTED) == set(curated), "list every curated event"
    diffs = set()
    for cid, (xid, _why) in CURATED_TO_EXTRACTED.items():
        if xid is None:
            continue
        assert xid in mine, f"{xid} (for curated {cid}) not extracted"
        c, x = curated[cid], mine[xid]
        if c.type != x.type:
            diffs.add((cid, "type"))
        if (c.start, c.end) != (x.start, x.end):
            diffs.add((cid, "dates"))
        cplace = curated and c.place
        if cplace != x.place:
            diffs.add((cid, "place"))
        if c.country != x.country:
            diffs.add((cid, "country"))
        assert _states(c.participants) == _states(x.participants), cid
        croles = {p.actor: p.role for p in c.participants if p.kind != "person"}
        xroles = {p.actor: p.role for p in x.participants if p.kind != "person"}
        if croles != xroles:
            diffs.add((cid, "roles"))
        key = {(z.substance, z.kg, z.comparator, z.scope, z.since) for z in c.seizures}
        assert key == {(z.substance, z.kg, z.comparator, z.scope, z.since) for z in x.seizures}
    unexpected = diffs - ALLOWED
    assert not unexpected, f"differences not listed in ALLOWED: {sorted(unexpected)}"


@pytest.mark.parametrize(
    "sentence",
    [
        "Armenia, Belarus and Russia took part, with Serbia and Uzbekistan as observers.",
        "Armenia, Belarus and Russia took part; Serbia and Uzbekistan were invited as observers.",
        "Units of Armenia, Belarus and Russia participated, while military attaches of Serbia "
        "and Uzbekistan monitored the exercise.",
    ],
)
def test_participants_and_observers_in_one_sentence(sentence: str) -> None:
    out = extract_text(f"05.05.2023\n\nThe exercise «Rubezh-2023» was held. {sentence}").to_json()
    assert roles(by_name(out)["Frontier-2023"]) == {
        "ARM": "participant",
        "BLR": "participant",
        "RUS": "participant",
        "SRB": "observer",
        "UZB": "observer",
    }

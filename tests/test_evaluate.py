"""`kg evaluate`: the scoring rules on small inputs, and a regression floor on the dev split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.evaluate import Scores, is_named, match_events, norm_name, score_file

HERE = Path(__file__).parent
DEV = HERE / "devset" / "dev"

DEV2 = HERE / "devset" / "dev2"

# Measured on the dev split (events F1 0.98, states 1.00, organisations 0.96, seizures 1.00,
# dates 0.98, places 0.97) after the dev2 generalisation pass; the floors leave a little room.
FLOORS = {"events": 0.93, "states": 0.97, "organisations": 0.92, "seizures": 0.97}
ACC_FLOORS = {"dates": 0.92, "types": 0.95, "roles": 0.94, "qualifiers": 0.95, "places": 0.90}
# dev2 (written later by another author; first measured at events 0.88, organisations 0.85,
# seizures 0.26, places 0.71) now scores events 1.00, states 1.00, organisations 0.97,
# seizures 1.00, roles 0.94, places 1.00; its floors guard the generalisation rules.
DEV2_FLOORS = {"events": 0.92, "states": 0.95, "organisations": 0.90, "seizures": 0.95}
DEV2_ACC_FLOORS = {"dates": 0.92, "types": 0.95, "roles": 0.90, "qualifiers": 0.95, "places": 0.90}
DEV3 = HERE / "devset" / "dev3"
# dev3 (a third author, 20 items; first contact: events 0.74, states 0.94, organisations 0.89,
# seizures 0.98, dates 0.83, places 0.80) scores 1.00 on every field after the dev3 pass; the
# floors leave room for later general rules to cost an item or two.
DEV3_FLOORS = {"events": 0.93, "states": 0.95, "organisations": 0.93, "seizures": 0.95}
DEV3_ACC_FLOORS = {"dates": 0.93, "types": 0.95, "roles": 0.93, "qualifiers": 0.95, "places": 0.93}
DEV5 = HERE / "devset" / "dev5"
# dev5 (a fifth author, 20 items; before round 2: events 0.90, states 0.99, organisations 0.92,
# seizures 0.81, roles 0.97, dates 0.96, places 0.64) scores events 1.00, states 1.00,
# organisations 0.99, seizures 1.00 and 1.00 on every accuracy after round 2.
DEV5_FLOORS = {"events": 0.93, "states": 0.95, "organisations": 0.93, "seizures": 0.93}
DEV5_ACC_FLOORS = {"dates": 0.93, "types": 0.95, "roles": 0.93, "qualifiers": 0.95, "places": 0.90}
DEV6 = HERE / "devset" / "dev6"
# dev6 (a sixth author, 16 items; first contact: events 0.94, states 0.995, organisations 0.94,
# seizures 0.89, roles 0.94, dates 0.78, places 0.90) scores events 0.98, states 1.00,
# organisations 1.00, seizures 1.00 (after a gold fix), dates 1.00, places 0.90 after round 3.
DEV6_FLOORS = {"events": 0.93, "states": 0.95, "organisations": 0.93, "seizures": 0.90}
DEV6_ACC_FLOORS = {"dates": 0.93, "types": 0.95, "roles": 0.93, "qualifiers": 0.95, "places": 0.85}
DEV7 = HERE / "devset" / "dev7"
# dev7 (a seventh author, 20 items; first contact: events 0.93, states 0.94, organisations 0.90,
# seizures 0.92, roles 0.93, dates 1.00, places 0.92) scores 1.00 on every F1 and accuracy
# except places (0.96) after round 4.
DEV7_FLOORS = {"events": 0.93, "states": 0.95, "organisations": 0.93, "seizures": 0.93}
DEV7_ACC_FLOORS = {"dates": 0.93, "types": 0.95, "roles": 0.93, "qualifiers": 0.95, "places": 0.90}
DEV8 = HERE / "devset" / "dev8"
# dev8 (an eighth author, 20 items; first contact: events 0.95, states 0.995, organisations
# 0.94, seizures 0.85, roles 0.96, dates 0.91, places 0.81) scores events 0.99, places 0.96 and
# 1.00 on every other F1 and accuracy after round 4.
DEV8_FLOORS = {"events": 0.93, "states": 0.95, "organisations": 0.93, "seizures": 0.93}
DEV8_ACC_FLOORS = {"dates": 0.93, "types": 0.95, "roles": 0.93, "qualifiers": 0.95, "places": 0.90}
DEV9 = HERE / "devset" / "dev9"
# dev9 (a ninth author, 20 items; first contact: events 0.92, states 0.96, organisations 0.99,
# seizures 0.79, roles 0.90, dates 0.94, places 0.92) after round 5: events 0.96 (three press
# approaches the gold counts as meetings), seizures 0.98, states and dates 1.00.
DEV9_FLOORS = {"events": 0.93, "states": 0.95, "organisations": 0.93, "seizures": 0.93}
DEV9_ACC_FLOORS = {"dates": 0.93, "types": 0.95, "roles": 0.88, "qualifiers": 0.95, "places": 0.88}
DEV10 = HERE / "devset" / "dev10"
# dev10 (a tenth author, 20 items; first contact: events 0.82, states 0.98, organisations 0.81,
# seizures 0.72, roles 0.94, dates 0.92, places 0.95) scores 1.00 on every F1 after round 5.
DEV10_FLOORS = {"events": 0.93, "states": 0.95, "organisations": 0.93, "seizures": 0.93}
DEV10_ACC_FLOORS = {"dates": 0.93, "types": 0.95, "roles": 0.93, "qualifiers": 0.95, "places": 0.88}
DEV11 = HERE / "devset" / "dev11"
# dev11 (an eleventh author, 20 items; first contact: events 0.86, states 0.98, organisations
# 0.91, seizures 0.47, dates 0.90, places 0.75) after round 6: see docs/extract.md; two audiences
# the gold dates by the item's date line are left undated (the README says unknown dates are null).
DEV11_FLOORS = {"events": 0.85, "states": 0.95, "organisations": 0.90, "seizures": 0.93}
DEV11_ACC_FLOORS = {"dates": 0.93, "types": 0.95, "roles": 0.93, "qualifiers": 0.95, "places": 0.85}
DEV12 = HERE / "devset" / "dev12"
# dev12 (a twelfth author, 16 long hard items; first contact: events 0.81, states 0.985,
# organisations 0.95, seizures 0.63, dates 0.89, places 0.74) after round 6: see docs/extract.md.
DEV12_FLOORS = {"events": 0.85, "states": 0.95, "organisations": 0.93, "seizures": 0.90}
DEV12_ACC_FLOORS = {"dates": 0.88, "types": 0.95, "roles": 0.88, "qualifiers": 0.95, "places": 0.75}


def ev(name: str, typ: str = "Operation", start: str | None = None, parts=(), seizures=()):  # type: ignore[no-untyped-def]
    return {
        "id": norm_name(name),
        "name": name,
        "type": typ,
        "start": start,
        "end": start,
        "place": None,
        "country": None,
        "part_of": None,
        "participants": [{"actor": a, "kind": k, "role": r} for a, k, r in parts],
        "seizures": list(seizures),
    }


def test_names_normalise_dashes_and_spaces() -> None:
    assert norm_name("Channel – Trap-2021") == norm_name("Channel-Trap-2021")
    assert norm_name("Caspian Antiterror-2019") == norm_name("Caspian-Antiterror-2019")
    assert is_named(ev("Channel-2018")) and is_named(ev("Final stage of Channel-2018"))
    assert not is_named(ev("Meeting of the CSTO Council of Foreign Ministers", "Meeting"))


def test_unnamed_events_match_by_type_date_and_organisations() -> None:
    g = [
        ev(
            "Meeting of the council",
            "Meeting",
            "2024-05-21",
            [("CSTO", "organisation", "organiser")],
        )
    ]
    p = [
        ev("Session", "Meeting", "2024-05-21", [("CSTO", "organisation", "organiser")]),
        ev("Session", "Meeting", "2024-05-22", [("CSTO", "organisation", "organiser")]),
    ]
    assert match_events(g, p) == [(g[0], p[0])]
    assert (
        match_events(g, [ev("x", "Meeting", "2024-05-21", [("SCO", "organisation", "organiser")])])
        == []
    )


def test_score_file_counts() -> None:
    z = {"substance": "heroin", "kg": 83, "qualifier": "at_least", "scope": "breakdown"}
    gold = {
        "events": [
            ev(
                "Channel-2018",
                parts=[("KAZ", "state", "participant"), ("UNODC", "organisation", "observer")],
                seizures=[z],
            )
        ]
    }
    pred = {
        "events": [
            ev(
                "Channel-2018",
                parts=[
                    ("KAZ", "state", "participant"),
                    ("RUS", "state", "participant"),
                    ("UNODC", "organisation", "participant"),
                ],
                seizures=[{**z, "qualifier": "exact"}],
            ),
            ev("Search-2018"),
        ]
    }
    sc = Scores()
    score_file(sc, gold, pred, lambda s: s)
    d = sc.as_dict()
    assert (d["events"]["tp"], d["events"]["fp"], d["events"]["fn"]) == (1, 1, 0)
    assert (d["states"]["tp"], d["states"]["fp"]) == (1, 1)
    assert d["seizures"]["tp"] == 1 and d["qualifiers"]["accuracy"] == 0.0
    assert d["roles"]["correct"] == 1 and d["roles"]["total"] == 2


# (folder, at least this many files, F1 floors, accuracy floors) of every tuning split
SPLITS = [
    pytest.param(folder, files, floors, acc, id=folder.name)
    for folder, files, floors, acc in (
        (DEV, 20, FLOORS, ACC_FLOORS),
        (DEV2, 16, DEV2_FLOORS, DEV2_ACC_FLOORS),
        (DEV3, 20, DEV3_FLOORS, DEV3_ACC_FLOORS),
        (DEV5, 20, DEV5_FLOORS, DEV5_ACC_FLOORS),
        (DEV6, 16, DEV6_FLOORS, DEV6_ACC_FLOORS),
        (DEV7, 20, DEV7_FLOORS, DEV7_ACC_FLOORS),
        (DEV8, 20, DEV8_FLOORS, DEV8_ACC_FLOORS),
        (DEV9, 20, DEV9_FLOORS, DEV9_ACC_FLOORS),
        (DEV10, 20, DEV10_FLOORS, DEV10_ACC_FLOORS),
        (DEV11, 20, DEV11_FLOORS, DEV11_ACC_FLOORS),
        (DEV12, 16, DEV12_FLOORS, DEV12_ACC_FLOORS),
    )
]


@pytest.mark.parametrize(("folder", "files", "floors", "acc_floors"), SPLITS)
def test_split_stays_above_floor(
    folder: Path, files: int, floors: dict[str, float], acc_floors: dict[str, float]
) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    r = CliRunner().invoke(
        cli, ["evaluate", str(folder), str(folder), "--format", "json"], catch_exceptions=False
    )
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["files"] >= files
    for k, floor in floors.items():
        assert d[k]["f1"] >= floor, (k, d[k])
    for k, floor in acc_floors.items():
        assert d[k]["accuracy"] >= floor, (k, d[k])


@pytest.mark.skipif(not DEV.is_dir(), reason="tests/devset/dev not present")
def test_evaluate_table() -> None:
    r = CliRunner().invoke(cli, ["evaluate", str(DEV), str(DEV)], catch_exceptions=False)
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0].split() == ["field", "P", "R", "F1", "tp", "fp", "fn"]
    assert "qualifiers" in r.stdout


def test_evaluate_bad_folders(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["evaluate", str(tmp_path / "none"), str(tmp_path)])
    assert r.exit_code == 3 and r.stderr.startswith("[ERROR] ")
    r = CliRunner().invoke(cli, ["evaluate", str(tmp_path), str(tmp_path)])
    assert r.exit_code == 3 and "no gold" in r.stderr
    (tmp_path / "001.json").write_text("{not json", encoding="utf-8")
    r = CliRunner().invoke(cli, ["evaluate", str(tmp_path), str(tmp_path)])
    assert r.exit_code == 3 and "cannot read gold JSON" in r.stderr

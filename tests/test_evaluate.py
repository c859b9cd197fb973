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

DEVSET = HERE / "devset"


def f1s(events: float, states: float, orgs: float, seizures: float) -> dict[str, float]:
    return {"events": events, "states": states, "organisations": orgs, "seizures": seizures}


def accs(dates: float, roles: float, places: float) -> dict[str, float]:
    return {"dates": dates, "types": 0.95, "roles": roles, "qualifiers": 0.95, "places": places}


# (set, at least this many files, F1 floors, accuracy floors) of every tuning split: a little
# below the figures after the pass that tuned on it, so a later general rule may cost an item
# or two but no more. The first-contact and after-tuning figures of each set are in
# docs/extract.md ("Figures").
TUNING = [
    # dev: events 0.98, organisations 0.99, everything else 1.00 (first author)
    ("dev", 20, f1s(0.93, 0.97, 0.92, 0.97), accs(0.92, 0.94, 0.90)),
    # dev2 (first contact: events 0.88, organisations 0.85, seizures 0.26): 1.00 on every F1
    ("dev2", 16, f1s(0.92, 0.95, 0.90, 0.95), accs(0.92, 0.90, 0.90)),
    # dev3 (first contact: events 0.74, states 0.94, organisations 0.89): 1.00 everywhere
    ("dev3", 20, f1s(0.93, 0.95, 0.93, 0.95), accs(0.93, 0.93, 0.93)),
    # dev5 (first contact: events 0.90, organisations 0.92, seizures 0.81): 0.99-1.00
    ("dev5", 20, f1s(0.93, 0.95, 0.93, 0.93), accs(0.93, 0.93, 0.90)),
    # dev6 (first contact: events 0.94, organisations 0.94, seizures 0.89): events 0.98, places 0.90
    ("dev6", 16, f1s(0.93, 0.95, 0.93, 0.90), accs(0.93, 0.93, 0.85)),
    # dev7 (first contact: events 0.93, states 0.94, organisations 0.90): 1.00, places 0.96
    ("dev7", 20, f1s(0.93, 0.95, 0.93, 0.93), accs(0.93, 0.93, 0.90)),
    # dev8 (first contact: seizures 0.85, dates 0.91, places 0.81): events 0.99, places 0.96
    ("dev8", 20, f1s(0.93, 0.95, 0.93, 0.93), accs(0.93, 0.93, 0.90)),
    # dev9 (first contact: seizures 0.79, roles 0.90): events 0.96 (press approaches the gold
    # counts as meetings), roles 0.91
    ("dev9", 20, f1s(0.93, 0.95, 0.93, 0.93), accs(0.93, 0.88, 0.88)),
    # dev10 (first contact: events 0.82, organisations 0.81, seizures 0.72): 1.00 on every F1
    ("dev10", 20, f1s(0.93, 0.95, 0.93, 0.93), accs(0.93, 0.93, 0.88)),
    # dev11 (first contact: seizures 0.47): events 0.88 (audiences its gold dates by the item's
    # date line, which the README's "unknown dates are null" forbids)
    ("dev11", 20, f1s(0.85, 0.95, 0.90, 0.93), accs(0.93, 0.93, 0.85)),
    # dev12 (first contact: events 0.81, seizures 0.63): events 0.89, seizures 0.95
    ("dev12", 16, f1s(0.85, 0.95, 0.93, 0.90), accs(0.88, 0.88, 0.75)),
]


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
    pytest.param(DEVSET / name, files, floors, acc, id=name) for name, files, floors, acc in TUNING
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

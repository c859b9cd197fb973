"""Named queries: headers declare what the SPARQL uses, and each query answers on the seed graph.

The headline: ``participants`` for Channel-2018 lists exactly the ten states, each with its ISO
code, role and whether it was a CSTO member state at the time.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from kg import paths
from kg.query import (
    QueryError,
    find_query,
    list_queries,
    load_query,
    normalise_name,
    open_backend,
    run_named,
)

from .conftest import CSTO_MEMBERS_2018

ALL_RQ = sorted(paths.queries_dir().rglob("*.rq"))


def _rows(out: Path, name: str, **params: str) -> list[dict[str, str]]:
    res = run_named(open_backend(out), find_query(name), params)
    return [{k: ("" if v is None else str(v)) for k, v in row.items()} for row in res.rows]


def test_there_are_enough_named_queries() -> None:
    names = {q.name for q in list_queries()}
    assert {
        "participants",
        "events-by-type-year",
        "seizures-by-substance",
        "observers",
        "member-states-at",
        "coparticipation",
        "person-events",
        "evidence",
    } <= names
    assert len(list((paths.queries_dir() / "checks").glob("*-violation.rq"))) >= 2


@pytest.mark.parametrize("path", ALL_RQ, ids=[p.name for p in ALL_RQ])
def test_header_matches_the_sparql(path: Path) -> None:
    q = load_query(path)
    text = path.read_text(encoding="utf-8")
    header = [ln for ln in text.splitlines() if ln.startswith("#")]
    assert any(ln.startswith("# name: ") for ln in header) and q.name == path.stem
    assert q.summary, "a '# summary:' line"
    assert q.returns, "a '# returns:' line"
    q.prepared()  # parses
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    used = set(re.findall(r"[?$](\w+)", body))
    for p in q.params:
        assert p in used, f"declared parameter ?{p} is not used"
    assert set(q.returns) <= used | {"kg"}, "returned columns must appear in the query"
    # every declared column is projected
    select = re.search(r"SELECT(.*?)WHERE", body, re.S)
    assert select is not None
    projected = set(re.findall(r"\?(\w+)(?![^()]*\bAS\b)", select.group(1))) | set(
        re.findall(r"AS \?(\w+)", select.group(1))
    )
    assert set(q.returns) <= projected, projected


def test_headline_channel_2018(seed_out: Path) -> None:
    rows = _rows(seed_out, "participants", event="Channel-2018")
    states = {r["actor"]: r for r in rows if r["kind"] == "state"}
    assert sorted(states) == sorted(
        ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "AFG", "IRN", "PAK", "CHN"]
    )
    assert all(r["role"] == "participant" for r in states.values())
    members = {a for a, r in states.items() if "CSTO" in r["member_of"].split("; ")}
    assert members == CSTO_MEMBERS_2018
    orgs = {(r["actor"], r["role"]) for r in rows if r["kind"] == "organisation"}
    assert orgs == {
        ("CSTO", "coordinator"),
        ("UNODC", "observer"),
        ("EAG", "participant"),
        ("INTERPOL", "participant"),
        ("CARICC", "participant"),
    }


@pytest.mark.parametrize(
    "spelling", ["channel-2018", "CHANNEL 2018", "Channel–2018", "Kanal-2018", "channel2018"]
)
def test_event_parameter_is_case_and_dash_insensitive(seed_out: Path, spelling: str) -> None:
    rows = _rows(seed_out, "participants", event=spelling)
    assert len([r for r in rows if r["kind"] == "state"]) == 10


def test_unknown_event_names_closest_matches(seed_out: Path) -> None:
    with pytest.raises(QueryError, match=r"unknown event 'Chanel-2019'; closest: Channel-2018"):
        _rows(seed_out, "participants", event="Chanel-2019")


def test_value_is_bound_not_spliced(seed_out: Path) -> None:
    evil = 'x" } UNION { ?s ?p ?o } #'
    with pytest.raises(QueryError, match="unknown event"):
        _rows(seed_out, "participants", event=evil)
    assert _rows(seed_out, "observers", event="Rock-2024") == []


def test_unknown_parameter_and_missing_required(seed_out: Path) -> None:
    with pytest.raises(QueryError, match=r"has no parameter 'evnt' \(parameters: event\)"):
        _rows(seed_out, "participants", evnt="x")
    with pytest.raises(QueryError, match=r"needs --param event="):
        _rows(seed_out, "participants")


def test_unknown_query_suggests() -> None:
    with pytest.raises(
        QueryError, match=r"unknown query 'participant' \(did you mean participants"
    ):
        find_query("participant")


def test_events_by_type_and_year(seed_out: Path) -> None:
    rows = _rows(seed_out, "events-by-type-year", type="OperationStage", year="2018")
    assert {r["name"] for r in rows} == {"Channel-2018 final stage", "Channel-2018 Saratov stage"}
    final = next(r for r in rows if r["name"] == "Channel-2018 final stage")
    assert (final["start"], final["end"], final["place"], final["country"]) == (
        "2018-05-28",
        "2018-06-01",
        "Issyk-Kul Oblast",
        "KGZ",
    )
    all_2024 = _rows(seed_out, "events-by-type-year", year="2024")
    assert {"Interaction-2024", "Search-2024", "Echelon-2024", "Rock-2024"} <= {
        r["name"] for r in all_2024
    }
    assert all(r["start"].startswith("2024") for r in all_2024)


def test_seizures_keep_comparators(seed_out: Path) -> None:
    rows = _rows(seed_out, "seizures-by-substance", event="Channel-2018 final stage")
    by = {r["substance_code"]: r for r in rows}
    assert Decimal(by["opium"]["kg"]) == 4753 and by["opium"]["comparator"] == "exact"
    assert by["heroin"]["comparator"] == "at_least" and Decimal(by["heroin"]["kg"]) == 83
    assert by["total"]["scope"] == "total" and by["total"]["comparator"] == "at_least"
    assert {r["scope"] for r in rows if r["substance_code"] != "total"} == {"breakdown"}
    cumulative = _rows(seed_out, "seizures-by-substance", substance="total")
    cum = next(r for r in cumulative if r["scope"] == "cumulative")
    assert (Decimal(cum["kg"]), cum["comparator"], cum["since"]) == (360000, "at_least", "2003")


def test_observers(seed_out: Path) -> None:
    rows = _rows(seed_out, "observers")
    assert {(r["event_name"], r["actor"]) for r in rows} >= {
        ("Channel-2018 final stage", "UNODC"),
        ("Channel-2018 Saratov stage", "UNODC"),
    }


def test_member_states_at(seed_out: Path) -> None:
    rows = _rows(seed_out, "member-states-at", organisation="CSTO", date="2018-05-28")
    assert {r["iso3"] for r in rows if r["status"] == "member"} == CSTO_MEMBERS_2018
    later = _rows(seed_out, "member-states-at", organisation="CSTO", date="2024-09-03")
    assert ("ARM", "suspended") in {(r["iso3"], r["status"]) for r in later}
    assert "ARM" not in {r["iso3"] for r in later if r["status"] == "member"}
    sco = _rows(seed_out, "member-states-at", organisation="SCO", date="2018-06-01")
    assert {"IND", "PAK"} <= {r["iso3"] for r in sco if r["status"] == "member"}
    assert "IRN" in {r["iso3"] for r in sco if r["status"] == "observer"}


def test_member_states_bad_date(seed_out: Path) -> None:
    with pytest.raises(QueryError, match=r"parameter date='28\.05\.2018'"):
        _rows(seed_out, "member-states-at", organisation="CSTO", date="28.05.2018")


def test_coparticipation(seed_out: Path) -> None:
    rows = _rows(seed_out, "coparticipation")
    pairs = {(r["actor1"], r["actor2"]): int(r["shared"]) for r in rows}
    assert pairs[("ARM", "BLR")] >= 1
    assert pairs[("CSTO", "CSTO-CRRF")] == 1  # Interaction-2024
    assert _rows(seed_out, "coparticipation", min="1") == rows
    assert _rows(seed_out, "coparticipation", min="2") == [r for r in rows if int(r["shared"]) >= 2]
    assert _rows(seed_out, "coparticipation", min="99") == []


def test_person_events(seed_out: Path) -> None:
    rows = _rows(seed_out, "person-events", person="Imangali Tasmagambetov")
    assert [(r["event_name"], r["role"]) for r in rows] == [
        ("Rock-2024 final stage", "participant")
    ]
    assert "Secretary General" in rows[0]["post"]


def test_evidence(seed_out: Path, shared_sources: list[Path]) -> None:
    rows = _rows(seed_out, "evidence", event="Channel-2018 final stage")
    assert len(rows) >= 20 and all(int(r["start"]) < int(r["end"]) for r in rows)
    assert {r["document"] for r in rows} == {"unodc-2018-06-02-channel"}
    if shared_sources:
        text = (shared_sources[0] / "000_fd7d431f9a6f9fda.txt").read_text(encoding="utf-8")
        doc_start = 1838
        for r in rows:
            assert r["quote"] == text[doc_start + int(r["start"]) : doc_start + int(r["end"])]


def test_events_by_partner(seed_out: Path) -> None:
    rows = _rows(seed_out, "events-by-partner", partner="Kyrgyz Republic")
    assert {r["event_name"] for r in rows} >= {"Channel-2018 final stage"}


def test_checks_return_no_rows_on_seed(seed_build) -> None:  # type: ignore[no-untyped-def]
    from kg.validate import run_checks

    assert run_checks(seed_build.graph) == []


def test_normalise_name() -> None:
    assert normalise_name("Kanal – 2018") == normalise_name("kanal2018") == "kanal2018"
    assert normalise_name("“Channel-2018”") == "channel2018"

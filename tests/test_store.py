"""The persistent store: what build writes, what query answers from, transactions (atomic
replacement, crash safety by SIGKILL), the one-writer lock, and safe parameter injection."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg import store as kgstore
from kg.endpoint import EndpointError, inject_values
from kg.query import GraphBackend, QueryError, StoreBackend, find_query, open_backend, run_named

REPO = Path(__file__).resolve().parents[1]
HEADLINE = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "AFG", "IRN", "PAK", "CHN"}


def _states(res) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(r["actor"]) for r in res.rows if str(r["kind"]) == "state"}


def _cell(term) -> str:  # type: ignore[no-untyped-def]
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype is not None:
        v = term.toPython()  # Oxigraph writes decimals canonically: 360000 = 360000.0
        return format(v.normalize(), "f") if isinstance(v, Decimal) else str(v)
    # GROUP_CONCAT order is unspecified in SPARQL: compare concatenations as sets of parts
    return "; ".join(sorted(str(term).split("; ")))


def _rowset(res) -> set[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {tuple(_cell(r[v]) for v in res.vars) for r in res.rows}


def test_build_writes_a_complete_store(seed_out: Path) -> None:
    snap = seed_out / "store" / kgstore.SNAPSHOT
    assert snap.is_file()
    data = snap.read_bytes()
    assert data.startswith(kgstore.HEADER) and data.rstrip().endswith(b"quads")
    st = kgstore.load(seed_out / "store")
    assert len(st) > 1000
    assert {g.value.rsplit("/", 1)[-1] for g in st.named_graphs()} >= {"unodc-2018-06-02-channel"}


def test_query_answers_from_the_store_like_the_file(seed_out: Path) -> None:
    backend = open_backend(seed_out)
    assert isinstance(backend, StoreBackend)
    q = find_query("participants")
    res = run_named(backend, q, {"event": "Channel-2018"})
    assert _states(res) == HEADLINE
    ref = run_named(open_backend(seed_out, seed_out / "kg.ttl"), q, {"event": "Channel-2018"})
    assert isinstance(open_backend(seed_out, seed_out / "kg.ttl"), GraphBackend)
    assert res.vars == ref.vars and _rowset(res) == _rowset(ref)


def test_every_named_query_agrees_with_rdflib(seed_out: Path) -> None:
    from kg.query import list_queries

    store_b, graph_b = open_backend(seed_out), open_backend(seed_out, seed_out / "kg.ttl")
    examples = {
        "event": "Channel-2018",
        "state": "KGZ",
        "organisation": "CSTO",
        "date": "2018-05-28",
        "year": "2018",
        "actor": "KGZ",
        "substance": "heroin",
        "person": "Almazbek Orazaliev",
    }
    for q in list_queries():
        params = {p.name: examples[p.kind] for p in q.params.values() if p.required}
        if any(p.kind not in examples for p in q.params.values() if p.required):
            continue
        a, b = run_named(store_b, q, params), run_named(graph_b, q, params)
        assert a.vars == b.vars, q.name
        assert _rowset(a) == _rowset(b), q.name


def test_unknown_event_is_an_error_on_the_store(seed_out: Path) -> None:
    with pytest.raises(QueryError, match="unknown event"):
        run_named(open_backend(seed_out), find_query("participants"), {"event": "Kanal-1999"})


def test_truncated_snapshot_is_refused(tmp_path: Path, seed_out: Path) -> None:
    d = tmp_path / "store"
    d.mkdir()
    data = (seed_out / "store" / kgstore.SNAPSHOT).read_bytes()
    (d / kgstore.SNAPSHOT).write_bytes(data[: len(data) // 2])
    with pytest.raises(kgstore.StoreError, match="incomplete"):
        kgstore.load(d)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(kgstore.StoreError, match="no store yet"):
        kgstore.load(tmp_path / "nothing")


_HOLD_LOCK = """
import sys, time
from kg import store
with store.writer_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(30)
"""


def test_second_writer_fails_at_once(tmp_path: Path, seed_out: Path) -> None:
    d = tmp_path / "store"
    p = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(d)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert p.stdout is not None and p.stdout.readline().strip() == "locked"
        t0 = time.monotonic()
        with pytest.raises(kgstore.StoreBusy, match=r"store is in use .*pid \d+"):
            kgstore.save(d, kgstore.load(seed_out / "store"))
        from kg import paths
        from kg.pipeline import build

        with pytest.raises(kgstore.StoreBusy):
            build(paths.seeds_dir(), [], tmp_path / "out", store=d)
        assert time.monotonic() - t0 < 2
    finally:
        p.kill()
        p.wait()
    kgstore.save(d, kgstore.load(seed_out / "store"))  # the lock died with its holder


_CRASH_WRITER = """
import os, sys, time
import pyoxigraph as ox
from kg import store
st = ox.Store()
st.extend(
    ox.Quad(ox.NamedNode(f"urn:s:{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)),
            ox.NamedNode("urn:g:new"))
    for i in range(20000)
)
def stall(fd):
    print("writing", flush=True)
    time.sleep(60)
os.fsync = stall  # the new snapshot is fully written but not yet renamed: kill us here
store.save(sys.argv[1], st)
"""


def test_crash_mid_write_keeps_the_previous_store(tmp_path: Path, seed_out: Path) -> None:
    d = tmp_path / "store"
    before = kgstore.load(seed_out / "store")
    kgstore.save(d, before)
    p = subprocess.Popen(
        [sys.executable, "-c", _CRASH_WRITER, str(d)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert p.stdout is not None and p.stdout.readline().strip() == "writing"
    temps = list(d.glob(f".{kgstore.SNAPSHOT}.*.tmp"))
    assert temps and temps[0].stat().st_size > 100_000  # half a new store sits beside the old
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    after = kgstore.load(d)
    assert len(after) == len(before)
    assert not any(q.graph_name.value == "urn:g:new" for q in after)
    kgstore.save(d, after)  # the next writer takes the lock and clears the leftovers
    assert not list(d.glob(f".{kgstore.SNAPSHOT}.*.tmp"))


def test_build_killed_mid_run_keeps_the_previous_store(tmp_path: Path, seed_out: Path) -> None:
    """SIGKILL while the build is writing its spool / validating (a synthetic corpus large
    enough to take the store route and a few seconds): the old snapshot stays whole, and the
    next build clears what the killed one left behind."""
    from kg.synth import synthesise

    synthesise(tmp_path / "synth", events=400, seed=3)
    out = tmp_path / "out"
    d = out / "store"
    kgstore.save(d, kgstore.load(seed_out / "store"))
    before = (d / kgstore.SNAPSHOT).read_bytes()
    cmd = [sys.executable, "-m", "kg", "build", "--seeds", str(tmp_path / "synth")]
    cmd += ["--sources", str(tmp_path / "synth" / "sources"), "--out", str(out)]
    p = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob(".build-*/quads.nq")):
        time.sleep(0.01)
    assert p.poll() is None, "the build ended before it could be killed"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    assert (d / kgstore.SNAPSHOT).read_bytes() == before
    kgstore.load(d)
    assert list(out.glob(".build-*"))  # left by the killed build ...
    subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
    assert not list(out.glob(".build-*"))  # ... and cleared by the next one
    assert (d / kgstore.SNAPSHOT).read_bytes() != before


# --------------------------------------------------------------------------- parameter safety


def test_values_block_goes_into_the_outer_group() -> None:
    q = 'PREFIX x: <urn:x#> # a { in a comment\nSELECT ?a (STR("{") AS ?b) WHERE { ?a ?p ?o }'
    out = inject_values(q, {"a": URIRef("urn:a")})
    assert out.split("WHERE {", 1)[1].lstrip().startswith("VALUES ?a { <urn:a> }")


@pytest.mark.parametrize(
    "value",
    [
        'x" } ; DROP ALL ; SELECT * { "',
        "x' } UNION { ?s ?p ?o } #",
        'line\nbreak \\" }',
        "}}}}",
    ],
)
def test_hostile_literals_stay_literals(seed_out: Path, value: str) -> None:
    backend = open_backend(seed_out)
    sparql = "SELECT ?v WHERE { BIND(1 AS ?one) }"
    res = backend.run(sparql, {"v": Literal(value)})
    assert [str(r["v"]) for r in res.rows] == [value]


@pytest.mark.parametrize("iri", ["urn:a> } ; DROP ALL ; <urn:b", "http://x/ y", 'http://x/"'])
def test_invalid_iris_are_refused(iri: str) -> None:
    with pytest.raises(EndpointError):
        inject_values("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef(iri)})


def test_invalid_variable_names_are_refused() -> None:
    with pytest.raises(EndpointError, match="variable"):
        inject_values("SELECT ?s WHERE { ?s ?p ?o }", {"s } ; DROP": URIRef("urn:a")})

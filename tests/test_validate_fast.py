"""The fast validation path gives the same violations as pySHACL on the whole graph (the
reference), on a graph with seeded violations of every shape and check."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.namespaces import ID, SC, SEM, concept
from kg.validate import validate_graph
from kg.validate_fast import validate_fast

SHAPES = Path(__file__).parent / "shapes"


def _seeded(seed_build) -> Graph:  # type: ignore[no-untyped-def]
    g = Graph()
    for t in seed_build.graph:
        g.add(t)
    for f in sorted(SHAPES.glob("*-invalid.ttl")):
        g.parse(f, format="turtle")
    ev = ID["event/channel-2018-final-stage"]
    # S09: the same actor as participant and observer; S17: a member state it never was
    p1, p2 = URIRef(ev + "/participation/x1"), URIRef(ev + "/participation/x2")
    for p, role in ((p1, "participant"), (p2, "observer")):
        g.add((ev, SC.hasParticipation, p))
        g.add((p, SC.actor, ID["state/KGZ"]))
        g.add((p, SC.role, concept("role", role)))
    g.add((p1, SC.memberStateOf, ID["org/SCO-RATS"]))
    # checks: a precursor breakdown, a cumulative total without first year, a cycle
    z = URIRef(ev + "/seizure/x")
    g.add((z, SC.substance, concept("substance", "precursors")))
    g.add((z, SC.scope, concept("seizure-scope", "breakdown")))
    z2 = URIRef(ev + "/seizure/y")
    g.add((z2, SC.scope, concept("seizure-scope", "cumulative")))
    g.add((ID["event/channel"], SEM.subEventOf, ev))
    g.add((ev, SEM.hasEarliestBeginTimeStamp, Literal("2030-01-01", datatype=XSD.date)))
    return g


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_fast_path_equals_pyshacl(seed_build, workers: int) -> None:  # type: ignore[no-untyped-def]
    g = _seeded(seed_build)
    ref = validate_graph(g)
    fast = validate_fast(g, workers=workers, parallel_min=1)
    assert not ref.conforms
    shapes_hit = {v.shape for v in ref.violations}
    assert {"S09-not-participant-and-observer", "S17-member-state-at-date"} <= shapes_hit
    assert len(shapes_hit) >= 15
    assert sorted(fast.violations, key=repr) == sorted(ref.violations, key=repr)
    assert fast.conforms == ref.conforms


def test_fast_path_on_a_conforming_graph(seed_build) -> None:  # type: ignore[no-untyped-def]
    fast = validate_graph(seed_build.graph, fast=True)
    assert fast.conforms, fast.summary()

"""Validation at scale: the same results as ``kg.validate.validate_graph`` (pySHACL over the
whole graph, the reference), in a fraction of the time.

Where the time goes with pySHACL: its SPARQL-based constraints (``sh:sparql``: S09, S17) run
one query per focus node, each parsed afresh and evaluated by rdflib's engine, which does not
use the pre-bound ``$this`` to narrow its joins -- quadratic in practice (a 13k-triple graph:
46 of 50 s). The core constraints are close to linear. So:

1. **Core constraints** (everything but ``sh:sparql``): pySHACL itself, on the same mixed
   graph (data + ontology + vocabularies, mixed in place by
   ``kg.validate.ontology_mixed_in``), with the ``sh:sparql`` triples removed from a copy of
   the shapes graph. The targeted shapes are split between worker processes, balanced by
   their number of focus nodes (fork: the graph is shared copy-on-write, nothing is
   re-parsed), each running pySHACL with its ``use_shapes``. Same engine, same data: same
   results. (pySHACL's ``focus_nodes`` option is not used: it also restricts the nested
   sh:node/qualified validations, which changes results.)
2. **SPARQL constraints**: each ``sh:select`` runs *once* over the whole graph in Oxigraph, with
   the shape's targets joined in as a sub-select that binds ``?this`` (``sh:targetClass`` via
   ``rdf:type/rdfs:subClassOf*``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``,
   ``sh:targetNode``), prefixes from ``sh:prefixes``/``sh:declare``, and each row turned into a
   result the way pySHACL does (focus ``?this``, ``{?var}`` substituted in ``sh:message``,
   duplicate rows dropped).
3. **The SPARQL checks** (queries/checks) run on Oxigraph as well.

``tests/test_validate_fast.py`` compares the violations of both paths on graphs with seeded
violations of every shape.
"""

from __future__ import annotations

import os
import re
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.namespaces import bind_prefixes

_MIXED: Graph | None = None  # set in the parent before forking workers
_CORE_SHAPES: Graph | None = None


def core_shapes() -> Graph:
    from kg.validate import shapes_graph

    g = Graph()
    for t in shapes_graph():
        if t[1] != SH.sparql:
            g.add(t)
    return g


def _focus_count(mixed: Graph, shapes: Graph, shape: Any) -> int:
    """How many focus nodes a shape has (SHACL 2.1.3 targets): the cost used to balance."""
    out: set[Any] = set()
    for cls in shapes.objects(shape, SH.targetClass):
        for c in set(mixed.transitive_subjects(RDFS.subClassOf, cls)):
            out.update(mixed.subjects(RDF.type, c))
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        out.update(mixed.subjects(p, None))
    for p in shapes.objects(shape, SH.targetObjectsOf):
        out.update(mixed.objects(None, p))
    out.update(shapes.objects(shape, SH.targetNode))
    return len(out)


_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


def _shape_groups(mixed: Graph, shapes: Graph, workers: int) -> list[list[str]]:
    """The targeted shapes split into ``workers`` groups of similar cost (greedy by focus
    node count). Shapes without targets (used through sh:node) go into every group."""
    targeted = sorted({s for t in _TARGETS for s in shapes.subjects(t, None)}, key=str)
    cost = sorted(((_focus_count(mixed, shapes, s), str(s)) for s in targeted), reverse=True)
    groups: list[list[str]] = [[] for _ in range(workers)]
    load = [0] * workers
    for c, s in cost:
        i = load.index(min(load))
        groups[i].append(s)
        load[i] += c + 1
    # pySHACL only evaluates the listed shapes, nested ones (sh:node, qualified) included
    helpers = sorted(
        str(s)
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if isinstance(s, URIRef) and str(s) not in {str(t) for t in targeted}
    )
    return [g + helpers for g in groups if g]


def _validate_core(use_shapes: list[str] | None) -> tuple[list[Any], str]:
    """pySHACL on the shared graph with some of the shapes (all if None): the violations (read
    here, where the report's blank-node shape references still match the shapes graph) and
    the report as N-Triples."""
    import pyshacl

    from kg.validate import _collect

    assert _MIXED is not None and _CORE_SHAPES is not None
    conforms, report, _ = pyshacl.validate(
        _MIXED,
        shacl_graph=_CORE_SHAPES,
        inference="none",
        advanced=True,
        allow_warnings=True,
        use_shapes=use_shapes,
    )
    assert isinstance(report, Graph)
    return _collect(report), report.serialize(format="nt")


def _core_reports(mixed: Graph, workers: int, parallel_min: int) -> tuple[list[Any], list[Graph]]:
    global _MIXED, _CORE_SHAPES
    _MIXED, _CORE_SHAPES = mixed, core_shapes()
    try:
        chunks: list[list[str] | None] = [None]
        if workers > 1 and len(mixed) >= parallel_min:
            chunks = list(_shape_groups(mixed, _CORE_SHAPES, workers))
        if len(chunks) == 1:
            results = [_validate_core(None)]
        else:
            import multiprocessing as mp

            with mp.get_context("fork").Pool(len(chunks)) as pool:
                results = pool.map(_validate_core, chunks)
    finally:
        _MIXED = _CORE_SHAPES = None
    violations, reports = [], []
    for vs, text in results:
        violations += vs
        g = Graph()
        g.parse(data=text, format="nt")
        reports.append(g)
    return violations, reports


# --------------------------------------------------------------------------- sh:sparql


def _prefixes(shapes: Graph, node: Any) -> str:
    lines = []
    for decl_owner in shapes.objects(node, SH.prefixes):
        for d in shapes.objects(decl_owner, SH.declare):
            pfx, ns = shapes.value(d, SH.prefix), shapes.value(d, SH.namespace)
            if pfx is not None and ns is not None:
                lines.append(f"PREFIX {pfx}: <{ns}>")
    return "\n".join(sorted(set(lines)))


def _target_select(shapes: Graph, shape: Any) -> str | None:
    parts = []
    for cls in shapes.objects(shape, SH.targetClass):
        parts.append(
            f"{{ ?this a ?__c . ?__c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> }}"
        )
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"{{ ?this <{p}> ?__o }}")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"{{ ?__s <{p}> ?this }}")
    nodes = [n for n in shapes.objects(shape, SH.targetNode) if isinstance(n, URIRef)]
    if nodes:
        parts.append("{ VALUES ?this { " + " ".join(f"<{n}>" for n in nodes) + " } }")
    if not parts:
        return None
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"


def _sparql_constraints(shapes: Graph) -> list[tuple[Any, Any, str, list[Literal], str]]:
    """(shape, constraint node, SELECT text, messages, prefixes) of each active constraint."""
    out = []
    for shape, c in shapes.subject_objects(SH.sparql):
        if shapes.value(c, SH.deactivated) == Literal(True):
            continue
        select = shapes.value(c, SH.select)
        if select is None:
            continue
        msgs = list(shapes.objects(c, SH.message))
        out.append((shape, c, str(select), msgs, _prefixes(shapes, c)))
    return out


def _run_sparql_constraints(store: Any, report: Graph) -> None:
    from kg.endpoint import _scan_groups
    from kg.store import from_ox
    from kg.validate import shapes_graph

    shapes = shapes_graph()
    for shape, c, select, msgs, prefixes in _sparql_constraints(shapes):
        targets = _target_select(shapes, shape)
        if targets is None:
            continue
        text = re.sub(r"\$this\b", "?this", select)
        groups = [g for g in _scan_groups(text) if g[1] == 0]
        at = groups[0][0]
        text = prefixes + "\n" + text[:at] + " " + targets + " " + text[at:]
        severity = shapes.value(shape, SH.severity) or SH.Violation
        seen = set()
        res = store.query(text)
        names = [v.value for v in res.variables]
        for sol in res:
            row = {n: from_ox(sol[n]) for n in names}
            this = row.pop("this", None)
            path, value = row.pop("path", None), row.pop("value", None)
            key = (this, path, value, tuple(sorted(row.items(), key=lambda kv: kv[0])))
            if key in seen:
                continue
            seen.add(key)
            fdict = dict(row)
            if this is not None:
                fdict["this"] = this
            if path is not None:
                fdict["path"] = path
            if value is not None:
                fdict["value"] = value
            r = BNode()
            report.add((r, RDF.type, SH.ValidationResult))
            report.add((r, SH.sourceShape, shape))
            report.add((r, SH.sourceConstraint, c))
            report.add((r, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            report.add((r, SH.resultSeverity, severity))
            report.add((r, SH.focusNode, this))
            report.add((r, SH.value, value if value is not None else this))
            if path is not None:
                report.add((r, SH.resultPath, path))
            for m in msgs:
                msg = str(m)
                for var, val in fdict.items():
                    msg = re.sub(f"{{[?$]{var}}}", str(val), msg)
                report.add((r, SH.resultMessage, Literal(msg)))


def _mixed_store(mixed: Graph) -> Any:
    from kg.store import dataset_to_store

    return dataset_to_store((s, p, o, None) for s, p, o in mixed)


def validate_fast(
    data: Graph, *, checks: bool = True, workers: int | None = None, parallel_min: int = 20_000
) -> Any:
    """Same Report as ``kg.validate.validate_graph(data)``, computed as the module explains.
    ``workers``: processes for the core constraints (default 1, or $KG_VALIDATE_WORKERS: on 2
    cores the split by shapes did not pay -- copy-on-write pages get copied as Python touches
    reference counts, and one shape, S13 on evidence, dominates), used when
    the graph has at least ``parallel_min`` triples."""
    from kg.validate import Report, _collect, ontology_mixed_in

    workers = workers if workers is not None else int(os.environ.get("KG_VALIDATE_WORKERS", "1"))
    with ontology_mixed_in(data) as mixed:
        violations, reports = _core_reports(mixed, workers, parallel_min)
        store = _mixed_store(mixed)
    sparql_report = Graph()
    _run_sparql_constraints(store, sparql_report)
    violations += _collect(sparql_report)
    report = Graph()
    for g in [*reports, sparql_report]:
        report += g
    bind_prefixes(report)
    if checks:
        from kg.query import StoreBackend
        from kg.validate import run_checks

        violations += run_checks(StoreBackend(store))
    violations.sort(key=lambda v: (v.shape, v.focus, v.path or "", v.message))
    return Report(conforms=not violations, violations=violations, report_graph=report)


__all__ = ["core_shapes", "validate_fast"]

"""Validate a graph: SHACL (ontology/shapes.ttl, pySHACL) then the SPARQL checks in
queries/checks/*-violation.rq, which must return no rows.

The ontology and vocabularies are mixed into the data graph for the duration of the
validation (``ontology_mixed_in``, removed afterwards), so that ``sh:class`` follows
rdfs:subClassOf and scheme membership is visible; the caller's graph ends as it was.
Each result names its shape id (``S07-participation``),
focus node and message. SHACL spec: https://www.w3.org/TR/shacl/ (sections 2.1.3 targets,
4 core constraints, 5 SPARQL constraints).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg import paths
from kg.namespaces import SCSH, bind_prefixes


@dataclass(frozen=True)
class Violation:
    shape: str  # stable shape id (S07-participation) or check name
    focus: str
    path: str | None
    message: str
    severity: str = "Violation"

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"[{self.shape}] {self.focus}{where}: {self.message}"


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    report_graph: Graph | None = None

    def summary(self) -> str:
        if self.conforms:
            return "No violations"
        lines = [f"{len(self.violations)} violation(s):"]
        lines += ["  " + v.line() for v in self.violations]
        return "\n".join(lines)


@cache
def shapes_graph() -> Graph:
    g = Graph()
    g.parse(paths.shapes_file(), format="turtle")
    return g


@cache
def ontology_graph() -> Graph:
    g = Graph()
    g.parse(paths.ontology_file(), format="turtle")
    g.parse(paths.vocab_file(), format="turtle")
    return g


def _shape_id(report: Graph, result: URIRef) -> str:
    """Walk from a result's sourceShape up to the named shape (S..) it belongs to."""
    shape = report.value(result, SH.sourceShape)
    prefix = str(SCSH)
    # property shapes are blank nodes: find the node shape that declares them
    seen = set()
    while shape is not None and not str(shape).startswith(prefix) and shape not in seen:
        seen.add(shape)
        parent = None
        for p in (SH.property, SH.sparql):
            parent = next(shapes_graph().subjects(p, shape), None)
            if parent is not None:
                break
        shape = parent
    return str(shape)[len(prefix) :] if shape is not None and str(shape).startswith(prefix) else "?"


def sparql_path(
    node: object, graph: Graph, iri: Callable[[URIRef], str], group: Callable[[str], str]
) -> str | None:
    """A SHACL path (SHACL 2.3.1) in SPARQL property-path syntax, IRIs written by ``iri`` and
    compound parts wrapped by ``group``; None if ``node`` is no path ``graph`` describes."""
    from rdflib.collection import Collection

    def sub(n: object) -> str | None:
        out = sparql_path(n, graph, iri, group)
        return None if out is None else group(out)

    if isinstance(node, URIRef):
        return iri(node)
    if (node, RDF.first, None) in graph:
        parts = [sub(p) for p in Collection(graph, node)]
        return None if None in parts else "/".join(parts)  # type: ignore[arg-type]
    for pred, fmt in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(node, pred)  # type: ignore[arg-type]
        if inner is not None:
            part = sub(inner)
            return None if part is None else fmt.format(part)
    alt = graph.value(node, SH.alternativePath)  # type: ignore[arg-type]
    if alt is not None:
        parts = [sub(p) for p in Collection(graph, alt)]
        return None if None in parts else "|".join(parts)  # type: ignore[arg-type]
    return None


def path_label(node: object, graph: Graph) -> str:
    """A SHACL path as a SPARQL property path with prefixed names (``oa:hasTarget/oa:hasSource``,
    ``^sc:hasParticipation``); ``graph`` holds the path's structure (the shapes or the report)."""
    ns = Graph()
    bind_prefixes(ns)
    label = sparql_path(node, graph, lambda u: _short(u, ns), _wrap)
    return str(node) if label is None else label


def _wrap(label: str) -> str:
    return f"({label})" if any(c in label for c in "/|^*+?") else label


def _short(node: object, graph: Graph) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:  # noqa: BLE001 - fall back to the full IRI
            return f"<{node}>"
    return str(node)


FAST_THRESHOLD = 50_000  # quads; kg.pipeline.build validates larger graphs on the store


@contextmanager
def ontology_mixed_in(data: Graph) -> Iterator[Graph]:
    """``data`` with the ontology and vocabularies added for the duration of the block, then
    removed again (only the triples it did not already hold), so ``sh:class`` sees
    rdfs:subClassOf and skos:inScheme. Borrowing the caller's graph instead of copying it saves
    one whole copy of the data (gigabytes at a million triples); do not use ``data`` from
    another thread meanwhile."""
    added = [t for t in ontology_graph() if t not in data]
    for t in added:
        data.add(t)
    try:
        yield data
    finally:
        for t in added:
            data.remove(t)


def validate_graph(data: Graph, *, checks: bool = True, fast: bool = False) -> Report:
    """SHACL-validate ``data`` and run the SPARQL checks. Returns a Report (never raises on
    non-conformance). ``fast=True``: the same results computed on an Oxigraph copy of the
    data with the shapes compiled to SPARQL (kg.validate_store; much faster on large graphs).
    """
    if fast:
        from kg.namespaces import ID
        from kg.store import dataset_to_store
        from kg.validate_store import validate_store

        return validate_store(
            dataset_to_store((s, p, o, ID["graph/data"]) for s, p, o in data), checks=checks
        )
    import pyshacl

    with ontology_mixed_in(data) as mixed:
        conforms, report, _text = pyshacl.validate(
            mixed,
            shacl_graph=shapes_graph(),
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
    assert isinstance(report, Graph)
    bind_prefixes(report)
    violations = _collect(report)
    if checks:
        violations += run_checks(data)
    violations.sort(key=lambda v: (v.shape, v.focus, v.path or "", v.message))
    return Report(conforms=not violations, violations=violations, report_graph=report)


def _collect(report: Graph) -> list[Violation]:
    """The top-level results of a SHACL report graph as Violations."""
    ns = Graph()
    bind_prefixes(ns)
    violations = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, r) in report:  # nested detail of another result
            continue
        sev = report.value(r, SH.resultSeverity)
        violations.append(
            Violation(
                shape=_shape_id(report, r),
                focus=_short(report.value(r, SH.focusNode), ns),
                path=_path_of(report, r),
                message=str(report.value(r, SH.resultMessage) or ""),
                severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
            )
        )
    return violations


def _path_of(report: Graph, result: object) -> str | None:
    """The result's path as a property path; its structure is read from the report, or from
    the shapes graph when the report only names the node."""
    node = report.value(result, SH.resultPath)
    if node is None:
        return None
    has_structure = any(True for _ in report.predicate_objects(node))
    return path_label(node, report if has_structure else shapes_graph())


def run_checks(data: Graph | Any) -> list[Violation]:
    """Run queries/checks/*-violation.rq; each row is a violation.

    ``data``: an rdflib Graph, or any query backend of kg.query (the fast path passes its
    Oxigraph store as a StoreBackend)."""
    from kg.query import GraphBackend, load_query

    backend = GraphBackend(data) if isinstance(data, Graph) else data
    out = []
    ns = Graph()
    bind_prefixes(ns)
    for f in sorted((paths.queries_dir() / "checks").glob("*-violation.rq")):
        q = load_query(f)
        res = backend.run(q.prepared() if isinstance(backend, GraphBackend) else q.text)
        for d in res.rows:
            focus = d.get("focus")
            out.append(
                Violation(
                    shape=q.name,
                    focus=_short(focus, ns) if focus else "-",
                    path=None,
                    message=str(d.get("message") or q.summary),
                )
            )
    return out


def write_report(report: Report, path: Path) -> None:
    """Write the SHACL report graph (Turtle) atomically beside the output."""
    from kg.export import atomic_write_bytes

    g = report.report_graph if report.report_graph is not None else Graph()
    atomic_write_bytes(path, g.serialize(format="longturtle").encode("utf-8"))

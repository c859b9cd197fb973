"""The build stage end to end: seeds -> facts -> RDF -> validation -> files in out/.

``build(...)`` is what ``kg build`` runs and what a notebook calls. Files are written
atomically; the graph is also persisted to the store (``out/store``, see kg/store.py) under its
write lock, taken before any work so that a second writer fails at once. When the graph
does not conform, ``kg.ttl``/``kg.trig`` are left as they were
(the rejected graph goes to ``kg.rejected.ttl`` for inspection) and the SHACL report is
written beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph

from kg.build import build_dataset, union_graph
from kg.export import atomic_write_bytes, trig_bytes, turtle_bytes
from kg.facts import FactBase
from kg.seeds import load_seeds
from kg.validate import FAST_THRESHOLD, Report, validate_graph, write_report


@dataclass
class BuildResult:
    facts: FactBase
    dataset: Dataset
    graph: Graph
    report: Report | None
    written: list[Path]

    @property
    def conforms(self) -> bool:
        return self.report is None or self.report.conforms


def build(
    seeds: Path,
    sources: Iterable[Path] = (),
    out: Path | None = Path("out"),
    *,
    extra_facts: Iterable[Path] = (),
    validate: bool = True,
    warn: Callable[[str], None] | None = None,
    store: Path | None = None,
    persist: bool = True,
) -> BuildResult:
    """Load and check the seeds (and the ``extra_facts`` folders, e.g. what ``kg ingest``
    extracted), build the dataset, validate it, write out/ (if ``out``) and, when it conforms
    and ``persist``, replace the store (``store``, default ``out/store``) atomically."""
    if out is None or not persist:
        return _build(seeds, sources, out, extra_facts, validate, warn, None)
    from kg import store as kgstore

    store_dir = Path(store) if store is not None else Path(out) / "store"
    with kgstore.writer_lock(store_dir):
        return _build(seeds, sources, out, extra_facts, validate, warn, store_dir)


def _build(
    seeds: Path,
    sources: Iterable[Path],
    out: Path | None,
    extra_facts: Iterable[Path],
    validate: bool,
    warn: Callable[[str], None] | None,
    store_dir: Path | None,
) -> BuildResult:
    fb = load_seeds(seeds, list(sources), extra_facts=list(extra_facts), warn=warn)
    ds = build_dataset(fb)
    g = union_graph(ds)
    report = validate_graph(g, fast=len(g) > FAST_THRESHOLD) if validate else None
    written: list[Path] = []
    if out is not None:
        out = Path(out)
        ok = report is None or report.conforms
        targets = (
            [(out / "kg.ttl", turtle_bytes(g)), (out / "kg.trig", trig_bytes(ds))]
            if ok
            else [(out / "kg.rejected.ttl", turtle_bytes(g))]
        )
        for path, data in targets:  # serialise everything first, then rename into place
            atomic_write_bytes(path, data)
            written.append(path)
        if ok:  # a rejected graph of an earlier run no longer describes anything
            (out / "kg.rejected.ttl").unlink(missing_ok=True)
        if report is not None:
            write_report(report, out / "shacl-report.ttl")
            written.append(out / "shacl-report.ttl")
        if ok and store_dir is not None:
            from kg import store as kgstore

            written.append(kgstore.write_snapshot(store_dir, kgstore.from_dataset(ds)))
    return BuildResult(fb, ds, g, report, written)

"""The build stage end to end: seeds -> facts -> RDF -> validation -> files in out/.

``build(...)`` is what ``kg build`` runs and what a notebook calls. Two routes, chosen by
size (``SCALE_THRESHOLD`` quads, counted by a first pass of the builder):

Both start alike: the builder writes N-Quads straight into an in-memory Oxigraph store and
a spool file, and the shapes run on the store compiled to SPARQL (kg.validate_store: the
same violations as pySHACL, the reference, tested; pySHACL itself if the shapes use a feature
the compiler does not translate). Then:

- up to the threshold, an rdflib Dataset is built for rdflib's ``longturtle`` (readable
  diffs of kg.ttl/kg.trig);
- above it, no rdflib graph at all: kg.ttl/kg.trig are streamed by Oxigraph from the spool
  sorted on disk. At a million triples this is the difference between gigabytes and a few
  hundred megabytes (bench/RESULTS.md).

Both give the same graph (tested). Files are written
atomically; the graph is also persisted to the store (``out/store``, see kg/store.py) under its
write lock, taken before any work so that a second writer fails at once. When the graph
does not conform, ``kg.ttl``/``kg.trig`` are left as they were
(the rejected graph goes to ``kg.rejected.ttl`` for inspection) and the SHACL report is
written beside them.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from kg.build import build_dataset, build_nquads, union_graph
from kg.export import atomic_write_bytes, fsync_folder, trig_bytes, turtle_bytes
from kg.facts import FactBase
from kg.seeds import load_seeds
from kg.validate import FAST_THRESHOLD, Report, validate_graph, write_report


@dataclass
class BuildResult:
    """What a build made. ``dataset``/``graph`` (rdflib) are made on first use when the build
    took the store route; ``store`` is the Oxigraph store then (None on the rdflib route)."""

    facts: FactBase
    report: Report | None
    written: list[Path]
    triples: int
    store: Any = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order
    _dataset: Dataset | None = field(default=None, repr=False)
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def conforms(self) -> bool:
        return self.report is None or self.report.conforms

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = build_dataset(self.facts)
        return self._dataset

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = union_graph(self.dataset)
        return self._graph


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
    scale_threshold: int | None = None,
) -> BuildResult:
    """Load and check the seeds (and the ``extra_facts`` folders, e.g. what ``kg ingest``
    extracted), build the graph, validate it, write out/ (if ``out``) and, when it conforms
    and ``persist``, replace the store (``store``, default ``out/store``) atomically.
    ``scale_threshold``: quads above which the store route is taken (default
    ``SCALE_THRESHOLD``; 0 forces it, e.g. to compare the routes)."""
    if out is None or not persist:
        return _build(seeds, sources, out, extra_facts, validate, warn, None, scale_threshold)
    from kg import store as kgstore

    store_dir = Path(store) if store is not None else Path(out) / "store"
    with kgstore.writer_lock(store_dir):
        _remove_stale_spools(Path(out))
        return _build(seeds, sources, out, extra_facts, validate, warn, store_dir, scale_threshold)


SCALE_THRESHOLD = FAST_THRESHOLD  # quads; above it the store route (module docstring)


def _remove_stale_spools(out: Path) -> None:
    """Spool folders a killed build left behind (we hold the store's write lock, so no
    other build of this store is running)."""
    import shutil

    for d in Path(out).glob(".build-*"):
        shutil.rmtree(d, ignore_errors=True)


def scale_threshold_default() -> int:
    """``SCALE_THRESHOLD``, or $KG_SCALE_THRESHOLD (0 forces the store route)."""
    return int(os.environ.get("KG_SCALE_THRESHOLD", SCALE_THRESHOLD))


def _build(
    seeds: Path,
    sources: Iterable[Path],
    out: Path | None,
    extra_facts: Iterable[Path],
    validate: bool,
    warn: Callable[[str], None] | None,
    store_dir: Path | None,
    scale_threshold: int | None = None,
) -> BuildResult:
    import pyoxigraph as ox

    clock = _Clock()
    fb = load_seeds(seeds, list(sources), extra_facts=list(extra_facts), warn=warn)
    clock.lap("load facts")
    limit = scale_threshold_default() if scale_threshold is None else scale_threshold
    if out is not None:
        Path(out).mkdir(parents=True, exist_ok=True)
    # the builder writes N-Quads into a store and a spool; small graphs then take the rdflib
    # route instead (one more pass of the builder, a fraction of a second at that size)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out) as tmp:
        store, spool = ox.Store(), Path(tmp) / "quads.nq"
        with open(spool, "wb") as f:

            def write(chunk: bytes) -> None:
                f.write(chunk)
                store.load(chunk, ox.RdfFormat.N_QUADS)

            n = build_nquads(fb, write)
        clock.lap("build RDF into the store")
        report = None
        if validate:
            report = validate_on_store(store, lambda: union_graph(build_dataset(fb)))
        clock.lap("validate")
        if n > limit:
            return _build_on_store(fb, store, spool, out, report, store_dir, clock)
    ds = build_dataset(fb)  # the small route: rdflib's longturtle for readable diffs
    g = union_graph(ds)
    clock.lap("build rdflib graph")
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
        _finish(out, report, written)
        clock.lap("write files")
        if ok and store_dir is not None:
            from kg import store as kgstore

            written.append(kgstore.write_snapshot(store_dir, store))
            clock.lap("write store snapshot")
    return BuildResult(fb, report, written, len(g), None, clock.laps, ds, g)


def validate_on_store(store: Any, graph: Callable[[], Graph]) -> Report:
    """The shapes and checks on the store, compiled to SPARQL (kg.validate_store); pySHACL on
    ``graph()`` (the same data as rdflib reads it) if the shapes use a feature the compiler
    does not translate. Not on a copy of the store: Oxigraph keeps integer-derived literals
    as xsd:integer, which pySHACL would then reject."""
    from kg.validate_store import Unsupported, validate_store

    try:
        return validate_store(store)
    except Unsupported:
        return validate_graph(graph())


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._t = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._t
        self._t = now


def _finish(out: Path, report: Report | None, written: list[Path]) -> None:
    if report is None or report.conforms:  # a rejected graph of an earlier run is stale
        (out / "kg.rejected.ttl").unlink(missing_ok=True)
    if report is not None:
        write_report(report, out / "shacl-report.ttl")
        written.append(out / "shacl-report.ttl")


def _build_on_store(
    fb: FactBase,
    store: Any,
    spool: Path,
    out: Path | None,
    report: Report | None,
    store_dir: Path | None,
    clock: _Clock,
) -> BuildResult:
    """The store route, once the builder has filled ``store`` and ``spool``: shapes on the
    store; files from the spool sorted on disk (deterministic whatever the input order)."""
    from kg.export import sort_lines, write_sorted_rdf

    tmp = spool.parent
    ok = report is None or report.conforms
    triples_nt = tmp / "triples.nt"
    with open(spool, "rb") as src, open(tmp / "triples.raw", "wb") as dst:
        dst.writelines(_spool_triple(line) for line in src)
    triples = sort_lines(tmp / "triples.raw", triples_nt)
    written: list[Path] = []
    if out is not None:
        out = Path(out)
        if ok:
            quads_nq = tmp / "quads.sorted.nq"
            sort_lines(spool, quads_nq, key=lambda ln: (_spool_graph(ln), ln))
            files = [
                (write_sorted_rdf(triples_nt, tmp / "kg.ttl", "N_TRIPLES", "TURTLE"), "kg.ttl"),
                (write_sorted_rdf(quads_nq, tmp / "kg.trig", "N_QUADS", "TRIG"), "kg.trig"),
            ]
        else:
            rejected = write_sorted_rdf(triples_nt, tmp / "kg.rejected.ttl", "N_TRIPLES", "TURTLE")
            files = [(rejected, "kg.rejected.ttl")]
        for path, name in files:  # all serialised; now rename into place (same folder tree)
            os.replace(path, out / name)
            written.append(out / name)
        fsync_folder(out)
        _finish(out, report, written)
    clock.lap("write files")
    if ok and store_dir is not None:
        from kg import store as kgstore

        written.append(kgstore.write_snapshot(store_dir, store))
        clock.lap("write store snapshot")
    return BuildResult(fb, report, written, triples, store, clock.laps)


# Spool lines are the builder's own: every one ends with its graph label, ``<g> .`` (a general
# N-Quads line needs kg.export's tokenizer; here the last " <" is the label, 2-3x faster).
def _spool_triple(line: bytes) -> bytes:
    return line[: line.rfind(b" <")] + b" .\n"


def _spool_graph(line: bytes) -> bytes:
    return line[line.rfind(b" <") + 1 : line.rfind(b">") + 1]

"""The persistent store: an N-Quads snapshot in ``out/store/`` reloaded into an in-memory
Oxigraph ``Store`` for querying.

Why a snapshot and not Oxigraph's on-disk (RocksDB) store: queries must run at in-memory
speed, and the on-disk store answered our joins 6-10x slower than the in-memory one, while
reloading a snapshot costs ~1.5-3 s per million triples (bench/RESULTS.md has the figures).

Layout of a store folder::

    store/
      snapshot.nq   # header comment, the quads (one named graph per source document plus the
                    # gazetteer graph), footer comment "# end of snapshot: N quads"
      .lock         # flock()ed by the one writer; holds its pid

Writes are atomic: the new snapshot is written beside the old one (``.snapshot.nq.*.tmp``),
fsynced, renamed over it and the folder fsynced, so a crash at any point leaves either the old
or the new snapshot, never half of one. The footer is checked on load as well, so a truncated
file (copied by hand, disk full) is refused instead of answering from half a graph.
A second writer fails at once with "store is in use" (``StoreBusy``); readers never wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import KGError

SNAPSHOT = "snapshot.nq"
LOCK = ".lock"
HEADER = b"# seccoop-kg store snapshot v1 (N-Quads)\n"
_FOOTER_RE = re.compile(rb"# end of snapshot: (\d+) quads\s*$")


class StoreError(KGError):
    """A store that cannot be read or written."""


class StoreBusy(StoreError):
    """Another process is writing the store."""


# --------------------------------------------------------------------------- lock


@contextlib.contextmanager
def writer_lock(store_dir: Path) -> Iterator[None]:
    """Hold the store's write lock for the duration of the block; raise ``StoreBusy`` at
    once if another process holds it (flock is released by the kernel if the holder dies)."""
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(store_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise StoreBusy(
                f"{store_dir}: store is in use by another writer (pid {holder}); "
                "try again when it has finished"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _remove_stale_temps(store_dir)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _remove_stale_temps(store_dir: Path) -> None:
    for tmp in store_dir.glob(f".{SNAPSHOT}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


# --------------------------------------------------------------------------- terms


def to_ox(term: Any) -> Any:
    """rdflib term -> pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def from_ox(term: Any) -> Any:
    """pyoxigraph term -> rdflib term (None stays None)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    kind = type(term)
    if kind is ox.NamedNode:
        return URIRef(term.value)
    if kind is ox.Literal:
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == _XSD_STRING else Literal(term.value, datatype=dt)
    if kind is ox.BlankNode:
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


def dataset_to_store(quads: Iterable[tuple[Any, Any, Any, Any]]) -> Any:
    """rdflib quads (s, p, o, graph-or-graph-id) -> in-memory pyoxigraph Store."""
    import pyoxigraph as ox
    from rdflib import Graph

    store = ox.Store()
    cache: dict[Any, Any] = {}

    def conv(t: Any) -> Any:
        v = cache.get(t)
        if v is None:
            v = cache[t] = to_ox(t)
        return v

    batch = []
    for s, p, o, g in quads:
        gid = g.identifier if isinstance(g, Graph) else g
        if gid is None or str(gid).startswith("urn:x-rdflib:default"):
            graph = ox.DefaultGraph()
        else:
            graph = conv(gid)
        batch.append(ox.Quad(conv(s), conv(p), conv(o), graph))
        if len(batch) >= 100_000:
            store.extend(batch)
            batch = []
    store.extend(batch)
    return store


def from_dataset(ds: Any) -> Any:
    """rdflib Dataset -> in-memory pyoxigraph Store, through rdflib's N-Quads writer (about
    twice as fast as converting term by term). rdflib's default graph stays the default."""
    import pyoxigraph as ox

    data = ds.serialize(format="nquads", encoding="utf-8")
    store = ox.Store()
    store.load(data, ox.RdfFormat.N_QUADS)
    default = ox.NamedNode("urn:x-rdflib:default")
    if default in set(store.named_graphs()):
        store.extend(
            ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
            for q in store.quads_for_pattern(None, None, None, default)
        )
        store.remove_graph(default)
    return store


# --------------------------------------------------------------------------- snapshot


def snapshot_path(store_dir: Path) -> Path:
    return Path(store_dir) / SNAPSHOT


def exists(store_dir: Path) -> bool:
    return snapshot_path(store_dir).is_file()


def write_snapshot(store_dir: Path, store: Any) -> Path:
    """Atomically replace ``store_dir/snapshot.nq`` with the quads of ``store`` (a pyoxigraph
    Store). The caller holds ``writer_lock(store_dir)``."""
    import pyoxigraph as ox

    from kg.export import atomic_write

    def write(f: Any) -> None:
        f.write(HEADER)
        store.dump(f, ox.RdfFormat.N_QUADS)
        f.write(f"# end of snapshot: {len(store)} quads\n".encode())

    return atomic_write(snapshot_path(Path(store_dir)), write, fsync_dir=True)


def save(store_dir: Path, store: Any) -> Path:
    """Take the write lock and replace the snapshot (``StoreBusy`` if another writer runs)."""
    with writer_lock(store_dir):
        return write_snapshot(store_dir, store)


def _check_complete(path: Path) -> int:
    """Header and footer present: returns the quad count the footer records."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(HEADER))
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - 80))
            tail = f.read()
    except OSError as e:
        raise StoreError(f"{path}: cannot read the store: {e.strerror}") from None
    m = _FOOTER_RE.search(tail)
    if head != HEADER or not m:
        raise StoreError(
            f"{path}: incomplete or foreign store snapshot (no header/footer); "
            "rebuild it with `kg build`"
        )
    return int(m.group(1))


def load(store_dir: Path) -> Any:
    """The store's snapshot in a fresh in-memory pyoxigraph Store (checked whole)."""
    import pyoxigraph as ox

    path = snapshot_path(store_dir)
    if not path.is_file():
        raise StoreError(f"{store_dir}: no store yet; run `kg build` first")
    expected = _check_complete(path)
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, ValueError, OSError) as e:
        raise StoreError(f"{path}: corrupt store snapshot: {e}") from None
    if len(store) != expected:
        raise StoreError(
            f"{path}: store snapshot holds {len(store)} quads, its footer says {expected}; "
            "rebuild it with `kg build`"
        )
    return store


__all__ = [
    "StoreBusy",
    "StoreError",
    "dataset_to_store",
    "exists",
    "from_dataset",
    "load",
    "save",
    "write_snapshot",
    "writer_lock",
]

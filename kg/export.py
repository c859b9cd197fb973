"""Reading and writing RDF files: atomic writes, deterministic serialisations, safe parsing.

Writes go to a temporary file in the target folder and are renamed into place, so a failed
run never leaves a half-written file. Turtle uses rdflib's ``longturtle`` (sorted subjects and
predicates, PREFIX style); TriG is assembled graph by graph in IRI order from the same
serialiser, so a rebuild gives byte-identical files.

Parsing never reaches the network: formats are chosen from the file extension, and JSON-LD
documents with a remote ``@context`` are refused (the project's context ships in
ontology/context.jsonld).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import Dataset, Graph

from kg.errors import KGError
from kg.namespaces import bind_prefixes

RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".n3": "n3",
}
QUAD_FORMATS = {"nquads", "trig"}


class RDFFileError(KGError):
    """An RDF file that cannot be read or parsed, with file (and line where known)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, write: Callable[[BinaryIO], None], *, fsync_dir: bool = False) -> Path:
    """Write ``path`` through ``write(file)`` into a temp file in the same folder, fsync it and
    rename it into place: readers see the old file or the new one, never part of either.
    ``fsync_dir`` also syncs the folder, so the rename itself survives a power cut."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp creates 0600; outputs get the usual mode
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        if fsync_dir:
            fsync_folder(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def fsync_folder(folder: Path) -> None:
    """fsync a folder, so that renames into it survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file + rename in the same folder."""
    atomic_write(path, lambda f: f.write(data))


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escape_controls(text: str) -> str:
    """Write control characters as \\uXXXX escapes. rdflib's serialisers emit them raw (only
    \\n, \\r, \\" and \\\\ are escaped) and its parser then rejects its own output; they
    only occur inside string literals, where a UCHAR escape is lossless."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


# Above this many triples kg.ttl / kg.trig are written by Oxigraph from sorted N-Triples /
# N-Quads: rdflib's longturtle took ~46 s per 100k triples (~8 min at 1M, bench/RESULTS.md), the
# sorted bulk path ~0.6 s per 100k. Both are deterministic; longturtle is prettier for diffs.
BULK_THRESHOLD = 50_000


def _bulk_prefixes() -> dict[str, str]:
    g = Graph(bind_namespaces="none")
    bind_prefixes(g)
    return {p: str(ns) for p, ns in sorted(g.namespaces())}


def _bulk_bytes(lines: list[bytes], in_format: str, out_format: str) -> bytes:
    """Sorted N-Triples/N-Quads lines -> Turtle/TriG by Oxigraph, in the given order."""
    import pyoxigraph as ox

    data = ox.parse(b"\n".join(lines) + b"\n", format=getattr(ox.RdfFormat, in_format))
    out = ox.serialize(data, format=getattr(ox.RdfFormat, out_format), prefixes=_bulk_prefixes())
    buf = io.BytesIO()
    _copy_sorting_prefixes(io.BytesIO(out), buf)
    return buf.getvalue()


def _copy_sorting_prefixes(src: BinaryIO, dst: BinaryIO) -> None:
    """Copy Oxigraph's Turtle/TriG output with its leading ``@prefix`` lines in sorted order:
    Oxigraph keeps prefixes in a map, and the files must not depend on its order."""
    import shutil

    head = []
    while (line := src.readline()).startswith(b"@prefix "):
        head.append(line)
    dst.writelines(sorted(head))
    dst.write(line)
    shutil.copyfileobj(src, dst, 1 << 20)


def sort_lines(
    src: Path, dst: Path, *, key: Callable[[bytes], Any] | None = None, run: int = 400_000
) -> int:
    """Sort the lines of ``src`` into ``dst`` without holding the file in memory (sorted runs
    of ``run`` lines, then a k-way merge), dropping duplicates. Returns the line count."""
    import heapq
    import itertools

    runs: list[Path] = []
    try:
        with open(src, "rb") as f:
            while chunk := list(itertools.islice(f, run)):
                chunk.sort(key=key)
                runs.append(dst.with_name(f"{dst.name}.run{len(runs)}"))
                with open(runs[-1], "wb") as r:
                    r.writelines(chunk)
                del chunk
        files = [open(r, "rb") for r in runs]  # noqa: SIM115 - closed below
        n, prev = 0, None
        try:
            with open(dst, "wb") as out:
                for line in heapq.merge(*files, key=key):
                    if line != prev:
                        out.write(line)
                        n += 1
                        prev = line
        finally:
            for fh in files:
                fh.close()
    finally:
        for r in runs:
            r.unlink(missing_ok=True)
    return n


# One N-Quads line as Oxigraph and our builder write it (single spaces): subject, predicate,
# object (IRI, blank node or literal with escapes, language or datatype), optional graph.
_NQUAD = re.compile(
    rb'^(<[^>]*>|_:\S+) (<[^>]*>) (<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)'
    rb"(?: (<[^>]*>|_:\S+))? \.\s*$"
)


def _split_nquad(line: bytes) -> tuple[bytes, bytes]:
    """(the triple part, the graph label or b"") of an N-Quads line."""
    m = _NQUAD.match(line)
    if m is None:
        raise ValueError(f"not an N-Quads line: {line[:200]!r}")
    return line[: m.end(3)], m.group(4) or b""


def quad_to_triple(line: bytes) -> bytes:
    """An N-Quads line -> the N-Triples line of its triple (the graph label dropped)."""
    return _split_nquad(line)[0] + b" .\n"


def _graph_term(line: bytes) -> bytes:
    """The graph label of an N-Quads line (b"" for the default graph)."""
    return _split_nquad(line)[1]


def write_sorted_rdf(src: Path, dst: Path, in_format: str, out_format: str) -> Path:
    """Sorted N-Triples/N-Quads file ``src`` -> Turtle/TriG file ``dst`` (a temp file of the
    caller's, fsynced, to be renamed into place), streamed through Oxigraph's serialiser, with
    the prefix lines in sorted order (deterministic)."""
    import pyoxigraph as ox

    raw = dst.with_name(dst.name + ".unsorted-prefixes")
    try:
        ox.serialize(
            ox.parse(path=str(src), format=getattr(ox.RdfFormat, in_format)),
            str(raw),
            format=getattr(ox.RdfFormat, out_format),
            prefixes=_bulk_prefixes(),
        )
        with open(raw, "rb") as t, open(dst, "wb") as f:
            _copy_sorting_prefixes(t, f)
            f.flush()
            os.fsync(f.fileno())
    finally:
        raw.unlink(missing_ok=True)
    return dst


def turtle_bytes(graph: Graph, *, bulk: bool | None = None) -> bytes:
    """Deterministic Turtle of ``graph``: rdflib's longturtle, or for graphs above
    ``BULK_THRESHOLD`` (``bulk=None``) Oxigraph's serialiser over the sorted triples."""
    if bulk if bulk is not None else len(graph) > BULK_THRESHOLD:
        nt = graph.serialize(format="nt", encoding="utf-8")
        lines = sorted({ln for ln in nt.split(b"\n") if ln.strip()})
        return _bulk_bytes(lines, "N_TRIPLES", "TURTLE")
    bind_prefixes(graph)
    return _escape_controls(graph.serialize(format="longturtle")).encode("utf-8")


def trig_bytes(ds: Dataset, *, bulk: bool | None = None) -> bytes:
    """Deterministic TriG: prefixes once, then each named graph (sorted by IRI) in longturtle;
    above ``BULK_THRESHOLD`` quads, Oxigraph's serialiser over the quads sorted by graph."""
    if bulk if bulk is not None else len(ds) > BULK_THRESHOLD:
        nq = ds.serialize(format="nquads", encoding="utf-8")
        lines = sorted(
            {ln for ln in nq.split(b"\n") if ln.strip()}, key=lambda ln: (_graph_term(ln), ln)
        )
        return _bulk_bytes(lines, "N_QUADS", "TRIG")
    parts: list[str] = []
    header: list[str] = []
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if len(ctx) == 0:
            continue
        g = Graph()
        bind_prefixes(g)
        for t in ctx:
            g.add(t)
        body = g.serialize(format="longturtle")
        lines = body.split("\n")  # not splitlines(): literals may hold \x0c, \x1c, U+2028
        n = 0  # the PREFIX block leads the serialisation; a literal line may start "PREFIX "
        while n < len(lines) and lines[n].startswith("PREFIX "):
            n += 1
        header = sorted(set(header) | set(lines[:n]))
        # no re-indentation: a triple-quoted literal's lines are part of its value
        content = "\n".join(lines[n:])
        name = ctx.identifier
        label = "" if str(name).startswith("urn:x-rdflib:default") else f"<{name}> "
        parts.append(f"GRAPH {label}{{\n{content.strip(chr(10))}\n}}\n" if label else content)
    return _escape_controls("\n".join(header) + "\n\n" + "\n".join(parts)).encode("utf-8")


def rdf_format(path: Path) -> str:
    fmt = RDF_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise RDFFileError(
            f"{path}: unknown RDF file extension (known: {', '.join(sorted(RDF_FORMATS))})"
        )
    return fmt


def _refuse_remote_context(path: Path, text: str) -> None:
    import json

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise RDFFileError(f"{path}:{e.lineno}: invalid JSON: {e.msg}") from None

    def walk(node: object) -> None:
        if isinstance(node, dict):
            ctx = node.get("@context")
            for c in ctx if isinstance(ctx, list) else [ctx]:
                if isinstance(c, str):
                    raise RDFFileError(
                        f"{path}: remote JSON-LD context {c!r} refused (no network "
                        "access); inline the context"
                    )
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)


def read_rdf(path: Path, *, dataset: bool = False) -> Graph:
    """Parse an RDF file (format from its extension) into a Graph, or a Dataset for quads.

    Raises RDFFileError naming the file (and line where the parser reports it).
    """
    path = Path(path)
    fmt = rdf_format(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RDFFileError(f"{path}: file not found") from None
    except UnicodeDecodeError as e:
        raise RDFFileError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise RDFFileError(f"{path}: cannot read: {e.strerror}") from None
    if fmt == "json-ld":
        _refuse_remote_context(path, text)
    g: Graph = Dataset() if (dataset or fmt in QUAD_FORMATS) else Graph()
    try:
        g.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as e:  # noqa: BLE001 - parsers raise many types; report file and message
        msg = str(e).strip().splitlines()
        raise RDFFileError(
            f"{path}: invalid {fmt}: {msg[0] if msg else type(e).__name__}"
            + (f" {msg[-1]}" if len(msg) > 1 else "")
        ) from None
    if isinstance(g, Dataset) and not dataset:
        union = Graph()
        for s, p, o, _ in g.quads((None, None, None, None)):
            union.add((s, p, o))
        bind_prefixes(union)
        return union
    return g


_OX_FORMATS = {
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "nquads": "N_QUADS",
    "trig": "TRIG",
    "xml": "RDF_XML",
    "n3": "N3",
}


_FORMAT_NAMES = {"nt": "N-Triples", "nquads": "N-Quads", "xml": "RDF/XML"}


def _ox_syntax_error(path: Path, fmt: str, e: SyntaxError) -> RDFFileError:
    """An Oxigraph parse error as file, format, problem and line."""
    msg = e.msg if "line" in e.msg or not e.lineno else f"{e.msg} (line {e.lineno})"
    return RDFFileError(f"{path}: invalid {_FORMAT_NAMES.get(fmt, fmt)}: {msg}")


def read_rdf_store(path: Path) -> Any:
    """Parse an RDF file into an in-memory Oxigraph store (triples into one named graph, quads
    into theirs): the fast way in for large files (``kg validate``). Same errors as
    ``read_rdf`` (file, line, problem); JSON-LD goes through ``read_rdf`` (remote contexts
    refused)."""
    import pyoxigraph as ox

    path = Path(path)
    fmt = rdf_format(path)
    if fmt not in _OX_FORMATS:
        from kg.store import dataset_to_store

        g = read_rdf(path, dataset=True)
        return dataset_to_store(g.quads((None, None, None, None)))
    store = ox.Store()
    graph = None if fmt in QUAD_FORMATS else ox.NamedNode(path.resolve().as_uri() + "#graph")
    try:
        store.load(
            path=str(path),
            format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]),
            base_iri=path.resolve().as_uri(),
            to_graph=graph,
        )
    except FileNotFoundError:
        raise RDFFileError(f"{path}: file not found") from None
    except SyntaxError as e:
        raise _ox_syntax_error(path, fmt, e) from None
    except (OSError, ValueError) as e:
        raise RDFFileError(f"{path}: cannot read: {e}") from None
    return store


# --------------------------------------------------------------------------- exports
# `kg export`: the build's dataset (one named graph per source document, plus the gazetteer)
# in any of EXPORT_FORMATS. N-Triples / N-Quads are written term by term here (sorted lines,
# every control character escaped), JSON-LD is compacted with the prefixes of
# ontology/context.jsonld (embedded, never referenced remotely), CSV is a folder of tidy tables
# made by the named queries queries/network-*.rq.

EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "csv")
EXPORT_EXTENSIONS = {
    "turtle": ".ttl",
    "ntriples": ".nt",
    "nquads": ".nq",
    "trig": ".trig",
    "jsonld": ".jsonld",
    "csv": "",
}
CSV_TABLES = ("events", "participations", "seizures", "memberships", "sources")


class ExportError(KGError):
    """An export that cannot be made (unknown format, nothing to export), worded for the user."""


def load_dataset(out_dir: Path = Path("out"), in_file: Path | None = None) -> Dataset:
    """The dataset to export: ``in_file`` (quads keep their graphs; triples go to the default
    graph), else the last build's ``kg.trig``, else its ``kg.ttl``."""
    if in_file is None:
        trig = Path(out_dir) / "kg.trig"
        in_file = trig if trig.is_file() else Path(out_dir) / "kg.ttl"
        if not in_file.is_file():
            raise ExportError(f"{in_file}: no graph yet; run `kg build` first, or pass --in FILE")
    parsed = read_rdf(in_file, dataset=True)
    ds = Dataset()
    bind_prefixes(ds)
    if isinstance(parsed, Dataset):
        for s, p, o, c in parsed.quads((None, None, None, None)):
            name = getattr(c, "identifier", c)
            if name is None or str(name).startswith("urn:x-rdflib:default"):
                ds.default_context.add((s, p, o))
            else:
                ds.graph(name).add((s, p, o))
    else:  # pragma: no cover - read_rdf(dataset=True) always gives a Dataset
        for t in parsed:
            ds.default_context.add(t)
    return ds


def _named_graphs(ds: Dataset) -> list[tuple[str | None, Graph]]:
    """(graph IRI or None for the default graph, graph) in IRI order, empty graphs left out."""
    out: list[tuple[str | None, Graph]] = []
    for ctx in ds.graphs():
        if len(ctx) == 0:
            continue
        name = str(ctx.identifier)
        out.append((None if name.startswith("urn:x-rdflib:default") else name, ctx))
    return sorted(out, key=lambda x: (x[0] is not None, x[0] or ""))


_NT_ESCAPES = {
    **{o: f"\\u{o:04X}" for o in (*range(0x20), 0x7F)},
    ord("\\"): "\\\\",
    ord('"'): '\\"',
    ord("\n"): "\\n",
    ord("\r"): "\\r",
}


def _nt_escape(text: str) -> str:
    """N-Triples string escapes: backslash, quote, CR, LF and the other controls as \\uXXXX."""
    return text.translate(_NT_ESCAPES)


def nt_term(term: object) -> str:
    """One RDF term in N-Triples syntax (IRIs, blank nodes, literals with escapes)."""
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        lex = f'"{_nt_escape(str(term))}"'
        if term.language:
            return f"{lex}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{lex}^^<{term.datatype}>"
        return lex
    raise ExportError(f"cannot write term {term!r}")


def ntriples_bytes(graph: Graph) -> bytes:
    """N-Triples of ``graph`` (for a Dataset: the union of its graphs), sorted, no duplicates."""
    if isinstance(graph, Dataset):
        triples = {(s, p, o) for s, p, o, _ in graph.quads((None, None, None, None))}
    else:
        triples = set(graph)
    lines = sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples})
    return "".join(lines).encode("utf-8")


def nquads_bytes(ds: Dataset) -> bytes:
    """N-Quads of ``ds``: each named graph's triples with its IRI, default graph without."""
    lines: set[str] = set()
    for name, g in _named_graphs(ds):
        label = "" if name is None else f" <{name}>"
        for s, p, o in g:
            lines.add(f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{label} .\n")
    return "".join(sorted(lines)).encode("utf-8")


def jsonld_context() -> dict:
    """The ``@context`` object shipped in ontology/context.jsonld (prefixes only)."""
    import json

    from kg import paths

    path = paths.jsonld_context_file()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ExportError(f"{path}: cannot read the JSON-LD context: {e}") from None
    ctx = doc.get("@context")
    if not isinstance(ctx, dict):
        raise ExportError(f"{path}: expected an object with an inline '@context' object")
    return ctx


def _compact(iri: str, prefixes: list[tuple[str, str]]) -> str:
    for prefix, ns in prefixes:
        if iri.startswith(ns) and len(iri) > len(ns):
            rest = iri[len(ns) :]
            if not rest.startswith("//"):
                return f"{prefix}:{rest}"
    return iri


def jsonld_bytes(ds: Dataset, context: dict | None = None) -> bytes:
    """JSON-LD 1.1 of ``ds`` with ``context`` (default: ontology/context.jsonld) embedded:
    one node object per subject in each named graph, properties and values sorted, literals
    as value objects with their datatype or language (lossless, no native-number rounding)."""
    import json

    from rdflib import BNode, Literal
    from rdflib.namespace import RDF, XSD

    context = jsonld_context() if context is None else context
    prefixes = sorted(
        ((k, v) for k, v in context.items() if isinstance(v, str) and not k.startswith("@")),
        key=lambda kv: (-len(kv[1]), kv[0]),
    )

    def ref(term: object) -> str:
        return f"_:{term}" if isinstance(term, BNode) else _compact(str(term), prefixes)

    def value(term: object) -> dict[str, str]:
        if isinstance(term, Literal):
            v = {"@value": str(term)}
            if term.language:
                v["@language"] = term.language
            elif term.datatype and term.datatype != XSD.string:
                v["@type"] = _compact(str(term.datatype), prefixes)
            return v
        return {"@id": ref(term)}

    def nodes(g: Graph) -> list[dict]:
        subjects: dict[object, dict[str, list]] = {}
        for s, p, o in g:
            props = subjects.setdefault(s, {})
            if p == RDF.type and not isinstance(o, Literal):
                props.setdefault("@type", []).append(ref(o))
            else:
                props.setdefault(ref(p), []).append(value(o))
        out = []
        for s in sorted(subjects, key=lambda t: (isinstance(t, BNode), str(t))):
            node: dict[str, object] = {"@id": ref(s)}
            for key in sorted(subjects[s], key=lambda k: (k != "@type", k)):
                vals = subjects[s][key]
                if key == "@type":
                    node[key] = sorted(set(vals))
                else:
                    uniq = {json.dumps(v, sort_keys=True): v for v in vals}
                    node[key] = [uniq[k] for k in sorted(uniq)]
            out.append(node)
        return out

    top: list[dict] = []
    for name, g in _named_graphs(ds):
        if name is None:
            top.extend(nodes(g))
        else:
            top.append({"@id": _compact(name, prefixes), "@graph": nodes(g)})
    doc = {"@context": context, "@graph": top}
    return (json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(sorted(rows))
    return buf.getvalue().encode("utf-8")


def csv_tables(backend: object) -> dict[str, bytes]:
    """Tidy CSV tables (RFC 4180, header row, sorted rows) from the named queries on
    ``backend``: events, participations, seizures, memberships, sources. Entities are given as
    IRIs with their labels beside them; vocabulary concepts as their codes."""
    from kg.query import find_query, run_named

    def rows(name: str) -> list[dict]:
        return run_named(backend, find_query(name), {}).rows

    def s(term: object) -> str:
        return "" if term is None else str(term)

    events = rows("network-events")
    labels = {s(r["event"]): s(r["label"]) for r in events}
    actors = {s(r["actor"]): r for r in rows("network-actors")}
    out: dict[str, bytes] = {}

    cols = [
        "event",
        "label",
        "event_type",
        "begin",
        "end",
        "begin_written",
        "end_written",
        "status",
        "parent",
        "parent_label",
        "place",
        "country",
        "description",
    ]
    out["events"] = _csv_bytes(
        cols,
        [
            [s(r.get(c)) for c in cols[:9]]
            + [labels.get(s(r.get("parent")), "")]
            + [s(r.get(c)) for c in cols[10:]]
            for r in events
        ],
    )

    parts: dict[str, dict] = {}
    for r in rows("network-participations"):
        p = parts.setdefault(s(r["participation"]), {**r, "orgs": set()})
        if r.get("member_of") is not None:
            p["orgs"].add(s(r["member_of"]))
    out["participations"] = _csv_bytes(
        [
            "participation",
            "event",
            "event_label",
            "actor",
            "actor_label",
            "actor_kind",
            "actor_code",
            "role",
            "member_state_of",
        ],
        [
            [
                iri,
                s(p["event"]),
                labels.get(s(p["event"]), ""),
                s(p["actor"]),
                s(actors.get(s(p["actor"]), {}).get("label")),
                s(actors.get(s(p["actor"]), {}).get("kind")),
                s(actors.get(s(p["actor"]), {}).get("code")),
                s(p["role"]).rsplit("/", 1)[-1],
                " ".join(sorted(p["orgs"])),
            ]
            for iri, p in parts.items()
        ],
    )

    cols = [
        "seizure",
        "event",
        "substance",
        "kg",
        "as_written",
        "comparator",
        "scope",
        "seized_by",
        "seized_by_iso3",
        "since",
    ]
    out["seizures"] = _csv_bytes(
        cols[:2] + ["event_label"] + cols[2:],
        [
            [s(r["seizure"]), s(r["event"]), labels.get(s(r["event"]), "")]
            + [s(r.get(c)) for c in cols[2:]]
            for r in rows("network-seizures")
        ],
    )

    cols = [
        "membership",
        "organisation",
        "organisation_code",
        "member",
        "iso3",
        "label",
        "status",
        "begin",
        "end",
    ]
    out["memberships"] = _csv_bytes(
        cols[:5] + ["member_label"] + cols[6:],
        [[s(r.get(c)) for c in cols] for r in rows("network-memberships")],
    )

    cols = [
        "document",
        "title",
        "publisher",
        "url",
        "issued",
        "language",
        "source_file",
        "text_start",
        "text_end",
        "sha256",
    ]
    out["sources"] = _csv_bytes(
        cols, [[s(r.get(c)) for c in cols] for r in rows("network-sources")]
    )
    return out


def export_bytes(ds: Dataset, fmt: str) -> bytes:
    """``ds`` serialised in the RDF format ``fmt`` (every EXPORT_FORMATS entry but csv)."""
    if fmt == "turtle":
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return turtle_bytes(g)
    if fmt == "trig":
        return trig_bytes(ds)
    if fmt == "ntriples":
        return ntriples_bytes(ds)
    if fmt == "nquads":
        return nquads_bytes(ds)
    if fmt == "jsonld":
        return jsonld_bytes(ds)
    raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")


BULK_EXPORT_BYTES = 5_000_000  # source files from this size are exported by Oxigraph


def _export_source(out_dir: Path, in_file: Path | None) -> Path:
    if in_file is not None:
        return Path(in_file)
    trig = Path(out_dir) / "kg.trig"
    src = trig if trig.is_file() else Path(out_dir) / "kg.ttl"
    if not src.is_file():
        raise ExportError(f"{src}: no graph yet; run `kg build` first, or pass --in FILE")
    return src


def bulk_export_bytes(src: Path, fmt: str, *, min_bytes: int | None = None) -> bytes | None:
    """Turtle, TriG, N-Triples or N-Quads of a large RDF file without rdflib: Oxigraph parses
    it (no store, so literals keep their datatypes), the lines are sorted on disk and
    Oxigraph writes the result: deterministic, seconds and a few hundred MB at a million
    triples where rdflib takes minutes and gigabytes. None when the file is smaller than
    ``min_bytes`` (default ``BULK_EXPORT_BYTES``), or for formats or inputs it does not
    handle (JSON-LD), which then go through rdflib."""
    import pyoxigraph as ox

    limit = BULK_EXPORT_BYTES if min_bytes is None else min_bytes
    in_fmt = rdf_format(src)
    if fmt not in ("turtle", "trig", "ntriples", "nquads") or in_fmt not in _OX_FORMATS:
        return None
    if src.stat().st_size < limit:
        return None
    quads = fmt in ("trig", "nquads")
    with tempfile.TemporaryDirectory(prefix=".export-") as tmp:
        raw, lines = Path(tmp) / "raw", Path(tmp) / "sorted"
        try:
            parsed = ox.parse(
                path=str(src),
                format=getattr(ox.RdfFormat, _OX_FORMATS[in_fmt]),
                base_iri=src.resolve().as_uri(),
            )
            ox.serialize(
                parsed if quads else (q.triple for q in parsed),
                str(raw),
                format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES,
            )
        except SyntaxError as e:
            raise _ox_syntax_error(src, in_fmt, e) from None
        key = (lambda ln: (_graph_term(ln), ln)) if fmt == "trig" else None
        sort_lines(raw, lines, key=key)
        if fmt in ("ntriples", "nquads"):
            return lines.read_bytes()
        out = Path(tmp) / "out"
        in_name = "N_QUADS" if quads else "N_TRIPLES"
        write_sorted_rdf(lines, out, in_name, "TRIG" if quads else "TURTLE")
        return out.read_bytes()


def write_export(
    fmt: str,
    out: Path | None,
    *,
    out_dir: Path = Path("out"),
    in_file: Path | None = None,
) -> dict[str, bytes]:
    """Export the last build (or ``in_file``) as ``fmt``. RDF formats: written atomically to
    ``out`` when given; csv: one file per table in the folder ``out`` (required). Returns
    {name: bytes} of what was made (the caller prints it when ``out`` is None)."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(
            f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})"
        )
    if fmt == "csv":
        if out is None:
            raise ExportError("csv writes one file per table: give --out FOLDER")
        from kg.query import open_backend

        tables = csv_tables(open_backend(out_dir, in_file))
        for name, data in tables.items():  # everything is made before the first write
            atomic_write_bytes(Path(out) / f"{name}.csv", data)
        return {f"{name}.csv": data for name, data in tables.items()}
    src = _export_source(out_dir, in_file)
    data = bulk_export_bytes(src, fmt)
    if data is None:
        data = export_bytes(load_dataset(out_dir, src), fmt)
    if out is not None:
        atomic_write_bytes(Path(out), data)
    return {fmt: data}

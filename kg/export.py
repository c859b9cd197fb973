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

import os
import re
import tempfile
from pathlib import Path

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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file + rename in the same folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escape_controls(text: str) -> str:
    """Write control characters as \\uXXXX escapes. rdflib's serialisers emit them raw (only
    \\n, \\r, \\" and \\\\ are escaped) and its parser then rejects its own output; they
    only occur inside string literals, where a UCHAR escape is lossless."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def turtle_bytes(graph: Graph) -> bytes:
    """Deterministic Turtle (longturtle) of ``graph``."""
    bind_prefixes(graph)
    return _escape_controls(graph.serialize(format="longturtle")).encode("utf-8")


def trig_bytes(ds: Dataset) -> bytes:
    """Deterministic TriG: prefixes once, then each named graph (sorted by IRI) in longturtle."""
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

"""Make evidence records: offsets and SHA-256 of a span of a source text.

Curated facts cite their source by character offsets and a hash of the span, never by quoting
it (``kg cite FILE --find "phrase"`` prints the YAML to paste). Offsets are Python ``str``
indices into the whole file, as the extractor's are.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import KGError
from kg.seeds import sha256_text


class CiteError(KGError):
    """The phrase or offsets do not select a span of the file."""


def read_source(path: Path) -> str:
    """Read a UTF-8 source text; raises CiteError naming the file on failure."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise CiteError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise CiteError(f"{path}: cannot read: {e.strerror}") from None


def locate(
    text: str, find: str, *, until: str | None = None, occurrence: int = 1, after: int = 0
) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th ``find`` at or after ``after``; with ``until``, the span
    runs to the end of the first ``until`` after it."""
    pos = after - 1
    for _ in range(occurrence):
        pos = text.find(find, pos + 1)
        if pos < 0:
            raise CiteError(f"phrase not found (occurrence {occurrence}): {find!r}")
    end = pos + len(find)
    if until is not None:
        u = text.find(until, end)
        if u < 0:
            raise CiteError(f"end phrase not found after offset {end}: {until!r}")
        end = u + len(until)
    return pos, end


def span_record(text: str, doc: str, start: int, end: int) -> dict[str, object]:
    """The evidence mapping for ``text[start:end]`` in document ``doc``."""
    if not 0 <= start < end <= len(text):
        raise CiteError(f"offsets {start}-{end} are outside the text (length {len(text)})")
    return {"doc": doc, "start": start, "end": end, "sha256": sha256_text(text[start:end])}

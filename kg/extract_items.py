"""Reading a text and cutting it up: feed items, sentences, datelines and header lines.

``read_text_file`` reads UTF-8 (BOM dropped, newlines normalised) and refuses binary, non-UTF-8,
oversized files and overlong lines with an ``ExtractError``. ``split_items`` finds the feed items
under ``dd.mm.yyyy`` header lines (with the title line just above); ``sentences`` cuts an item
into sentences capped at 1,500 characters so that the per-sentence work stays linear.

Limits: a header is a short line (<= 60 characters, <= 6 words) that parses as a date; the
sentence splitter knows a fixed list of abbreviations and single initials only.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.errors import KGError
from kg.textdates import find_dates, item_date

MAX_CHARS = 20_000_000  # a file larger than this is refused
MAX_LINE = 200_000  # a "line" this long is not a news text (a dump, a minified file)


class ExtractError(KGError):
    """A text that cannot be read or extracted (file, line, problem)."""

    def __init__(self, file: str, line: int | None, problem: str):
        self.file, self.line, self.problem = file, line, problem
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {problem}")


def read_text_file(path: str, data: bytes | None = None) -> str:
    """Read a UTF-8 text file for extraction; raise ExtractError for binary or non-UTF-8."""
    from pathlib import Path

    p = Path(path)
    if data is None:
        try:
            data = p.read_bytes()
        except OSError as e:
            raise ExtractError(str(path), None, f"cannot read: {e.strerror}") from None
    if len(data) > MAX_CHARS:
        raise ExtractError(
            str(path), None, f"file too large ({len(data)} bytes; the limit is {MAX_CHARS})"
        )
    if b"\x00" in data[:65536]:
        raise ExtractError(str(path), None, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ExtractError(
            str(path), line, f"not UTF-8 text ({e.reason} at byte {e.start})"
        ) from None  # noqa: E501
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_lines(text, str(path))
    return text


def check_lines(text: str, name: str) -> None:
    if len(text) <= MAX_LINE:
        return
    pos = 0
    for i, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise ExtractError(
                name,
                i,
                f"line {i} is {len(line):,} characters long (the limit "
                f"is {MAX_LINE:,}); this does not look like a news text",
            )
        pos += len(line) + 1


def split_items(text: str) -> list[tuple[int, int, dt.date | None, int | None]]:
    """(start, end, date, title_start) of each feed item; one item if there is no header."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    headers = []
    for i, (_s, _e, line) in enumerate(lines):
        stripped = line.strip()
        if 8 <= len(stripped) <= 60 and len(stripped.split()) <= 6:
            d = item_date(stripped)
            if d is not None:
                headers.append((i, d))
    if not headers:
        return [(0, len(text), None, None)]
    starts = []
    for hi, d in headers:
        start_line = hi
        j = hi - 1
        while j >= 0 and not lines[j][2].strip():
            j -= 1
        if j >= 0:
            prev = lines[j][2].strip()
            # a title: one short line not ending a sentence, directly above (a blank line or none)
            para_start = j
            while para_start - 1 >= 0 and lines[para_start - 1][2].strip():
                para_start -= 1
            if (
                para_start == j
                and len(prev) < 200
                and prev[-1:] not in ".!?;:,"
                and item_date(prev) is None
            ):
                start_line = j
        starts.append((start_line, hi, d))
    out = []
    for k, (sl, hi, d) in enumerate(starts):
        s = lines[sl][0] if k else (0 if sl == starts[0][0] and sl == 0 else lines[sl][0])
        if k == 0 and sl > 0:
            # text before the first item's title belongs to nobody unless it is the title
            s = lines[sl][0]
        e = lines[starts[k + 1][0] - 1][1] if k + 1 < len(starts) else len(text)
        # trim trailing blank space
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e, d, lines[sl][0] if sl != hi else None))
    return out


_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"”»]?\s+(?=[A-Z«\"“(\d])|\n+")
_MAX_SENTENCE = 1500
_ABBREV = re.compile(
    r"\b(?:Mr|Ms|Mrs|Dr|St|No|Gen|Col|Lt|Maj|Capt|Prof|Jr|Sr|vs|etc|[A-Z]|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$"
)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in _SENT_SPLIT.finditer(text, start, end):
        s, e = pos, m.start()
        if "\n" not in m.group(0) and _ABBREV.search(text, max(start, e - 6), e):
            continue
        if text[s:e].strip():
            out.append(_trim(text, s, e))
        pos = m.end()
    if text[pos:end].strip():
        out.append(_trim(text, pos, end))
    # cap sentence length (a 10 MB single line must not make the per-sentence work quadratic)
    capped = []
    for s, e in out:
        while e - s > _MAX_SENTENCE:
            cut = text.rfind(" ", s + _MAX_SENTENCE // 2, s + _MAX_SENTENCE)
            cut = cut if cut > s else s + _MAX_SENTENCE
            capped.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if s < e:
            capped.append((s, e))
    return capped


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def in_dateline(sent: str, pos: int) -> bool:
    """'Vienna, 12 April 2022 - The ...': the publication date at the head of an article."""
    return (
        pos < 90
        and bool(re.match(r"^[A-Z][\w .'-]{0,80},\s*$", sent[:pos]))
        # "Almaty, 3 October 2025" on a line of its own
        and bool(re.match(r"^.{0,30}?(?:\s[-–—]{1,2}\s|\.?\s*$|\)\s*[-–—]{1,2}\s)", sent[pos:]))
    )


def dateline(seg: str) -> dt.date | None:
    """The first full date written in an item without a header ("Vienna, 12 April 2022 -")."""
    for d in find_dates(seg[:400], None):
        if d.kind == "day" and d.begin is not None and d.begin.day:
            return d.begin.earliest()
    return None


def title_span(seg: str) -> tuple[int, int] | None:
    """The first line of an item when it reads as a title (no final full stop, not long)."""
    a = len(seg) - len(seg.lstrip())
    b = seg.find("\n", a)
    b = len(seg) if b < 0 else b
    line = seg[a:b].rstrip()
    if not line or len(line) > 200 or line.endswith((".", ":")) or b == len(seg):
        return None
    return a, a + len(line)


def in_header(seg: str, pos: int) -> bool:
    """True if ``pos`` lies on a feed header line ("12.11.2019", "Dushanbe, 06.06.2016")."""
    ls = seg.rfind("\n", 0, pos) + 1
    le = seg.find("\n", pos)
    line = seg[ls : le if le >= 0 else len(seg)].strip()
    return len(line) <= 60 and len(line.split()) <= 6 and item_date(line) is not None

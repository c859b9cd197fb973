"""A small date grammar for press-release English, resolved against the item's own date.

``find_dates(text, anchor)`` returns every date expression with its offsets and the
``PartialDate`` range it denotes: "from 3 to 6 September", "from 30 May to 3 June 2016",
"May 28 - June 1, 2018", "11-12 October", "5 and 6 June", "on September 3, 2024", "15 June",
"in October", "in November last year", "in 2019", "this year", "today", "on Monday" (the
latest such weekday not after the anchor), "on Tuesday and Wednesday", "until June 11" (an end
only), inline ``dd.mm.yyyy``, and the ranges ``d-d.mm.yyyy`` and ``dd.mm.yyyy - dd.mm.yyyy``.

Limits: English month names only; a day-month without a year takes the anchor's year (the
year before if that lands more than ~6 months after the anchor); without an anchor, relative
expressions ("today", "on Monday", "this year") are skipped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kg.facts import PartialDate

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"

_M = r"(?P<{n}>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"  # noqa: E501
_D = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<{n}>(?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|till|until|through)\s*"


def _m(n: str) -> str:
    return _M.format(n=n)


def _d(n: str) -> str:
    return _D.format(n=n)


def _y(n: str) -> str:
    return _Y.format(n=n)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # between 30 May and 3 June 2016 / between 20 and 23 August / between May 28 and June 1
    (
        "dm-dm",
        re.compile(
            rf"\b[Bb]etween\s+{_d('d1')}\s+{_m('m1')}(?:\s+{_y('y1')})?\s+and\s+"
            rf"{_d('d2')}\s+{_m('m2')}(?:,?\s+{_y('y2')})?\b"
        ),
    ),
    (
        "d-dm",
        re.compile(
            rf"\b[Bb]etween\s+{_d('d1')}\s+and\s+{_d('d2')}\s+{_m('m2')}(?:,?\s+{_y('y2')})?\b"
        ),
    ),
    (
        "md-d",
        re.compile(
            rf"\b[Bb]etween\s+{_m('m2')}\s+{_d('d1')}\s+and\s+{_d('d2')}"
            rf"(?:,?\s+{_y('y2')})?\b"
        ),
    ),
    # 30 May - 3 June 2016 / from 30 May to 3 June
    (
        "dm-dm",
        re.compile(
            rf"\b(?:from\s+)?{_d('d1')}\s+{_m('m1')}(?:\s+{_y('y1')})?,?{_DASH}"
            rf"{_d('d2')}\s+{_m('m2')}(?:,?\s+{_y('y2')})?\b"
        ),
    ),
    # May 28 - June 1, 2018
    (
        "md-md",
        re.compile(
            rf"\b(?:from\s+)?{_m('m1')}\s+{_d('d1')}(?:,?\s+{_y('y1')})?{_DASH}"
            rf"{_m('m2')}\s+{_d('d2')}(?:,?\s+{_y('y2')})?\b"
        ),
    ),
    # from 3 to 6 September (2024) / 11-12 October / on 5 and 6 June (two days running)
    (
        "d-dm",
        re.compile(
            rf"\b(?:from\s+)?(?:the\s+)?{_d('d1')}(?:{_DASH}|\s+and\s+)(?:the\s+)?{_d('d2')}\s+"
            rf"(?:of\s+)?{_m('m2')}"
            rf"(?:,?\s+{_y('y2')})?\b"
        ),
    ),
    # September 16-20, 2019
    (
        "md-d",
        re.compile(rf"\b{_m('m2')}\s+{_d('d1')}{_DASH}{_d('d2')}(?:,?\s+{_y('y2')})?\b"),
    ),
    # a digest line "• 14.10 – consultations of ...": day and month, the year of the item
    (
        "bullet-dm",
        re.compile(r"(?m)^[ \t]*[•·*–-][ \t]*(?P<d2>[0-3]\d)\.(?P<m2>[01]\d)(?=[ \t]*[–—-][ \t])"),
    ),
    # 12.04.2024, and the range 3-4.10.2024 / 9–10.09.2025
    (
        "dotted",
        re.compile(
            # 03.06–06.06.2025
            r"\b(?:(?P<d0>[0-3]\d)\.(?P<m0>[01]\d)\s*[-–]\s*)?"
            r"(?:(?P<d1>[0-3]?\d)\s*[-–]\s*(?P<d2r>[0-3]?\d)|(?P<d2>[0-3]\d))"
            r"\.(?P<m2>[01]\d)\.(?P<y2>(?:19|20)\d\d)\b"
            # 03.06.2024 – 07.06.2024
            r"(?:\s*[-–]\s*(?P<d3>[0-3]\d)\.(?P<m3>[01]\d)\.(?P<y3>(?:19|20)\d\d)\b)?"
        ),
    ),
    (
        "until-dm",
        re.compile(
            rf"\b(?:[Uu]ntil|[Tt]ill|through)\s+{_d('d2')}\s+{_m('m2')}(?:,?\s+{_y('y2')})?\b"
        ),
    ),  # noqa: E501
    (
        "until-md",
        re.compile(
            rf"\b(?:[Uu]ntil|[Tt]ill|through)\s+{_m('m2')}\s+{_d('d2')}(?:,?\s+{_y('y2')})?\b"
        ),
    ),  # noqa: E501
    ("dm", re.compile(rf"\b{_d('d2')}\s+(?:of\s+)?{_m('m2')}(?:,?\s+{_y('y2')})?\b")),
    ("md", re.compile(rf"\b{_m('m2')}\s+{_d('d2')}(?:,?\s+{_y('y2')})?\b(?!\s*(?:tons?|kg))")),
    (
        "month",
        re.compile(
            rf"\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Ff]rom|[Bb]y|[Oo]f|[Ee]arly|[Ll]ate|mid-|"
            rf"(?<=scheduled )for|(?<=planned )for)\s+{_m('m2')}"
            rf"(?:\s+{_y('y2')}|,?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year)?\b"
        ),
    ),  # noqa: E501
    (
        "today",
        re.compile(r"\b(?:(?:[Tt]he )?day before yesterday|[Tt]oday|this morning|[Yy]esterday)\b"),
    ),
    # "on Tuesday and Wednesday", "from Monday to Thursday": days running in the item's week
    (
        "weekday-range",
        re.compile(
            rf"\b(?:[Oo]n|[Ff]rom)\s+(?P<wd1>{_WD})\s+(?:and|to|till|until|through|[-–])\s+"
            rf"(?P<wd>{_WD})\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:[Oo]n|[Ll]ast|[Tt]his)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),  # noqa: E501
    # "The training will run until Thursday": an end day in the item's week
    ("until-wd", re.compile(rf"\b(?:[Uu]ntil|[Tt]ill)\s+(?P<wd>{_WD})\b")),
    ("thisyear", re.compile(r"\b[Tt]his year\b")),
    ("year", re.compile(r"\b(?:[Ii]n|[Dd]uring|[Ff]or)\s+(?P<y2>(?:19|20)\d\d)\b(?!\s*[-–]\s*\d)")),
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    kind: str  # range | day | month | year | until
    begin: PartialDate | None
    finish: PartialDate | None

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


def _year_for(month: int, day: int | None, anchor: dt.date | None) -> int | None:
    if anchor is None:
        return None
    y = anchor.year
    try:
        cand = dt.date(y, month, day or 1)
    except ValueError:
        return y
    if (cand - anchor).days > 200:
        return y - 1
    return y


def _pd(y: int | None, m: int | None, d: int | None) -> PartialDate | None:
    if y is None:
        return None
    try:
        if d is not None:
            dt.date(y, m or 1, d)
        return PartialDate(y, m, d)
    except ValueError:
        return None


def _mon(s: str | None) -> int | None:
    return MONTHS.get(s.lower().rstrip(".")) if s else None


def _resolve(kind: str, g: dict[str, str | None], anchor: dt.date | None) -> DateMention | None:
    def num(k: str) -> int | None:
        v = g.get(k)
        return int(v) if v else None

    if kind in ("dm-dm", "md-md", "d-dm", "md-d"):
        m2 = _mon(g.get("m2"))
        m1 = _mon(g.get("m1")) or m2
        d1, d2 = num("d1"), num("d2")
        said = g.get("_text") or ""
        if (
            " and " in said
            and not said.lower().startswith("between")
            and not (d1 and d2 and 0 < d2 - d1 <= 2)
        ):
            return None  # "on 3 and 17 May": two days, not a range
        y2 = num("y2") or num("y1")
        if m2 is None or m1 is None:
            return None
        if y2 is None:
            y2 = _year_for(m2, d2, anchor)
        y1 = num("y1") or (y2 - 1 if y2 is not None and m1 > m2 else y2)
        b, f = _pd(y1, m1, d1), _pd(y2, m2, d2)
        if b is None or f is None or f.earliest() < b.earliest():
            return None
        return DateMention(0, 0, "range", b, f)
    if kind == "dotted" and g.get("d0") and g.get("d2"):
        b, f = _pd(num("y2"), num("m0"), num("d0")), _pd(num("y2"), num("m2"), num("d2"))
        if b is None or f is None or f.earliest() < b.earliest():
            return None
        return DateMention(0, 0, "range", b, f)
    if kind == "dotted" and g.get("d3"):
        b, f = _pd(num("y2"), num("m2"), num("d2")), _pd(num("y3"), num("m3"), num("d3"))
        if b is None or f is None or f.earliest() < b.earliest():
            return None
        return DateMention(0, 0, "range", b, f)
    if kind == "dotted" and g.get("d1"):
        y2, m2, d1, d2 = num("y2"), num("m2"), num("d1"), num("d2r")
        b, f = _pd(y2, m2, d1), _pd(y2, m2, d2)
        if b is None or f is None or f.earliest() < b.earliest():
            return None
        return DateMention(0, 0, "range", b, f)
    if kind in ("dotted", "dm", "md", "until-dm", "until-md", "bullet-dm"):
        m2, d2 = _mon(g.get("m2")) if kind not in ("dotted", "bullet-dm") else num("m2"), num("d2")
        if m2 is None:
            return None
        y2 = num("y2") or _year_for(m2, d2, anchor)
        p = _pd(y2, m2, d2)
        if p is None:
            return None
        if kind.startswith("until"):
            return DateMention(0, 0, "until", None, p)
        return DateMention(0, 0, "day", p, p)
    if kind == "month":
        m2 = _mon(g.get("m2"))
        if m2 is None:
            return None
        y2 = num("y2") or _year_for(m2, None, anchor)
        rel = g.get("rel")
        if rel and anchor is not None:  # "in November last year"
            y2 = anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
        p = _pd(y2, m2, None)
        return DateMention(0, 0, "month", p, p) if p else None
    if kind == "year":
        p = _pd(num("y2"), None, None)
        return DateMention(0, 0, "year", p, p) if p else None
    if anchor is None:
        return None
    if kind == "today":
        said = g.get("_text") or ""
        back = 2 if "before yesterday" in said else 1 if "esterday" in said else 0
        day = anchor - dt.timedelta(days=back)
        p = PartialDate(day.year, day.month, day.day)
        return DateMention(0, 0, "day", p, p)
    if kind == "until-wd":
        wd = WEEKDAYS[g["wd"].lower()]
        said = g.get("_before") or ""
        if _FUTURE.search(said) or re.search(r"\b(?:runs?|lasts?|continues?)\s*$", said):
            day = anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7)
        else:
            day = anchor - dt.timedelta(days=(anchor.weekday() - wd) % 7)
        p = PartialDate(day.year, day.month, day.day)
        return DateMention(0, 0, "until", None, p)
    if kind in ("weekday", "weekday-range"):
        wd = WEEKDAYS[(g.get("wd") or "monday").lower()]
        back = (anchor.weekday() - wd) % 7
        day = anchor - dt.timedelta(days=back)
        p = PartialDate(day.year, day.month, day.day)
        if kind == "weekday-range":
            first = day - dt.timedelta(days=(wd - WEEKDAYS[g["wd1"].lower()]) % 7)
            b = PartialDate(first.year, first.month, first.day)
            return DateMention(0, 0, "range", b, p)
        return DateMention(0, 0, "day", p, p)
    if kind == "thisyear":
        p = PartialDate(anchor.year)
        return DateMention(0, 0, "year", p, p)
    return None


_MONTH_ANY = re.compile(_M.format(n="m"))
_WD_ANY = re.compile(_WD)
_NEEDS_MONTH = {"dm-dm", "md-md", "d-dm", "md-d", "until-dm", "until-md", "dm", "md", "month"}


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around month names: the only places a month pattern can match."""
    out: list[tuple[int, int]] = []
    for m in _MONTH_ANY.finditer(text):
        lo, hi = max(0, m.start() - 40), min(len(text), m.end() + 50)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


_YEAR_IN = re.compile(r"(?:19|20)\d\d")
_FUTURE_HINTS = (
    "will",
    "shall",
    "plann",
    "schedul",
    "next",
    " to ",
    "upcoming",
    "forthcoming",
    "intend",
)
# "The next meeting will be held in Moscow in November" (written in March): a date to come
_FUTURE = re.compile(
    r"\b(?:will|shall|planned|scheduled|next|is to|are to|upcoming|forthcoming|intends?)\b"
)


def _future_year(text: str, s: int, dm: DateMention, anchor: dt.date) -> DateMention:
    """A date without a year that a future cue before it in its sentence puts after the
    anchor: the next such month, not the last one."""
    lo = max(0, s - 100)
    window = text[lo:s]
    if not any(w in window for w in _FUTURE_HINTS):
        return dm
    cut = max(text.rfind(". ", lo, s), text.rfind("\n", lo, s))
    if not _FUTURE.search(text, cut + 1 if cut >= 0 else lo, s):
        return dm

    def shift(p: PartialDate | None) -> PartialDate | None:
        return None if p is None else PartialDate(p.year + 1, p.month, p.day)

    try:
        begin, finish = shift(dm.begin), shift(dm.finish)
        if begin is None or begin.earliest() < anchor or (begin.earliest() - anchor).days > 366:
            return dm
    except ValueError:
        return dm
    return DateMention(dm.start, dm.end, dm.kind, begin, finish)


# words a pattern cannot match without (a cheap test before scanning the whole text)
_GATES = {
    "today": ("oday", "esterday", "morning"),
    "until-dm": ("ntil", "ill ", "through"),
    "until-md": ("ntil", "ill ", "through"),
    "thisyear": ("his year",),
}
_DOTTED_HINT = re.compile(r"\d\.[01]\d\.")


def find_dates(text: str, anchor: dt.date | None = None) -> list[DateMention]:
    """All date expressions in ``text`` (non-overlapping, earlier patterns win), by offset."""
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    wins = _windows(text)
    wd_wins: list[tuple[int, int]] | None = None
    for kind, rx in _PATTERNS:
        if kind in ("weekday-range", "weekday", "until-wd"):
            if wd_wins is None:
                # only around the weekday names the text has ("on Tuesday and Wednesday")
                wds = list(_WD_ANY.finditer(text)) if "day" in text else []
                wd_wins = _merge([(max(0, m.start() - 12), m.end() + 40) for m in wds])
            if not wd_wins or (kind == "weekday-range" and len(wds) < 2):
                continue
            matches = [m for lo, hi in wd_wins for m in rx.finditer(text, lo, hi)]
        elif kind == "bullet-dm":
            if not any(b in text for b in ("•", "·", "\n-", "\n–", "\n*")):
                continue
            matches = list(rx.finditer(text))
        elif kind in _NEEDS_MONTH:
            gate = _GATES.get(kind)
            if gate and not any(w in text for w in gate):
                continue
            matches = [m for lo, hi in wins for m in rx.finditer(text, lo, hi)]
        else:
            gate = _GATES.get(kind)
            if gate and not any(w in text for w in gate):
                continue
            if kind == "dotted" and not _DOTTED_HINT.search(text):
                continue
            matches = list(rx.finditer(text))
        for m in matches:
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = dict(m.groupdict())
            g["_text"] = m.group(0)
            if kind == "until-wd":
                cut = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s))
                g["_before"] = text[max(cut + 1, s - 60) : s]
            dm = _resolve(kind, g, anchor)
            if dm is None:
                continue
            if (
                anchor is not None
                and dm.begin is not None
                and (dm.finish or dm.begin).earliest() < anchor
                and not _YEAR_IN.search(m.group(0))
                and kind not in ("today", "weekday", "weekday-range", "thisyear", "year")
            ):
                dm = _future_year(text, s, dm, anchor)
            taken.append((s, e))
            out.append(DateMention(s, e, dm.kind, dm.begin, dm.finish))
    out.sort(key=lambda d: d.start)
    return out


_ITEM_DATE = re.compile(r"(?<!\d)([0-3]\d)\.([01]\d)\.((?:19|20)\d\d)(?!\d)")


def item_date(line: str) -> dt.date | None:
    """The ``dd.mm.yyyy`` date of a feed header line, or None."""
    m = _ITEM_DATE.search(line)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None

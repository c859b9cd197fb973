"""Seized quantities as written -> kilograms, with their comparator.

Forms: "4 tons and 753 kg", "1 ton 980 kg", "1 t 40 kg", "1.3 tons", "116.495 kilograms",
"16,000 kilograms", "9 thousand kg", "1 tonn 46 kg" (the Russian "tonna", transliterated),
"some 6 tons", "more than 83 kg", and the Russian decimal comma: "48,988 tons" is 48.988 t
and "2,5 kg" is 2.5 kg, while "16,000 kilograms" is 16000 kg.

The comma rule (documented because it is a judgement call): with tonnes, a single comma is a
decimal comma whatever the group length (press releases translated from Russian write
"21,617 tons" for 21.617 t; nobody seizes 21 thousand tonnes in one operation); with kilograms
or grams, a comma followed by exactly three digits is a thousands separator, and by one or two
digits a decimal comma. Several comma groups ("1,200,000 g") are always thousands separators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUM = r"\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d{1,2})?(?![\d,.])|\d+(?:[.,]\d+)*"
_TON = r"(?:metric\s+)?(?:tonnes?|tons?|tonn(?:a|s|y|es)?|t)\b"
_KG = r"(?:kilogram(?:me)?s?|kilos?|kgs?)\b"
_G = r"(?:gram(?:me)?s?|grs?|g)\b"
_MULT = r"(?:\s+(?P<mult>thousand|million))?"

QUANTITY_RE = re.compile(
    rf"(?<![\d.,])(?P<n1>{_NUM}){_MULT}\s*(?:"
    rf"(?P<ut>{_TON})(?:\.?\s+(?:and\s+)?(?P<n2>\d{{1,3}})\s*(?P<u2>{_KG}))?"
    rf"|(?P<uk>{_KG})(?:\.?\s+(?:and\s+)?(?P<n3>\d{{1,3}})\s*(?P<u3>{_G}))?"
    rf"|(?P<ug>{_G}))",
    re.IGNORECASE,
)
# the comparator written just before the number ("more than", "some", "nearly", ...)
CMP_RE = re.compile(
    r"(?:(?:more|less|slightly more|slightly less)\s+than|over|in\s+excess\s+of|upwards\s+of|"
    r"at\s+least|not\s+less\s+than|no\s+less\s+than|exceeding|exceeded|exceeds|almost|nearly|"
    r"about|around|"
    r"approximately|approx\.|roughly|some|circa|up\s+to|under|no\s+more\s+than|"
    r"not\s+more\s+than|more)\s+$",
    re.IGNORECASE,
)

_COMPARATORS = {
    "at_least": (
        "more than",
        "over",
        "in excess of",
        "upwards of",
        "at least",
        "not less than",
        "no less than",
        "exceeding",
        "exceeded",
        "exceeds",
        "slightly more than",
        "more",
    ),
    "about": (
        "almost",
        "nearly",
        "about",
        "around",
        "approximately",
        "approx.",
        "roughly",
        "some",
        "circa",
    ),
    "at_most": (
        "less than",
        "slightly less than",
        "up to",
        "under",
        "no more than",
        "not more than",
    ),
}


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    kg: Decimal
    comparator: str
    as_written: str


def _unit_kind(unit: str) -> str:
    u = unit.lower()
    if re.fullmatch(_TON, u):
        return "t"
    if re.fullmatch(_KG, u):
        return "kg"
    return "g"


def parse_number(raw: str, unit: str) -> Decimal:
    """The number as written, given its unit kind ('t', 'kg' or 'g'); see the module note."""
    s = raw.replace("\u00a0", " ").strip()
    if " " in s:
        # "1 647,3 kg": space-grouped thousands, so a comma is a decimal comma
        s = s.replace(" ", "")
        if s.count(",") == 1 and "." not in s:
            s = s.replace(",", ".")
    if "," in s and "." in s:
        s = s.replace(",", "")  # 1,200.5 (English)
    elif s.count(",") > 1:
        s = s.replace(",", "")
    elif "," in s:
        head, tail = s.split(",")
        if unit == "t" or len(tail) != 3:
            s = f"{head}.{tail}"
        else:
            s = head + tail
    elif s.count(".") > 1:
        s = s.replace(".", "")  # 1.200.000 (continental thousands)
    try:
        return Decimal(s)
    except InvalidOperation:
        raise ValueError(f"not a number: {raw!r}") from None


def to_kg(value: Decimal, unit: str) -> Decimal:
    if unit == "t":
        return value * 1000
    if unit == "g":
        return value / 1000
    return value


def comparator_of(word: str | None) -> str:
    if not word:
        return "exact"
    w = " ".join(word.lower().split())
    for code, words in _COMPARATORS.items():
        if w in words:
            return code
    return "exact"


def _normal(d: Decimal) -> Decimal:
    d = d.normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral() else d


_WORD_NUMBERS = {
    w: i + 1
    for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_WORD_NUMBERS |= {"ninety": 90, "a hundred": 100, "one hundred": 100, "half a": Decimal("0.5")}
# a figure written in words: "two tons", "one and a half tons", "half a ton", "twelve kilograms";
# found from the unit word back (the unit words are few, the number words many)
_WORD_UNIT_RE = re.compile(
    r"(?:(?P<ut>[Tt]onnes?|[Tt]ons?)|(?P<uk>[Kk]ilogram(?:me)?s?|[Kk]ilos))\b"
)
_UNITS_W = "one|two|three|four|five|six|seven|eight|nine"
_TEENS_W = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS_W = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_BELOW_100 = rf"(?:(?:{_TENS_W})(?:[\s-](?:{_UNITS_W}))?|{_TEENS_W}|{_UNITS_W})"
# "two", "eighty six", "twenty-two", "six hundred twelve", "three hundred and forty", "half a"
_WORD_NUMBER_BEFORE = re.compile(
    rf"(?<![\w-])(?P<w>(?:(?:{_UNITS_W}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?)"
    rf"|{_BELOW_100}|half a)"
    r"(?P<half>\s+and\s+(?:a\s+)?half)?\s+$",
    re.IGNORECASE,
)


def _words_value(words: str) -> Decimal:
    """The value of a number written in words ("six hundred twelve" = 612)."""
    words = " ".join(words.lower().replace("-", " ").split())
    if words in _WORD_NUMBERS:
        return Decimal(_WORD_NUMBERS[words])
    total = 0
    for w in words.split():
        if w == "hundred":
            total = (total or 1) * 100
        elif w == "a" or w == "and":
            continue
        else:
            total += int(_WORD_NUMBERS[w])
    return Decimal(total)


_TON_END = re.compile(r"(?i)(?:tonn?e?s?|\bt\.?)$")
_KG_END = re.compile(r"(?i)(?:kilo\w*|kg)$")
_JOIN = re.compile(r"\s+(?:and\s+)?")
_RANGE_BEFORE = re.compile(
    r"\b(?:[Bb]etween|[Ff]rom)\s+(?P<n>\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?)\s+(?:and|to)\s+$"
)
_UNIT_OF = re.compile(r"(?i)(?:tonnes?|tons?|kilograms?|kg|\bt)\b\.?$")


def find_quantities_simple(text: str) -> list[Quantity]:
    """``find_quantities`` without the range and merge steps (for a figure built from parts)."""
    return find_quantities(text, _parts=False)


def find_quantities(text: str, _parts: bool = True) -> list[Quantity]:
    """Every mass quantity in ``text`` with its value in kg, comparator and text as written."""
    out = _word_quantities(text)
    for m in QUANTITY_RE.finditer(text):
        cm = CMP_RE.search(text, max(0, m.start() - 24), m.start())
        if cm and cm.start() > 0 and text[cm.start() - 1].isalnum():
            cm = None
        start = cm.start() if cm else m.start()
        u1 = "t" if m.group("ut") else "kg" if m.group("uk") else "g"
        try:
            value = to_kg(parse_number(m.group("n1"), u1), u1)
        except ValueError:
            continue
        if m.group("mult"):
            value *= 1000 if m.group("mult").lower() == "thousand" else 1_000_000
        if m.group("n2"):
            value += Decimal(m.group("n2"))
        if m.group("n3"):
            value += Decimal(m.group("n3")) / 1000
        if value <= 0:
            continue
        # a bare "t" only counts right after a number ("1 t 40 kg", "5 t"), never "at"
        out.append(
            Quantity(
                start=start,
                end=m.end(),
                kg=_normal(value),
                comparator=comparator_of(cm.group(0) if cm else None),
                as_written=text[start : m.end()],
            )
        )
    out.sort(key=lambda q: q.start)
    return _ranges(text, _merge_tons_kg(text, out)) if _parts else out


def _merge_tons_kg(text: str, out: list[Quantity]) -> list[Quantity]:
    """ "two tons three hundred forty kilograms", "one ton 240 kilograms": one figure."""
    merged: list[Quantity] = []
    for q in out:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and _TON_END.search(prev.as_written)
            and _KG_END.search(q.as_written)
            and q.comparator == "exact"
            and _JOIN.fullmatch(text, prev.end, q.start)
            and q.start - prev.end <= 6
        ):
            merged[-1] = Quantity(
                prev.start,
                q.end,
                _normal(prev.kg + q.kg),
                prev.comparator,
                text[prev.start : q.end],
            )
            continue
        merged.append(q)
    return merged


def _ranges(text: str, out: list[Quantity]) -> list[Quantity]:
    """ "Between 600 and 700 kilograms", "from 1,2 to 1,5 tons": at least the lower bound,
    written as the whole range (the upper figure is not a second seizure)."""
    if not out:
        return out
    res: list[Quantity] = []
    for q in out:
        m = _RANGE_BEFORE.search(text, max(0, q.start - 40), q.start)
        if m is None:
            res.append(q)
            continue
        unit = _UNIT_OF.search(q.as_written)
        low = find_quantities_simple(f"{m.group('n')} {unit.group(0)}") if unit else []
        if len(low) != 1:
            res.append(q)
            continue
        res.append(Quantity(m.start(), q.end, low[0].kg, "at_least", text[m.start() : q.end]))
    return res


def _word_quantities(text: str) -> list[Quantity]:
    out = []
    low = text.lower()
    for unit in ("ton", "kilo"):
        i = low.find(unit, 1)
        while i != -1:
            # a unit word after a space, not after a figure in digits ("5 tons")
            u = (
                _WORD_UNIT_RE.match(text, i)
                if low[i - 1] == " " and not low[i - 2 : i - 1].isdigit()
                else None
            )
            i = low.find(unit, i + 1)
            if u is not None:
                q = _word_quantity(text, u)
                if q is not None:
                    out.append(q)
    return out


def _word_quantity(text: str, u: re.Match[str]) -> Quantity | None:
    m = _WORD_NUMBER_BEFORE.search(text, max(0, u.start() - 32), u.start())
    if m is None:
        return None
    value = _words_value(m.group("w"))
    if m.group("half"):
        value += Decimal("0.5")
    if u.group("ut"):
        value *= 1000
    cm = CMP_RE.search(text, max(0, m.start() - 24), m.start())
    if cm and cm.start() > 0 and text[cm.start() - 1].isalnum():
        cm = None
    start = cm.start() if cm else m.start()
    return Quantity(
        start=start,
        end=u.end(),
        kg=_normal(value),
        comparator=comparator_of(cm.group(0) if cm else None),
        as_written=text[start : u.end()],
    )

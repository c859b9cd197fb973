"""Event names: known series in any spelling, their stage words, and the name finder.

``find_names(text)`` returns the named editions ("Kanal–2019" -> Channel-2019), stages
("Kanal-Lovushka" -> Channel-Trap-<year>), bare series ("operation Channel") and other
hyphen-year names introduced as an exercise/operation ("PROXY-2022") with their offsets.
``canonical_name`` builds the English canonical name used as the event's identity.

Limits: names are Latin-script and capitalised; a generic "Name-2022" counts only when quoted
or introduced by an event word within 80 characters; a bare series word that is also a common
English word (Search, Rock, Thunder...) needs quotes or "operation" before it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

# series key -> (canonical English name, event type, organisation that runs it)
_SERIES_DEF: list[tuple[tuple[str, ...], str, str, str | None]] = [
    (("channel", "kanal", "canal"), "Channel", "Operation", "CSTO"),
    (("search", "poisk"), "Search", "Training", "CSTO"),
    (("frontier", "rubezh", "rubej", "rubezh"), "Frontier", "Exercise", "CSTO"),
    (
        ("interaction", "vzaimodeistvie", "vzaimodeystvie", "vzaimodejstvie"),
        "Interaction",
        "Exercise",
        "CSTO",
    ),
    (("echelon", "eshelon", "echelon"), "Echelon", "Training", "CSTO"),
    (("cobalt", "kobalt"), "Cobalt", "Training", "CSTO"),
    (("rock", "skala"), "Rock", "Training", "CSTO"),
    (("thunder", "grom"), "Thunder", "Training", "CSTO"),
    (
        ("combat brotherhood", "boevoe bratstvo", "boyevoye bratstvo"),
        "Combat Brotherhood",
        "Exercise",
        "CSTO",
    ),
    (
        ("indestructible brotherhood", "nerushimoe bratstvo"),
        "Indestructible Brotherhood",
        "Exercise",
        "CSTO",
    ),
    (("peace mission", "mirnaya missiya"), "Peace Mission", "Exercise", "SCO"),
    (("proxy",), "PROXY", "Operation", "CSTO"),
    (("illegal", "nelegal"), "Illegal", "Operation", "CSTO"),
    (("mercenary", "naemnik"), "Mercenary", "Operation", "CSTO"),
]

_CANON_KEY = {k: keys[0] for keys, _n, _t, _o in _SERIES_DEF for k in keys}

SERIES: dict[str, tuple[str, str, str | None]] = {
    k: (name, typ, owner) for keys, name, typ, owner in _SERIES_DEF for k in keys
}

# series whose bare name (no year) is too common a word to be an event on its own
_WEAK_SERIES = {
    "search",
    "rock",
    "thunder",
    "interaction",
    "frontier",
    "illegal",
    "mercenary",
    "proxy",
    "cobalt",
    "echelon",
    "canal",
    "combat brotherhood",
    "peace mission",
    "indestructible brotherhood",
}

# stage names of Operation Channel: Russian transliteration -> English
STAGES = {
    "zapad": "West",
    "west": "West",
    "vostok": "East",
    "east": "East",
    "sever": "North",
    "north": "North",
    "yug": "South",
    "south": "South",
    "tsentr": "Centre",
    "centr": "Centre",
    "center": "Centre",
    "centre": "Centre",
    "dolina": "Valley",
    "valley": "Valley",
    "lovushka": "Trap",
    "trap": "Trap",
    "soyuz": "Union",
    "union": "Union",
    "barier": "Barrier",
    "baryer": "Barrier",
    "barrier": "Barrier",
    "zaslon": "Barrier",
    "screen": "Barrier",  # zaslon, also translated "screen" (tests/devset/README.md)
    "granitsa": "Border",
    "border": "Border",
    "tranzit": "Transit",
    "transit": "Transit",
    "kaspiy": "Caspian",
    "caspian": "Caspian",
    "sinteticheskiy": "Synthetics",
    "sintetika": "Synthetics",
    "patrol": "Patrol",
    "dozor": "Patrol",
    "polyus": "Pole",
    "legion": "Legion",
    "volna": "Wave",
    "wave": "Wave",
    "patrul": "Patrol",
    "shchit": "Shield",
    "shield": "Shield",
    "kavkaz": "Caucasus",
    "caucasus": "Caucasus",
    "sibir": "Siberia",
    "siberia": "Siberia",
    "ural": "Ural",
    "pereval": "Pass",
    "more": "Sea",
    "sea": "Sea",
    "port": "Port",
    "gory": "Mountains",
    "mountains": "Mountains",
    "pamir": "Pamir",
    "sintez": "Synthesis",
    "laboratoriya": "Laboratory",
    "laboratory": "Laboratory",
    "kurier": "Courier",
    "kuryer": "Courier",
    "courier": "Courier",
    "ogon": "Fire",
    "rubezh": "Frontier",
    "severo-zapad": "North-West",
    "yugo-vostok": "South-East",
    "vostochny": "East",
    "zapadny": "West",
    "yuzhny": "South",
    "severny": "North",
    "tsentralny": "Centre",
    "internet": "Internet",
    "kiberkanal": "Cyber",
    "cyber": "Cyber",
    "dark": "Dark",
    "heroin": "Heroin",
    "geroin": "Heroin",
    "sintetika-yug": "Synthetics-South",
}

# words of other exercise and operation names, transliterated -> English
_TRANSLIT = {
    "kaspiy": "Caspian",
    "karavan": "Caravan",
    "antiterror": "Antiterror",
    "bratstvo": "Brotherhood",
    "boevoe": "Combat",
    "mirnaya": "Peace",
    "missiya": "Mission",
    "zaslon": "Barrier",
    "shchit": "Shield",
    "sodruzhestvo": "Commonwealth",
    "poisk": "Search",
    "grom": "Thunder",
    "skala": "Rock",
}

_ORDINALS = {
    "first": "First",
    "second": "Second",
    "third": "Third",
    "fourth": "Fourth",
    "fifth": "Fifth",
    "final": "Final",
    "last": "Final",
    "concluding": "Final",
    "closing": "Final",
}

# full month names, lower case (not event names, not towns)
_MONTH_NAMES = {name.lower() for name in calendar.month_name if name}
_NOT_NAMES = _MONTH_NAMES | {
    "in",
    "on",
    "the",
    "since",
    "from",
    "for",
    "by",
    "as",
    "during",
    "until",
    "of",
    "and",
    "at",
    "agenda",
    "plan",
    "programme",
    "program",
    "strategy",
    "covid",
    "vision",
    "note",
    "session",
    "summit",
}

_DASHES = "-–—‐‑"
_DASH_SEP = rf"\s*[{_DASHES}]\s*"  # a hyphen or dash, spaces around it allowed
_OPEN_QUOTES = "«\"“'„"
_CLOSE_QUOTES = "»\"”'"
# two-word series names, in any case ("Mirnaya missiya", "Boevoe bratstvo")
_TWO_WORD_SERIES = "|".join(
    k[0].upper() + "(?i:" + k[1:].replace(" ", "[ ]") + ")" for k in SERIES if " " in k
)
_NAME_RE = re.compile(
    rf"(?<![\w-])(?P<words>(?:(?:{_TWO_WORD_SERIES})(?![A-Za-z])|[A-Z][A-Za-z]+)"
    rf"(?:(?:{_DASH_SEP}|[ ])[A-Z][A-Za-z]+){{0,3}})"
    rf"(?P<ysep>{_DASH_SEP}|[ ])?(?P<year>(?:19|20)\d\d)?(?![\w])"
)
_WORD_SPLIT = re.compile(rf"({_DASH_SEP}|\s+)")

_KIND_RIGHT_BEFORE = re.compile(r"\b(operation|exercise|training|drills)\s*$", re.IGNORECASE)
_KEYWORD_BEFORE = re.compile(
    r"(exercises?|operations?|training|trainings|drills?|manoeuvres|maneuvers|stage|games|"
    r"competition|action|mission)\W{0,3}(?:\w+\W+){0,6}$",
    re.IGNORECASE,
)

_TYPE_OF_KEYWORD = {
    "exercise": "Exercise",
    "operation": "Operation",
    "training": "Training",
    "drill": "Exercise",
    "manoeuvres": "Exercise",
    "maneuvers": "Exercise",
    "stage": "OperationStage",
    "action": "Operation",
    "mission": "Operation",
}

_ORDINAL_STAGE = re.compile(
    r"\b(first|second|third|fourth|fifth|final|last|concluding|closing)\s+stage\s+of\b",
    re.IGNORECASE,
)

_SINCE_YEAR = re.compile(
    r"\b(?:since|beginning from|starting from|from|launched in|first held in|"
    r"every year since|annually since)\s+(?:the\s+\w+\s+year\s+of\s+the\s+"
    r"operation,\s*)?(?P<y>(?:19|20)\d\d)\b(?!\s*[-–]\s*\d)",
    re.IGNORECASE,
)


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "x"


def canonical_name(series: str, stage: str | None = None, year: int | None = None) -> str:
    """'Channel', 'Channel-2018', 'Channel-Trap-2021' from a series key/stage word/year."""
    base = SERIES[series][0] if series in SERIES else series
    parts = [base]
    if stage:
        parts.append(STAGES.get(stage.lower(), stage[:1].upper() + stage[1:].lower()))
    if year:
        parts.append(str(year))
    return "-".join(parts)


@dataclass
class Named:
    start: int
    end: int
    series: str | None  # key in SERIES, or None for a generic name
    base: str  # canonical base name
    stage: str | None
    year: int | None
    type: str
    keyword: bool = False  # the type was read from a word before the name ("operation")


def find_names(text: str) -> list[Named]:
    out: list[Named] = []
    for m in _NAME_RE.finditer(text):
        words_raw = m.group("words")
        parts = _WORD_SPLIT.split(words_raw)
        words = parts[0::2]
        seps = parts[1::2]
        year = int(m.group("year")) if m.group("year") else None
        ysep = m.group("ysep") or ""
        glued = bool(year and not ysep)
        # find a series start (one or two words) anywhere in the candidate
        found = None
        for i in range(len(words)):
            for n in (2, 1):
                if i + n > len(words):
                    continue
                if n == 2 and seps[i].strip() not in ("",):
                    continue  # two-word series names are written with a space
                key = " ".join(w.lower() for w in words[i : i + n])
                if key in SERIES:
                    found = (i, n, key)
                    break
            if found:
                break
        wstart = m.start("words")
        if glued and not (found and found[0] + found[1] == len(words)):
            continue
        if found:
            i, n, key = found
            offs = wstart + sum(len(w) + len(s) for w, s in zip(words[:i], seps[:i], strict=False))
            rest = words[i + n :]
            rest_seps = seps[i + n - 1 :] if i + n - 1 < len(seps) else []
            stage = None
            if rest:
                if rest_seps and rest_seps[0].strip() and rest[0].lower() in STAGES:
                    stage = rest[0]
                elif rest_seps and rest_seps[0].strip() and len(rest) == 1 and year is None:
                    stage = rest[0]  # "Kanal-Zapad": an untranslated stage name
                else:
                    rest = []
            end = (
                m.end()
                if (year and (not rest or stage))
                else (offs + len(" ".join(words[i : i + n + (1 if stage else 0)])) + 2)
            )
            end = m.end("year") if year and (stage or not rest) else min(m.end("words"), end)
            if not year and not stage and key in _WEAK_SERIES:
                # a bare common word is a series only in quotes or after "operation"
                before = text[max(0, offs - 14) : offs].lower()
                after = text[end : end + 1]
                quoted = before[-1:] in _OPEN_QUOTES and after in _CLOSE_QUOTES
                if not (quoted or re.search(r"operation\W*$", before)):
                    continue
            if not year and not stage:
                before = text[max(0, offs - 30) : offs].lower()
                if SERIES[key][1] != "Operation":
                    continue
            if year and key in _WEAK_SERIES and not ysep.strip():
                # "Search 2019"? only in quotes
                before = text[max(0, offs - 2) : offs]
                if not any(c in before for c in _OPEN_QUOTES):
                    continue
            base, typ, _owner = SERIES[key]
            if stage:
                typ = "OperationStage" if typ == "Operation" else typ
            out.append(
                Named(offs, end if end > offs else m.end(), _CANON_KEY[key], base, stage, year, typ)
            )
            continue
        if not year:
            # 'the operation "Southern Bridge"': a name without a year, in quotes right after
            # the word that says what it is
            qb = text[max(0, wstart - 1) : wstart]
            if not (
                qb
                and qb in _OPEN_QUOTES
                and text[m.end("words") : m.end("words") + 1] in _CLOSE_QUOTES
                and len(words) >= 2
                and _KIND_RIGHT_BEFORE.search(text, max(0, wstart - 24), wstart - 1)
                and not any(w.lower() in _NOT_NAMES for w in words)
            ):
                continue
            k = _KIND_RIGHT_BEFORE.search(text, max(0, wstart - 24), wstart - 1).group(1).lower()
            typ = _TYPE_OF_KEYWORD.get(k.rstrip("s"), "Exercise")
            typ = "Operation" if typ == "OperationStage" else typ
            base = " ".join(_TRANSLIT.get(w.lower(), w) for w in words)
            out.append(Named(wstart, m.end("words"), None, base, None, None, typ, True))
            continue
        qbefore = text[max(0, wstart - 1) : wstart]
        if not ysep.strip() and not (qbefore and qbefore in _OPEN_QUOTES):
            continue
        words = [_TRANSLIT.get(w.lower(), w) for w in words]
        if words[0].lower() in _NOT_NAMES or any(w.lower() in _NOT_NAMES for w in words):
            continue
        # a generic "Name-2022": quoted, or introduced as an exercise/operation/training
        before = text[max(0, wstart - 80) : wstart]
        kw = _KEYWORD_BEFORE.search(before)
        quoted = before[-1:] in _OPEN_QUOTES
        if not kw and not quoted:
            continue
        typ = "Exercise"
        if kw:
            k = kw.group(1).lower().rstrip("s")
            typ = _TYPE_OF_KEYWORD.get(k, "Exercise")
            if typ == "OperationStage":
                typ = "Operation"
        base = ""
        for w, s in zip(words, [*seps, ""], strict=False):
            base += w + ("-" if s.strip() else (" " if s else ""))
        base = base.rstrip("- ")
        out.append(Named(wstart, m.end(), None, base, None, year, typ, bool(kw)))
    return out

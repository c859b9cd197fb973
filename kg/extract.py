"""Rule-based extraction of events, actors, dates, places and seizures from press releases.

``extract_text(text, published=..., source_name=...)`` splits the text into documents (a feed
item under each ``dd.mm.yyyy`` header line, with the title line just above it; or one article),
then, item by item and sentence by sentence:

* **events**: named editions and stages of known series in any spelling ("Kanal–2019",
  "Channel 2018", «Vzaimodeistvie-2022», "Kanal-Lovushka" -> Channel-Trap-<year>), other
  hyphen-year names introduced as an exercise/operation ("PROXY-2022"), the series itself
  ("operation Channel"), ordinal stages ("the first stage of Kanal-2016"), and unnamed meetings,
  training courses and signings found by trigger words;
* **actors** from the gazetteer (``kg.gazetteer``) with roles from cues (observer clauses,
  "on the basis of" = host, "coordinated by" = coordinator, the owner of a known series =
  organiser); background states ("drugs from Afghanistan", "of Afghan origin", "to Europe") are
  not participants, and a state named as the venue gives the country;
* **dates** (``kg.textdates``) resolved against the item's date; **places** from the gazetteer or
  "<Name> training ground"; **seizures** (``kg.quantities``) per substance with comparator and
  scope (headline total, breakdown, national share, cumulative since a year).

A sentence that names no event speaks of the last events named ("focus"), or of the event its
anaphor points at ("the operation", "the stage", "the meeting"). Every record carries evidence
spans (offsets into ``text``; ``quote == text[start:end]``).

Limits: English text only; persons are recognised only after a post title
(Secretary General, Chief of ..., Minister ...); "member states" is not expanded to a list;
coreference is by recency, so a sentence about an earlier event after a newer one is misfiled.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kg.errors import KGError
from kg.facts import PartialDate
from kg.gazetteer import Gazetteer, Mention, default_gazetteer
from kg.quantities import Quantity, find_quantities
from kg.textdates import DateMention, find_dates, item_date

__all__ = ["Extraction", "ExtractError", "extract_text", "read_text_file", "canonical_name"]

MAX_CHARS = 20_000_000  # a file larger than this is refused
MAX_LINE = 200_000  # a "line" this long is not a news text (a dump, a minified file)


class ExtractError(KGError):
    """A text that cannot be read or extracted (file, line, problem)."""

    def __init__(self, file: str, line: int | None, problem: str):
        self.file, self.line, self.problem = file, line, problem
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {problem}")


# --------------------------------------------------------------------------- names

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
    "granitsa": "Border",
    "border": "Border",
    "tranzit": "Transit",
    "transit": "Transit",
    "kaspiy": "Caspian",
    "caspian": "Caspian",
    "sinteticheskiy": "Synthetics",
    "sintetika": "Synthetics",
    "patrol": "Patrol",
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
_NOT_NAMES = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
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
_NAME_RE = re.compile(
    r"(?<![\w-])(?P<words>[A-Z][A-Za-z]+(?:(?:\s*[-–—‐‑]\s*|[ ])[A-Z][A-Za-z]+){0,3})"
    r"(?P<ysep>\s*[-–—‐‑]\s*|[ ])?(?P<year>(?:19|20)\d\d)?(?![\w])"
)
_WORD_SPLIT = re.compile(r"(\s*[-–—‐‑]\s*|\s+)")
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


def _slug(s: str) -> str:
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
class _Named:
    start: int
    end: int
    series: str | None  # key in SERIES, or None for a generic name
    base: str  # canonical base name
    stage: str | None
    year: int | None
    type: str


def _find_names(text: str) -> list[_Named]:
    out: list[_Named] = []
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
                quoted = before[-1:] in "«\"“'„" and after in "»\"”'"
                if not (quoted or re.search(r"operation\W*$", before)):
                    continue
            if not year and not stage:
                before = text[max(0, offs - 30) : offs].lower()
                if SERIES[key][1] != "Operation":
                    continue
            if year and key in _WEAK_SERIES and not ysep.strip():
                # "Search 2019"? only in quotes
                before = text[max(0, offs - 2) : offs]
                if not any(c in before for c in "«\"“'„"):
                    continue
            base, typ, _owner = SERIES[key]
            if stage:
                typ = "OperationStage" if typ == "Operation" else typ
            out.append(
                _Named(
                    offs, end if end > offs else m.end(), _CANON_KEY[key], base, stage, year, typ
                )
            )
            continue
        if not year:
            continue
        qbefore = text[max(0, wstart - 1) : wstart]
        if not ysep.strip() and not (qbefore and qbefore in "«\"“'„"):
            continue
        words = [_TRANSLIT.get(w.lower(), w) for w in words]
        if words[0].lower() in _NOT_NAMES or any(w.lower() in _NOT_NAMES for w in words):
            continue
        # a generic "Name-2022": quoted, or introduced as an exercise/operation/training
        before = text[max(0, wstart - 80) : wstart]
        kw = _KEYWORD_BEFORE.search(before)
        quoted = before[-1:] in "«\"“'„"
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
        out.append(_Named(wstart, m.end(), None, base, None, year, typ))
    return out


# --------------------------------------------------------------------------- cues

_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"”»]?\s+(?=[A-Z«\"“(\d])|\n+")
_OBSERVER = re.compile(
    r"\b(observers?|observer status|observed?|observing|monitored|watched|as guests?|invited|"
    r"followed the work|"
    r"in the capacity of observers?)\b",
    re.IGNORECASE,
)
_CLAUSE_BOUND = re.compile(
    r";|:|\(|\)|\bwhile\b|\bwhereas\b|\bwith observers\b|,\s+and\s+(?!also)|"
    r"\bwith the participation of\b|\.\s|,\s+with\b|"
    r"\b(?:took part|participated|were involved|are involved|take part|"
    r"participate|were represented)\b"
    r"(?!\s+(?:in the \w+\s+)?as\s+(?:an?\s+)?observers?)"
)
_HOST = re.compile(
    r"\b(?:on the basis of|hosted by|at the premises of|at the headquarters of|"
    r"host(?:ed)?|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_COORD = re.compile(
    r"\b(?:coordinated|coordination of|coordinator|under the coordination|"
    r"coordinated by|coordinating)\b",
    re.IGNORECASE,
)
_ORGANISED = re.compile(
    r"\b(?:organi[sz]ed|convened|conducted|held|hosted|implemented|run)\s+"
    r"(?:jointly\s+)?by\b",
    re.IGNORECASE,
)
_BACKGROUND_BEFORE = re.compile(
    r"\b(?<!according )(?:from|to|towards|into|via|through|out of|origin in|produced in|production of [\w ]{0,20}"  # noqa: E501
    r"in|situation in|situation on|border with|borders? of|bank of|territory of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "Officers from Armenia": people from a state take part (not a drug origin)
_PEOPLE_FROM = re.compile(
    r"\b(?:officers|officials|experts|representatives|delegations?|"
    r"specialists|servicemen|units|contingents|participants|policemen|"
    r"instructors|analysts|staff|guests|members)\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_TRAFFIC = re.compile(
    r"\b(smuggl\w*|traffick\w*|route|origin|stream|flow|transit|production|"
    r"produced|brought|came|coming|smuggled|situation|threat|northern)\b",
    re.IGNORECASE,
)
_DEMONYM_BACKGROUND = re.compile(
    r"^\s*(?:origin|opiates?|heroin|opium|drugs?|hashish|bank|"
    r"border|side of the border|territory)",
    re.IGNORECASE,
)
_LOCATION_BEFORE = re.compile(
    r"\b(?:in|on the territory of|on the territory|to the territory of|territory of|"
    r"(?:region|oblast|province|district) of)\s+(?:the\s+)?(?:[Rr]epublic\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_LOCATION_VERB = re.compile(
    r"\b(held|hold|holds|take place|took place|takes place|taking place|conducted|passed|"
    r"deployed|regroup\w*|located|hosted|arriv\w*|started|began|begin|begins|will be|"
    r"is being|are being|was|were|worked|works|training ground|territory|takes|went)\b",
    re.IGNORECASE,
)


_POST_OF = re.compile(
    r"\b(?:Chief|Head|head|chief|Director|Chairman|Secretary|Commander|"
    r"Deputy|Representative|Spokesman|spokesman)\b[\w -]{0,25}?\bof\s+"
    r"(?:the\s+)?$"
)
_POST_AFTER = re.compile(
    r"\s+(?:Deputy\s+)?(?:Secretary[- ]General|Chairman|Director|Chief|"
    r"Head|Spokesman|Press Secretary)\s+[A-Z][a-z]+"
)
_TEACHERS_OF = re.compile(
    r"\b(?:experts|lecturers|instructors|trainers|specialists|teachers)\s+"
    r"(?:of|from)\s+(?:the\s+)?(?:[^.;]{0,60}?\s+and\s+(?:of\s+|from\s+)?"
    r"(?:the\s+)?)?$",
    re.IGNORECASE,
)
_BACKGROUND_CUE = re.compile(
    r"\bsince\s+(?:then|the\s+(?:middle|beginning|start|end)\b)|"
    r"\b(?:have|has)\s+(?:worked|cooperated)\s+together\b|"
    r"\blong history\b",
    re.IGNORECASE,
)
_ROUTE = re.compile(r"\b(?:from|via|through)\s+(?:the\s+)?$|\bfrom\s+[A-Z][\w-]+\s+to\s+$")
_TOPIC_BEFORE = re.compile(
    r"\b(?:discuss\w*|considered|exchanged views on|reviewed)\s+"
    r"(?![^.;]*\b(?:with|by)\s+(?:the\s+)?(?:representatives|delegations?|"
    r"experts|heads?)\b)[^.;]*$",
    re.IGNORECASE,
)
_AT_MEETING = re.compile(
    r"\b(?:following|after|during|at|in the course of|on the sidelines of|"
    r"on the margins of|as a result of)\s+the\s+(?:talks|meeting|"
    r"negotiations|visit|session|consultations|summit)\b",
    re.IGNORECASE,
)
_SEATS = {
    "CSTO-SECRETARIAT": "moscow",
    "CSTO-JOINT-STAFF": "moscow",
    "CSTO-CRC": "moscow",
    "CIS-ATC": "moscow",
    "SCO-RATS": "tashkent",
    "CARICC": "almaty",
}
_SEAT_RE = re.compile(
    r"\b(?:in|at)\s+the\s+(?:headquarters\s+of\s+(?:the\s+)?)?"
    r"(?P<b>(?:[A-Z][\w-]*\s+){0,6}(?:Secretariat|Joint Staff|Centre|Center|"
    r"Committee|CARICC))\b"
)
_NOT_TOWNS = {
    "the",
    "this",
    "that",
    "accordance",
    "addition",
    "total",
    "general",
    "particular",
    "order",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "russian",
    "english",
}
_UNKNOWN_PLACE = re.compile(
    r"\b(?:near\s+|in\s+(?:the\s+)?(?:city|town|village|settlement)\s+(?:of\s+)?|"
    r"(?<=[a-z] )in\s+(?=[A-Z][a-z]+(?:-[A-Z][a-z]+)*\s*[,;]))"
    r"(?P<p>[A-Z][a-z]+(?:-[A-Z][a-z]+)*)\b(?!\s+(?:training|range|region|oblast|district|"
    r"province|ground))"
)
# a state that does not take part: "Armenia did not send", "Armenia and Azerbaijan did not",
# "The Armenian delegation did not take part", "the chair of Armenia was empty", "the Prime
# Minister of Armenia has informed that he will not come"
_NEGATED_AFTER = re.compile(
    r"(?:\s*(?:,|and|,\s*and)\s*(?:the\s+)?[A-Z][\w-]+)*[\s,]*(?:[a-z]+\s+){0,5}?"
    r"(?:did not|didn't|does not|was not|were not|has not|will not|is not|refused|declined|"
    r"was absent|was empty|was vacant|froze|has frozen|had frozen)\b"
)
# an organisation cited as the source of a figure or statement, not as a participant
_SOURCE_BEFORE = re.compile(
    r"\b(?:according to|as reported by|citing|data of|figures of|"
    r"statistics of)\s+(?:the\s+)?(?:data\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# "Organizers of the exercise were the Anti-Terrorism Center ... and ..."
_ORGANISERS_WERE = re.compile(
    r"\b[Oo]rgani[sz]ers?\b[^.;]{0,40}?\b(?:were|was|are|is)\s+"
    r"(?:the\s+)?(?:[^.;]{0,80}\band\s+(?:the\s+)?)?$"
)
_PLACE_PREP = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:city\s+(?:of\s+)?)?$")
_PARTICIPATION_CUE = re.compile(
    r"\b(?:took part|take part|taking part|participat\w*|involved|attend\w*|represent\w*|"
    r"delegations?|observers?|joined|contingents?|units|servicemen|experts|officers|"
    r"specialists|bodies|agencies|forces|guests|invited|monitored|watched|coordinat\w*|"
    r"organi[sz]\w*|host\w*|held|conducted|chaired|aegis|auspices|on the basis of|met|talks|"
    r"signed|headquarters|staff)\b",
    re.IGNORECASE,
)
_ACTIVE_ORGANISER = re.compile(
    r"^(?:\s*(?:,|and|the|together with)\s*)*\s*(?:jointly\s+|have\s+|has\s+)?"
    r"(?:organi[sz]ed|convened|hosted|held|conducted)\b",
    re.IGNORECASE,
)
_END_CUE = re.compile(
    r"\b(?:completed|ended|finished|concluded|closed|came to an end|"
    r"was over|ends|will end|will be completed)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    r"\b(?:the|this|that|its|these)\s+(?:(?:joint|international|special|regional|border|"
    r"anti-drug|anti-terrorist|command-staff|tactical)\s+){0,2}(operation|stage|exercises?|trainings?|meeting|session|"
    r"consultations|briefing|conference|event|course|talks)\b",
    re.IGNORECASE,
)
_EDITION_CUE = re.compile(
    r"\b(?:during the year|as a whole|for the year|in the whole|"
    r"overall|in total during|throughout the year|in (?:19|20)\d\d,)",
    re.IGNORECASE,
)
_ORDINAL_STAGE = re.compile(
    r"\b(first|second|third|fourth|fifth|final|last|concluding|closing)\s+stage\s+of\b",
    re.IGNORECASE,
)
_MEETING = re.compile(
    r"\b(?:(?:[Ff]inal|[Rr]egular|[Ee]xtraordinary|[Pp]lenary|[Jj]oint|[Ww]orking|[Aa]nnual|"
    r"[Oo]rdinary|[Nn]ext|[Ff]irst|[Ss]econd|\d+(?:st|nd|rd|th))\s+)*"
    r"(?:[Mm]eeting|[Ss]ession|[Cc]onsultations|[Bb]riefing|[Cc]onference|[Ss]ummit|[Tt]alks|"
    r"[Rr]ound[- ]table|[Ff]orum|[Pp]lenary|[Nn]egotiations|[Vv]ideoconference)\b(?!s)|"
    r"\b(?:met|will meet|meets)\b|"
    # "X received the Ambassador of Mongolia": an audience is a meeting
    r"\breceived(?=\s+(?:in\s+(?:the\s+)?[\w-]+\s+)?(?:the\s+)?(?:Ambassador|Minister|Deputy|"
    r"Secretary|Chairman|Head|Director|delegation|Special Representative)\b)"
)
# an unnamed exercise or operation, introduced as new ("a joint exercise", "joint drills")
_EXERCISE = re.compile(
    r"\b(?:(?:[Aa]n?|[Jj]oint|[Cc]ommand-staff|[Aa]nti-?terrorist|[Ss]pecial|[Tt]actical|"
    r"[Ii]nternational|[Rr]egional|[Bb]order)\s+)(?:[\w-]+\s+){0,3}?"
    r"(?P<w>exercises?|drills|manoeuvres|maneuvers|operation|controlled deliver(?:y|ies))\b"
)
_TRAINING = re.compile(
    r"\b(?:training courses?|training session|courses? for|training for|seminar|workshop|"
    r"training camp|"
    r"master class|refresher course)\b",
    re.IGNORECASE,
)
_LIST_WORDS = {
    "and",
    "also",
    "the",
    "of",
    "as",
    "in",
    "were",
    "was",
    "a",
    "an",
    "from",
    "to",
    "by",
    "representatives",
    "delegations",
    "delegation",
    "attended",
    "present",
    "invited",
    "participated",
    "took",
    "part",
    "well",
    "other",
    "its",
    "their",
    "at",
    "with",
    "on",
    "experts",
    "officials",
    "followed",
    "work",
    "headquarters",
    "worked",
    "military",
    "attaches",
    "attach",
    "s",
    "states",
    "countries",
    "organizations",
    "organisations",
    "international",
    "state",
    "observer",
    "observers",
    "status",
    "exercise",
    "exercises",
    "meeting",
    "event",
}
_SIGNING = re.compile(r"\b(?:signed|signing|signature of)\b", re.IGNORECASE)
_SUBSTANCES = [
    (r"precursors?", "precursors"),
    (
        r"synthetic (?:drugs?|narcotics?|substances)|synthetics|new psychoactive substances",
        "synthetic_drugs",
    ),
    (r"psychotropic(?: substances| drugs)?|psychotropics", "psychotropic_substances"),
    (r"heroine?", "heroin"),
    (r"opium|raw opium", "opium"),
    (r"hashish|hashisch|hasish|hash", "hashish"),
    (r"marijuana|marihuana", "marijuana"),
    (r"cannabis|hemp", "cannabis"),
    (r"cocaine?", "cocaine"),
    (r"mephedrone", "mephedrone"),
    (r"mdma|ecstasy", "mdma"),
    (r"(?:meth)?amphetamines?", "amphetamines"),
    (
        r"(?:narcotic drugs?|narcotics?|drugs?|narcotic substances|narcotic and psychotropic "
        r"substances|illicit drugs)",
        "total",
    ),
]
_SUB_ALT = "|".join(f"(?P<s{i}>{rx})" for i, (rx, _code) in enumerate(_SUBSTANCES))
_SUB_RIGHT = re.compile(
    r"^\s*(?:of\s+)?(?:the\s+)?(?:various\s+|illicit\s+|illegal\s+|narcotic\s+(?=drugs?\b))?"
    rf"(?:{_SUB_ALT})\b",
    re.IGNORECASE,
)
_SUB_LEFT = re.compile(
    rf"(?:{_SUB_ALT})\s*(?:[—–-]|:|\(|was|were|amounted to|totall?ed|exceeded|exceeds|reached|"
    r"made up|comprised|weighing|weighed)?\s*(?:(?:more|less) than|over|about|nearly|almost|"
    r"some|around|approximately)?\s*$",
    re.IGNORECASE,
)
_SUB_ANY = re.compile(rf"\b(?:{_SUB_ALT})\b", re.IGNORECASE)
_NON_DRUG = re.compile(
    r"^\s*(?:of\s+)?(?:the\s+)?(?:explosives?|tnt|gold|silver|ammunition|"
    r"cash|money|weapons?|fish|meat|goods|cargo|food|humanitarian|trotyl)",
    re.IGNORECASE,
)
_SEIZE_CONTEXT = re.compile(
    r"\b(seiz\w*|confiscat\w*|withdr[ae]w\w*|removed|intercept\w*|"
    r"taken out|drugs?|narcotic\w*|took out|detained|withdrawn|"
    r"accounted for)\b",
    re.IGNORECASE,
)
_BREAKDOWN_CUE = re.compile(
    r"\b(including|among them|of them|of which|from them|in particular|"
    r"incl\.|namely|among which)\b",
    re.IGNORECASE,
)
_NATIONAL_CUE = re.compile(
    r"\b(seized|intercepted|agencies|police|side|alone|services?|"
    r"bodies|law enforcement|confiscated|withdrew|accounted|share|"
    r"authorities|guards|customs)\b",
    re.IGNORECASE,
)
# a figure credited to the territory of one state: "in (the) territory of Tajikistan"; "in the
# territory of the republic" / "in the country" is the item's own state (its first state)
_TERRITORY_OF = re.compile(r"\b(?:in|on)\s+(?:the\s+)?territory\s+of\s+(?:the\s+)?$", re.I)
_TERRITORY_HOME = re.compile(
    r"\b(?:in|on)\s+(?:the\s+)?territory\s+of\s+(?:the\s+)?"
    r"(?:republic|country)\b|\bin\s+the\s+(?:republic|country)\b",
    re.I,
)
_TOTAL_CUE = re.compile(
    r"\b(?:in total|in all|altogether|overall|as a whole|all (?:the )?"
    r"participating|all member|all the member|all states|operation-wide)\b",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"\b(?:since|from)\s+(?:the\s+(?:beginning|start|first year|launch)\s+of\s+the\s+"
    r"operation(?:\s+in)?,?\s*|its\s+(?:launch|start)\s+in\s+|)(?P<y>(?:19|20)\d\d)\b|"
    r"\bsince the (?:beginning|start|first year|launch)\b|\bover the years\b|\bin all the years\b",
    re.IGNORECASE,
)
_SINCE_YEAR = re.compile(
    r"\b(?:since|beginning from|starting from|from|launched in|first held in|"
    r"every year since|annually since)\s+(?:the\s+\w+\s+year\s+of\s+the\s+"
    r"operation,\s*)?(?P<y>(?:19|20)\d\d)\b(?!\s*[-–]\s*\d)",
    re.IGNORECASE,
)
_TRAINING_GROUND = re.compile(
    r"(?:(?P<a>[A-Z][\w’']*(?:[- ][A-Z][\w’']*){0,2})[»\"”]?\s+(?:training ground|range|"
    r"training range|polygon|proving ground)\b|(?:training ground|range|polygon)\s+[«\"“]"
    r"(?P<b>[A-Z][\w’']*(?:[- ][A-Z][\w’']*){0,2})[»\"”])"
)
_POST = re.compile(
    r"\b(?:Deputy |First Deputy )?(?:Secretary General|Secretary-General|Chief of the (?:CSTO )?Joint "  # noqa: E501
    r"Staff|Chief of (?:the )?General Staff|(?:Defen[cs]e |Foreign |Interior )?Minister|Director|"
    r"Chairman|Ambassador|Head|Representative|Press Secretary|Commander|President|Coordinator)\b"
)
_POST_WORDS = (
    "Secretary",
    "Chief",
    "Minister",
    "Director",
    "Chairman",
    "Ambassador",
    "Head",
    "Representative",
    "Commander",
    "President",
    "Coordinator",
)
_PNAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,3}\b")
_NOT_PERSON = {
    "organization",
    "organisation",
    "treaty",
    "security",
    "collective",
    "council",
    "staff",
    "joint",
    "republic",
    "federation",
    "ministry",
    "minister",
    "interior",
    "internal",
    "affairs",
    "defence",
    "defense",
    "foreign",
    "general",
    "colonel",
    "lieutenant",
    "major",
    "army",
    "forces",
    "secretary",
    "chief",
    "deputy",
    "head",
    "director",
    "office",
    "nations",
    "united",
    "drugs",
    "crime",
    "regional",
    "representative",
    "central",
    "asia",
    "asian",
    "ambassador",
    "extraordinary",
    "plenipotentiary",
    "committee",
    "state",
    "national",
    "service",
    "agency",
    "control",
    "drug",
    "border",
    "troops",
    "press",
    "operations",
    "division",
    "the",
    "mr",
    "ms",
    "president",
    "commander",
    "coordinator",
    "group",
    "working",
    "assembly",
    "parliamentary",
    "centre",
    "center",
    "programme",
    "program",
    "headquarters",
    "guard",
    "police",
    "customs",
    "emergency",
    "emergencies",
    "situations",
    "department",
    "on",
    "of",
    "for",
    "and",
    "in",
    "chairman",
    "first",
    "a",
    "an",
    "at",
    "with",
    "his",
    "her",
    "colonel-general",
    "lieutenant-general",
    "major-general",
    "army-general",
    "rear-admiral",
    "vice-admiral",
    "executive",
    "general-lieutenant",
    "general-major",
    "general-colonel",
}


# --------------------------------------------------------------------------- records


@dataclass
class _Event:
    id: str
    name: str
    type: str
    doc: str
    named: bool
    series: str | None = None
    year: int | None = None
    stage_of: str | None = None  # id of the edition/series a stage belongs to
    part_of: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    date_explicit: bool = False
    place: str | None = None  # place name
    place_id: str | None = None
    country: str | None = None
    participants: dict[str, dict[str, Any]] = field(default_factory=dict)
    seizures: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    met: bool = False
    signing_span: tuple[int, int] | None = None


@dataclass
class Extraction:
    """What ``extract_text`` returns: the JSON contract plus what the YAML writer needs."""

    text: str
    source_name: str
    documents: list[dict[str, Any]]
    events: list[dict[str, Any]]
    persons: list[dict[str, Any]]
    places: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "events": self.events, "persons": self.persons}


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral() else float(d)


# --------------------------------------------------------------------------- reading


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
    _check_lines(text, str(path))
    return text


def _check_lines(text: str, name: str) -> None:
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


# --------------------------------------------------------------------------- items


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


_MAX_SENTENCE = 1500
_MAX_EVIDENCE = 5
_ABBREV = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|St|No|Gen|Col|Lt|Maj|Capt|Prof|Jr|Sr|vs|etc|[A-Z])\.$")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
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


# --------------------------------------------------------------------------- the extractor


class _Extractor:
    def __init__(self, text: str, gaz: Gazetteer, source_name: str, published: dt.date | None):
        self.text = text
        self.gaz = gaz
        self.fb = gaz.fb
        self.source = source_name
        self.published = published
        self.events: dict[str, _Event] = {}
        self.order: list[str] = []
        self.persons: dict[str, dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.documents: list[dict[str, Any]] = []

    # ---- event registry

    _item_parents: set[str] = set()
    _item_orgs: set[str] = set()

    def _event(self, eid: str, **kw: Any) -> _Event:
        ev = self.events.get(eid)
        if ev is None:
            ev = _Event(id=eid, **kw)
            self.events[eid] = ev
            self.order.append(eid)
        return ev

    def _named_event(self, n: _Named, doc: str, item_year: int | None) -> _Event | None:
        year = n.year
        if n.stage and year is None:
            year = item_year
        if n.series is None:
            name = f"{n.base}-{year}"
            return self._event(_slug(name), name=name, type=n.type, doc=doc, named=True, year=year)
        if n.stage:
            name = canonical_name(n.series, n.stage, year)
            ev = self._event(
                _slug(name), name=name, type=n.type, doc=doc, named=True, series=n.series, year=year
            )
            return ev
        if year:
            name = canonical_name(n.series, None, year)
            return self._event(
                _slug(name), name=name, type=n.type, doc=doc, named=True, series=n.series, year=year
            )
        name = canonical_name(n.series)
        return self._event(
            _slug(name), name=name, type=SERIES[n.series][1], doc=doc, named=True, series=n.series
        )

    def _is_series(self, ev: _Event) -> bool:
        return ev.named and ev.series is not None and ev.year is None

    # ---- main loop

    def run(self) -> None:
        text = self.text
        for idx, (s, e, d, title_start) in enumerate(split_items(text), start=1):
            anchor = d or self.published or _dateline(text[s:e])
            doc_id = f"{self.source}-{idx}"
            from kg.seeds import sha256_text

            title = None
            if title_start is not None:
                title = text[title_start : text.find("\n", title_start)].strip()
            self.documents.append(
                {
                    "id": doc_id,
                    "start": s,
                    "end": e,
                    "sha256": sha256_text(text[s:e]),
                    "published": anchor.isoformat() if anchor else None,
                    "title": title,
                }
            )
            self._item(s, e, anchor, doc_id)
        self._finish()

    def _item(self, s: int, e: int, anchor: dt.date | None, doc: str) -> None:
        text = self.text
        seg = text[s:e]
        item_year = anchor.year if anchor else None
        mentions = [Mention(m.start + s, m.end + s, m.entry) for m in self.gaz.find(seg)]
        # the CSTO anti-drug "Coordination Council", written without its long name
        if (
            "Coordination Council" in seg
            and "drug" in seg
            and any(m.id.startswith("CSTO") for m in mentions)
        ):
            cc = self.gaz.find("CCHCA")
            taken = [(m.start, m.end) for m in mentions]
            for cm in re.finditer(r"\bCoordination Council\b", seg):
                a, b = cm.start() + s, cm.end() + s
                if cc and not any(x < b and a < y for x, y in taken):
                    mentions.append(Mention(a, b, cc[0].entry))
        dates = [
            DateMention(x.start + s, x.end + s, x.kind, x.begin, x.finish)
            for x in find_dates(seg, anchor)
            if not _in_header(seg, x.start)
        ]
        quants = [
            Quantity(q.start + s, q.end + s, q.kg, q.comparator, q.as_written)
            for q in find_quantities(seg)
        ]
        names = [
            _Named(n.start + s, n.end + s, n.series, n.base, n.stage, n.year, n.type)
            for n in _find_names(seg)
        ]
        # drop names inside gazetteer mentions (a place called "Rock City-Astana")
        place_spans = sorted((m.start, m.end) for m in mentions if m.kind == "place")
        pstarts = [a for a, _b in place_spans]

        def in_place(pos: int) -> bool:
            i = bisect_left(pstarts, pos + 1) - 1
            return i >= 0 and place_spans[i][0] <= pos < place_spans[i][1]

        names = [n for n in names if not in_place(n.start)]
        sents = _sentences(text, s, e)
        focus: list[_Event] = []
        item_events: list[_Event] = []
        last_seizure_event: _Event | None = None
        last_total: dict[Any, Any] = {}
        # organisations one of whose bodies the item names (CIS for the CIS ATC)
        self._item_orgs = {m.id for m in mentions if m.kind == "organisation"}
        self._item_parents = {
            o.parent
            for m in mentions
            if m.kind == "organisation"
            and (o := self.fb.organisations.get(m.id)) is not None
            and o.parent
        }
        # the item's own state (its first named state): "in the territory of the republic"
        last_total["home"] = next((m.id for m in mentions if m.kind == "state"), None)
        names.sort(key=lambda x: x.start)
        mentions.sort(key=lambda x: x.start)
        dates.sort(key=lambda x: x.start)
        quants.sort(key=lambda x: x.start)
        keys = [[x.start for x in lst] for lst in (names, mentions, dates, quants)]

        def window(lst: list[Any], k: list[int], a: int, b: int) -> list[Any]:
            return lst[bisect_left(k, a) : bisect_left(k, b)]

        for ss, se in sents:
            sent = text[ss:se]
            s_names = window(names, keys[0], ss, se)
            s_ments = window(mentions, keys[1], ss, se)
            s_dates = window(dates, keys[2], ss, se)
            s_quants = window(quants, keys[3], ss, se)
            explicit: list[_Event] = []
            spans: dict[str, list[tuple[int, int]]] = {}

            def note(
                ev: _Event,
                a: int,
                b: int,
                explicit: list[_Event] = explicit,
                spans: dict[str, list[tuple[int, int]]] = spans,
            ) -> None:
                if ev not in explicit:
                    explicit.append(ev)
                spans.setdefault(ev.id, []).append((a, b))

            for n in s_names:
                ev = self._named_event(n, doc, item_year)
                if ev is not None:
                    note(ev, n.start, n.end)
            # ordinal stages: "the first stage of (the operation) Kanal-2016"
            for om in _ORDINAL_STAGE.finditer(sent):
                after = [n for n in s_names if 0 <= n.start - (ss + om.end()) <= 70]
                if not after:
                    continue
                n = after[0]
                if n.series is None or SERIES[n.series][1] != "Operation" or n.stage:
                    continue
                year = n.year or item_year
                edition_name = canonical_name(n.series, None, year)
                ordinal = _ORDINALS[om.group(1).lower()]
                name = f"{ordinal} stage of {edition_name}"
                st = self._event(
                    f"{_slug(edition_name)}-{ordinal.lower()}-stage",
                    name=name,
                    type="OperationStage",
                    doc=doc,
                    named=True,
                    series=n.series,
                    year=year,
                )
                if n.year:  # the text names the edition: "the first stage of Kanal-2016"
                    edition = self._event(
                        _slug(edition_name),
                        name=edition_name,
                        type="Operation",
                        doc=doc,
                        named=True,
                        series=n.series,
                        year=year,
                    )
                    st.stage_of = edition.id
                    note(edition, n.start, n.end)
                else:  # "the last stage of Operation Channel": of the edition if named later
                    st.stage_of = st.stage_of or "__series__"
                note(st, ss + om.start(), n.end)
            # a named stage written with its edition ("stage Channel-Barrier of Channel-2022")
            for ev in explicit:
                if (
                    ev.type == "OperationStage"
                    and ev.series
                    and ev.stage_of in (None, "__series__")
                ):  # noqa: E501
                    ed = [
                        x
                        for x in explicit
                        if x.series == ev.series
                        and x.year == ev.year
                        and x.type == "Operation"
                        and x is not ev
                        and x.named
                    ]
                    if ed:
                        ev.stage_of = ed[0].id
            # series stage without edition in the item: part of the series
            for ev in explicit:
                if ev.type == "OperationStage" and ev.stage_of is None and ev.series:
                    ev.stage_of = "__series__"
            triggered = self._triggers(sent, ss, se, s_names, s_dates, s_ments, doc, item_events)
            signings = []
            for t, (a, b) in triggered:
                if t.type == "Other":
                    sa, sb = t.signing_span or (a, b)
                    signings.append((t, min(a, sa), max(b, sb)))
                    if (ss, se) not in t.evidence:
                        t.evidence.append((ss, se))
                    if t not in item_events:
                        item_events.append(t)
                else:
                    note(t, a, b)
            # "Following the talks, they signed ...": a signing at a meeting of this item
            # takes the meeting's date and place
            for t, _a, _b in signings:
                if t.start is None and _AT_MEETING.search(sent):
                    mt = [ev for ev in item_events if ev.type == "Meeting" and ev.start]
                    if mt:
                        t.start, t.end = mt[-1].start, mt[-1].end
                        t.place, t.place_id = mt[-1].place, mt[-1].place_id
                        t.country = mt[-1].country
            for ev in explicit:
                if len(ev.evidence) < _MAX_EVIDENCE and (ss, se) not in ev.evidence:
                    ev.evidence.append((ss, se))
                if ev not in item_events:
                    item_events.append(ev)
            # which events does this sentence speak of?
            nonseries = [ev for ev in explicit if not self._is_series(ev)]
            parents = {ev.stage_of for ev in nonseries if ev.stage_of}
            specific = [ev for ev in nonseries if ev.id not in parents]
            stage_cue = re.search(r"\bstage\b", sent, re.IGNORECASE)
            if specific:
                targets = specific
                # "this stage of activity, Channel 2018": the stage, not the edition
                if stage_cue:
                    ids = {t.id for t in targets}
                    stages = [
                        ev
                        for ev in item_events
                        if ev.stage_of in ids
                        or (
                            ev.stage_of == "__series__"
                            and any(
                                t.series == ev.series
                                and t.year == ev.year
                                and t.type == "Operation"
                                for t in targets
                            )
                        )
                    ]
                    if stages:
                        targets = [stages[-1]]
            elif _BACKGROUND_CUE.search(sent):
                targets = []  # background: "since then UNODC experts regularly observe ..."
            else:
                targets = self._anaphor(sent, item_events, focus)
            if specific:
                focus = targets
            elif targets and not focus:
                focus = targets
            series_here = [ev for ev in explicit if self._is_series(ev)]
            # dates
            self._dates(
                sent, ss, s_dates, [ev for ev in targets if ev in explicit], bool(explicit), targets
            )
            # places and venue countries
            self._places(sent, ss, s_ments, targets)
            # actors
            self._actors(sent, ss, se, s_ments, targets, series_here, spans, item_events, signings)
            self._persons(sent, ss, se, targets, anchor)
            # series start year
            for ev in explicit:
                if self._is_series(ev) and ev.start is None:
                    m = _SINCE_YEAR.search(sent)
                    if m:
                        ev.start = PartialDate(int(m.group("y")))
            if not explicit and re.search(r"\b(?:operation|it)\b", sent, re.IGNORECASE):
                m = _SINCE_YEAR.search(sent)
                if m and not s_quants:
                    for ev in item_events:
                        if self._is_series(ev) and ev.start is None:
                            ev.start = PartialDate(int(m.group("y")))
            # seizures
            if s_quants:
                last_seizure_event = self._seizures(
                    sent,
                    ss,
                    se,
                    s_quants,
                    s_ments,
                    explicit,
                    targets,
                    item_events,
                    last_seizure_event,
                    last_total,
                    doc,
                    item_year,
                )

    # ---- triggered (unnamed) events

    def _triggers(
        self,
        sent: str,
        ss: int,
        se: int,
        s_names: list[_Named],
        s_dates: list[DateMention],
        s_ments: list[Mention],
        doc: str,
        item_events: list[_Event],
    ) -> list[tuple[_Event, tuple[int, int]]]:
        out: list[tuple[_Event, tuple[int, int]]] = []
        day = (
            next((d for d in s_dates if d.kind == "range"), None)
            or next(
                (d for d in s_dates if d.kind == "day" and not _in_dateline(sent, d.start - ss)),
                None,
            )
            or next((d for d in s_dates if d.kind == "month"), None)
        )
        low = sent.lower()
        for rx, typ, words in (
            (_TRAINING, "Training", ("training", "course", "seminar", "workshop")),
            (
                _MEETING,
                "Meeting",
                (
                    "meet",
                    "met",
                    "session",
                    "consultation",
                    "briefing",
                    "conference",
                    "summit",
                    "talks",
                    "round",
                    "forum",
                    "plenary",
                    "received",
                ),
            ),
            (_SIGNING, "Other", ("sign",)),
            (
                _EXERCISE,
                "Exercise",
                ("exercise", "drills", "manoeuvres", "maneuvers", "operation", "deliver"),
            ),
        ):
            if not any(w in low for w in words):
                continue
            m = rx.search(sent)
            if not m:
                continue
            if typ == "Exercise":
                if s_names or re.search(
                    r"\b(?:the|this|that|its|of)\s+(?:[\w-]+\s+){0,3}$",
                    sent[max(0, m.start() - 30) : m.start()],
                    re.I,
                ):
                    continue  # a named event, or an anaphor: not a new event
                if m.group("w") == "operation" or m.group("w").startswith("controlled"):
                    typ = "Operation"
            if typ == "Training" and any(0 <= n.start - (ss + m.end()) <= 80 for n in s_names):
                continue  # "joint training «Rock-2024»": the named event
            if typ == "Meeting" and _TRAINING.search(sent) and "session" in m.group(0).lower():
                continue
            if typ == "Meeting" and "training" in sent[max(0, m.start() - 30) : m.start()].lower():
                continue
            if typ == "Meeting" and re.search(
                r"(?:video|tele|web)[- ]?$", sent[max(0, m.start() - 8) : m.start()], re.I
            ):
                continue  # "in the format of a video conference": how, not what
            if (
                typ == "Meeting"
                and m.group(0).lower() == "videoconference"
                and re.search(
                    r"\b(?:by|via|through|format of|in)\s+(?:an?\s+)?$",
                    sent[max(0, m.start() - 20) : m.start()],
                    re.I,
                )
            ):
                continue  # "held by videoconference": how, not what
            met = m.group(0) in ("met", "received")
            if typ == "Other":
                ym = re.search(r"\b(?:in|on)\s+((?:19|20)\d\d)\b", sent[m.end() : m.end() + 40])
                when = (
                    (PartialDate(int(ym.group(1))), PartialDate(int(ym.group(1))))
                    if ym
                    else ((day.begin, day.finish) if day else (None, None))
                )
                obj = re.search(
                    r"\b(Protocol|Agreement|Memorandum|Joint Action Plan|Action Plan|"
                    r"Plan|Treaty|Programme|Program|Declaration|Roadmap)\b[^,.;]{0,80}",
                    sent,
                )
                if not obj:
                    continue
                name = "Signing of the " + _clean_name(obj.group(0))
            else:
                when = (day.begin, day.finish) if day else (None, None)
                if met:
                    rest = sent[m.end() : m.end() + 120]
                    wm = re.search(r"\bwith\s+(?:the\s+)?([^,.;]+)", rest)
                    name = "Meeting with " + _clean_name(wm.group(1)) if wm else "Meeting"
                else:
                    words = sent[m.start() :].split()
                    keep = []
                    for k, w in enumerate(words[:16]):
                        bare = re.sub(r"[^\w-]", "", w)
                        if (
                            k == 0
                            or bare[:1].isupper()
                            or bare.lower()
                            in (
                                "of",
                                "the",
                                "and",
                                "on",
                                "for",
                                "heads",
                                "countering",
                                "illicit",
                                "drug",
                                "trafficking",
                                "member",
                                "states",
                                "competent",
                                "authorities",
                            )
                            or k < len(m.group(0).split())
                        ):
                            keep.append(w)
                            if re.search(r"[,.;:»”\"]$", w):
                                break
                        else:
                            break
                    while keep and re.sub(r"\W", "", keep[-1]).lower() in (
                        "of",
                        "the",
                        "and",
                        "on",
                        "for",
                    ):  # noqa: E501
                        keep.pop()
                    name = _clean_name(" ".join(keep))
                    if typ in ("Exercise", "Operation"):
                        # "a joint exercise of the border services of Kazakhstan and ..."
                        tail = re.split(
                            r"[,.;:(]| (?:was|were|is|are|has|have|took|held|will|"
                            r"in|on|at|near|from|with|which|that|under|during|"
                            r"conducted|started|began|ended)\b",
                            sent[m.start() :],
                        )[0]
                        name = re.sub(
                            r"^(?:[Aa]n?|[Tt]he)\s+", "", _clean_name(" ".join(tail.split()[:14]))
                        )
                    if m.group(0) in ("will meet", "meets"):
                        subj = re.findall(
                            r"(?:[Tt]he\s+)?[A-Z][\w-]*(?:\s+(?:of\s+(?:the\s+)?)?"
                            r"[A-Z][\w-]*)*\s*$",
                            sent[: m.start()].rstrip(),
                        )
                        name = (
                            "Meeting of " + _clean_name(subj[0])
                            if subj and subj[0].strip()
                            else "Meeting"
                        )
                    name = name[:1].upper() + name[1:]
            # merge with an unnamed event of the same type in this item and the same date
            same = [
                ev
                for ev in item_events
                if not ev.named
                and ev.type == typ
                and (ev.start is None or when[0] is None or ev.start == when[0])
            ]
            if same:
                ev = same[0]
                if ev.start is None and when[0] is not None:
                    ev.start, ev.end = when
                out.append((ev, (ss + m.start(), ss + m.end())))
                continue
            base = _slug(name)
            if len(base) > 48:  # cut at a word boundary
                base = base[:49].rsplit("-", 1)[0]
            eid = f"{base}-{when[0]}" if when[0] else base
            k = 2
            while eid in self.events and self.events[eid].doc != doc:
                eid = f"{base}-{when[0] or 'x'}-{k}"
                k += 1
            ev = self._event(eid, name=name, type=typ, doc=doc, named=False, met=met)
            if when[0] is not None and ev.start is None:
                ev.start, ev.end = when
                ev.date_explicit = True
            if typ == "Other":
                ev.signing_span = (ss + obj.start(), ss + m.end()) if obj else (ss, se)
            out.append((ev, (ss + m.start(), ss + m.end())))
        return out

    def _anaphor(self, sent: str, item_events: list[_Event], focus: list[_Event]) -> list[_Event]:
        if re.search(
            r"\b(?:[Bb]oth|[Tt]he two|[Aa]ll three)\s+(?:events|exercises|trainings|"
            r"stages|operations)\b",
            sent,
        ):
            n = 3 if re.search(r"\b[Aa]ll three\b", sent) else 2
            named = [ev for ev in item_events if ev.named and not self._is_series(ev)]
            if len(named) >= n:
                return named[-n:]
        m = _ANAPHOR.search(sent)
        if m:
            word = m.group(1).lower().rstrip("s")
            kinds = {
                "operation": ("Operation", "OperationStage"),
                "stage": ("OperationStage",),
                "exercise": ("Exercise", "Training"),
                "training": ("Training", "Exercise"),
                "meeting": ("Meeting",),
                "session": ("Meeting",),
                "consultation": ("Meeting",),
                "briefing": ("Meeting",),
                "conference": ("Meeting",),
                "talk": ("Meeting",),
                "course": ("Training",),
            }.get(word)
            if kinds:
                cands = [ev for ev in item_events if ev.type in kinds and not self._is_series(ev)]
                if word == "operation":
                    # the edition the item is about, else its stage
                    eds = [ev for ev in cands if ev.type == "Operation"]
                    cands = eds or cands
                if cands:
                    if m.group(0).lower().endswith("s") and word in ("exercise", "training"):
                        return [ev for ev in cands if ev.year == cands[-1].year]
                    return (
                        [cands[-1]]
                        if word != "exercise"
                        else [ev for ev in focus if ev in cands] or [cands[-1]]
                    )
        return [ev for ev in focus if not self._is_series(ev)]

    # ---- dates

    def _dates(
        self,
        sent: str,
        ss: int,
        s_dates: list[DateMention],
        explicit: list[_Event],
        has_explicit: bool,
        targets: list[_Event],
    ) -> None:
        if not s_dates:
            return
        pool = [ev for ev in explicit if not self._is_series(ev) and ev.named] or (
            [] if has_explicit else targets
        )
        # a stage named with its operation gets the date, not the operation
        stage_ids = {ev.stage_of for ev in pool if ev.stage_of}
        pool = [ev for ev in pool if ev.id not in stage_ids]
        s_dates = [dm for dm in s_dates if not _in_dateline(sent, dm.start - ss)]
        for ev in pool:
            for dm in s_dates:
                if dm.kind == "year" and ev.year is not None:
                    continue
                lead = self.text[max(0, dm.start - 24) : dm.start]
                if dm.kind == "day" and _END_CUE.search(lead):
                    dm = DateMention(dm.start, dm.end, "until", None, dm.finish)
                if dm.kind == "until":
                    if (
                        dm.finish
                        and (ev.year is None or dm.finish.year == ev.year)
                        and (ev.start is None or ev.start.earliest() <= dm.finish.earliest())
                    ):
                        ev.end = dm.finish
                        if ev.start is None:
                            ev.start = PartialDate(dm.finish.year)
                    continue
                b, f = dm.begin, dm.finish
                if b is None:
                    continue
                if ev.year is not None and b.year != ev.year:
                    continue
                if ev.date_explicit and ev.start is not None and (_prec(ev.start) >= _prec(b)):
                    continue
                ev.start, ev.end = b, f
                ev.date_explicit = True
                break

    # ---- places

    def _places(self, sent: str, ss: int, s_ments: list[Mention], targets: list[_Event]) -> None:
        pool = [ev for ev in targets if not self._is_series(ev) and ev.type != "Other"]
        # "the Memorandum ... signed in Vienna": the place of a signing
        signed_at = "signed" in sent and [
            m
            for m in s_ments
            if m.kind == "place"
            and re.search(
                r"\bsigned\s+(?:\w+\s+){0,3}?in\s+$", self.text[max(ss, m.start - 40) : m.start]
            )
        ]
        if signed_at:
            pl = self.fb.places[signed_at[0].id]
            for ev in self.events.values():
                if (
                    ev.type == "Other"
                    and ev.place is None
                    and ev.signing_span
                    and (ss <= ev.signing_span[0] < signed_at[0].start)
                ):
                    ev.place, ev.place_id, ev.country = pl.name, pl.id, pl.country
        if not pool:
            return
        place_name = place_id = country = None
        route = "from " in sent or "via " in sent or "through " in sent
        places = [
            m
            for m in s_ments
            if m.kind == "place"
            and not (
                route
                and _ROUTE.search(
                    # a route is not a venue: "from Shymkent to Yekaterinburg"
                    self.text[max(ss, m.start - 30) : m.start]
                )
            )
            and not (
                m.start - ss < 3
                and (
                    re.match(r"^[^.]{0,25}?\s[-–—]\s", self.text[m.end : m.end + 40])
                    # dateline "Astana, 4 June 2024." / "BISHKEK, August 24, 2024."
                    or re.match(
                        r"^,\s*(?:\d|[A-Z][a-z]{2,8}\.?\s+\d)", self.text[m.end : m.end + 20]
                    )
                )
            )
        ]
        # "in Tashkent" before a place merely named
        places.sort(
            key=lambda m: not _PLACE_PREP.search(self.text[max(ss, m.start - 16) : m.start])
        )
        for m in places:
            if m.kind == "place":
                pl = self.fb.places[m.id]
                if pl.kind == "city" and re.match(
                    r"\s*(?:region|oblast|province|district)\b",
                    self.text[m.end : m.end + 12],
                    re.IGNORECASE,
                ):
                    country = country or pl.country
                    continue
                place_name, place_id, country = pl.name, pl.id, pl.country
                break
        if (place_id is None or self.fb.places[place_id].kind in ("region", "country")) and (
            "in " in sent or "near " in sent
        ):
            # a town the gazetteer does not know: "near Cholpon-Ata", "in city Bokhtar",
            # "the Institute ... of Russia in Domodedovo, a course ..."
            for um in _UNKNOWN_PLACE.finditer(sent):
                a = ss + um.start("p")
                word = um.group("p").lower()
                if (
                    any(m.start <= a < m.end for m in s_ments)
                    or word in _NOT_TOWNS
                    or (word in _CANON_KEY or word.split("-")[0] in _CANON_KEY)
                ):
                    continue
                place_name, place_id = um.group("p"), None
                if country is None and places:
                    country = self.fb.places[places[0].id].country
                if country is None:
                    near = [m for m in s_ments if m.kind == "state" and 0 <= a - m.end <= 6]
                    country = near[-1].id if near else None
                break
        if (
            place_id is None
            and place_name is None
            and " the " in sent
            and any(w in sent for w in ("Secretariat", "Staff", "Cent", "Committee", "CARICC"))
        ):
            # the seat of a body stands for its city: "received in the (CSTO) Secretariat"
            for sm in _SEAT_RE.finditer(sent):
                a = ss + sm.start("b")
                org = next(
                    (m.id for m in s_ments if m.kind == "organisation" and m.start <= a < m.end),
                    None,
                )
                if org is None and "CSTO-SECRETARIAT" in self._item_orgs:
                    org = "CSTO-SECRETARIAT"
                if org in _SEATS:
                    pl = self.fb.places[_SEATS[org]]
                    place_name, place_id, country = pl.name, pl.id, pl.country
                    break
        low = sent.lower()
        tg = (
            _TRAINING_GROUND.search(sent)
            if ("ground" in low or "range" in low or "polygon" in low)
            else None
        )
        if tg:
            nm = (tg.group("a") or tg.group("b") or "").strip()
            if nm and nm.split()[0].lower() not in ("the", "a", "this", "basic"):
                gm = [
                    m
                    for m in s_ments
                    if m.kind == "place" and ss + tg.start() <= m.start < ss + tg.end()
                ]
                if gm:
                    pl = self.fb.places[gm[0].id]
                    place_name, place_id, country = pl.name, pl.id, pl.country
                elif not place_id or self.fb.places[place_id].kind in ("city", "region"):
                    place_name = f"{nm} training ground"
                    place_id = None
        if country is None:
            for m in s_ments:
                if m.kind != "state":
                    continue
                before = self.text[max(0, m.start - 40) : m.start]
                if _LOCATION_BEFORE.search(before) and not _TRAFFIC.search(sent):
                    country = m.id
                    break
        tg_new = bool(place_name and place_name.endswith("training ground")) or bool(
            place_id and self.fb.places[place_id].kind == "training-ground"
        )
        for ev in pool:
            if (
                place_name
                and ev.place is not None
                and tg_new
                and ev.place != place_name
                and not (
                    ev.place.endswith("training ground")
                    or (ev.place_id and self.fb.places[ev.place_id].kind == "training-ground")
                )
            ):
                ev.place, ev.place_id = place_name, place_id
                if country:
                    ev.country = country
            elif place_name and ev.place is None:
                ev.place, ev.place_id = place_name, place_id
                if country:
                    ev.country = country
            elif (
                place_name
                and ev.place_id
                and self.fb.places[ev.place_id].kind == "region"
                and (place_id is None or self.fb.places[place_id].kind == "city")
                and (country is None or country == ev.country)
            ):
                ev.place, ev.place_id = place_name, place_id  # a town in that region
            elif (
                country
                and ev.country is None
                and (ev.place is None or ev.place == place_name or ev.place_id is None)
            ):
                ev.country = country

    # ---- actors

    def _observer_spans(self, sent: str, ss: int) -> list[tuple[int, int, int, int]]:
        out: list[tuple[int, int, int, int]] = []
        low = sent.lower()
        if not any(w in low for w in ("observ", "monitor", "watch", "guest", "invit", "followed")):
            return out
        for m in _OBSERVER.finditer(sent):
            if re.search(
                r"\b(?:discuss\w*|considered|talked about|about|regarding)\s+(?:the\s+)?"
                r"(?:\w+\s+){0,4}$",
                sent[max(0, m.start() - 60) : m.start()],
            ):
                continue  # "discussed the participation of Mongolian observers": a topic
            lo = 0
            for b in _CLAUSE_BOUND.finditer(sent):  # not endpos: lookaheads need the rest
                if b.end() > m.start():
                    break
                lo = b.end()
            hi = len(sent)
            b = _CLAUSE_BOUND.search(sent, m.end())
            if b:
                hi = b.start()
            out.append((ss + lo, ss + hi, ss + m.start(), ss + m.end()))
        return out

    def _is_observer(
        self, m: Mention, obs: list[tuple[int, int, int, int]], s_ments: list[Mention]
    ) -> bool:
        """In an observer clause and listed next to the cue (few other words in between)."""
        for lo, hi, cs, ce in obs:
            if not lo <= m.start < hi:
                continue
            a, b = (m.end, cs) if m.end <= cs else (ce, m.start)
            gap = self.text[a:b]
            for o in s_ments:
                if a <= o.start and o.end <= b:
                    gap = gap.replace(self.text[o.start : o.end], " ")
            words = [w for w in re.findall(r"[A-Za-z]+", gap) if w.lower() not in _LIST_WORDS]
            if len(words) <= 4:
                return True
        return False

    def _actors(
        self,
        sent: str,
        ss: int,
        se: int,
        s_ments: list[Mention],
        targets: list[_Event],
        series_here: list[_Event],
        spans: dict[str, list[tuple[int, int]]],
        item_events: list[_Event],
        signings: list[tuple[_Event, int, int]],
    ) -> None:
        text = self.text
        obs = self._observer_spans(sent, ss)
        pool = [ev for ev in targets if not self._is_series(ev) and ev.type != "Other"]
        has_states = any(
            m.kind == "state" and not self._is_observer(m, obs, s_ments) for m in s_ments
        )
        # an organisation named in a sentence about no event in particular takes part only
        # if the sentence says so ("representatives of UNODC attended"), not in passing
        org_pool_ok = bool(spans) or bool(_PARTICIPATION_CUE.search(sent))
        n_orgs = len(
            {
                (o.parent or o.id) if (o := self.fb.organisations.get(m.id)) else m.id
                for m in s_ments
                if m.kind == "organisation"
            }
        )
        for m in s_ments:
            if m.kind == "place" or m.entry.form == "programme":
                continue
            for ev, a, b in signings:
                if m.kind == "organisation" and a <= m.start <= b + 60:
                    self._add_part(ev, m.id, "organisation", "participant", (ss, se))
            before = text[max(ss, m.start - 40) : m.start]
            after = text[m.end : min(se, m.end + 40)]
            in_obs = self._is_observer(m, obs, s_ments)
            if m.kind == "state":
                if self._background_state(m, sent, ss, se, s_ments, in_obs):
                    continue
                role = "observer" if in_obs else "participant"
                for ev in pool:
                    self._add_part(ev, m.id, "state", role, (ss, se))
                continue
            org = self.fb.organisations.get(m.id)
            if org is None:
                continue
            if re.match(r"\s*(?:General Assembly|Security Council|Charter|Convention)", after):
                continue
            if _is_publisher(text, m):
                continue  # "CSTO Joint Staff: «Interaction-2025» will be held": who reports
            if _SOURCE_BEFORE.search(before):
                continue  # "according to the CSTO Secretariat": a data source
            if not in_obs and _TOPIC_BEFORE.search(text[max(ss, m.start - 90) : m.start]):
                continue  # "discussed ... cooperation with INTERPOL": a topic
            if (
                not in_obs
                and m.id in self._item_parents
                and (
                    (
                        re.match(
                            r"\s*(?:member[- ](?:states|countries)|states[- ]members)\b", after
                        )
                        and not (_ORGANISED.search(before) or _ORGANISERS_WERE.search(before))
                    )
                    or re.search(
                        r"\b(?:states?[- ]participants|member[- ]states|states[- ]"
                        r"members)\s+(?:of\s+)?(?:the\s+)?$",
                        before,
                    )
                )
            ):
                continue  # "bodies of the CIS member states", with a CIS body running the event
            if not in_obs and _BACKGROUND_BEFORE.search(before) and _TRAFFIC.search(sent):
                continue  # "smuggled to the EU"
            forces = "Forces" in org.name
            near = [
                ev
                for ev in [*pool, *series_here]
                if any(
                    abs(m.start - b) <= 45 or abs(a - m.end) <= 45 for a, b in spans.get(ev.id, [])
                )
            ]
            if forces and not near:
                # "the Collective forces of rapid deployment of Central Asian region of
                # collective security «Rubezh-2023»": the forces' long name runs on
                near = [
                    ev
                    for ev in pool
                    if any(
                        0 <= a - m.end <= 90 and not re.search(r"[.;]", text[m.end : a])
                        for a, _b in spans.get(ev.id, [])
                    )
                ]
            if forces:
                # forces take part in the named event they are written next to
                named_near = [ev for ev in near if ev.named and not self._is_series(ev)]
                if named_near:
                    best = min(
                        named_near,
                        key=lambda ev: min(
                            min(abs(m.start - b), abs(a - m.end)) for a, b in spans[ev.id]
                        ),
                    )
                    self._add_part(best, m.id, "organisation", "participant", (ss, se))
                continue
            if in_obs:
                role = "observer"
            elif _HOST.search(before):
                role = "host"
            elif re.search(
                r"(?:coordinated|coordination)\s+(?:\w+\s+){0,6}?(?:by|of|under)\s+"
                r"(?:the\s+)?$|coordinator\s+(?:\w+\s+)?$",
                text[max(ss, m.start - 70) : m.start],
                re.IGNORECASE,
            ) or (
                _COORD.search(sent)
                and re.search(r"(?:auspices|aegis)\s+of\s+(?:the\s+)?$", before, re.IGNORECASE)
            ):
                role = "coordinator"
            elif _TEACHERS_OF.search(before) or re.search(r"\bwith\s+(?:the\s+)?$", before):
                role = "participant"  # "experts of UNODC conducted", "consultations with the UN"
            elif (
                _ORGANISED.search(before)
                or _ORGANISERS_WERE.search(before)
                or re.search(
                    r"\b(?:[Ee]xercises?|[Oo]peration|[Dd]rills|[Mm]anoeuvres)\s+of\s+(?:the\s+)?$",
                    before,
                )
                or re.search(
                    r"\b(?:meeting|session|sitting|plenary)\s+of\s+(?:the\s+|their\s+|its\s+)?"
                    r"(?:[A-Z][\w-]*\s+(?:on\s+[\w ]{0,30}?\s+)?(?:of\s+(?:the\s+)?)?){0,4}$",
                    text[max(ss, m.start - 90) : m.start],
                )
                or re.search(
                    r"(?:auspices|aegis|chairmanship)\s+of\s+(?:the\s+)?$", before, re.IGNORECASE
                )
                or _ACTIVE_ORGANISER.match(self._strip_orgs(m.end, min(se, m.end + 160), s_ments))
            ):
                role = "organiser"
            else:
                role = "default"
            venue = role == "host" or re.search(r"\b(?:at|in)\s+(?:the\s+)?$", before)
            # "the Chief of the CSTO Joint Staff Anatoly Sidorov will attend": a post does not
            # add a sub-body to an exercise or a big meeting
            post_of_body = bool(org.parent) and role == "default" and bool(_POST_OF.search(before))
            # "CSTO Secretary General X said in his address to the meeting": a speaker's post
            # does not make his organisation a party to a big meeting
            speaker_post = role == "default" and bool(_POST_AFTER.match(after))
            for ev in pool if (org_pool_ok or role != "default") else []:
                if ev.met and venue:
                    continue  # "met at the CSTO Secretariat in Moscow": the venue of an audience
                if post_of_body and ev.type != "Meeting":
                    continue
                if (
                    speaker_post
                    and ev.type == "Meeting"
                    and any(p["kind"] == "organisation" for p in ev.participants.values())
                    and (
                        not ev.met
                        or sum(p["kind"] == "state" for p in ev.participants.values()) >= 3
                    )
                ):
                    continue
                r = role
                if r == "default":
                    has_org = any(
                        p["role"] in ("organiser", "coordinator")
                        for p in ev.participants.values()
                        if p["kind"] == "organisation"
                    )
                    if ev.met or (
                        ev.type == "Meeting"
                        and n_orgs >= 2
                        and (speaker_post or _POST_OF.search(before))
                    ):
                        r = "participant"  # the organisations of the persons who meet
                    elif ev in near and not has_org:
                        r = "organiser"
                    elif has_states or has_org:
                        r = "participant"
                    else:
                        r = "organiser"
                self._add_part(ev, m.id, "organisation", r, (ss, se))
            # a series gets only its organiser or coordinator
            for ev in series_here:
                if role in ("organiser", "coordinator"):
                    self._add_part(
                        ev,
                        m.id,
                        "organisation",
                        role if role != "default" else "organiser",
                        (ss, se),
                    )
        # the organisation that runs a known series organises all of it (or a body of it
        # is written: "the CSTO Collective Rapid Reaction Forces «Interaction-2024»")
        for m in s_ments:
            if m.kind != "organisation" or _is_publisher(text, m):
                continue
            after = text[m.end : min(se, m.end + 40)]
            if _POST_AFTER.match(after) or re.match(
                r"\s+(?:member\s+)?(?:states|countries)\b", after
            ):
                continue  # "CSTO Secretary General X said", "chiefs of CSTO states"
            org = self.fb.organisations.get(m.id)
            owner_ids = {m.id, org.parent} if org and org.parent else {m.id}
            for ev in item_events:
                if not ev.series or SERIES[ev.series][2] not in owner_ids:
                    continue
                owner = SERIES[ev.series][2]
                if owner in ev.participants:
                    continue
                if owner != m.id and any(
                    p["role"] in ("organiser", "coordinator") and p["actor"] != owner
                    for e2 in item_events
                    for p in e2.participants.values()
                ):
                    continue
                role = "organiser"
                if (
                    owner == m.id
                    and re.search(
                        r"coordinat\w*\s+(?:\w+\s+){0,6}$|(?:auspices|aegis)\s+of\s+(?:the\s+)?$",
                        text[max(ss, m.start - 50) : m.start],
                        re.IGNORECASE,
                    )
                    and _COORD.search(sent)
                ):
                    role = "coordinator"
                self._add_part(ev, owner, "organisation", role, (ss, se))

    def _strip_orgs(self, a: int, b: int, s_ments: list[Mention]) -> str:
        """text[a:b] with organisation names (and their parenthesised short forms) removed."""
        out, pos = [], a
        for o in s_ments:
            if o.kind == "organisation" and a <= o.start and o.end <= b:
                out.append(self.text[pos : o.start])
                pos = o.end
        out.append(self.text[pos:b])
        return re.sub(r"\(\s*\)", "", "".join(out))

    def _background_state(
        self, m: Mention, sent: str, ss: int, se: int, s_ments: list[Mention], in_obs: bool = False
    ) -> bool:
        """Drug origin, route, venue or destination: not a participant."""
        text = self.text
        before = text[max(ss, m.start - 40) : m.start]
        after = text[m.end : min(se, m.end + 40)]
        for o in s_ments:
            if (
                o.kind == "place"
                and 0 <= m.start - o.end <= 7
                and re.fullmatch(r",\s*(?:the\s+)?", text[o.end : m.start])
            ):
                return True
        if _NEGATED_AFTER.match(after) or re.search(
            r"\b(?:except(?: for)?|exception of|without|absence of|excluding)\s+"
            r"(?:the\s+)?$",
            before,
            re.IGNORECASE,
        ):
            return True
        if re.search(
            r"\b(?:on|about|regarding|concerning)\s+(?:the\s+)?(?:situation\s+in\s+"
            r"(?:the\s+)?)?$",
            before,
        ) and not re.search(r"\bon behalf of\s+(?:the\s+)?$", before):  # noqa: E501
            return True
        if in_obs:
            return False
        if (
            _BACKGROUND_BEFORE.search(before)
            and not _PEOPLE_FROM.search(before)
            and (
                _TRAFFIC.search(sent)
                or re.search(r"\bto\s+(?:the\s+)?$", before)
                or re.search(r"\b(?:border|bank|situation)", before, re.IGNORECASE)
            )
        ):
            return True
        if m.entry.form == "demonym" and _DEMONYM_BACKGROUND.search(after):
            return True
        if (
            _LOCATION_BEFORE.search(before)
            and (_TRAFFIC.search(sent) or _LOCATION_VERB.search(sent))
            and not re.search(
                r"\b(?:agencies|bodies|services|police|authorities)\s+in\s+(?:the\s+)?$",  # noqa: E501
                before,
                re.IGNORECASE,
            )
        ):
            return True
        if re.search(r"\bto\s+(?:the\s+)?$", before) and not re.search(
            r"\b(?:invited|attached)\b", before
        ):
            return True
        if re.search(r"\b(?:production|cultivation)\b", sent, re.IGNORECASE) and re.search(
            r"\bin\s+(?:the\s+)?$", before
        ):
            return True
        # "in Saratov, Russian Federation": the country of a place
        for o in s_ments:
            if o.kind == "place" and 0 <= m.start - o.end <= 3 and "," in text[o.end : m.start]:
                return True
        return False

    def _add_part(
        self, ev: _Event, actor: str, kind: str, role: str, span: tuple[int, int]
    ) -> None:
        cur = ev.participants.get(actor)
        rank = {
            "organiser": 0,
            "coordinator": 1,
            "host": 2,
            "lead": 3,
            "observer": 4,
            "participant": 5,
            "supporter": 6,
        }
        if cur is None:
            ev.participants[actor] = {"actor": actor, "kind": kind, "role": role, "span": span}
        elif rank[role] < rank[cur["role"]]:
            cur["role"], cur["span"] = role, span

    # ---- persons

    def _persons(
        self, sent: str, ss: int, se: int, pool: list[_Event], anchor: dt.date | None
    ) -> None:
        if not any(w in sent for w in _POST_WORDS):
            return
        for pm in _POST.finditer(sent):
            window = sent[pm.end() : pm.end() + 110]
            stop = re.search(r"(?<!Mr)(?<!Ms)(?<!Mrs)(?<![A-Z])[.;]\s", window)
            if stop:
                window = window[: stop.start()]
            found = None
            for nm in _PNAME.finditer(window):
                words = nm.group(0).split()
                while words and (words[0].lower() in _NOT_PERSON or self.gaz.find(words[0])):
                    words.pop(0)
                if len(words) < 2 or any(w.lower() in _NOT_PERSON for w in words):
                    continue
                name = " ".join(words)
                if self.gaz.find(name) or any(w in STAGES or w.lower() in SERIES for w in words):
                    continue
                found = (name, pm.end() + nm.end())
                break
            if not found:
                continue
            name, end = found
            pid = _slug(name)
            post_title = " ".join(sent[pm.start() : pm.end()].split())
            of = None
            for gm in self.gaz.find(sent[pm.start() : end]):
                if gm.kind in ("organisation", "state") and gm.entry.form != "programme":
                    of = gm.id
                    break
            rec = self.persons.setdefault(pid, {"id": pid, "name": name, "posts": []})
            if not rec["posts"]:
                rec["posts"].append(
                    {
                        "title": post_title,
                        "of": of,
                        "as_of": anchor.isoformat() if anchor else None,
                        "span": (ss + pm.start(), ss + end),
                    }
                )
            for ev in pool:
                if not self._is_series(ev) and ev.type != "Other":
                    self._add_part(ev, pid, "person", "participant", (ss, se))

    # ---- seizures

    def _seizures(
        self,
        sent: str,
        ss: int,
        se: int,
        s_quants: list[Quantity],
        s_ments: list[Mention],
        explicit: list[_Event],
        targets: list[_Event],
        item_events: list[_Event],
        last_event: _Event | None,
        last_total: dict[Any, Any],
        doc: str,
        item_year: int | None,
    ) -> _Event | None:
        text = self.text
        states: list[Mention] = []
        states_in: list[Mention] = []
        states_terr: list[Mention] = []  # "in (the) territory of Tajikistan"
        obs = self._observer_spans(sent, ss)
        for m in s_ments:
            if m.kind != "state" or self._is_observer(m, obs, s_ments):
                continue
            before = text[max(ss, m.start - 40) : m.start]
            after = text[m.end : min(se, m.end + 40)]
            if re.search(r"\bin\s+(?:the\s+)?$", before):
                states_in.append(m)
                continue
            if _TERRITORY_OF.search(before):
                states_terr.append(m)
                continue
            if (_BACKGROUND_BEFORE.search(before) and _TRAFFIC.search(sent)) or (
                m.entry.form == "demonym" and _DEMONYM_BACKGROUND.search(after)
            ):
                continue
            states.append(m)
        cum = _CUMULATIVE.search(sent)
        national_cue = bool(_NATIONAL_CUE.search(sent))
        total_cue = bool(_TOTAL_CUE.search(sent))
        pool_ops = [
            ev
            for ev in explicit
            if ev.type in ("Operation", "OperationStage") and not self._is_series(ev)
        ]
        event = None
        if pool_ops:
            stages = [ev for ev in pool_ops if ev.type == "OperationStage"]
            event = stages[0] if stages else pool_ops[0]
        elif _EDITION_CUE.search(sent):
            eds = [ev for ev in item_events if ev.type == "Operation" and ev.year is not None]
            event = eds[0] if eds else None
        if event is None and last_event is not None:
            event = last_event
        if event is None:
            cands = [ev for ev in targets if ev.type in ("Operation", "OperationStage")] or [
                ev
                for ev in reversed(item_events)
                if ev.type in ("Operation", "OperationStage") and not self._is_series(ev)
            ]
            event = cands[0] if cands else None
        if event is None:
            cands = [ev for ev in targets if ev.type in ("Exercise", "Training")] or [
                ev for ev in item_events if ev.type in ("Operation",)
            ]
            event = cands[0] if cands else None
        prev_state: str | None = last_total.get("prev_state")  # type: ignore[assignment]
        home: str | None = last_total.get("home")
        for q in s_quants:
            after = text[q.end : min(se, q.end + 60)]
            before = text[max(ss, q.start - 40) : q.start]
            if _NON_DRUG.search(after):
                continue
            sub = None
            mr = _SUB_RIGHT.search(after)
            if mr:
                sub = _which(mr)
            else:
                ml = _SUB_LEFT.search(before)
                if ml:
                    sub = _which(ml)
                else:
                    # garbled: "169 kg, were withdrawn ... marijuana"; next substance word before
                    # the next figure
                    nxt = [x for x in s_quants if x.start > q.start]
                    limit = min(se, nxt[0].start if nxt else se, q.end + 80)
                    ma = _SUB_ANY.search(text, q.end, limit)
                    if ma:
                        sub = _which(ma)
                    elif _SEIZE_CONTEXT.search(sent) and not any(
                        x["span"] == (ss, se) and x["scope"] == "total"
                        for x in (event.seizures if event else [])
                    ):
                        sub = "total"  # a figure without substance, unless the total is known
            if sub is None:
                continue
            # scope
            state = None
            since = None
            cands = [m for m in states if m.end <= q.start]
            after_in = [m for m in states_in if 0 <= m.start - q.end <= 45]
            terr = next((m.id for m in reversed(states_terr) if m.end <= q.start), None)
            if terr is None and home and _TERRITORY_HOME.search(text, ss, q.start):
                terr = home
            listed = bool(cands) and any(
                re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?", text[o.end : cands[-1].start])
                for o in states
                if o.end <= cands[-1].start
            )
            if cands and national_cue and not cum and not total_cue and not listed:
                state = cands[-1].id
            elif after_in and not cum and not total_cue:
                state = after_in[0].id
            elif terr and not cum and not total_cue:
                state = terr
            elif (
                prev_state
                and not cum
                and not total_cue
                and (_BREAKDOWN_CUE.search(text[ss : q.start]) or last_total.get("national_report"))
            ):
                state = prev_state
            if cum:
                scope = "cumulative"
                since = int(cum.group("y")) if cum.group("y") else None
                target = self._series_of(event, item_events, doc)
                if target is None:
                    continue
                if (ss, se) not in target.evidence:
                    target.evidence.append((ss, se))
                if since is None:
                    since = target.start.year if target.start else None
                if since is None:
                    continue
                if target.start is None:
                    target.start = PartialDate(since)
            elif state:
                scope = "national"
                target = event
            elif sub in ("total", "precursors"):
                scope = "total"
                target = event
            else:
                key = (None, "total")
                has_total = key in last_total or _BREAKDOWN_CUE.search(text[ss : q.start])
                scope = "breakdown" if has_total else "total"
                target = event
            if target is None:
                continue
            if scope == "total" and sub == "total":
                last_total[(None, "total")] = 1
            if scope == "national" and "seen" not in last_total:
                last_total["national_report"] = 1
            last_total["seen"] = 1
            prev_state = state if scope == "national" else prev_state
            last_total["prev_state"] = prev_state
            rec = {
                "substance": sub,
                "kg": q.kg,
                "qualifier": q.comparator,
                "scope": scope,
                "as_written": q.as_written,
                "span": (ss, se),
            }
            if state:
                rec["state"] = state
            if since:
                rec["since"] = since
            key2 = (sub, q.kg, scope, state)
            if not any(
                (x["substance"], x["kg"], x["scope"], x.get("state")) == key2
                for x in target.seizures
            ):
                target.seizures.append(rec)
            if (
                state
                and state not in target.participants
                and target.type != "Operation"
                or (state and state not in target.participants)
            ):
                self._add_part(target, state, "state", "participant", (ss, se))
            if scope != "cumulative":
                last_event = target
        return last_event

    def _series_of(
        self, event: _Event | None, item_events: list[_Event], doc: str
    ) -> _Event | None:
        series = [ev for ev in item_events if self._is_series(ev)]
        if series:
            return series[0]
        key = event.series if event else None
        if key is None:
            keys = [ev.series for ev in item_events if ev.series]
            key = keys[0] if keys else None
        if key is None or SERIES[key][1] != "Operation":
            return None
        name = canonical_name(key)
        ev = self._event(
            _slug(name), name=name, type=SERIES[key][1], doc=doc, named=True, series=key
        )
        if ev not in item_events:
            item_events.append(ev)
        return ev

    # ---- finishing

    def _merge_stage_aliases(self) -> None:
        """'the second stage of operation Channel' in an item about «Kanal-Patrul»: one stage."""
        for doc in {ev.doc for ev in self.events.values()}:
            evs = [ev for ev in self.events.values() if ev.doc == doc]
            for ev in evs:
                if not (ev.type == "OperationStage" and " stage of " in ev.name):
                    continue
                named = [
                    x
                    for x in evs
                    if x.type == "OperationStage"
                    and x is not ev
                    and " stage of " not in x.name
                    and x.series == ev.series
                    and x.year == ev.year
                ]
                if len(named) != 1:
                    continue
                tgt = named[0]
                for a, p in ev.participants.items():
                    if a not in tgt.participants:
                        tgt.participants[a] = p
                for z in ev.seizures:
                    if z not in tgt.seizures:
                        tgt.seizures.append(z)
                tgt.evidence.extend(x for x in ev.evidence if x not in tgt.evidence)
                if ev.date_explicit and not tgt.date_explicit:
                    tgt.start, tgt.end, tgt.date_explicit = ev.start, ev.end, True
                elif ev.end and (tgt.end is None or tgt.end.precision == "year"):
                    tgt.end = ev.end
                tgt.place = tgt.place or ev.place
                tgt.place_id = tgt.place_id or ev.place_id
                tgt.country = tgt.country or ev.country
                if ev.stage_of not in (None, "__series__"):
                    tgt.stage_of = ev.stage_of
                for other in self.events.values():
                    if other.part_of == ev.id:
                        other.part_of = tgt.id
                del self.events[ev.id]
                self.order.remove(ev.id)

    def _merge_unnamed(self) -> None:
        """One meeting announced in one item and reported in the next: same type, same start
        date, a shared organisation (or place) -> one event."""
        evs = [self.events[i] for i in self.order if not self.events[i].named]
        for i, a in enumerate(evs):
            if a.id not in self.events:
                continue
            for b in evs[i + 1 :]:
                if b.id not in self.events or b.type != a.type or a.start is None:
                    continue
                if b.start != a.start or b.doc == a.doc:
                    continue
                orgs_a = {k for k, p in a.participants.items() if p["kind"] == "organisation"}
                orgs_b = {k for k, p in b.participants.items() if p["kind"] == "organisation"}
                if not (orgs_a & orgs_b or (a.place and a.place == b.place)):
                    continue
                for k, p in b.participants.items():
                    a.participants.setdefault(k, p)
                a.seizures.extend(z for z in b.seizures if z not in a.seizures)
                a.evidence.extend(x for x in b.evidence if x not in a.evidence)
                a.place, a.place_id = a.place or b.place, a.place_id or b.place_id
                a.country = a.country or b.country
                for other in self.events.values():
                    if other.part_of == b.id:
                        other.part_of = a.id
                del self.events[b.id]
                self.order.remove(b.id)

    def _share_exercise_dates(self) -> None:
        """Exercises named together in one item ("it includes «Interaction-2021», «Search-
        2021»...") without dates of their own share the dated one's dates and place."""
        for doc in {ev.doc for ev in self.events.values()}:
            ex = [
                ev
                for ev in self.events.values()
                if ev.doc == doc
                and ev.named
                and ev.type in ("Exercise", "Training")
                and ev.year is not None
            ]
            dated = [ev for ev in ex if ev.date_explicit]
            for ev in ex:
                src = [d for d in dated if d.year == ev.year and d is not ev]
                if not src:
                    continue
                if not ev.date_explicit:
                    ev.start, ev.end = src[0].start, src[0].end
                if ev.place is None and src[0].place:
                    ev.place, ev.place_id = src[0].place, src[0].place_id
                    ev.country = ev.country or src[0].country

    def _drop_unnamed_duplicates(self) -> None:
        """'A joint exercise' in an item about «Interaction-2023» is that exercise."""
        named_docs = {ev.doc for ev in self.events.values() if ev.named and not self._is_series(ev)}
        for eid in list(self.order):
            ev = self.events[eid]
            if not ev.named and ev.type in ("Exercise", "Operation") and ev.doc in named_docs:
                for other in self.events.values():
                    if other.part_of == eid:
                        other.part_of = None
                del self.events[eid]
                self.order.remove(eid)

    def _finish(self) -> None:
        self._drop_unnamed_duplicates()
        self._merge_stage_aliases()
        self._merge_unnamed()
        self._share_exercise_dates()
        for ev in self.events.values():
            if ev.stage_of == "__series__":
                # part of the edition of that year if the text names it, else of the series
                ed = _slug(canonical_name(ev.series or "", None, ev.year))
                ser = _slug(canonical_name(ev.series or ""))
                ev.part_of = ed if ed in self.events else (ser if ser in self.events else None)
            elif ev.stage_of:
                ev.part_of = ev.stage_of
            elif ev.named and ev.series and ev.year is not None and ev.type == "Operation":
                ser = _slug(canonical_name(ev.series))
                ev.part_of = ser if ser in self.events else None
            if ev.named and ev.year is not None and ev.start is None:
                ev.start = PartialDate(ev.year)
                ev.end = ev.end or PartialDate(ev.year)
            if ev.country is None and ev.place_id:
                ev.country = self.fb.places[ev.place_id].country
            if (
                ev.end is not None
                and ev.start is not None
                and ev.end.latest() < ev.start.earliest()
            ):  # noqa: E501
                ev.end = ev.start
            if ev.end is not None and ev.start is None and ev.year is not None:
                ev.start = PartialDate(ev.year)
        for eid, ev in self.events.items():
            if ev.part_of == eid:
                ev.part_of = None
        # a series named only in passing (no edition or stage of it, no figures; "held since
        # 2003" is background) is not an event of this text; nor is an unnamed event without
        # date and actors
        used = {ev.part_of for ev in self.events.values() if ev.part_of}
        for eid in list(self.order):
            ev = self.events[eid]
            drop = (self._is_series(ev) and eid not in used and not ev.seizures) or (
                not ev.named and ev.start is None and not ev.participants
            )
            if drop:
                del self.events[eid]
                self.order.remove(eid)
        # the organisation that coordinates a series coordinates its editions and stages
        for ev in self.events.values():
            if not ev.series:
                continue
            owner = SERIES[ev.series][2]
            top = ev
            seen = set()
            while top.part_of and top.part_of in self.events and top.id not in seen:
                seen.add(top.id)
                top = self.events[top.part_of]
            p = top.participants.get(owner) if owner else None
            if p and p["role"] == "coordinator" and owner in ev.participants:
                ev.participants[owner]["role"] = "coordinator"
        # a state cannot be both participant and observer; keep the explicit observer
        # (handled by _add_part ranks)

    # ---- output

    def result(self) -> Extraction:
        text = self.text

        def span(s: int, e: int) -> dict[str, Any]:
            return {"start": s, "end": e, "quote": text[s:e]}

        events = []
        for eid in self.order:
            ev = self.events[eid]
            parts = []
            for p in ev.participants.values():
                if p["kind"] == "person":
                    pr = self.persons.get(p["actor"])
                    label = pr["name"] if pr else p["actor"]
                elif p["kind"] == "state":
                    label = self.fb.states[p["actor"]].name
                else:
                    label = self.fb.organisations[p["actor"]].name
                parts.append(
                    {
                        "actor": p["actor"],
                        "kind": p["kind"],
                        "name": label,
                        "role": p["role"],
                        "evidence": [span(*p["span"])],
                    }
                )
            seizures = []
            for z in ev.seizures:
                rec = {k: v for k, v in z.items() if k != "span"}
                rec["kg"] = _num(z["kg"])
                rec["evidence"] = [span(*z["span"])]
                seizures.append(rec)
            events.append(
                {
                    "id": ev.id,
                    "name": ev.name,
                    "type": ev.type,
                    "start": str(ev.start) if ev.start else None,
                    "end": str(ev.end) if ev.end else None,
                    "place": ev.place,
                    "country": ev.country,
                    "part_of": ev.part_of,
                    "participants": parts,
                    "seizures": seizures,
                    "evidence": [
                        span(s, e)
                        for s, e in (
                            ev.evidence
                            or [p["span"] for p in ev.participants.values()]
                            or [z["span"] for z in ev.seizures]
                        )[:3]
                    ],
                    "document": ev.doc,
                    "place_id": ev.place_id,
                }
            )
        persons = []
        for p in self.persons.values():
            posts = [
                {
                    "title": x["title"],
                    "of": x["of"],
                    "as_of": x["as_of"],
                    "evidence": [span(*x["span"])],
                }
                for x in p["posts"]
            ]
            persons.append({"id": p["id"], "name": p["name"], "posts": posts})
        return Extraction(text, self.source, self.documents, events, persons, [])


def _is_publisher(text: str, m: Mention) -> bool:
    """An organisation opening a line and followed by a colon: the press office that reports."""
    ls = text.rfind("\n", 0, m.start) + 1
    return not text[ls : m.start].strip() and text[m.end : m.end + 2].lstrip(" ").startswith(":")


def _in_dateline(sent: str, pos: int) -> bool:
    """'Vienna, 12 April 2022 - The ...': the publication date at the head of an article."""
    return (
        pos < 40
        and bool(re.match(r"^[A-Z][\w .'-]{0,30},\s*$", sent[:pos]))
        and bool(re.match(r"^.{0,30}?(?:\s[-–—]\s|\.\s*$|\)\s*[-–—]\s)", sent[pos:]))
    )


def _dateline(seg: str) -> dt.date | None:
    """The first full date written in an item without a header ("Vienna, 12 April 2022 -")."""
    for d in find_dates(seg[:400], None):
        if d.kind == "day" and d.begin is not None and d.begin.day:
            return d.begin.earliest()
    return None


def _in_header(seg: str, pos: int) -> bool:
    """True if ``pos`` lies on a feed header line ("12.11.2019", "Dushanbe, 06.06.2016")."""
    ls = seg.rfind("\n", 0, pos) + 1
    le = seg.find("\n", pos)
    line = seg[ls : le if le >= 0 else len(seg)].strip()
    return len(line) <= 60 and len(line.split()) <= 6 and item_date(line) is not None


def _which(m: re.Match[str]) -> str:
    for k, v in m.groupdict().items():
        if v is not None and k.startswith("s"):
            return _SUBSTANCES[int(k[1:])][1]
    return "total"


def _prec(d: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[d.precision]


def _clean_name(s: str) -> str:
    s = re.sub(r"[«»\"“”„]", "", s)
    s = " ".join(s.split())
    return s.strip(" ,.;:-")


def extract_text(
    text: str,
    *,
    published: dt.date | None = None,
    source_name: str = "doc",
    gazetteer: Gazetteer | None = None,
) -> Extraction:
    """Extract events (with participants, seizures, evidence) and documents from ``text``.

    ``published`` anchors relative dates of items without a ``dd.mm.yyyy`` header;
    ``source_name`` prefixes document ids (``<source_name>-1``, ...).
    """
    if not isinstance(text, str):
        raise ExtractError(source_name, None, f"expected text, got {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise ExtractError(source_name, None, f"text too large ({len(text)} characters)")
    _check_lines(text, source_name)
    gaz = gazetteer or default_gazetteer()[1]
    ex = _Extractor(text, gaz, _slug(source_name) if source_name else "doc", published)
    if text.strip():
        ex.run()
    return ex.result()

"""Dates and places of the events a sentence speaks of.

``assign_dates`` gives the sentence's date (range, day, month; "completed on" = end only) to
the events named in it, else to the events it speaks of; a date of another year than a named
edition's is skipped, and a finer date replaces a coarser one. ``assign_places`` takes the
gazetteer place after "in"/"at" first (not a route "from X to Y", not a dateline), a town the
gazetteer does not know ("near Cholpon-Ata", "in city Bokhtar"), the seat of a body ("in the
Secretariat" = Moscow), "<Name> training ground", and the venue state as the country.

Limits: one place per sentence; a place refines an event's region or city but never replaces a
training ground.
"""

from __future__ import annotations

import re
from typing import TypeVar

from kg.extract_background import _LOCATION_BEFORE, _TRAFFIC
from kg.extract_items import in_dateline
from kg.extract_names import _CANON_KEY, _MONTH_NAMES
from kg.extract_state import Event, State
from kg.facts import PartialDate
from kg.gazetteer import Mention
from kg.textdates import DateMention

_T = TypeVar("_T", DateMention, Mention)

# moving forces to an exercise is not the exercise
_REGROUP = re.compile(r"\b(?:regroup\w*|redeploy\w*|arriv\w+|relocat\w+)\b", re.IGNORECASE)
_HELD = re.compile(
    r"\b(?:held|hold|conducted|took place|take place|takes place|started|begins?|began|run|runs|"
    r"will last|lasted)\b",
    re.IGNORECASE,
)
_SAME_PLACE = re.compile(
    r"\b(?:in|at|on) the same (place|venue|location|city|building|hall|premises|"
    r"training ground|ground)\b",
    re.IGNORECASE,
)
# the day a statement was made, not the event's: "the ministry said on Wednesday that ..."
_SAID_ON = re.compile(
    r"\b(?:said|reported|announced|stated|informed|told\s+\w+|added)\s+(?:on\s+|this\s+)?$"
)
_END_CUE = re.compile(
    r"\b(?:completed|ended|finished|concluded|closed|came to an end|"
    r"was over|ends|will end|will be completed)\s+(?:on\s+)?$",
    re.IGNORECASE,
)

_START_CUE = re.compile(
    r"\b(?:lasted|ran|continued|went on|started|began|opened|had started|had begun)\s+"
    r"(?:on\s+|from\s+|since\s+)?$|"
    # "completed yesterday ... had been under watch since 9 April"
    r"\b(?:under watch|under control|monitored|tracked|followed)\s+since\s+$",
    re.IGNORECASE,
)

_ROUTE = re.compile(r"\b(?:from|via|through)\s+(?:the\s+)?$|\bfrom\s+[A-Z][\w-]+\s+to\s+$")

# a capital named by its state (general knowledge; used only when the gazetteer knows the city)
_CAPITALS = {
    "KAZ": "astana",
    "KGZ": "bishkek",
    "TJK": "dushanbe",
    "UZB": "tashkent",
    "TKM": "ashgabat",
    "BLR": "minsk",
    "RUS": "moscow",
    "ARM": "yerevan",
    "AZE": "baku",
    "CHN": "beijing",
    "MNG": "ulaanbaatar",
    "AUT": "vienna",
}
_CAPITAL = re.compile(
    r"\b(?:in|at|to)\s+the\s+(?:(?P<s1>[A-Z][\w-]+)\s+capital\b|capital\s+of\s+(?:the\s+)?"
    r"(?P<s2>(?:[A-Z][\w-]+\s+)?(?:of\s+)?[A-Z][\w-]+))"
)
_CITY_AS_STATE = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?:did|does|has|have|will|would)\s+not\s+(?:\w+\s+)?"
    r"(?:send|sent|delegate|participate|take|attend|join)"
)
_FIGURE_NEXT = re.compile(
    r",?\s*(?:alone\s*,?\s*)?(?:(?:over|more than|about|some|nearly|almost|up to)\s+)?"
    r"\d[\d.,\s]*(?:kg|kilo\w*|tons?|tonnes?|t)\b"
)
_STAFF_FROM = re.compile(r"\bcoordinat\w*\b[^.;]{0,70}\bfrom\s+(?:the\s+)?$")
_WHERE_STAFF = re.compile(
    r",\s*where\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:headquarters|group|staff|centre|center)\b"
)

_SEATS = {
    "CSTO-SECRETARIAT": "moscow",
    "CSTO-JOINT-STAFF": "moscow",
    "CSTO-CRC": "moscow",
    "CIS-ATC": "moscow",
    "SCO-RATS": "tashkent",
    "CARICC": "almaty",
    "SCO": "beijing",  # "at the SCO Secretariat" (an alias of the SCO)
}

_REGION_WORD = re.compile(r"\s*(?:region|oblast|province|district)\b", re.IGNORECASE)
_OFFICE_IN = re.compile(r"\b(?:Office|Bureau|Embassy|Consulate|Representation)\s+in\s+$")
# buildings that stand for their city (tests/devset/README.md, "Place")
_BUILDINGS = {
    "Tauride Palace": "saint-petersburg",
    "Vienna International Centre": "vienna",
    "Kremlin": "moscow",
    # the OSCE Border Management Staff College (tests/devset/README.md, "Place")
    "Border Management Staff College": "dushanbe",
}
_BUILDING_RE = re.compile("|".join(_BUILDINGS))
_BUILDING_WORDS = re.compile("Palace|Centre|College|Kremlin")
_SEAT_RE = re.compile(
    r"\b(?:in|at)\s+the\s+(?:headquarters\s+of\s+(?:the\s+)?)?"
    r"(?P<b>(?:[A-Z][\w-]*(?:['’]s)?\s+){0,6}(?:Secretariat|Joint Staff|Centre|Center|"
    r"Committee|CARICC))\b|"
    # "liaison officers stationed at CARICC"
    r"\b(?:stationed|based|seconded|working)\s+(?:at|in)\s+(?P<c>CARICC)\b"
)

_NOT_TOWNS = _MONTH_NAMES | {
    "the",
    "this",
    "that",
    "accordance",
    "addition",
    "total",
    "general",
    "particular",
    "order",
    "russian",
    "english",
    "parliament",
    "future",
    "practice",
    "fact",
    "spring",
    "summer",
    "autumn",
    "winter",
}

_UNKNOWN_PLACE = re.compile(
    r"\b(?:near\s+(?:the\s+(?=(?:city|town|village|settlement)\b))?"
    r"(?:(?:city|town|village|settlement)\s+(?:of\s+)?)?|"
    r"in\s+(?:the\s+)?(?:city|town|village|settlement)\s+(?:of\s+)?|"
    # "at Chebarkul in Chelyabinsk region": a town in a region
    r"(?<=[a-z] )(?:at|in)\s+(?=[A-Z][a-z]+(?:-[A-Z][a-z]+)*\s+in\s+(?:the\s+)?[A-Z][a-z]+"
    r"\s+(?:[Rr]egion|[Oo]blast|[Pp]rovince)\b)|"
    r"(?<=[a-z] )in\s+(?=[A-Z][a-z]+(?:-[A-Z][a-z]+)*\s*[,;(])|"
    # "was held on 5 May in Aktobe.", "in Aktobe on 5 May", "On 5 May in Aktobe the meeting"
    r"(?<=[a-z] )in\s+(?=[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)*(?:\s+on\s+(?:\d|[A-Z][a-z]+day)|"
    r"\s+from\s+\d|\s+the\s+[a-z]|\.(?:\s|$)))|"
    # "in Cholpon-Ata": a hyphenated name after "in" is a town
    r"(?<=[a-z] )in\s+(?=[A-Z][a-z]+-[A-Z][a-z]+\b(?!-)))"
    r"(?P<p>[A-Z][a-z]+(?:-[A-Z][a-z]+)*)\b(?!\s+(?:training|range|region|oblast|district|"
    r"province|ground))"
)

_UNKNOWN_REGION = re.compile(
    r"\bin\s+(?:the\s+)?(?P<r>([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:[Rr]egion|[Oo]blast|[Pp]rovince))\b"
)
_REGION_END = re.compile(r"\s(?:[Rr]egion|[Oo]blast|[Pp]rovince)$")
_PLACE_PREP = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:city\s+(?:of\s+)?)?$")

_NEAR_IN = re.compile(r"\b(?:near|in|at)\s+(?:the\s+)?(?:(?:city|town)\s+(?:of\s+)?)?$")
_SEIZED_IN = re.compile(
    r"\b(?:seized|withdrawn|detained|confiscated|intercepted|found|taken)\s+in\s+(?:the\s+)?$|"
    # "... and 512 kg on the territory of Kyrgyzstan"
    r"\d\s*(?:kg|kilograms?|tons?|tonnes?|t)\s+(?:on|in)\s+(?:the\s+)?(?:territory\s+of\s+"
    r"(?:the\s+)?)?$"
)
_STAFF_OF = re.compile(
    r"\b(?:[Ss]taff|[Hh]eadquarters|[Cc]ouncil|[Cc]ommittee)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}"
    r"(?:operation|exercise)\s*[«\"“]?$"
)
_PLACE_PREP_END = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")
_GROUND_ENDS = ("training ground", "training centre")
_TRAINING_GROUND = re.compile(
    r"(?:(?P<a>[A-Z][\w’']*(?:[- ][A-Z][\w’']*){0,2})[»\"”]?\s+(?:training ground|range|"
    r"training range|polygon|proving ground|(?P<centre>training cent(?:re|er)))\b|"
    r"(?:training ground|range|polygon)\s+[«\"“]"
    r"(?P<b>[A-Z][\w’']*(?:[- ][A-Z][\w’']*){0,2})[»\"”])"
)


def assign_dates(
    st: State,
    sent: str,
    ss: int,
    s_dates: list[DateMention],
    explicit: list[Event],
    has_explicit: bool,
    targets: list[Event],
    spans: dict[str, list[tuple[int, int]]] | None = None,
) -> None:
    if not s_dates:
        return
    pool = [ev for ev in explicit if not st.is_series(ev) and ev.named] or (
        [] if has_explicit else targets
    )
    if spans and pool and any(ev.type == "Meeting" and not ev.named for ev in explicit):
        # "On Thursday the Coordination Staff of the operation «Kanal-2025» held its closing
        # session": the day is the session's, the operation only owns the staff
        owned = [
            ev
            for ev in pool
            if ev.named
            and any(_STAFF_OF.search(st.text, max(ss, a - 80), a) for a, _b in spans.get(ev.id, []))
        ]
        if owned:
            pool = [ev for ev in explicit if not ev.named and ev.type == "Meeting"]
    # a stage named with its operation gets the date, not the operation
    stage_ids = {ev.stage_of for ev in pool if ev.stage_of}
    pool = [ev for ev in pool if ev.id not in stage_ids]
    s_dates = [
        dm
        for dm in s_dates
        if not in_dateline(sent, dm.start - ss)
        and not _SAID_ON.search(st.text, max(ss, dm.start - 30), dm.start)
    ]
    if _REGROUP.search(sent) and not _HELD.search(sent):
        return  # "from 3 to 6 September the contingents are regrouping": not the event's dates
    for ev in pool:
        for dm in _own_part(ev, pool, spans, s_dates, st.text):
            if dm.kind == "year" and ev.year is not None:
                continue
            lead = st.text[max(0, dm.start - 24) : dm.start]
            if dm.kind == "day" and _END_CUE.search(lead):
                dm = DateMention(dm.start, dm.end, "until", None, dm.finish)
            if (
                dm.kind == "day"
                and dm.begin is not None
                and ev.end is not None
                and ev.end.precision == "day"
                and _START_CUE.search(lead)
                and dm.begin.year == ev.end.year
                and dm.begin.earliest() < ev.end.earliest()
            ):
                # "ended today ... The course lasted from 3 March": the first day of it
                ev.start = dm.begin
                ev.date_explicit = True
                continue
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
                if dm.kind == "range" and ev.start == ev.end == b:
                    ev.end = f  # "started today ... will run 28 May - 1 June"
                elif (
                    dm.kind == "range"
                    and ev.start == ev.end
                    and ev.start.precision == "day"
                    and b.precision == "day"
                    and b.earliest() < ev.start.earliest() <= f.latest()
                ):
                    # "the course came to an end today ... took place from 4 to 22 November":
                    # the single day was a day of the range
                    ev.start, ev.end = b, f
                continue
            ev.start, ev.end = b, f
            ev.date_explicit = True
            for dm2 in s_dates:
                # "began on 3 June and ended on 7 June": the end day written after
                if (
                    dm2.start > dm.end
                    and dm2.kind == "day"
                    and dm2.finish is not None
                    and dm2.finish.year == b.year
                    and b.earliest() < dm2.finish.earliest()
                    and _END_CUE.search(st.text[max(0, dm2.start - 24) : dm2.start])
                ) or (
                    # "has started today; it will last till 13 June"
                    dm2.start > dm.end
                    and dm2.kind == "until"
                    and dm2.finish is not None
                    and dm2.finish.year == b.year
                    and b.precision == "day"
                    and b.earliest() < dm2.finish.earliest()
                ):
                    ev.end = dm2.finish
                    break
            break


def _own_part(
    ev: Event,
    pool: list[Event],
    spans: dict[str, list[tuple[int, int]]] | None,
    items: list[_T],
    text: str | None = None,
) -> list[_T]:
    """The items (dates, mentions) of the part of a sentence that speaks of ``ev`` when it
    names several events ("the stage A from 8 to 12 July in Dushanbe, the stage B in October
    in Brest"): from its name to the next event's (the first from the sentence start); else
    those of its own clause before its name ("In May the stage A was held, and in September
    followed the stage B"); all items when the events are not all named in the sentence."""
    if len(pool) < 2 or not spans or any(not spans.get(x.id) for x in pool):
        return items
    # "the stage «Kanal-Tsentr» of the operation «Kanal-2025» has started; it will last till
    # 13 June": the stage's own edition, named inside its phrase, does not end its part
    starts = sorted(min(a for a, _b in spans[x.id]) for x in pool if x.id != ev.stage_of)
    a = min(a for a, _b in spans[ev.id])
    nxt = [x for x in starts if x > a]
    lo = a if a != starts[0] else -1
    hi = nxt[0] if nxt else 1 << 62
    own = [x for x in items if lo <= x.start < hi]
    if own or text is None or lo < 0:
        return own or items
    prev = max(x for x in starts if x < a)
    cut = max(text.rfind(", and ", prev, a), text.rfind("; ", prev, a))
    lead = [x for x in items if cut >= 0 and cut <= x.start < a]
    return lead or items


def assign_places(
    st: State,
    sent: str,
    ss: int,
    s_ments: list[Mention],
    targets: list[Event],
    spans: dict[str, list[tuple[int, int]]] | None = None,
) -> None:
    pool = [ev for ev in targets if not st.is_series(ev) and ev.type != "Other" and not ev.remote]
    if len(pool) >= 2:
        # several places for several events: each takes the places of its own part
        places = [m for m in s_ments if m.kind == "place"]
        own = {ev.id: _own_part(ev, pool, spans, places) for ev in pool}
        if len({tuple(v) for v in own.values()}) > 1:
            for ev in pool:
                lo, hi = own[ev.id][0].start, own[ev.id][-1].end
                part = [m for m in s_ments if m.kind != "place" or lo <= m.start < hi]
                assign_places(st, sent, ss, part, [ev])
            return
    # "the Memorandum ... signed in Vienna": the place of a signing
    signed_at = "signed" in sent and [
        m
        for m in s_ments
        if m.kind == "place"
        and re.search(
            # "signed in Vienna", "signed by the heads of the CIS states in Kazan"
            r"\bsigned\s+(?:by\s+[^,.;]{0,60}?\s+|(?:\w+\s+){0,3}?)in\s+$",
            st.text[max(ss, m.start - 80) : m.start],
        )
    ]
    if signed_at:
        pl = st.fb.places[signed_at[0].id]
        for ev in st.events.values():
            if (
                ev.type == "Other"
                and ev.place is None
                and ev.signing_span
                and (ss <= ev.signing_span[0] < signed_at[0].start)
            ):
                ev.place, ev.place_id, ev.country = pl.name, pl.id, pl.country
    elif "signed" in sent:
        # "On Wednesday at the Vienna International Centre X and Y signed the Plan": the
        # venue written before the verb
        pre_id = None
        bm = _BUILDING_RE.search(sent) if _BUILDING_WORDS.search(sent) else None
        if bm and sent.find("signed", bm.end()) != -1:
            pre_id = _BUILDINGS[bm.group(0)]
        else:
            k = sent.find("signed")
            pre = [
                m
                for m in s_ments
                if m.kind == "place"
                and m.end <= ss + k
                and _PLACE_PREP_END.search(st.text, max(ss, m.start - 8), m.start)
            ]
            pre_id = pre[0].id if len(pre) == 1 else None
        if pre_id is not None:
            pl = st.fb.places[pre_id]
            for ev in st.events.values():
                if (
                    ev.type == "Other"
                    and ev.place is None
                    and ev.signing_span
                    and ss <= ev.signing_span[0] < ss + len(sent)
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
                st.text[max(ss, m.start - 30) : m.start]
            )
            # but the seat of the operation's staff is: "coordinated the actions of the
            # agencies from Almaty", "from Almaty, where a joint operational group was on duty"
            and not _STAFF_FROM.search(st.text, max(ss, m.start - 90), m.start)
            and not _WHERE_STAFF.match(st.text, m.end, m.end + 80)
        )
        # "the Head of the OSCE Programme Office in Bishkek": where an office sits, not a venue
        and not _OFFICE_IN.search(st.text, max(ss, m.start - 30), m.start)
        # "Yerevan again did not delegate a representative": a capital standing for its state
        and not (" not " in sent and _CITY_AS_STATE.match(st.text, m.end, m.end + 40))
        and not (
            m.start - ss < 3
            and (
                re.match(r"^[^.]{0,25}?\s[-–—]\s", st.text[m.end : m.end + 40])
                # dateline "Astana, 4 June 2024." / "BISHKEK, August 24, 2024."
                or re.match(r"^,\s*(?:\d|[A-Z][a-z]{2,8}\.?\s+\d)", st.text[m.end : m.end + 20])
                # "DUSHANBE. The agency informs ...": a city in capitals heading the article
                or (
                    m.end - m.start > 3
                    and st.text[m.start : m.end].isupper()
                    and re.match(r"^\s*(?:\.|,|[-–—]|\()", st.text[m.end : m.end + 4])
                )
            )
        )
    ]
    # "in Tashkent" before a place merely named
    places.sort(key=lambda m: not _PLACE_PREP.search(st.text[max(ss, m.start - 16) : m.start]))
    region_of_city = None
    if "capital" in sent:
        # "in the Kazakh capital", "in the capital of Tajikistan": the state's capital city
        cm = _CAPITAL.search(sent)
        cap = None
        if cm:
            g = "s1" if cm.group("s1") else "s2"
            a, b = ss + cm.start(g), ss + cm.end(g)
            cap = next(
                (
                    _CAPITALS.get(m.id)
                    for m in s_ments
                    if m.kind == "state" and a <= m.start < b and _CAPITALS.get(m.id)
                ),
                None,
            )
        if cap in st.fb.places:
            pl = st.fb.places[cap]
            place_name, place_id, country = pl.name, pl.id, pl.country
            places = []
    for m in places:
        if m.kind == "place":
            pl = st.fb.places[m.id]
            rm = _REGION_WORD.match(st.text, m.end, m.end + 12)
            if pl.kind == "city" and rm:
                # "in the Almaty region": the region named after the city, if nothing finer
                country = country or pl.country
                region_of_city = region_of_city or st.text[m.start : rm.end()]
                continue
            place_name, place_id, country = pl.name, pl.id, pl.country
            break
    if place_id is not None and st.fb.places[place_id].kind == "region":
        # "in the Issyk-Kul region of Kyrgyzstan, near Cholpon-Ata": the town is finer
        town = [
            m
            for m in places
            if m.kind == "place"
            and st.fb.places[m.id].kind == "city"
            and st.fb.places[m.id].country == country
            and not _REGION_WORD.match(st.text, m.end, m.end + 12)
            and _NEAR_IN.search(st.text, max(ss, m.start - 22), m.start)
        ]
        if town:
            pl = st.fb.places[town[0].id]
            place_name, place_id = pl.name, pl.id
    if place_name is None and region_of_city:
        place_name = region_of_city
    if (place_id is None or st.fb.places[place_id].kind in ("region", "country")) and (
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
                country = st.fb.places[places[0].id].country
            if country is None:
                # "of Russia in Domodedovo", "in the city of Chui, Kyrgyzstan"
                b = ss + um.end("p")
                near = [
                    m
                    for m in s_ments
                    if m.kind == "state" and (0 <= a - m.end <= 6 or 0 <= m.start - b <= 6)
                ]
                country = near[-1].id if near else None
            break
    if place_name is None and ("egion" in sent or "blast" in sent or "rovince" in sent):
        # a region the gazetteer does not know: "in the Zhambyl region of Kazakhstan"
        for rm in _UNKNOWN_REGION.finditer(sent):
            a, b = ss + rm.start("r"), ss + rm.end("r")
            if any(m.start < b and a < m.end for m in s_ments) or rm.group(1).lower() in _NOT_TOWNS:
                continue
            place_name, place_id = rm.group("r"), None
            near = [m for m in s_ments if m.kind == "state" and 0 <= m.start - b <= 25]
            country = near[0].id if near else country
            break
    if place_id is None and place_name is None and _BUILDING_WORDS.search(sent):
        # a building stands for its city: "in the Tauride Palace" -> Saint Petersburg
        bm = _BUILDING_RE.search(sent)
        if bm:
            pl = st.fb.places[_BUILDINGS[bm.group(0)]]
            place_name, place_id, country = pl.name, pl.id, pl.country
    if (
        place_id is None
        and place_name is None
        and (" the " in sent or "CARICC" in sent)
        and any(w in sent for w in ("Secretariat", "Staff", "Cent", "Committee", "CARICC"))
    ):
        # the seat of a body stands for its city: "received in the (CSTO) Secretariat"
        for sm in _SEAT_RE.finditer(sent):
            g = "b" if sm.group("b") else "c"
            a = ss + sm.start(g)
            org = next(
                (m.id for m in s_ments if m.kind == "organisation" and m.start <= a < m.end),
                None,
            )
            if org is None:
                # "in the headquarters of the Executive Committee of the Regional Anti-Terrorist
                # Structure": the body named right after
                b = ss + sm.end(g)
                org = next(
                    (
                        m.id
                        for m in s_ments
                        if m.kind == "organisation"
                        and re.fullmatch(r"\s+of\s+(?:the\s+)?", st.text[b : m.start])
                    ),
                    None,
                )
            if org is None and "CSTO-SECRETARIAT" in st.item_orgs:
                org = "CSTO-SECRETARIAT"
            if org is None and sm.group(g).endswith("Secretariat"):
                # "in the (Organization's) Secretariat" in an item about the CSTO
                org = next(
                    (
                        f"{o}-SECRETARIAT"
                        for o in sorted(st.item_orgs)
                        if f"{o}-SECRETARIAT" in _SEATS
                    ),
                    None,
                )
            if org in _SEATS:
                pl = st.fb.places[_SEATS[org]]
                place_name, place_id, country = pl.name, pl.id, pl.country
                break
    low = sent.lower()
    tg = (
        _TRAINING_GROUND.search(sent)
        if ("ground" in low or "range" in low or "polygon" in low or "training cent" in low)
        else None
    )
    if tg:
        nm = (tg.group("a") or tg.group("b") or "").strip()
        if nm and nm.split()[0].lower() not in (
            "the",
            "a",
            "this",
            "basic",
            # "the Republican training centre of rescuers near Cholpon-Ata": no name
            "republican",
            "national",
            "regional",
            "central",
            "main",
            "international",
        ):
            gm = [
                m
                for m in s_ments
                if m.kind == "place" and ss + tg.start() <= m.start < ss + tg.end()
            ]
            if gm:
                pl = st.fb.places[gm[0].id]
                place_name, place_id, country = pl.name, pl.id, pl.country
            elif not place_id or st.fb.places[place_id].kind in ("city", "region"):
                # "at the Svetlaya Roshcha training centre" keeps its own word
                place_name = f"{nm} training {'centre' if tg.group('centre') else 'ground'}"
                place_id = None
    if country is None:
        for m in s_ments:
            if m.kind != "state":
                continue
            before = st.text[max(0, m.start - 40) : m.start]
            if (
                _LOCATION_BEFORE.search(before)
                and not _TRAFFIC.search(sent)
                # "In Uzbekistan, 300 kg of opium were seized": where a share was seized
                and not _FIGURE_NEXT.match(st.text, m.end, m.end + 30)
                # "1,4 tons were seized in Tajikistan"
                and not _SEIZED_IN.search(before)
            ):
                country = m.id
                break
    same = "same" in sent and _SAME_PLACE.search(sent)
    if place_name is None and same:
        # "met the day before in the same place": where the item's last placed event was;
        # "at the same (training) ground": its last training ground
        doc = pool[0].doc
        ground = same.group(1).lower().endswith("ground")
        prev = [
            x
            for i in st.order
            if (x := st.events[i]).doc == doc
            and x.place
            and x not in pool
            and not x.remote
            and (not ground or x.place.endswith(_GROUND_ENDS))
        ]
        if prev:
            place_name, place_id, country = prev[-1].place, prev[-1].place_id, prev[-1].country
    tg_new = bool(place_name and place_name.endswith(_GROUND_ENDS)) or bool(
        place_id and st.fb.places[place_id].kind == "training-ground"
    )
    for ev in pool:
        if place_name and ev.weak_place:
            ev.place = ev.place_id = None  # the body's place, not the title's
            ev.weak_place = False
        if (
            place_name
            and ev.place is not None
            and tg_new
            and ev.place != place_name
            and not (
                ev.place.endswith(_GROUND_ENDS)
                or (ev.place_id and st.fb.places[ev.place_id].kind == "training-ground")
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
            and (
                (ev.place_id and st.fb.places[ev.place_id].kind == "region")
                # a region the gazetteer does not know ("Khatlon region")
                or (ev.place_id is None and _REGION_END.search(ev.place or ""))
            )
            and (place_id is None or st.fb.places[place_id].kind == "city")
            and not _REGION_END.search(place_name)
            and (country is None or country == ev.country)
        ):
            ev.place, ev.place_id = place_name, place_id  # a town in that region
        elif (
            country
            and ev.country is None
            and (ev.place is None or ev.place == place_name or ev.place_id is None)
        ):
            ev.country = country


def _prec(d: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[d.precision]

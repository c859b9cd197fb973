"""Seizure figures: substance, kilograms, comparator and scope, put on the right event.

``assign_seizures`` reads each quantity of a sentence (``kg.quantities``), finds its substance
to the right ("4 tons of heroin") or left ("heroin - 12,4 kg"), and its scope: ``cumulative``
("since 2003", on the series event), ``national`` (a figure credited to one state: "Kazakh
agencies seized", "in Kazakhstan", "in the territory of the republic"), ``total`` (the headline
drug figure, precursors) or ``breakdown`` (substances after the total or after "including").
Figures go to the stage or operation named in the sentence, else to the last event that got
figures, else to the item's latest operation.

Limits: firearms, money and goods are skipped by a fixed word list; a figure without a
substance word counts as a drug total only in a sentence about seizing.
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract_actors import is_observer, observer_spans
from kg.extract_background import (
    _BACKGROUND_BEFORE,
    _DEMONYM_BACKGROUND,
    _GOODS_FROM,
    _TRAFFIC,
    COMPARISON_CUE,
)
from kg.extract_names import _SINCE_YEAR, SERIES, canonical_name, find_names, slug
from kg.extract_state import Event, State
from kg.facts import PartialDate
from kg.gazetteer import Mention
from kg.quantities import Quantity, find_quantities

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
    # "heroin of Afghan origin 72 kg", "precursors in quantity of 3,3 tons"
    rf"(?:{_SUB_ALT})(?:\s+of\s+\w+\s+origin|\s+in\s+(?:the\s+)?(?:quantity|amount|volume)\s+of)?"
    r"\s*(?:[—–|-]|:|\(|was|were|is|are|amounted to|amounts? to|makes? up|made up|"
    r"accounted for|accounts? for|totall?ed|exceeded|"
    r"exceeds|reached|made up|comprised|weighing|weighed)?\s*"
    r"(?:(?:more|less) than|over|about|nearly|almost|some|around|approximately)?\s*$",
    re.IGNORECASE,
)

# the same, at a position (``match(text, pos)``: "^" would only match at 0)
_SUB_LEAD = re.compile(_SUB_RIGHT.pattern.removeprefix("^"), re.IGNORECASE)

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
    r"bodies|law enforcement|law enforcers|officers|units|employees|confiscated|withdrew|"
    r"accounted|accounts? for|share|figure|"
    r"contribut\w*|"
    r"authorities|guards|customs)\b",
    re.IGNORECASE,
)

# a figure credited to the territory of one state: "in (the) territory of Tajikistan"; "in the
# territory of the republic" / "in the country" is the item's own state (its first state)
_IN_TERRITORY_OF = r"\b(?:in|on)\s+(?:the\s+)?territory\s+of\s+(?:the\s+)?"
_TERRITORY_OF = re.compile(_IN_TERRITORY_OF + "$", re.I)
_TERRITORY_HOME = re.compile(
    _IN_TERRITORY_OF + r"(?:republic|country)\b|\bin\s+the\s+(?:republic|country)\b|"
    # "by the law enforcement bodies of the republic", "the country's customs"
    r"\b(?:bodies|agencies|authorities|services|police|forces|guards|customs|law enforcement)"
    r"\s+of\s+the\s+(?:republic|country)\b|\bthe\s+(?:republic|country)['’]s\s+"
    r"(?:law enforcement|agencies|authorities|police|customs|border|security|drug)|"
    # "Our officers alone detained 96 kg" in a national agency's release
    r"\b[Oo]ur\s+(?:officers|agency|police|policemen|border guards|customs officers|service|"
    r"employees|staff|units|operatives)\b|"
    # "the Service's employees withdrew 1 062 kg" in the release of a national service
    r"\bthe\s+(?:Service|Agency|Ministry|Committee|Department)['’]s\s+(?:employees|officers|"
    r"staff|units|operatives|officials)\b",
    re.I,
)

# a figure restated in brackets: "more than 1.5 tons (1 512 kg) of precursors"
_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")
_PAREN_AFTER = re.compile(r"\s*\([^()]{1,40}\)")
_PAREN_QUANT = re.compile(r"\d\s*(?:kg|kilo|tons?|tonnes?|t\b|g\b)", re.IGNORECASE)
_SHARE_GAP_IN = re.compile(r",?\s*")
_IN_BEFORE = re.compile(r"\b[Ii]n\s+(?:the\s+)?$")
_SHARE_WORD = re.compile(r"\b(?:share|accounted|accounts? for|contribut\w*)\b", re.IGNORECASE)
_SHARE_CHARS = re.compile(r"[-–—:(]")
_SHARE_GAP = re.compile(r"\s*(?:[-–—:]|\()\s*")
# the figure, then who seized it: "900 kg were seized by the Tajik agencies", "... withdrawn by
# law enforcement bodies of Kazakhstan"
_SEIZED_BY = re.compile(
    r"[^.;,]{0,70}?\bby\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:of\s+(?:the\s+)?)?(?:[Rr]epublic\s+of\s+)?$"
)

_TOTAL_CUE = re.compile(
    r"\b(?:in total|in all|altogether|overall|as a whole|in (?:the )?whole|on the whole|"
    r"all participants|the participating (?:states|countries) together|all (?:the )?"
    r"participating|all member|all the member|all states|operation-wide|"
    # "across the stage", "in the four states"
    r"across the (?:stage|operation|region)|in (?:the )?(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|\d+) (?:participating )?(?:states|countries))\b",
    re.IGNORECASE,
)

# year-to-date statistics of an agency, tied to no operation: "since the beginning of the
# year the police have seized over 31 tons", "12 percent more than in the same period"
_YEAR_TO_DATE = re.compile(
    r"\bsince the (?:beginning|start) of (?:the|this) year\b|\bin the same period\b|"
    r"\byear[- ]to[- ]date\b|\bso far this year\b|\bsince January\b|"
    # last year's figures, given for comparison: "During the same stage in 2025 Kyrgyz
    # services had seized 742 kg", "a year ago", "last year's stage"
    r"\b(?:last year|a year (?:ago|earlier)|the previous year|the year before)\b|"
    r"\bthe same (?:stage|operation|period) (?:in|of) (?:19|20)\d\d\b|\bhad (?:been )?seized\b",
    re.IGNORECASE,
)
_CUMULATIVE = re.compile(
    r"\b(?:since|from)\s+(?:the\s+(?:beginning|start|first year|launch)\s+of\s+the\s+"
    r"operation(?:\s+in)?,?\s*|its\s+(?:launch|start)\s+in\s+|)(?P<y>(?:19|20)\d\d)\b|"
    # "since the first Karavan in 2015", "since the launch of the operation in 2004"
    r"\bsince\s+the\s+(?:first|launch|start|beginning)\b[^.;,\d]{0,40}?\bin\s+(?P<y2>(?:19|20)\d\d)\b|"
    r"\bsince the (?:beginning|start|first year|launch)\b(?!\s+of\s+(?:the|this)\s+year)|"
    r"\bover the years\b|\bin all the years\b|"
    # "for years of conducting the operation", "during all the years of the operation"
    r"\b(?:for|during|in|over)\s+(?:all\s+)?(?:the\s+)?years\s+of\b",
    re.IGNORECASE,
)

_BULLET = re.compile(r"\s*[–—•·*-]\s")
# "Uzbek agencies accounted for 455 kg of the overall amount": a share of the total
_SHARE_OF_TOTAL = re.compile(
    r"\b(?:of|in)\s+the\s+(?:overall|total)\s+(?:amount|volume|quantity|figure|seizures?)\b"
)
_CLAUSE_CUT = re.compile(
    r";|,\s+and\s+(?=[A-Z]|\w+\s+(?:law|police|agenc|custom|border))|,\s+while\b"
)
_MOSTLY_BEFORE = re.compile(
    r"\b(?:mostly|mainly|chiefly|largely|predominantly|among (?:them|it|which)|"
    r"of (?:them|it|which)|including|in particular)\s+(?:[—–-]\s+)?$"
)
_MOSTLY = re.compile(
    rf"\b(?:mostly|mainly|chiefly|largely|predominantly)\s+(?:{_SUB_ALT})\b", re.IGNORECASE
)
_RESPECTIVELY = re.compile(
    r"(?P<a>\d+(?:[.,]\d+)?)\s+and\s+(?P<b>\d+(?:[.,]\d+)?)\s*"
    r"(?P<u>tons?|tonnes?|t|kg|kilograms?)\.?\s+respectively\b"
)
_NOT_THIS_FIGURE = re.compile(rf"\b(?:{COMPARISON_CUE}|of the previous year)\b")
_CORRECTED_TO = r"\b(?:corrected|revised|amended|updated)\s+(?:up|down(?:ward)?\s+)?to"
_CORRECTED = re.compile(_CORRECTED_TO + r"\s+$")  # right before the corrected figure
_CORRECTED_LATER = re.compile(_CORRECTED_TO + r"\b")  # anywhere later in the item
_ANNOUNCED_AS = re.compile(r"\b(?:first|initially|earlier)\s+(?:announced|reported|given)\s+as\s+$")
_NAME_DASH = re.compile(r"[»\"”']\s*[–—:-]\s*$")
_CUM_HINT = re.compile(
    r"[Ss]ince|years|from (?:19|20)\d\d|from the (?:beginning|start|first|launch)", re.IGNORECASE
)
_YEAR_WORD = re.compile(r"\byear\b|\bin (?:19|20)\d\d\b")
_EDITION_CUE = re.compile(
    r"\b(?:during the year|as a whole|for the year|in the whole|"
    r"overall|in total during|throughout the year|in (?:19|20)\d\d,)",
    re.IGNORECASE,
)


def assign_seizures(
    st: State,
    sent: str,
    ss: int,
    se: int,
    s_quants: list[Quantity],
    s_ments: list[Mention],
    explicit: list[Event],
    targets: list[Event],
    item_events: list[Event],
    last_event: Event | None,
    last_total: dict[Any, Any],
    doc: str,
    item_year: int | None,
) -> Event | None:
    text = st.text
    if (_YEAR_TO_DATE.search(sent) and not explicit) or (
        ("ompar" in sent or "relimin" in sent or "previous" in sent or "nnounced" in sent)
        and _NOT_THIS_FIGURE.search(sent)
        and not _CORRECTED.search(sent)
    ):
        # last year's figure, given for comparison ("Compared with «Karavan-2024», when 7,1
        # tons were seized")
        return last_event
    if (
        "relimin" in sent
        and st.documents
        and _CORRECTED_LATER.search(text, se, st.documents[-1]["end"])
        and not _CORRECTED.search(sent)
    ):
        # "Preliminary data spoke of 4,1 tons. After tests the figure was corrected to 3,87
        # tons": the preliminary figure is superseded
        return last_event
    states: list[Mention] = []
    states_in: list[Mention] = []
    states_terr: list[Mention] = []  # "in (the) territory of Tajikistan"
    obs = observer_spans(st, sent, ss)
    for m in s_ments:
        if m.kind != "state" or is_observer(st, m, obs, s_ments):
            continue
        before = text[max(ss, m.start - 40) : m.start]
        after = text[m.end : min(se, m.end + 40)]
        if re.search(r"\bin\s+(?:the\s+)?$", before):
            states_in.append(m)
            continue
        if _TERRITORY_OF.search(before):
            states_terr.append(m)
            continue
        if (
            _BACKGROUND_BEFORE.search(before)
            and (_TRAFFIC.search(sent) or _GOODS_FROM.search(before))
        ) or (m.entry.form == "demonym" and _DEMONYM_BACKGROUND.search(after)):
            continue
        states.append(m)
    resp: dict[int, str] = {}
    if "respectively" in sent:
        s_quants, resp = _respectively(st, sent, ss, s_quants, s_ments)
    cums = list(_CUMULATIVE.finditer(sent)) if _CUM_HINT.search(sent) else []
    national_cue = bool(_NATIONAL_CUE.search(sent))
    totals = (
        [t.start() for t in _TOTAL_CUE.finditer(sent)] if not _SHARE_OF_TOTAL.search(sent) else []
    )
    bounds = [b.start() for b in _CLAUSE_CUT.finditer(sent)] if totals else []
    pool_ops = [
        ev for ev in explicit if ev.type in ("Operation", "OperationStage") and not st.is_series(ev)
    ]
    event = None
    if pool_ops:
        stages = [ev for ev in pool_ops if ev.type == "OperationStage"]
        event = stages[0] if stages else pool_ops[0]
    elif _EDITION_CUE.search(sent) and (
        # "overall" in an item about one stage is the stage's whole, not the year's
        _YEAR_WORD.search(sent) or not any(ev.type == "OperationStage" for ev in item_events)
    ):
        eds = [ev for ev in item_events if ev.type == "Operation" and ev.year is not None]
        event = eds[0] if eds else None
    if event is None and last_event is not None:
        event = last_event
    if event is None:
        cands = [ev for ev in targets if ev.type in ("Operation", "OperationStage")] or [
            ev
            for ev in reversed(item_events)
            if ev.type in ("Operation", "OperationStage") and not st.is_series(ev)
        ]
        event = cands[0] if cands else None
    if event is None:
        cands = [ev for ev in targets if ev.type in ("Exercise", "Training")] or [
            ev for ev in item_events if ev.type in ("Operation",)
        ]
        event = cands[0] if cands else None
    home_cue = (
        "epublic" in sent
        or "ountry" in sent
        or "Our " in sent
        or " our " in sent
        or "'s " in sent
        or "’s " in sent
    )
    prev_state: str | None = last_total.get("prev_state")  # type: ignore[assignment]
    home: str | None = last_total.get("home")
    restated = (
        {
            y.start
            for x, y in zip(s_quants, s_quants[1:], strict=False)
            if _PAREN_OPEN.fullmatch(text, x.end, y.start) and _PAREN_CLOSE.match(text, y.end)
        }
        if len(s_quants) > 1 and "(" in sent
        else ()
    )
    # 'on the "Southern Bridge" – 940 kg, ..., and on the "Green Corridor" – 372 kg': each
    # figure after an event's name is that event's, and so are the parts after it
    named_here = [ev for ev in item_events if ev.named and ev.name in sent]
    owns = (
        {q.start: _named_right_before(st, named_here, ss, q) for q in s_quants}
        if len(named_here) >= 2
        else {}
    )
    cur_own: Event | None = None
    for q in s_quants:
        if q.start in restated:
            continue  # "(1 512 kg)" after "more than 1.5 tons": the same figure again
        if owns:
            if owns.get(q.start) is not None:
                cur_own = owns[q.start]
            elif (
                cur_own is None
                and "both" in text[ss : q.start]
                and any(v is not None and k > q.start for k, v in owns.items())
            ):
                continue  # "By result of both operations ... more than 1,3 tons": combined
        cum = _cum_for(cums, sent, q.start - ss, q.end - ss)
        # a total cue speaks for the figures of its own clause: "across all participating
        # states over 4,7 tons ..., and Russian law enforcement alone seized 1 ton 312 kg"
        total_cue = bool(totals) and any(
            not any(min(t, q.start - ss) < x < max(t, q.start - ss) for x in bounds) for t in totals
        )
        after = text[q.end : min(se, q.end + 60)]
        pm = _PAREN_AFTER.match(after) if after[:3].lstrip().startswith("(") else None
        if pm and _PAREN_QUANT.search(pm.group(0)):
            after = after[pm.end() :]  # read the substance after the restated figure
        before = text[max(ss, q.start - 40) : q.start]
        if _NON_DRUG.search(after):
            continue
        # "By country: Russia - 1.1 t, Kazakhstan - 640 kg": a list of national shares
        share_of = (
            next(
                (
                    m.id
                    for m in reversed(states)
                    if 0 <= q.start - m.end <= 4 and _SHARE_GAP.fullmatch(text, m.end, q.start)
                ),
                None,
            )
            if states and _SHARE_CHARS.search(text, max(ss, q.start - 4), q.start)
            else None
        )
        sub = None
        if "orrect" in sent or "revised" in sent or "nnounced" in sent:
            if _ANNOUNCED_AS.search(text, max(ss, q.start - 30), q.start):
                continue  # "was first announced as 3 tons; ... corrected to 3,4 tons"
            if _CORRECTED.search(text, max(ss, q.start - 30), q.start) and not _SUB_RIGHT.search(
                after
            ):
                # "the figure for the stage was corrected to 3,87 tons": the substance named
                # before in the sentence, else the drug total
                subs = list(_SUB_ANY.finditer(text, ss, q.start))
                sub = _which(subs[-1]) if subs else "total"
        mr = _SUB_RIGHT.search(after) if sub is None else None
        if mr:
            sub = _which(mr)
        elif sub is None:
            ml = _SUB_LEFT.search(before)
            if ml:
                sub = _which(ml)
            else:
                # garbled: "169 kg, were withdrawn ... marijuana"; next substance word before
                # the next figure
                nxt = [x for x in s_quants if x.start > q.start]
                limit = min(se, nxt[0].start if nxt else se, q.end + 80)
                ma = _SUB_ANY.search(text, q.end, limit)
                win = text[max(ss, q.start - 70) : q.start]
                mostly = (
                    _MOSTLY.search(text, max(ss, q.start - 70), q.start)
                    if (
                        "ostly" in win
                        or "ainly" in win
                        or "argely" in win
                        or "hiefly" in win
                        or "redominantly" in win
                    )
                    else None
                )
                if (
                    ma
                    and ma.start() - q.end > 3
                    and _MOSTLY_BEFORE.search(text, max(q.end, ma.start() - 16), ma.start())
                ):
                    ma = None  # "1 tonne 940 kg, mostly marijuana": a part, not the substance
                if ma:
                    sub = _which(ma)
                elif mostly and not re.search(r"[.;]", text[mostly.end() : q.start]):
                    # "mostly marijuana from the Shu valley - about 1.6 tonnes of it"
                    sub = _which(mostly)
                elif (lead := _SUB_LEAD.match(text, ss, q.start)) is not None and not any(
                    ss <= x.start < q.start for x in s_quants
                ):
                    # "Precursors, counted apart, accounted for another 14,5 tons": the subject
                    sub = _which(lead)
                elif share_of is not None or (
                    (_SHARE_WORD.search(sent) or (national_cue and "report" in sent))
                    and not total_cue
                    and any(m.end <= q.start for m in states)
                ):
                    # "The share of Kazakhstan amounted to 25 percent (750 kg)"
                    sub = last_total.get("substance", "total")
                elif owns.get(q.start) is not None:
                    sub = "total"  # 'on the "Southern Bridge" – 940 kg'
                elif cum and not _YEAR_TO_DATE.search(sent):
                    sub = "total"  # "Since 2003 ... the total has reached about 690 tons"
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
        after_in = [m for m in states_in if 0 <= m.start - q.end <= 45] or [
            # "In Tajikistan 300 kilograms of heroin was found"
            m
            for m in (*states_in, *states)
            if 0 <= q.start - m.end <= 3
            and _SHARE_GAP_IN.fullmatch(text, m.end, q.start)
            and _IN_BEFORE.search(text, max(ss, m.start - 12), m.start)
        ]
        terr = next((m.id for m in reversed(states_terr) if m.end <= q.start), None) or next(
            # "... and 512 kg on the territory of Kyrgyzstan"
            (m.id for m in states_terr if 0 <= m.start - q.end <= 45),
            None,
        )
        if terr is None and home and home_cue and _TERRITORY_HOME.search(text, ss, q.start):
            terr = home
        listed = bool(cands) and any(
            re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?", text[o.end : cands[-1].start])
            for o in states
            if o.end <= cands[-1].start
        )
        by_state = (
            next(
                (
                    m.id
                    for m in states
                    if 0 < m.start - q.end <= 100 and _SEIZED_BY.match(text, q.end, m.start)
                ),
                None,
            )
            if national_cue and " by " in sent
            else None
        )
        terr_m = next((m for m in reversed(states_terr) if m.end <= q.start), None)
        if q.start in resp:
            state = resp[q.start]
        elif share_of is not None and not cum:
            state = share_of
        elif (
            terr_m is not None
            and not cum
            and not total_cue
            and (not cands or terr_m.start > cands[-1].start)
        ):
            # "Belarusian customs detained 48 kg ..., and on the territory of Kyrgyzstan 410 kg
            # were withdrawn": the nearer territory
            state = terr_m.id
        elif cands and national_cue and not cum and not total_cue and not listed:
            state = cands[-1].id
        elif by_state and not cum and not total_cue:
            # "900 kg were seized by the Tajik agencies": the state named after the figure
            state = by_state
        elif after_in and not cum and not total_cue:
            state = after_in[0].id
        elif terr and not cum and not total_cue:
            state = terr
        elif (
            prev_state
            and not cum
            and not total_cue
            and (
                _BREAKDOWN_CUE.search(text[ss : q.start])
                or last_total.get("national_report")
                # "The contribution of the Kazakhstan police amounted to 1 t 240 kg:" then
                # "– marijuana: 1 018 kg;": the list under a national figure
                or (last_total.get("list_state") == prev_state and _BULLET.match(sent))
            )
        ):
            state = prev_state
        if cum:
            scope = "cumulative"
            y = cum.group("y") or cum.group("y2")
            since = int(y) if y else None
            target = series_of(st, event, item_events, doc)
            if target is None:
                continue
            if (ss, se) not in target.evidence:
                target.evidence.append((ss, se))
            if since is None:
                since = target.start.year if target.start else None
            if since is None and st.documents:
                # "Since the first year of the operation, over 470 tons" after "which the
                # member states have run every year since 2003" earlier in the item
                earlier = [
                    y.group("y") for y in _SINCE_YEAR.finditer(text, st.documents[-1]["start"], ss)
                ]
                since = int(earlier[-1]) if earlier else None
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
        if cur_own is not None and scope != "cumulative":
            target = cur_own
        if target is None:
            continue
        if scope == "total" and sub == "total":
            last_total[(None, "total")] = 1
        if scope == "total" and sub != "precursors":
            last_total["substance"] = sub
        if scope == "national" and "seen" not in last_total:
            last_total["national_report"] = 1
        last_total["seen"] = 1
        prev_state = state if scope == "national" else prev_state
        last_total["prev_state"] = prev_state
        last_total["last_scope"] = scope
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
        _add_figure(target, rec)
        if (
            state
            and state not in target.participants
            and target.type != "Operation"
            or (state and state not in target.participants)
        ):
            st.add_part(target, state, "state", "participant", (ss, se))
        if scope != "cumulative":
            last_event = target
    if sent.rstrip().endswith(":") and last_total.get("last_scope") == "national":
        last_total["list_state"] = prev_state
    elif not _BULLET.match(sent):
        last_total.pop("list_state", None)
    return last_event


def _named_right_before(st: State, explicit: list[Event], ss: int, q: Quantity) -> Event | None:
    """The event whose name is written right before the figure ('«X» – 940 kg')."""
    text = st.text
    a = max(ss, q.start - 60)
    dm = _NAME_DASH.search(text, a, q.start)
    if dm is None:
        return None
    window = text[a : dm.start()]
    for ev in explicit:
        if window.endswith(ev.name):
            return ev
    return None


def _add_figure(ev: Event, rec: dict[str, Any]) -> None:
    """Add a figure to an event unless it has it already (same substance, kg, scope, state)."""
    key = (rec["substance"], rec["kg"], rec["scope"], rec.get("state"))
    if not any((x["substance"], x["kg"], x["scope"], x.get("state")) == key for x in ev.seizures):
        ev.seizures.append(rec)


def _respectively(
    st: State, sent: str, ss: int, s_quants: list[Quantity], s_ments: list[Mention]
) -> tuple[list[Quantity], dict[int, str]]:
    """ "Kazakh and Russian agencies reported 1,4 and 1,8 tons respectively": the figures,
    the first one written without its unit, go to the states in the order named."""
    m = _RESPECTIVELY.search(sent)
    if m is None:
        return s_quants, {}
    states = [x for x in s_ments if x.kind == "state" and x.end <= ss + m.start()]
    if len(states) < 2:
        return s_quants, {}
    unit = m.group("u")
    first = find_quantities(f"{m.group('a')} {unit}")
    second = [q for q in s_quants if q.start >= ss + m.start("b")]
    if len(first) != 1 or not second:
        return s_quants, {}
    a0, a1 = ss + m.start("a"), ss + m.end("a")
    q1 = Quantity(a0, a1, first[0].kg, "exact", st.text[a0:a1])
    out = sorted([*(q for q in s_quants if q.start != a0), q1], key=lambda q: q.start)
    return out, {q1.start: states[-2].id, second[0].start: states[-1].id}


def _cum_for(cums: list[re.Match[str]], sent: str, a: int, b: int) -> re.Match[str] | None:
    """The cumulative cue of the figure at ``sent[a:b]``: before it ("since 2003 more than 480
    tons", "held since 2003; in total more than 549 tons"), or right after it ("480 tons since
    2003"); not one written after it in another clause ("... 4,7 tons were seized; the
    operation has been held since 2003")."""
    for c in cums:
        if c.end() <= a:
            return c
        if c.start() >= b and c.start() - b <= 40 and not re.search(r"[;,]", sent[b : c.start()]):
            return c
    return None


def series_of(st: State, event: Event | None, item_events: list[Event], doc: str) -> Event | None:
    series = [ev for ev in item_events if st.is_series(ev)]
    if series:
        return series[0]
    key = event.series if event else None
    if key is None:
        keys = [ev.series for ev in item_events if ev.series]
        key = keys[0] if keys else None
    if key is None or SERIES[key][1] != "Operation":
        return None
    name = canonical_name(key)
    ev = st.event(slug(name), name=name, type=SERIES[key][1], doc=doc, named=True, series=key)
    if ev not in item_events:
        item_events.append(ev)
    return ev


def _which(m: re.Match[str]) -> str:
    for k, v in m.groupdict().items():
        if v is not None and k.startswith("s"):
            return _SUBSTANCES[int(k[1:])][1]
    return "total"


_TABLE_UNIT = re.compile(r"\b(?P<u>kilograms?|kg|tons?|tonnes?)\b", re.IGNORECASE)
_UNIT_IN_CELL = re.compile(r"\d\s*(?:kg|kilo|tons?|tonnes?|t\b|g\b)", re.IGNORECASE)
_NUMBER_CELL = re.compile(r"(?:\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)?")


def table_seizures(st: State, s: int, e: int, item_events: list[Event]) -> None:
    """A table of figures whose unit is written once, above it or in its header ("Share of the
    Kazakhstan police, kilograms:" then "Hashish | 312,4 | 96,7" under the header "Substance |
    «Kanal-Lovushka» | «Kanal-Dozor»"): one figure per cell, for the event its column names
    (else the item's latest operation), national when the caption names a state.

    Limits: rows are lines with "|"; a table whose cells carry their own units is read
    sentence by sentence like any other text."""
    text = st.text
    lines: list[tuple[int, int]] = []
    pos = s
    for line in text[s:e].split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        if "|" not in text[lines[i][0] : lines[i][1]]:
            i += 1
            continue
        j = i
        while j < len(lines) and "|" in text[lines[j][0] : lines[j][1]]:
            j += 1
        _table(st, lines, i, j, item_events)
        i = j


def _table(
    st: State, lines: list[tuple[int, int]], i: int, j: int, item_events: list[Event]
) -> None:
    text = st.text
    if j - i < 2 or any(_UNIT_IN_CELL.search(text, a, b) for a, b in lines[i + 1 : j]):
        return
    # the caption: the nearest non-empty line above the table
    cap_a = cap_b = lines[i][0]
    for a, b in reversed(lines[:i]):
        if text[a:b].strip():
            cap_a, cap_b = a, b
            break
    head = text[lines[i][0] : lines[i][1]]
    um = _TABLE_UNIT.search(text, cap_a, cap_b) or _TABLE_UNIT.search(head)
    if um is None:
        return
    unit = um.group("u")
    cols = [c.strip() for c in head.split("|")]
    ops = [ev for ev in item_events if ev.type in ("Operation", "OperationStage") and ev.named]
    col_events: list[Event | None] = []
    for cell in cols[1:]:
        names = find_names(cell)
        ev = None
        if names:
            n = names[0]
            for cand in ops:
                year = n.year or cand.year
                if n.series and cand.name == canonical_name(n.series, n.stage, year):
                    ev = cand
                    break
        col_events.append(ev)
    if not any(col_events):
        latest = [ev for ev in ops if not st.is_series(ev)]
        if len(cols) != 2 or not latest:
            return
        col_events = [latest[-1]]
    state = None
    cap_states = [m for m in st.gaz.find(text[cap_a:cap_b]) if m.kind == "state"]
    if cap_states and _NATIONAL_CUE.search(text, cap_a, cap_b):
        state = cap_states[0].id
    for a, b in lines[i + 1 : j]:
        cells = text[a:b].split("|")
        ms = _SUB_LEAD.match(cells[0].strip())
        if ms is None and cells[0].strip().lower() != "total":
            continue
        sub = _which(ms) if ms else "total"
        for k, cell in enumerate(cells[1:]):
            nm = _NUMBER_CELL.search(cell)
            ev = col_events[k] if k < len(col_events) else None
            if nm is not None and ev is not None:
                qs = find_quantities(f"{nm.group(0)} {unit}")
                if len(qs) == 1:
                    scope = "national" if state else "total" if sub == "total" else "breakdown"
                    rec = {
                        "substance": sub,
                        "kg": qs[0].kg,
                        "qualifier": "exact",
                        "scope": scope,
                        "as_written": nm.group(0),
                        "span": (a, b),
                    }
                    if state:
                        rec["state"] = state
                    _add_figure(ev, rec)
                    if state and state not in ev.participants:
                        st.add_part(ev, state, "state", "participant", (a, b))

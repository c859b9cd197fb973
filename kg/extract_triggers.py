"""Unnamed events found by trigger words, and which events a sentence speaks of.

``find_triggers`` makes Meeting events from meetings, sessions, consultations, briefings,
conferences, talks, "X met Y" and audiences ("received the Ambassador"), Training events from
courses and seminars, Other events from signings of a named act (Protocol, Agreement,
Memorandum...), and unnamed Exercise/Operation events from "a joint exercise", "an international
controlled delivery". Mentions of one type in one item with the same (or no) date are one event.
``anaphor_targets`` resolves "the operation", "the meeting", "both events" to the item's latest
event of that kind (coreference by recency).

Limits: every trigger word in the item makes or joins an event, also a meeting named in passing;
names of unnamed events are short descriptions built from the words after the trigger.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from kg.extract_background import topic_words
from kg.extract_items import in_dateline
from kg.extract_names import Named, slug
from kg.extract_state import Event, State
from kg.facts import PartialDate
from kg.gazetteer import Mention
from kg.textdates import DateMention

_MEETING = re.compile(
    r"\b(?:(?:[Ff]inal|[Rr]egular|[Ee]xtraordinary|[Pp]lenary|[Jj]oint|[Ww]orking|[Aa]nnual|"
    r"[Oo]rdinary|[Nn]ext|[Ff]irst|[Ss]econd|\d+(?:st|nd|rd|th))\s+)*"
    r"(?:[Mm]eeting|[Ss]ession|[Cc]onsultations|[Bb]riefing|[Cc]onference|[Ss]ummit|[Tt]alks|"
    r"[Rr]ound[- ]table|[Ff]orum|[Pp]lenary|[Nn]egotiations|[Vv]ideoconference|"
    r"(?<=bilateral )conversation)\b(?!s)|"
    r"\b(?:met|will meet|meets)\b|"
    # "X received the Ambassador of Mongolia": an audience is a meeting
    r"\breceived(?=\s+(?:(?:in|at)\s+(?:the\s+)?(?:[\w-]+\s+){1,3})?(?:the\s+)?(?:Mr\.?|Mrs\.?|Ms\.?|Ambassador|Minister|Deputy|"
    r"Secretary|Chairman|Head|Director|delegation|Special Representative)\b)|"
    # "the Ambassador of Turkmenistan was received at the CSTO Secretariat"
    r"\b(?<=was |ere )received(?=\s+(?:on\s+[^.;]{0,30}?\s+)?(?:by|at|in)\b)"
)

# an unnamed exercise or operation, introduced as new ("a joint exercise", "joint drills")
_EXERCISE = re.compile(
    r"\b(?:(?:[Aa]n?|[Jj]oint|[Cc]ommand-staff|[Aa]nti-?terrorist|[Ss]pecial|[Tt]actical|"
    r"[Ii]nternational|[Rr]egional|[Bb]order)\s+)(?:[\w-]+\s+){0,3}?"
    r"(?P<w>exercises?|drills|manoeuvres|maneuvers|operation|controlled deliver(?:y|ies))\b"
)

_TRAINING = re.compile(
    r"\b(?:training courses?|training session|courses? (?:for|on)|training for|seminar|webinar|"
    r"workshop|"
    r"training camp|master class|refresher course|joint training of|"
    r"instructor(?:-methodical)? (?:session|classes|course)s?)\b",
    re.IGNORECASE,
)

_ACT_TITLE_BEFORE = re.compile(
    r"\b(?:Agreement|Protocol|Memorandum|Programme|Program|Concept|Treaty|Convention|Decision|"
    r"Regulations?|Statute)\s+(?:on|of|about|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$"
)
_PLAN_OF = re.compile(r"\b(?:plan|calendar|schedule|programme|program|list)\s+of\s+(?:the\s+)?$")
_ROOM_AFTER = re.compile(r"\s+(?:hall|room|centre|center|facilities|call)\b")
_DATED_AFTER = re.compile(
    r"\b(?:scheduled|planned|will be held|is to be held|to be held|will take place)\s+"
    r"(?:for|on|in|at)\s+(?:the\s+)?(?:\d|January|February|March|April|May|June|July|August|"
    r"September|October|November|December)"
)
_ACT = re.compile(
    r"\b(Protocol|Agreement|Memorandum|Joint Action Plan|Action Plan|"
    r"Plan|Treaty|Programme|Program|Declaration|Roadmap|Joint [Ss]tatement|"
    r"Statement|Communiqu[eé]|Charter|Convention|"
    # written in lower case: "a memorandum of understanding between A and B was signed"
    r"memorandum(?: of understanding)?|protocol|(?:joint )?(?:work|action) plan|roadmap|"
    r"joint statement|communiqu[eé])\b[^,.;]{0,80}"
)
_STAGE_WORD = re.compile(r"\bstage\b", re.IGNORECASE)
_NAME_END_CHARS = frozenset(',.;:»”"')
_BILATERAL = re.compile(r"\bbilateral\s+(?:talks|meeting|conversation|consultations)\b")
_SIDELINES = re.compile(
    r"\b(?:on|at)\s+the\s+(?:sidelines|margins)(?:\s+of\s+(?:the|this)\s+(?:meeting|session|"
    r"summit|conference|forum|plenary)\b|\s*,)",
    re.IGNORECASE,
)
_EVE = re.compile(
    r"\b(?:[Oo]n the eve\b(?!\s+of)|(?:[Tt]he|[Aa]) day before\b(?!\s+yesterday)|"
    r"[Tt]he previous day\b)"
)

# "the videoconference system/link": a means of a meeting, not a meeting
_MODE_AFTER = re.compile(r"\s+(?:system|format|mode|link|bridge|equipment|channel)s?\b", re.I)
# a plan: an event to come, an event only with a date ("the next session in the second half
# of the year", "a conference which Tashkent plans to host", "is planned for the spring")
_PLAN_CUE = re.compile(
    r"\b(?:plans?\s+to|planned|will\s+be\s+held|to\s+be\s+held|shall\s+take\s+place|"
    r"will\s+take\s+place|"
    r"(?:is|are)\s+scheduled|intends?\s+to|agreed\s+to\s+(?:hold|meet|gather)|"
    r"decided\s+to\s+hold|invitation\s+to|(?:is|are)\s+to\s+take\s+place|"
    # "the results will be presented at the meeting of the Council in the spring"
    r"will\s+be\s+(?:presented|considered|discussed|reviewed|summed\s+up|submitted|"
    r"reported)\s+(?:at|to|during)\b|next\s+(?:meeting|session|stage|round|course|"
    r"training|exercise|plenary|consultations|conference)|"
    # "a possible partner for a future joint operation, the date of which was not determined"
    r"(?:possible|potential)\s+partners?\s+(?:for|in)\s+(?:an?\s+)?future|"
    r"date\s+of\s+which\s+(?:was|is|has)\s+not\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:determined|set|fixed|agreed))\b"
)
_PLAN_HINT = re.compile(
    r"plan|held|shall|schedul|intend|agreed|decided|invitation|next|will be|to take place|"
    r"future|not (?:yet )?(?:been )?(?:determined|set|fixed|agreed)"
)


@lru_cache(maxsize=256)
def is_plan(sent: str) -> bool:
    low = sent.lower()
    return bool(_PLAN_HINT.search(low)) and bool(_PLAN_CUE.search(low))


# a meeting cited as the source of a decision, not reported: "in accordance with the
# decisions of the session of the Collective Security Council of November 2023"
_DECISION_OF = re.compile(
    r"\b(?:decisions?|resolutions?|instructions?|mandate|pursuant to|in accordance with|"
    r"approved by|adopted at|announced at|agreed at|approved at|decided at)\s+(?:of\s+)?"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "held by videoconference", "in the format of a videoconference": a meeting with no venue
_REMOTE = re.compile(
    r"\b(?:by|via|through|format of|in)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:secure|secured|closed|protected|dedicated|special)\s+)?"
    r"(?:video ?conference|video link)",
    re.IGNORECASE,
)
# "the final meeting of the (international) headquarters": the operation's staff
_HQ_MEETING = re.compile(
    r"\s+of\s+the\s+(?:\w+\s+){0,2}?"
    r"(?:[Hh]eadquarters|[Cc]oordination [Ss]taff|[Oo]perational [Ss]taff)\b"
)
_SIGNING = re.compile(r"\b(?:signed|signing|signature of)\b", re.IGNORECASE)

_ANAPHOR = re.compile(
    r"\b(?:the|this|that|its|these)\s+(?:(?:joint|international|special|regional|border|"
    r"anti-drug|anti-terrorist|command-staff|tactical)\s+){0,2}(operation|stage|exercises?|trainings?|meeting|session|"
    r"consultations|briefing|conference|event|course(?!\s+of\b)|talks)\b",
    re.IGNORECASE,
)

_MEETING_WORD = re.compile(r"meeting|session|consultations|briefing|conference|talks")

# an event spoken of as a topic: "discussed the results of the training courses", "reviewed the
# preparation of the summit"
_TOPIC_TRIGGER = re.compile(
    r"\b(?:discuss\w*|considered|reviewed|exchanged views on|spoke about|informed\s+\w+\s+about)"
    r"\s+(?:the\s+)?(?:(?:results?|outcomes?|preparations?|organi[sz]ation|holding|plans?)"
    r"\s+(?:of|for)\s+)?(?:the\s+)?(?:(?!(?:at|during|in|on|by|with|before|after)\b)[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)

_BOTH = re.compile(
    r"\b(?:[Bb]oth|[Tt]he two|[Aa]ll three)\s+(?:events|exercises|trainings|stages|operations)\b"
)
_AT_MEETING = re.compile(
    r"\b(?:following|after|during|at|in the course of|on the sidelines of|"
    r"(?:with)?in the framework of|"
    r"on the margins of|as a result of|at the end of|on the results of)\s+the\s+"
    # "following the results of the meeting"
    r"(?:(?:results|outcome|end)\s+of\s+the\s+)?(?:talks|meeting|"
    r"negotiations|visit|session|consultations|summit)\b",
    re.IGNORECASE,
)

_BACKGROUND_CUE = re.compile(
    r"\bsince\s+(?:then|the\s+(?:middle|beginning|start|end)\b)|"
    # "The course programme, launched in 2019, has trained 300 officers"
    r"\blaunched\s+in\s+(?:19|20)\d\d\b|\bha(?:s|ve)\s+(?:already\s+)?trained\b|"
    r"\b(?:have|has)\s+(?:worked|cooperated)\s+together\b|"
    r"\blong history\b|"
    # "the Serbian parliament has had observer status in the CSTO PA since 2013"
    r"\bha(?:s|ve)\s+had\b[^.;]{0,80}?\bsince\s+(?:19|20)\d\d\b|"
    # "The Agency has been cooperating with UNODC since 2003", "the courses organized by the
    # OSCE in the previous years", "the OSCE participating States were notified of the exercise"
    r"\bha(?:s|ve)\s+been\s+(?:cooperating|working|interacting)\s+with\b|"
    r"\bin\s+(?:the\s+)?(?:previous|past|earlier|preceding)\s+years\b|"
    r"\b(?:were|was|been)\s+notified\b|"
    # "Earlier the SCO had held similar seminars"
    r"\bhad\s+(?:already\s+)?(?:held|organi[sz]ed|conducted|hosted)\b|"
    r"\bsimilar\s+(?:events|seminars|courses|exercises|trainings|meetings|operations)\b",
    re.IGNORECASE,
)

_BACKGROUND_WORDS = (
    "since",
    "launched",
    "trained",
    "together",
    "history",
    "been",
    "years",
    "notified",
    "had",
    "similar",
)


def is_background(sent: str) -> bool:
    """A sentence of background (``_BACKGROUND_CUE``), behind a cheap substring test."""
    low = sent.lower()
    return any(w in low for w in _BACKGROUND_WORDS) and bool(_BACKGROUND_CUE.search(sent))


# lower-case words that may continue the name of an unnamed event ("Meeting of the heads of
# competent authorities"), and those that may not end it
_FILLER_WORDS = ("of", "the", "and", "on", "for")
_NAME_WORDS = (
    *_FILLER_WORDS,
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


def _describe(sent: str, m: re.Match[str], typ: str) -> str:
    """A short name for an unnamed event from the words at its trigger: "Meeting of the
    Council of Foreign Ministers", "Joint exercise of the border services", "Meeting of X"."""
    words = sent[m.start() :].split()
    keep = []
    for k, w in enumerate(words[:16]):
        bare = re.sub(r"[^\w-]", "", w)
        if (
            k == 0
            or bare[:1].isupper()
            or bare.lower() in _NAME_WORDS
            or k < len(m.group(0).split())
        ):
            keep.append(w)
            if w[-1:] in _NAME_END_CHARS:
                break
        else:
            break
    while keep and re.sub(r"\W", "", keep[-1]).lower() in _FILLER_WORDS:
        keep.pop()
    name = clean_name(" ".join(keep))
    if typ in ("Exercise", "Operation"):
        # "a joint exercise of the border services of Kazakhstan and ..."
        tail = re.split(
            r"[,.;:(]| (?:was|were|is|are|has|have|took|held|will|"
            r"in|on|at|near|from|with|which|that|under|during|"
            r"conducted|started|began|ended)\b",
            sent[m.start() :],
        )[0]
        name = re.sub(r"^(?:[Aa]n?|[Tt]he)\s+", "", clean_name(" ".join(tail.split()[:14])))
    if m.group(0) in ("will meet", "meets"):
        subj = re.findall(
            r"(?:[Tt]he\s+)?[A-Z][\w-]*(?:\s+(?:of\s+(?:the\s+)?)?"
            r"[A-Z][\w-]*)*\s*$",
            sent[: m.start()].rstrip(),
        )
        name = "Meeting of " + clean_name(subj[0]) if subj and subj[0].strip() else "Meeting"
    name = name[:1].upper() + name[1:]
    return name


def _first_trigger(
    rx: re.Pattern[str],
    typ: str,
    sent: str,
    ss: int,
    s_names: list[Named],
    dated: bool,
    item_events: list[Event],
) -> tuple[re.Match[str], str] | None:
    """The first match of a trigger in ``sent`` that speaks of a new event of its own, with
    its type; None if every match is the mode of another event ("held by videoconference"),
    a named event ("joint training «Rock-2024»") or an anaphor ("the exercise")."""
    for m in rx.finditer(sent):
        t = typ
        before = sent[max(0, m.start() - 30) : m.start()]
        if (
            topic_words(sent)
            and _TOPIC_TRIGGER.search(sent, max(0, m.start() - 90), m.start())
            # "preparations for the session ..., which is scheduled for November 2025": an
            # event to come with a date of its own
            and not (dated and _DATED_AFTER.search(sent, m.end(), m.end() + 140))
        ):
            continue  # "discussed the results of the training courses": a topic, not news
        if t == "Exercise":
            if s_names:
                return None  # a named event: not a new one
            if re.search(r"\b(?:the|this|that|its|of)\s+(?:[\w-]+\s+){0,3}$", before, re.I) and (
                not dated or any(ev.type != "Meeting" for ev in item_events)
            ):
                continue  # an anaphor, unless a dated first mention ("the joint exercise ...
                # will be held from 15 to 19 September")
            if not dated and any(ev.type in ("Training", "Exercise") for ev in item_events):
                continue  # "carried out a practical exercise" within a course or exercise
            if m.group("w") == "operation" or m.group("w").startswith("controlled"):
                t = "Operation"
        if t == "Training" and any(0 <= n.start - (ss + m.end()) <= 80 for n in s_names):
            continue  # "joint training «Rock-2024»": the named event
        if _ACT_TITLE_BEFORE.search(sent, max(0, m.start() - 60), m.start()):
            continue  # "the Agreement on joint training of law enforcement personnel": a title
        if t == "Meeting":
            if _TRAINING.search(sent) and "session" in m.group(0).lower():
                continue
            if _DECISION_OF.search(sent, max(0, m.start() - 60), m.start()):
                continue  # "in accordance with the decision of the session of ...": a source
            if "training" in before.lower():
                continue
            if _ROOM_AFTER.match(sent, m.end()):
                continue  # "in the conference hall of the office": a room, not a meeting
            if _PLAN_OF.search(before):
                continue  # "the draft plan of consultations for 2025-2026": a document
            if (
                not dated
                and m.group(0).lower() == "session"
                and re.search(r"\b(?:the|this|that)\s+$", before, re.I)
                and not any(ev.type == "Meeting" for ev in item_events)
                and any(
                    ev.type == "Training" and "session" in ev.name.lower() for ev in item_events
                )
            ):
                continue  # "connected to the session" of the item's training session
            if re.search(r"(?:video|tele|web)[- ]?$", before[-8:], re.I):
                continue  # "in the format of a video conference": how, not what
            if ("sidelines" in before or "margins" in before) and re.search(
                r"(?:sidelines|margins)\s+of\s+(?:the|this)\s+$", before
            ):
                continue  # "on the sidelines of the meeting": the meeting named before
            if m.group(0).lower() == "videoconference" and (
                re.search(
                    r"\b(?:by|via|through|format of|in)\s+(?:an?\s+)?"
                    r"(?:(?:secure|secured|closed|protected|dedicated|special)\s+)?$",
                    before[-30:],
                    re.I,
                )
                or _MODE_AFTER.match(sent, m.end())
            ):
                continue  # "held by videoconference", "the videoconference system": how
        return m, t
    return None


def find_triggers(
    st: State,
    sent: str,
    ss: int,
    se: int,
    s_names: list[Named],
    s_dates: list[DateMention],
    s_ments: list[Mention],
    doc: str,
    item_events: list[Event],
) -> list[tuple[Event, tuple[int, int]]]:
    out: list[tuple[Event, tuple[int, int]]] = []
    day = (
        next((d for d in s_dates if d.kind == "range"), None)
        or next(
            (d for d in s_dates if d.kind == "day" and not in_dateline(sent, d.start - ss)),
            None,
        )
        or next((d for d in s_dates if d.kind == "month"), None)
    )
    low = sent.lower()
    dated = any(d.kind != "year" for d in s_dates)
    eve = None
    if day is None and ("eve" in low or "day before" in low) and _EVE.search(sent):
        # "On the eve, the Council of the Assembly met": the day before the item's event
        prev = [
            ev.start
            for ev in item_events
            if ev.start is not None and ev.start.day is not None and ev.type != "Other"
        ]
        if prev:
            d = prev[-1].earliest() - dt.timedelta(days=1)
            p = PartialDate(d.year, d.month, d.day)
            eve = DateMention(ss, ss, "day", p, p)
            day, dated = eve, True
    plan: bool | None = None  # read when a trigger word is found
    for rx, typ, words in (
        (
            _TRAINING,
            "Training",
            ("training", "course", "seminar", "webinar", "workshop", "instructor"),
        ),
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
                "conversation",
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
        if plan is None:
            plan = not dated and is_plan(sent)
        if plan:
            return out  # an undated plan is no event, nor news of one already reported
        found = _first_trigger(rx, typ, sent, ss, s_names, dated, item_events)
        if found is None:
            continue
        m, typ = found
        met = m.group(0) in ("met", "received")
        if typ == "Other":
            ym = re.search(r"\b(?:in|on)\s+((?:19|20)\d\d)\b", sent[m.end() : m.end() + 40])
            when = (
                (PartialDate(int(ym.group(1))), PartialDate(int(ym.group(1))))
                if ym
                else ((day.begin, day.finish) if day else (None, None))
            )
            # the act signed: the one written nearest before the verb ("the protocol ... which
            # the two bodies signed in 2016"), else the first after it ("signed the Plan")
            acts = list(_ACT.finditer(sent))
            before_verb = [
                x for x in acts if x.start() < m.start() and m.start() - x.start() <= 160
            ]
            obj = (
                before_verb[-1]
                if before_verb
                else next((x for x in acts if x.start() >= m.end()), acts[0] if acts else None)
            )
            if not obj:
                continue
            name = "Signing of the " + clean_name(obj.group(0))
        else:
            when = (day.begin, day.finish) if day else (None, None)
            if met:
                rest = sent[m.end() : m.end() + 120]
                wm = re.search(r"\bwith\s+(?:the\s+)?([^,.;]+)", rest)
                name = "Meeting with " + clean_name(wm.group(1)) if wm else "Meeting"
            else:
                name = _describe(sent, m, typ)
        # "On the sidelines of the meeting X and Y held a bilateral conversation": a meeting
        # of its own, on the day and at the place of the item's meeting
        side = (
            _SIDELINES.search(sent, 0, m.start())
            if typ == "Meeting" and ("sidelines" in low or "margins" in low)
            else None
        )
        if typ == "Meeting" and not side and "bilateral" in low:
            # "In the evening, the Minister of Tajikistan held bilateral talks with his Kazakh
            # counterpart": a meeting of two beside the item's meeting of many
            side = _BILATERAL.search(sent, max(0, m.start() - 12), m.end() + 1)
            if side and not any(
                ev.type == "Meeting"
                and (
                    sum(p["kind"] == "state" for p in ev.participants.values()) >= 3
                    or any(p["role"] == "organiser" for p in ev.participants.values())
                )
                for ev in item_events
            ):
                side = None
        host = (
            [ev for ev in item_events if ev.type == "Meeting" and ev.start is not None]
            if side
            else []
        )
        if side and when[0] is None and host:
            when = (host[-1].start, host[-1].end)
        # merge with an unnamed event of the same type in this item and the same date
        same = [
            ev
            for ev in item_events
            if not ev.named
            and ev.type == typ
            and (ev.start is None or when[0] is None or ev.start == when[0])
            and not side
        ]
        remote = typ == "Meeting" and "video" in low and bool(_REMOTE.search(sent))
        hq = typ == "Meeting" and bool(_HQ_MEETING.match(sent, m.end()))
        if same:
            ev = same[0]
            ev.hq_meeting = ev.hq_meeting or hq
            if ev.start is None and when[0] is not None:
                ev.start, ev.end = when
                ev.date_explicit = True
            ev.remote = ev.remote or remote
            out.append((ev, (ss + m.start(), ss + m.end())))
            continue
        base = slug(name)
        if len(base) > 48:  # cut at a word boundary
            base = base[:49].rsplit("-", 1)[0]
        eid = f"{base}-{when[0]}" if when[0] else base
        k = 2
        while eid in st.events and st.events[eid].doc != doc:
            eid = f"{base}-{when[0] or 'x'}-{k}"
            k += 1
        ev = st.event(eid, name=name, type=typ, doc=doc, named=False, met=met or bool(side))
        if host and ev.place is None:
            ev.place, ev.place_id, ev.country = host[-1].place, host[-1].place_id, host[-1].country
        ev.remote = ev.remote or remote
        ev.hq_meeting = ev.hq_meeting or hq
        if when[0] is not None and ev.start is None:
            ev.start, ev.end = when
            ev.date_explicit = True
        if typ == "Other":
            ev.signing_span = (ss + obj.start(), ss + m.end()) if obj else (ss, se)
        out.append((ev, (ss + m.start(), ss + m.end())))
    return out


def anaphor_targets(
    st: State,
    sent: str,
    item_events: list[Event],
    focus: list[Event],
    m: re.Match[str] | None,
    both: re.Match[str] | None,
) -> list[Event]:
    """The events "both events", "the operation", "the meeting" ... point at (``both`` and
    ``m`` are the matches of ``_BOTH`` and ``_ANAPHOR`` in ``sent``), else the focus."""
    if both:
        n = 3 if re.search(r"\b[Aa]ll three\b", sent) else 2
        named = [ev for ev in item_events if ev.named and not st.is_series(ev)]
        if len(named) >= n:
            return named[-n:]
    if m:
        word = m.group(1).lower().rstrip("s")
        kinds = {
            "operation": ("Operation", "OperationStage"),
            "stage": ("OperationStage",),
            "exercise": ("Exercise", "Training"),
            "training": ("Training", "Exercise"),
            "meeting": ("Meeting",),
            "session": ("Meeting", "Training"),  # a meeting, else "a training session"
            "consultation": ("Meeting",),
            "briefing": ("Meeting",),
            "conference": ("Meeting",),
            "talk": ("Meeting",),
            "course": ("Training",),
        }.get(word)
        if kinds:
            cands = [ev for ev in item_events if ev.type in kinds and not st.is_series(ev)]
            if word == "operation":
                # the edition the item is about, else its stage
                eds = [ev for ev in cands if ev.type == "Operation"]
                cands = eds or cands
            if cands:
                if m.group(0).lower().endswith("s") and word in ("exercise", "training"):
                    return [ev for ev in cands if ev.year == cands[-1].year]
                if word in ("exercise", "training", "session"):
                    # "the exercise" of an item with an exercise and a training is the one
                    # of that type
                    cands = [ev for ev in cands if ev.type == kinds[0]] or cands
                return (
                    [cands[-1]]
                    if word != "exercise"
                    else [ev for ev in focus if ev in cands] or [cands[-1]]
                )
    return [ev for ev in focus if not st.is_series(ev)]


def clean_name(s: str) -> str:
    s = re.sub(r"[«»\"“”„]", "", s)
    s = " ".join(s.split())
    return s.strip(" ,.;:-")


def sentence_targets(
    st: State,
    sent: str,
    explicit: list[Event],
    item_events: list[Event],
    focus: list[Event],
    dated: bool = False,
) -> tuple[list[Event], list[Event], bool]:
    """The events a sentence speaks of, and the new focus: the events it names (a stage
    rather than its edition when it says "stage"), none for background ("since then ...")
    or an undated plan ("the next session in spring"), else the event its anaphor points
    at, else the focus (the last events named); and whether an anaphor was read."""
    ana = None
    nonseries = [ev for ev in explicit if not st.is_series(ev)]
    parents = {ev.stage_of for ev in nonseries if ev.stage_of}
    specific = [ev for ev in nonseries if ev.id not in parents]
    stage_cue = _STAGE_WORD.search(sent) if "tage" in sent or "TAGE" in sent else None
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
                        t.series == ev.series and t.year == ev.year and t.type == "Operation"
                        for t in targets
                    )
                )
            ]
            if stages:
                targets = [stages[-1]]
    elif is_background(sent):
        targets = []  # background: "since then UNODC experts regularly observe ..."
    else:
        ana, both = _ANAPHOR.search(sent), _BOTH.search(sent)
        if not dated and not (ana or both) and is_plan(sent):
            targets = []  # an undated plan: "a follow-up course is planned for the spring"
        else:
            targets = anaphor_targets(st, sent, item_events, focus, ana, both)
            if ana and not dated and _MEETING_WORD.fullmatch(ana.group(1).lower()):
                if not any(ev.type == "Meeting" for ev in targets) and is_plan(sent):
                    # "the results will be presented at the meeting of the Council in the
                    # spring": an undated meeting to come, not the operation in focus
                    targets = []
    if specific or (targets and ana):
        focus = targets  # the events named, or the one "the operation" points at
    elif targets and not focus:
        focus = targets
    return targets, focus, bool(ana)

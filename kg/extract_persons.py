"""Persons named after a post title, with their post, as participants.

``find_persons`` finds "Secretary General Imangali Tasmagambetov", "the Chief of the CSTO Joint
Staff, Colonel General A. Sidorov": a capitalised name of 2-4 words within 110 characters
after a post title (rank words and organisation names skipped), records the person with the
post and the body or state of the post, and adds the person to the sentence's events.

Limits: a person is found only after a post title of the fixed list (no "X said" without a
post), names must be capitalised Latin words, and the first post seen is kept.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.extract_names import SERIES, STAGES, slug
from kg.extract_state import Event, State

_POST = re.compile(
    r"\b(?:Deputy |First Deputy )?(?:Secretary General|Secretary-General|Chief of the (?:CSTO )?Joint "  # noqa: E501
    r"Staff|Chief of (?:the )?General Staff|(?:Defen[cs]e |Foreign |Interior )?Minister|Director|"
    r"Chairman|Ambassador|Head|Representative|Press Secretary|Commander|President|Coordinator)\b|"
    # a post in lower case: "the head of the CSTO Crisis Response Centre", "deputy commander of"
    r"\b(?:(?<=[Tt]he )|(?<=, ))(?:(?:first )?deputy )?(?:head|chairman|chief|director|commander)"
    r"(?= of\b)"
)

_QUOTE = re.compile(r"[“”«»\"]")
_SAID = re.compile(r"\b(?:said|told|stressed|added|emphasi[sz]ed)\b")
# "said in his address to the meeting", "said at the closing of the course": spoke at it
_AT_EVENT = re.compile(
    r"\b(?:at|to|during)\s+the\s+(?:\w+\s+){0,3}(?:meeting|session|course|conference|exercise|"
    r"training|briefing|forum|summit|plenary|consultations|seminar)\b"
)
_POST_HINT = re.compile(
    r"Secretary|Chief|Minister|Director|Chairman|Ambassador|Head|Representative|Commander|"
    r"President|Coordinator|head of|chairman of|chief of|director of|commander of"
)

_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# "Imangali Tasmagambetov", "Major General Talant Asanov" (ranks are stripped), "A. Sidorov"
_PNAME_SRC = rf"(?:[A-Z]\.\s?){{1,2}}{_WORD}\b|\b{_WORD}(?:\s+{_WORD}){{1,5}}\b"
_PNAME = re.compile(_PNAME_SRC)
# "Imangali Tasmagambetov, the CSTO Secretary General, said": the name before the post
_NAME_THEN_POST = re.compile(
    rf"(?P<n>\b{_WORD}(?:\s+{_WORD}){{1,2}}),\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){{0,3}}?"
    rf"(?={_POST.pattern})"
)

_NOT_PERSON = {
    # words of documents and events that follow a post ("the Regional Representative signed the
    # Joint Work Plan")
    "plan",
    "work",
    "memorandum",
    "agreement",
    "protocol",
    "statement",
    "declaration",
    "concept",
    "strategy",
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
    "duma",
    "commission",
    "military",
    "district",
    "crisis",
    "response",
    "parliament",
    "majlis",
    "majilis",
    "senate",
    "mr.",
    "ms.",
}


def _person_name(st: State, text: str) -> tuple[str, int] | None:
    """The first person name in ``text`` (ranks, posts and places before it dropped) and
    where it ends."""
    for nm in _PNAME.finditer(text):
        words = nm.group(0).split()
        # the name follows the last rank, post or body word of the run ("Colonel General",
        # "the CSTO Crisis Response Centre Sergei Kovalenko")
        last = max(
            (i for i, w in enumerate(words) if w.lower() in _NOT_PERSON or st.gaz.find(w)),
            default=-1,
        )
        words = words[last + 1 :][:4]
        if len(words) < 2:
            continue
        name = " ".join(words)
        if st.gaz.find(name) or any(w in STAGES or w.lower() in SERIES for w in words):
            continue
        return name, text.find(name, nm.start()) + len(name)
    return None


def find_persons(
    st: State, sent: str, ss: int, se: int, pool: list[Event], anchor: dt.date | None
) -> None:
    if not _POST_HINT.search(sent):
        return
    found: list[tuple[str, int, int, re.Match[str]]] = []  # name, span start, end, post
    for pm in _POST.finditer(sent):
        window = sent[pm.end() : pm.end() + 110]
        stop = re.search(r"(?<!Mr)(?<!Ms)(?<!Mrs)(?<![A-Z])[.;]\s", window)
        if stop:
            window = window[: stop.start()]
        hit = _person_name(st, window)
        if hit:
            found.append((hit[0], pm.start(), pm.end() + hit[1], pm))
    if "," in sent:
        for nb in _NAME_THEN_POST.finditer(sent):
            pm = _POST.match(sent, nb.end())
            hit = _person_name(st, nb.group("n"))
            if pm and hit and nb.group("n").endswith(hit[0]):
                found.append((hit[0], nb.start(), pm.end(), pm))
    quoted = bool(_QUOTE.search(sent) and _SAID.search(sent) and not _AT_EVENT.search(sent))
    for name, a, end, pm in found:
        pid = slug(name)
        post_title = " ".join(sent[pm.start() : pm.end()].split())
        of = None
        for gm in st.gaz.find(sent[pm.start() : max(end, pm.end() + 40)]):
            if gm.kind in ("organisation", "state") and gm.entry.form != "programme":
                of = gm.id
                break
        rec = st.persons.setdefault(pid, {"id": pid, "name": name, "posts": []})
        if not rec["posts"]:
            rec["posts"].append(
                {
                    "title": post_title,
                    "of": of,
                    "as_of": anchor.isoformat() if anchor else None,
                    "span": (ss + a, ss + end),
                }
            )
        if quoted:
            continue  # "..., said the deputy chairman X": a comment, not participation
        for ev in pool:
            if not st.is_series(ev) and ev.type != "Other":
                st.add_part(ev, pid, "person", "participant", (ss, se))

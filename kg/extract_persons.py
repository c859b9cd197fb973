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


def find_persons(
    st: State, sent: str, ss: int, se: int, pool: list[Event], anchor: dt.date | None
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
            while words and (words[0].lower() in _NOT_PERSON or st.gaz.find(words[0])):
                words.pop(0)
            if len(words) < 2 or any(w.lower() in _NOT_PERSON for w in words):
                continue
            name = " ".join(words)
            if st.gaz.find(name) or any(w in STAGES or w.lower() in SERIES for w in words):
                continue
            found = (name, pm.end() + nm.end())
            break
        if not found:
            continue
        name, end = found
        pid = slug(name)
        post_title = " ".join(sent[pm.start() : pm.end()].split())
        of = None
        for gm in st.gaz.find(sent[pm.start() : end]):
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
                    "span": (ss + pm.start(), ss + end),
                }
            )
        for ev in pool:
            if not st.is_series(ev) and ev.type != "Other":
                st.add_part(ev, pid, "person", "participant", (ss, se))

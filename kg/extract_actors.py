"""Actors of events and their roles, from gazetteer mentions in one sentence.

``assign_actors`` gives each state and organisation named in a sentence a role in the events
the sentence speaks of: observer inside an observer clause next to its cue ("attended as
observers", "monitored"), host after "on the basis of"/"at the", coordinator after "coordinated
by", organiser after "organised by", "under the aegis of", "meeting of the X" or before "held",
else participant (or organiser when it is the only body). It leaves out background states
(``kg.extract_background``), data sources, topics, publishers heading a line, the posts of
speakers, and gives the organisation that runs a known series the organiser role.

Limits: roles come from fixed cue words within 40-90 characters of the mention; an actor is
given to every event the sentence speaks of.
"""

from __future__ import annotations

import re

from kg.extract_background import (
    _BACKGROUND_BEFORE,
    _NEGATED_AFTER,
    _TOPIC_BEFORE,
    _TRAFFIC,
    background_state,
    former_post,
    topic_words,
)
from kg.extract_names import SERIES
from kg.extract_state import Event, State
from kg.gazetteer import Mention

_OBSERVER = re.compile(
    r"\b(observers?|observer status|observed?|observing|monitored|watch(?:ed|es)?|as guests?|"
    r"invited|followed the work|"
    r"in the capacity of observers?|in (?:the )?quality of observers?)\b",
    re.IGNORECASE,
)

_COUNCIL_SESSION = re.compile(
    r"\b(?:session|meeting|sitting)\s+of\s+the\s+Council\s+of\b[^.;]{0,100}\bof\s+the\s+$|"
    # "consultations of deputy foreign ministers of the CSTO member states"
    r"\bconsultations\s+of\s+(?:deputy\s+)?(?:foreign|defence|defense|interior)\s+ministers\s+"
    r"of\s+the\s+$"
)
_HELD_AT = re.compile(
    r"\b(?:held|holds?|conducted|took place|takes place|gathered|convened|conversation|talks)\b"
    r"[^.;,]{0,30}\bat\s+"
    r"(?:the\s+)?$"
)
_ROOM_OF = re.compile(
    r"\b(?:in|at)\s+the\s+(?:[\w-]+\s+){0,2}(?:hall|building|room|office)\s+of\s+(?:the\s+)?$"
)
_WITH_BODY_OF = re.compile(
    r"\b(?:consultations|talks|meeting|conversation)\b[^.;]{0,80}?\bwith\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*\s+){1,4}of\s+(?:the\s+)?$"
)
_OWN_EVENT_AFTER = re.compile(
    r"\s+(?:(?:international|joint|special|anti-drug|anti-terrorist|command-staff|regional|"
    r"complex|rescue)\s+){0,3}(exercises?|training|operation|drills)\b"
)
_UN_BODY_AFTER = re.compile(r"\s*(?:General Assembly|Security Council|Charter|Convention)")
_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$")
_AT_IN_BEFORE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?$")
_STATES_AFTER = re.compile(r"\s+(?:member\s+)?(?:states|countries)\b")
_VENUE_BEFORE = re.compile(r"\b(?:at|in)\s+the\s+$")
_SHORT_FORM = re.compile(r"\(([A-Z][\w.-]{0,14})\)")

# finite verbs that end a subject ("..., and a group of officers were present")
_VERB = re.compile(
    r"\b(?:took|takes?|were|was|is|are|has|have|had|held|holds?|sent|attended|participated|"
    r"arrived|conducted|worked|did|will|said|joined|came|led|headed|gathered)\b",
    re.IGNORECASE,
)

# "observers of/from Mongolia": the head noun of the list that follows it
_OBSERVERS_OF = re.compile(r"observers\s+(?:of|from)\s+(?:the\s+)?", re.IGNORECASE)

_CLAUSE_BOUND = re.compile(
    r";|:|\(|\)|\bwhile\b|\bwhereas\b|\bwith observers\b|,\s+and\s+(?!also)|"
    r"\bwith the participation of\b|\.\s|,\s+with\b|"
    r"\b(?:took part|participated|were involved|are involved|take part|"
    r"participate|were represented|were present|was present)\b"
    r"(?!\s+(?:(?:in|at) the \w+\s+)?(?:as\s+(?:an?\s+)?(?:observers?|guests?)|"
    r"with\s+(?:the\s+)?observer\s+status|by\s+(?:\w+\s+)?observers?))"
)

_SUBJECT_BREAK = re.compile(
    r"[,;:.]|\b(?:is|are|was|were|has|have|had|which|who|that|while|said|took|held|did)\b"
)
_TOOK_PART_AS = re.compile(
    r"\b(?:took part|participated|take part|participate|were present|was present|attended)"
    r"(?:\s+in\s+the\s+\w+)?\s+as\s+(?:an?\s+)?$"
)
_PUBLISHER_AFTER = re.compile(
    r"(?: [\w-]+){0,3}? ?(?:announces|informs|reports)?\s?:|"
    # "The CSTO Joint Staff informs that ...": the office that reports
    r" (?:informs|reports|announces|notes) that\b"
)
_TERRITORY_OF = re.compile(r"\bterritor(?:y|ies)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_MEMBER_STATES_AFTER = re.compile(r"\s*(?:member[- ](?:states|countries)|states[- ]members)\b")
_ACT_SUBJECT = re.compile(r"\b(?:on|about|concerning|establishing)\s+(?:the\s+)?$")
_WHICH_CLAUSE = re.compile(r"[»\"”']?\s*,\s*which\b[^,;.]*$")
# the rest of an organisation's name and a list separator: "UNODC (Programme Office in
# Tajikistan) and the OSCE"
_ORG_LIST = re.compile(
    r"(?:\s+[A-Z][\w-]*){0,3}(?:\s+in\s+[A-Z][\w-]*)?\s*(?:,|and|,\s*and)\s*(?:the\s+)?"
)
_OF_LIST = re.compile(
    r"\s*(?:,|and|,\s*and)\s*(?:of\s+)?(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:of\s+(?:the\s+)?)?"
)
_JOINTLY_WITH = re.compile(r"\b(?:jointly|together)\s+with\s+(?:the\s+)?$", re.IGNORECASE)
_THEN_HELD = re.compile(
    r"[^.;]{0,60}?,\s*(?:jointly\s+)?(?:organi[sz]ed|convened|held|conducted)\b"
)
# "consultations of the CSTO Secretariat with the UN Office": both sides take part
_WITH_AFTER = re.compile(r"\s+with\s+(?:the\s+)?[A-Z]")
_TALKS_OF = re.compile(
    r"\b(?:consultations|talks|meeting|negotiations)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
# "the delegation of the CSTO Secretariat took part" (not "representatives of the CSTO member
# states", which names the states)
_DELEGATION_OF = re.compile(
    r"\b(?:delegations?|representatives?|officers|officials)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
# "consultations between the CSTO Secretariat and the SCO Secretariat": both take part
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[^.;]{0,60}?\s+and\s+(?:the\s+)?)?$")
# "Armenia's Prime Minister announced that he would not attend", "Armenia did not send"
_NOT_TAKING_PART = re.compile(
    r"(?:['’]s(?:\s+[A-Z][\w-]*){1,3})?(?:\s+[a-z]+){0,6}?\s+(?:did not|didn't|will not|would not|"
    r"won't|has not|have not|does not|refused to|declined to)\s+(?:\w+\s+){0,2}?"
    r"(?:take part|participate|attend|come|send|arrive|join)"
)
_TOOK_PART_AFTER = re.compile(
    r"\s+(?:also\s+)?(?:took part|take part|participated|were involved|attended)\b"
)
_JOINT_SESSION_OF = re.compile(
    r"\bjoint\s+(?:[\w-]+\s+){0,2}(?:meeting|session|sitting)\s+of\s+(?:the\s+)?[^.;]*$",
    re.IGNORECASE,
)
_MARGINS_OF = re.compile(r"\bon the (?:margins|sidelines) of\s+(?:an?\s+|the\s+)?$")
_NEG_WORDS = ("not", "n't", "refused", "declined", "absent", "empty", "vacant", "froze")
_STATE_HOSTS = re.compile(r"\b(?:hosted by|host country|host state|hosting)\s+(?:the\s+)?$")
_HOST = re.compile(
    r"\b(?:on the basis of|hosted by|(?:at|on|in) the premises of|at the headquarters of|"
    r"host(?:ed)?|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# "at the SCO exercise": the organisation's own event, not a venue
_EVENT_NOUN_AFTER = re.compile(
    r"\s+(?:(?:joint|special|anti-terrorist|command-staff|international|peacekeeping)\s+)?"
    r"(?:exercises?|drills|manoeuvres|trainings?|operation)\b",
    re.IGNORECASE,
)

_COORD = re.compile(
    r"\b(?:coordinated|coordination of|coordinator|under the coordination|"
    r"coordinated by|coordinating)\b",
    re.IGNORECASE,
)

# "under the aegis of (the)" just before the mention
_COORD_BY_OTHER = re.compile(r"\bcoordinated\s+by\b|\bunder the coordination of\b", re.I)
_AEGIS_OF = r"(?:auspices|aegis)\s+of\s+(?:the\s+)?$"
_AEGIS_BEFORE = re.compile(_AEGIS_OF, re.IGNORECASE)
_ORGANISED = re.compile(
    r"\b(?:organi[sz]ed|convened|conducted|held|hosted|implemented|run)\s+"
    r"(?:jointly\s+)?by\b",
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

# an organisation cited as the source of a figure or statement, not as a participant
_SOURCE_BEFORE = re.compile(
    r"\b(?:according to|as reported by|citing|data of|figures of|"
    r"statistics of)\s+(?:the\s+)?(?:data\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)

# what an organisation owns or pays for, not a party: "the INTERPOL databases", "the
# EU-funded programme", "the UNODC World Drug Report"
_TOOL_AFTER = re.compile(
    r"(?:-(?:funded|financed|sponsored)\b|\s+(?:databases?|data\s?base|red notices?|notices|"
    r"World Drug Report|reports?|estimates|statistics|resolutions?|website|portal|standards|"
    r"recommendations|grant|funding|-funded)\b)",
    re.IGNORECASE,
)
_TOOL_INITIALS = frozenset("dDrRnNWwsSeEpPgGf-")
_DONOR_ENDS = ("of ", "the ", "by ", "from ", "as ", "like ")
_DONOR_HINTS = re.compile("upport|ssistance|unded|inanced|ponsored|onor|rant")
_DONOR_ORG_BEFORE = re.compile(
    r"\b(?:(?:financial|technical)\s+(?:support|assistance)\s+(?:of|from)|funded\s+by|"
    r"financed\s+by|sponsored\s+by|grant\s+(?:of|from)|donors?\s+(?:such as|like))\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)

# the rest of a subject of posts and names up to "signed" (no clause break)
_SIGNED_BY_SUBJECT = re.compile(r"[^.;:]{0,120}$")

# "Financial support for the meetings ... was provided by the OSCE"
_DONOR_PROVIDED = re.compile(
    r"\b(?:support|assistance|funding|financing)\b[^.;]{0,90}?\b(?:provided|given|granted)\s+"
    r"by\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# "Organizers of the exercise were the Anti-Terrorism Center ... and ..."
_ORGANISERS_WERE = re.compile(
    r"\b[Oo]rgani[sz]ers?\b[^.;]{0,40}?\b(?:were|was|are|is)\s+"
    r"(?:the\s+)?(?:[^.;]{0,80}\band\s+(?:the\s+)?)?$"
)

_PARTICIPATION_CUE = re.compile(
    r"\b(?:took part|take part|taking part|participat\w*|involved|attend\w*|represent\w*|"
    r"delegations?|observers?|joined|contingents?|units|servicemen|experts|officers|"
    r"specialists|bodies|agencies|forces|guests|invited|monitored|watched|coordinat\w*|"
    r"organi[sz]\w*|host\w*|held|conducted|chaired|aegis|auspices|on the basis of|met|talks|"
    r"signed|headquarters|staff|presented|delivered|speech|addressed|exchanged|heard)\b",
    re.IGNORECASE,
)

_ACTIVE_ORGANISER = re.compile(
    r"^(?:\s*(?:,|and|the|together with)\s*)*(?:\s+Secretariat|\s+Centre|\s+Center)?"
    r"(?:\s+in\s+[A-Z][\w-]*)?(?:\s*,\s*(?:jointly|together)\s+with\s+[^,.;]{0,60},)?"
    r"(?:\s+(?:today|yesterday|also|again))?\s*(?:jointly\s+|have\s+|has\s+)?"
    r"(organi[sz]ed|convened|hosted|held|conducted|coordinated(?!\s+by\b)|"
    # "The CSTO Secretariat ensured the coordination of the stage"
    r"(?:ensured|provided|carried out|exercised|performed)\s+(?:the\s+)?(?:overall\s+)?"
    r"coordination)\b",
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


def observer_spans(st: State, sent: str, ss: int) -> list[tuple[int, int, int, int]]:
    """The observer clauses of a sentence (clause start, end, cue start, end), once per
    sentence."""
    cached = st.observer_cache.get(ss)
    if cached is None:
        cached = st.observer_cache[ss] = _observer_spans(sent, ss)
    return cached


def _observer_spans(sent: str, ss: int) -> list[tuple[int, int, int, int]]:
    out: list[tuple[int, int, int, int]] = []
    low = sent.lower()
    if not any(w in low for w in ("observ", "monitor", "watch", "guest", "invit", "followed")):
        return out
    if "(" in sent:
        # "the Coordination Centre (CARICC)": a short form in brackets bounds no clause
        sent = _SHORT_FORM.sub(lambda x: " " + x.group(1) + " ", sent)
    for m in _OBSERVER.finditer(sent):
        if re.search(
            r"\b(?:discuss\w*|considered|talked about|about|regarding)\s+(?:the\s+)?"
            r"(?:\w+\s+){0,6}$",
            sent[max(0, m.start() - 60) : m.start()],
        ):
            continue  # "discussed the participation of Mongolian observers": a topic
        if re.search(
            r"\b(?:discuss\w*|considered|talked about|about|regarding)\b[^.;]{0,100}?"
            r"\bparticipation\s+of\b[^.;]{0,80}$",
            sent[max(0, m.start() - 200) : m.start()],
        ):
            continue  # "discussed ... the participation of Serbian officers in events as observers"
        lo = 0
        prev_lo = 0
        last: re.Match[str] | None = None
        for b in _CLAUSE_BOUND.finditer(sent):  # not endpos: lookaheads need the rest
            if b.end() > m.start():
                break
            prev_lo, lo, last = lo, b.end(), b
        if (
            last is not None
            and last.group().startswith(",")
            and not _VERB.search(sent, prev_lo, last.start())
        ):
            # "The Uzbek and Turkmen attaches, and a group of Serbian officers, were present
            # as guests": a subject of two parts, with no verb before the "and"
            lo = prev_lo
        hi = len(sent)
        b = _CLAUSE_BOUND.search(sent, m.end())
        if (
            b
            and b.group()[:1].isalpha()
            # "In quality of observers in work of headquarters took part representatives of"
            and re.fullmatch(r"(?:\s+[a-z]+){0,5}\s*", sent[m.end() : b.start()])
        ):
            # "As observers took part the representatives of Iran, China ...": the verb
            # right after the cue opens the list of observers
            b = _CLAUSE_BOUND.search(sent, b.end())
        if b:
            hi = b.start()
        out.append((ss + lo, ss + hi, ss + m.start(), ss + m.end()))
    return out


def is_observer(
    st: State, m: Mention, obs: list[tuple[int, int, int, int]], s_ments: list[Mention]
) -> bool:
    """In an observer clause and listed next to the cue (few other words in between)."""
    for lo, hi, cs, ce in obs:
        if not lo <= m.start < hi:
            continue
        a, b = (m.end, cs) if m.end <= cs else (ce, m.start)
        if m.end <= cs and _OBSERVERS_OF.match(st.text, cs, cs + 40):
            nxt = _OBSERVERS_OF.match(st.text, cs, cs + 40)
            if any(o.start == nxt.end() for o in s_ments):
                # "units of Armenia and Belarus, and also observers of Mongolia": the noun
                # governs the list after it, not the one before
                continue
        gap = st.text[a:b]
        for o in s_ments:
            if a <= o.start and o.end <= b:
                gap = gap.replace(st.text[o.start : o.end], " ")
        words = [w for w in re.findall(r"[A-Za-z]+", gap) if w.lower() not in _LIST_WORDS]
        if len(words) <= 4:
            return True
        # "Experts of the UNODC Regional office for Central Asia took part in the consultations
        # as observers": the body's own name, then the verb of the cue
        vm = _TOOK_PART_AS.search(gap) if m.end <= cs else None
        if vm:
            subj = re.findall(r"[A-Za-z]+", gap[: vm.start()])
            if len(subj) <= 6:
                return True
            # "The Regional Representative of UNODC for Central Asia Olivia Kessler and the
            # Director of CARICC attended as observers": a subject of posts, no verb in it
            if len(subj) <= 12 and not _SUBJECT_BREAK.search(gap[: vm.start()]):
                return True
    return False


def assign_actors(
    st: State,
    sent: str,
    ss: int,
    se: int,
    s_ments: list[Mention],
    targets: list[Event],
    series_here: list[Event],
    spans: dict[str, list[tuple[int, int]]],
    item_events: list[Event],
    signings: list[tuple[Event, int, int]],
) -> None:
    text = st.text
    obs = observer_spans(st, sent, ss)
    pool = [ev for ev in targets if not st.is_series(ev) and ev.type != "Other"]
    has_orgs = any(m.kind == "organisation" for m in s_ments)
    # (what follows is needed only for organisations)
    has_states = has_orgs and any(
        m.kind == "state" and not is_observer(st, m, obs, s_ments) for m in s_ments
    )
    # an organisation named in a sentence about no event in particular takes part only
    # if the sentence says so ("representatives of UNODC attended"), not in passing
    org_pool_ok = has_orgs and (bool(spans) or bool(_PARTICIPATION_CUE.search(sent)))
    # "- And the cooperation with the CSTO?": an interviewer's question reports nothing
    question = sent.rstrip().endswith("?")
    n_orgs = (
        len(
            {
                (o.parent or o.id) if (o := st.fb.organisations.get(m.id)) else m.id
                for m in s_ments
                if m.kind == "organisation"
            }
        )
        if has_orgs
        else 0
    )
    prev_org: tuple[int, str] | None = None  # end and role of the last organiser named
    prev_deleg: int | None = None  # end of the last body in "representatives of A, of B"
    parents_here = (
        {
            o.parent
            for x in s_ments
            if x.kind == "organisation"
            and (o := st.fb.organisations.get(x.id))
            and o.parent
            # "Yesterday at the CSTO Secretariat the Secretary General of the CSTO met": the
            # venue does not stand for the organisation
            and not _VENUE_BEFORE.search(text, max(ss, x.start - 9), x.start)
        }
        if has_orgs
        else set()
    )
    for m in s_ments:
        active = None
        in_list = False
        if m.kind == "place" or m.entry.form == "programme":
            continue
        signed = False
        for ev, a, b in signings:
            if m.kind == "organisation" and (
                a <= m.start <= b + 60
                # "the Secretary General of the CSTO X and UNODC Deputy Executive Director Y
                # signed the Plan": the signatories' organisations, before the verb
                or (m.end <= a and _SIGNED_BY_SUBJECT.match(text, m.end, a))
            ):
                party: str | None = m.id
                if _ACT_SUBJECT.search(text, max(a, m.start - 30), m.start):
                    # "the Agreement on the Collective Rapid Reaction Forces": what the act is
                    # about; the organisation the body belongs to is the party
                    sub = st.fb.organisations.get(m.id)
                    party = sub.parent if sub else None
                if party:
                    st.add_part(ev, party, "organisation", "participant", (ss, se))
                    # "recalling the Memorandum between A and B, signed in 2011": the parties
                    # of a dated act of the past are not the item's meeting's
                    signed = signed or (
                        ev.start is not None
                        and a <= m.start
                        and m.end <= b
                        and all(x.start is not None and x.start != ev.start for x in pool)
                        and bool(pool)
                    )
        if question or signed:
            continue
        before = text[max(ss, m.start - 40) : m.start]
        after = text[m.end : min(se, m.end + 40)]
        in_obs = is_observer(st, m, obs, s_ments)
        if m.kind == "state":
            if _may_negate(text[m.end : min(se, m.end + 90)]) and _NOT_TAKING_PART.match(
                text, m.end, se
            ):
                # "Armenia's Prime Minister announced that he would not attend": a state named
                # as taking part before does not
                for ev in pool:
                    p = ev.participants.get(m.id)
                    if p is not None and p["role"] == "participant":
                        del ev.participants[m.id]
                continue
            if background_state(st, m, sent, ss, se, s_ments, in_obs):
                continue
            role = "observer" if in_obs else "participant"
            if not in_obs and "host" in before and _STATE_HOSTS.search(before):
                role = "host"  # "hosted by Belarus": host, unless it also takes part
            for ev in pool:
                st.add_part(ev, m.id, "state", role, (ss, se))
            continue
        org = st.fb.organisations.get(m.id)
        if org is None:
            continue
        if _UN_BODY_AFTER.match(after):
            continue
        if is_publisher(text, m):
            continue  # "CSTO Joint Staff: «Interaction-2025» will be held": who reports
        if (
            "territor" in before
            and _TERRITORY_OF.search(before)
            and _MEMBER_STATES_AFTER.match(after)
        ):
            continue  # "on the territory of the CSTO member states": where, not who
        if after[:15] == " participating " and re.match(r" participating [Ss]tates\b", after):
            continue  # "agreed with the OSCE participating States": the states, not the body
        if _may_negate(after) and _NEGATED_AFTER.match(after):
            continue  # "The CSTO will not send its observers": not an actor
        if "margins" in before or "sidelines" in before:
            if _MARGINS_OF.search(before):
                continue  # "on the margins of a UN event": where, not who
        if _SOURCE_BEFORE.search(before):
            continue  # "according to the CSTO Secretariat": a data source
        if former_post(text, ss, m, sent):
            continue  # "who previously worked in the secretariat of the IPA CIS"
        if before.endswith(("at ", "at the ")) and _HELD_AT.search(before):
            continue  # "held a regular meeting at the CSTO Secretariat": the venue
        if before.endswith(("of ", "of the ")) and _ROOM_OF.search(
            text, max(ss, m.start - 60), m.start
        ):
            continue  # "in the conference hall of the OSCE office": the venue
        if (after[:1] == "-" and _TOOL_AFTER.match(after)) or (
            after[:1] == " "
            and after[1:2] in _TOOL_INITIALS
            and _TOOL_AFTER.match(after)
            or (
                before.endswith(_DONOR_ENDS)
                and _DONOR_HINTS.search(before)
                and _DONOR_ORG_BEFORE.search(before)
            )
            or (
                before.endswith(("by ", "by the "))
                and _DONOR_PROVIDED.search(text, max(ss, m.start - 120), m.start)
            )
        ):
            # "checked persons through the INTERPOL databases", "the EU-funded programme",
            # "with the financial support of the OSCE": a tool or a donor, not a party
            continue
        if (
            not in_obs
            and topic_words(sent)
            and _TOPIC_BEFORE.search(text, max(ss, m.start - 200), m.start)
        ):
            continue  # "discussed ... cooperation with INTERPOL": a topic
        if (
            not in_obs
            and m.id in st.item_parents
            and (
                (
                    _MEMBER_STATES_AFTER.match(after)
                    and not (_ORGANISED.search(before) or _ORGANISERS_WERE.search(before))
                    # "the session of the Council of heads of security bodies ... of the CIS
                    # member states": a council of the organisation holds its own session
                    and not _COUNCIL_SESSION.search(text, max(ss, m.start - 120), m.start)
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
            if any(abs(m.start - b) <= 45 or abs(a - m.end) <= 45 for a, b in spans.get(ev.id, []))
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
            named_near = [ev for ev in near if ev.named and not st.is_series(ev)]
            if named_near:
                best = min(
                    named_near,
                    key=lambda ev: min(
                        min(abs(m.start - b), abs(a - m.end)) for a, b in spans[ev.id]
                    ),
                )
                st.add_part(best, m.id, "organisation", "participant", (ss, se))
            elif len(pool) == 1 and pool[0].type in ("Exercise", "Training"):
                # "Reconnaissance units of the CSTO Collective Rapid Reaction Forces from
                # Belarus ... were involved": the exercise the sentence speaks of
                st.add_part(pool[0], m.id, "organisation", "participant", (ss, se))
            continue
        if in_obs:
            role = "observer"
        elif _HOST.search(before) and not _EVENT_NOUN_AFTER.match(after):
            role = "host"
        elif re.search(
            r"(?:coordinated|coordination)\s+(?:\w+\s+){0,6}?(?:by|of|under)\s+"
            r"(?:the\s+)?$|coordinator\s+(?:\w+\s+)?$",
            text[max(ss, m.start - 70) : m.start],
            re.IGNORECASE,
        ) or (
            _COORD.search(sent)
            and _AEGIS_BEFORE.search(before)
            # "under the auspices of UNODC and coordinated by CARICC": the coordination is
            # another body's
            and not _COORD_BY_OTHER.search(text, m.end, se)
        ):
            role = "coordinator"
        elif (
            "with" in before and _JOINTLY_WITH.search(before) and _THEN_HELD.match(text, m.end, se)
        ):
            role = "organiser"  # "UNODC, jointly with the OSCE Office in Bishkek, held a course"
        elif (
            _TEACHERS_OF.search(before)
            or (
                before.endswith(("of ", "of the "))
                and _DELEGATION_OF.search(before)
                and not _MEMBER_STATES_AFTER.match(after)
            )
            or _WITH_BEFORE.search(before)
            # "consultations of A with the Transnational Threats Department of the OSCE"
            or (
                "with" in text[max(ss, m.start - 80) : m.start]
                and _WITH_BODY_OF.search(text, max(ss, m.start - 140), m.start)
            )
            or _TOOK_PART_AFTER.match(after)
            or (_WITH_AFTER.match(after) and _TALKS_OF.search(before))
            or ("between" in before and _BETWEEN.search(before))
            or (
                "oint" in text[max(ss, m.start - 90) : m.start]
                and _JOINT_SESSION_OF.search(text, max(ss, m.start - 90), m.start)
            )
        ):
            # "experts of UNODC conducted", "consultations with the UN", "officers of the Joint
            # Staff took part as well", "a joint training session of the Joint Staff and ..."
            role = "participant"
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
            # "the CSTO training of anti-drug units «Grom-2024»"; "the CSTO operation" is the
            # edition's, not its stage's
            or (
                (own := _OWN_EVENT_AFTER.match(after)) is not None
                and not (
                    own.group(1) == "operation" and any(ev.type == "OperationStage" for ev in pool)
                )
            )
            or (
                ("Council" in text[max(ss, m.start - 120) : m.start] or "ministers of" in before)
                and _COUNCIL_SESSION.search(text, max(ss, m.start - 120), m.start)
            )
            or (
                active := _ACTIVE_ORGANISER.match(
                    strip_orgs(st, m.end, min(se, m.end + 160), s_ments)
                )
            )
        ):
            # "the SCO Secretariat in Beijing hosted a meeting": the host
            # "CARICC coordinated the actions of the agencies": the coordinator
            verb = active.group(1).lower() if active else ""
            if verb.endswith("coordination"):
                verb = "coordinated"
            role = {"hosted": "host", "coordinated": "coordinator"}.get(verb, "organiser")
        elif prev_org and _ORG_LIST.fullmatch(text, prev_org[0], m.start):
            role = prev_org[1]  # "organized by UNODC and CARICC": the list shares the role
        elif prev_deleg is not None and _OF_LIST.fullmatch(text, prev_deleg, m.start):
            # "representatives of the CSTO Secretariat, of the Executive Committee of the
            # RATS and of the CIS ATC": the list goes on
            role = "participant"
            in_list = True
        else:
            role = "default"
        prev_deleg = (
            m.end
            if role == "participant"
            and (
                in_list
                or (
                    before.endswith(("of ", "of the "))
                    and (_DELEGATION_OF.search(before) or prev_deleg is not None)
                )
            )
            else None
        )
        by_cue = role == "coordinator" or (
            role == "organiser"
            and bool(_ORGANISED.search(before) or _ORGANISERS_WERE.search(before))
        )
        prev_org = (m.end, role) if by_cue else None
        venue = role == "host" or _AT_IN_BEFORE.search(before)
        # "the Chief of the CSTO Joint Staff Anatoly Sidorov will attend": a post does not
        # add a sub-body to an exercise or a big meeting
        if (
            role in ("default", "participant")
            and m.id in parents_here
            # "the SCO Secretariat" is written as a body of its own (the SCO by convention)
            and "Secretariat" not in text[m.start : m.end]
        ):
            # "The CSTO delegation was headed by the head of a department of the CSTO
            # Secretariat": the body named in the sentence stands for its organisation
            continue
        post_of_body = (
            bool(org.parent) and role in ("default", "observer") and bool(_POST_OF.search(before))
        )
        # "CSTO Secretary General X said in his address to the meeting": a speaker's post
        # does not make his organisation a party to a big meeting
        speaker_post = role == "default" and bool(_POST_AFTER.match(after))
        ev_pool = pool
        if role in ("organiser", "coordinator"):
            ev_pool = _antecedent(st, m, pool, spans) or pool
        for ev in ev_pool if (org_pool_ok or role != "default") else []:
            if ev.met and venue:
                continue  # "met at the CSTO Secretariat in Moscow": the venue of an audience
            if post_of_body and (
                ev.type != "Meeting"
                # "The head of the CSTO Joint Staff, Colonel General X, briefed the ministers":
                # nor to a big meeting of states
                or sum(p["kind"] == "state" for p in ev.participants.values()) >= 3
            ):
                continue
            if (
                speaker_post
                and ev.type == "Meeting"
                and any(p["kind"] == "organisation" for p in ev.participants.values())
                and (not ev.met or sum(p["kind"] == "state" for p in ev.participants.values()) >= 3)
            ):
                continue
            r = role
            if r == "default" and m.id in ev.participants:
                continue  # named again in passing: the role found before stands
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
            st.add_part(ev, m.id, "organisation", r, (ss, se), guess=role == "default")
        # a series gets only its organiser or coordinator
        for ev in series_here:
            if role in ("organiser", "coordinator"):
                st.add_part(
                    ev,
                    m.id,
                    "organisation",
                    role if role != "default" else "organiser",
                    (ss, se),
                )
    # the organisation that runs a known series organises all of it (or a body of it
    # is written: "the CSTO Collective Rapid Reaction Forces «Interaction-2024»")
    for m in s_ments:
        if m.kind != "organisation" or is_publisher(text, m):
            continue
        after = text[m.end : min(se, m.end + 40)]
        if _POST_AFTER.match(after) or _STATES_AFTER.match(after):
            continue  # "CSTO Secretary General X said", "chiefs of CSTO states"
        org = st.fb.organisations.get(m.id)
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
                # not the organiser of a meeting that only prepares the edition
                if ev.id not in e2.prepares
                for p in e2.participants.values()
            ):
                continue
            role = "organiser"
            if (
                owner == m.id
                and re.search(
                    rf"coordinat\w*\s+(?:\w+\s+){{0,6}}$|{_AEGIS_OF}",
                    text[max(ss, m.start - 50) : m.start],
                    re.IGNORECASE,
                )
                and _COORD.search(sent)
            ):
                role = "coordinator"
            st.add_part(ev, owner, "organisation", role, (ss, se))


def _may_negate(after: str) -> bool:
    """A cheap test before ``_NEGATED_AFTER``: does a negation word follow at all?"""
    return any(w in after for w in _NEG_WORDS)


def _antecedent(
    st: State, m: Mention, pool: list[Event], spans: dict[str, list[tuple[int, int]]]
) -> list[Event]:
    """ "within «Kanal-2025», which under the aegis of ODKB is conducted, its stage «Kanal-Yug»":
    an organisation in a which-clause after the edition's name is the edition's, not the
    stage's the sentence speaks of."""
    for ev in pool:
        parent = st.events.get(ev.stage_of or "")
        if parent is None:
            continue
        for _a, b in spans.get(parent.id, []):
            if b <= m.start and _WHICH_CLAUSE.match(st.text, b, m.start):
                return [parent]
    return []


def strip_orgs(st: State, a: int, b: int, s_ments: list[Mention]) -> str:
    """text[a:b] with organisation names (and their parenthesised short forms) removed."""
    out, pos = [], a
    for o in s_ments:
        if o.kind == "organisation" and a <= o.start and o.end <= b:
            out.append(st.text[pos : o.start])
            pos = o.end
    out.append(st.text[pos:b])
    return re.sub(r"\(\s*\)", "", "".join(out))


def is_publisher(text: str, m: Mention) -> bool:
    """An organisation opening a line and followed by a colon: the press office that reports
    ("CSTO Joint Staff: ...", "The CIS Anti-Terrorism Center announces: ...")."""
    ls = text.rfind("\n", 0, m.start) + 1
    return text[ls : m.start].strip() in ("", "The") and bool(
        _PUBLISHER_AFTER.match(text, m.end, m.end + 30)
    )

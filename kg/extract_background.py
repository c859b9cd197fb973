"""Background mentions of states: drug origins, routes, venues, topics and negations.

``background_state`` says whether a state named in a sentence is *not* a participant: the
origin or destination of drugs ("from Afghanistan", "of Afghan origin", "to Europe"), the venue
("in the Kyrgyz Republic" with a verb of holding), a topic ("on the situation in Afghanistan"),
a negation ("Armenia did not take part", also over lists), or the country after a place name
("in Saratov, Russian Federation"). The cue patterns are shared with the seizure and place rules.

Limits: cues are read in a 40-character window on each side of the mention, inside the
sentence; a negation further away ("Armenia, as last year, again declined") is not seen.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract_state import State
from kg.gazetteer import Mention

_BACKGROUND_BEFORE = re.compile(
    r"\b(?<!according )(?:from|to|towards?|into|via|through|out of|origin in|produced in|production of [\w ]{0,20}"  # noqa: E501
    r"in|situation in|situation on|border with|borders? of|bank of|territory of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# "Officers from Armenia", "Participants came from Azerbaijan": people from a state take part
# (not a drug origin)
_PEOPLE_FROM = re.compile(
    r"\b(?:participants|officers|trainees|delegates|attendees|students|experts|officials)\s+"
    r"(?:came|arrived|travell?ed)\s+from\s+(?:the\s+)?$|"
    r"\b(?:officers|officials|experts|representatives|delegations?|"
    r"specialists|servicemen|units|contingents|participants|policemen|"
    r"instructors|analysts|staff|guests|members|colleagues|counterparts|partners|teams|"
    r"agencies|troops|forces|police)\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# what is talked about: "discussed ... cooperation with INTERPOL", "informed the members about
# the contacts with the new Afghan authorities"
_TOPIC_BEFORE = re.compile(
    r"\b(?:discuss\w*|considered|exchanged views on|reviewed|assessed|analy[sz]ed|evaluated|"
    r"informed\b[^.;]{0,60}?\babout|"
    r"spoke about|told about|touched (?:up)?on|(?:statements?|declarations?|appeals?|"
    r"conversation|talks)\s+on)\s+"
    r"(?![^.;]*\b(?:with|by)\s+(?:the\s+)?(?:representatives|delegations?|"
    r"experts|heads?)\b)[^.;]*$",
    re.IGNORECASE,
)
_TOPIC_HINT = re.compile(
    r"iscuss|onsider|views on|eview|nformed|about|ments? on|ions? on|eals? on|alks on|ssessed|"
    r"naly[sz]ed|valuated|ouched"
)


@lru_cache(maxsize=64)
def topic_words(sent: str) -> bool:
    """Whether ``sent`` has a word of ``_TOPIC_BEFORE`` at all (asked once per sentence)."""
    return bool(_TOPIC_HINT.search(sent))


_ENVOY_FOR = re.compile(
    r"\b(?:[Rr]epresentative|[Ee]nvoy|[Gg]roup|[Cc]ommission|[Cc]ommittee|[Cc]oordinator)\b"
    r"[^,.;]{0,40}?\bfor\s+(?:the\s+)?$"
)
_TOWN_COMMA = re.compile(
    r"\b(?:in|near)\s+(?:the\s+)?(?:city|town|village|settlement)\s+(?:of\s+)?"
    r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*,\s*(?:the\s+)?$"
)
_TOWN_COMMA_ANY = re.compile(r"\b(?:in|near)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)*),\s*(?:the\s+)?$")
# "located in Khabarovsk (Russian Federation)": the country of a town
_TOWN_PAREN = re.compile(r"\b(?:in|near|at)\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)*\s*\(\s*(?:the\s+)?$")
_NEG_WORDS = (
    "not",
    "n't",
    "refused",
    "declined",
    "absent",
    "empty",
    "vacant",
    "froze",
    "away",
    "boycott",
    "nobody",
    "no one",
)
_TOWN_WORDS = ("city", "town", "village", "settlement")
_LIST_SEP = re.compile(r"\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?")
_TRAFFIC = re.compile(
    r"\b(smuggl\w*|traffick\w*|routes?|origin|opiates?|stream|flow|transit|production|"
    r"produced|brought|came|comes?|coming|smuggled|situation|threat|northern|originat\w*)\b",
    re.IGNORECASE,
)

_DEMONYM_BACKGROUND = re.compile(
    # "the Kyrgyz drug control service" is an agency, not a drug of Kyrgyz origin
    r"^\s*(?:origin|opiates?|heroin|opium|-[A-Z][a-z]+\s+(?:border|frontier|section)|"
    r"drugs?(?!\s+(?:control|enforcement|police|agency|service|squad|unit|department))|"
    r"hashish|bank|"
    r"border(?!\s+(?:agenc|guard|service|troop|unit|officer|department|police|control))|"
    r"side of the border|territory|section|stretch|segment)",
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
    r"is being|are being|was|were|worked|works|training ground|territory|takes|went|ended|"
    r"completed|finished|concluded|closed|opened|continues|continued)\b",
    re.IGNORECASE,
)

# a state that does not take part: "Armenia did not send", "Armenia and Azerbaijan did not",
# "The Armenian delegation did not take part", "the chair of Armenia was empty", "the Prime
# Minister of Armenia has informed that he will not come"
_NEGATED_AFTER = re.compile(
    r"(?:\s*(?:,|and|,\s*and)\s*(?:the\s+)?[A-Z][\w-]+)*(?:['’]s(?:\s+[A-Z][\w-]*){1,3})?"
    # "Afghanistan, where most of the heroin originated, was not involved"
    r"(?:(?:\s+[a-z]+){0,2}\s*,\s*(?:where|which|who|whose|being|[a-z]+ed)\b[^,.;]{0,80},)?"
    r"[\s,]*(?:[a-z]+\s+){0,5}?"
    r"(?:did not|didn't|does not|was not|were not|has not|will not|would not|is not|refused|"
    r"declined|was absent|were absent|was empty|was vacant|"
    r"(?:remained|stayed) (?:empty|vacant)|froze|has frozen|had frozen|stayed away|kept away|"
    r"boycotted|sent nobody|sent no one|sent no\b)\b"
)

# verb-final translations put the negation late: "Kazakhstan this year its contingent to the
# exercise did not send"; only a negated sending or taking part counts that far away
_NEGATED_LATE = re.compile(
    r"\s+(?:[a-z]+\s+){0,8}?(?:did not|didn't|has not|have not|was not|were not)\s+"
    r"(?:send|sent|delegate|participate|take part|attend|presented|represented|arrive|come)\b|"
    # "The Armenian colleagues in view of freezing of participation of the Republic of Armenia
    # in the work of Organization did not participate": a long subject, no punctuation
    r"\s+(?:[\w-]+\s+){0,20}?(?:did not|didn't|has not|have not|was not|were not)\s+"
    r"(?:participate|take part|attend)\b|"
    # "Armenian contingent in exercise not participated": garbled, no auxiliary
    r"\s+(?:[a-z]+\s+){0,6}?not\s+(?:participated|took part|attended|sent|delegated)\b"
)
_BASED_IN = re.compile(r"\b(?:based|headquartered|operating|active|hiding)\s+in\s+(?:the\s+)?$")
_DONOR_ENDS = ("of ", "the ", "by ", "from ", "donor ", "donors ")
_DONOR_HINTS = re.compile("upport|ssistance|ontribution|unded|inanced|ponsored|rant|onor|aid for")
# a donor is no participant: "with the financial support of the Government of Japan", "funded by"
_DONOR_BEFORE = re.compile(
    r"\b(?:(?:financial|financed|technical)\s+(?:support|assistance|contribution)\s+(?:of|from)|"
    r"funded\s+by|financed\s+by|sponsored\s+by|paid\s+for\s+by|(?:a\s+)?grant\s+(?:of|from)|"
    r"donors?)\s+(?:the\s+)?(?:[Gg]overnments?\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


# a person's former post: "Marat Sadykov, who previously worked in the secretariat of the
# Interparliamentary Assembly of the CIS"
_FORMER_POST = re.compile(
    r"\b(?:previously|formerly|earlier|once|before that|until \d{4})\s+(?:\w+\s+){0,2}?"
    r"(?:worked|served|headed|was|held|led)\b[^.;]{0,90}$|\b(?:former|ex-)\s*(?:\w+\s+){0,3}$|"
    # "who spent four years at the INTERPOL General Secretariat"
    r"\bspent\s+(?:\w+\s+){0,3}(?:years?|months?)\s+(?:at|in|with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_FORMER_HINTS = ("former", "ex-", "previous", "earlier", "once", "before that", "until ", "spent")


@lru_cache(maxsize=64)
def _former_words(sent: str) -> bool:
    low = sent.lower()
    return any(h in low for h in _FORMER_HINTS)


def former_post(text: str, ss: int, m: Mention, sent: str) -> bool:
    """The mention names where a person worked before, not a party to the event."""
    if not _former_words(sent):
        return False
    a = max(ss, m.start - 120)
    w = text[a : m.start].lower()
    if not any(h in w for h in _FORMER_HINTS):
        return False
    return bool(_FORMER_POST.search(text, a, m.start))


_DONOR_AGENCY = re.compile(
    r"\b(?:funded|financed|sponsored|supported)\s+by\s+(?:the\s+)?[A-Z][^.;]{0,90}?"
    r"\bof\s+(?:the\s+)?$"
)


_PEOPLE_CAME = re.compile(
    r"\b(?:[Oo]fficers|[Pp]articipants|[Tt]rainees|[Dd]elegates|[Dd]elegations|[Ee]xperts|"
    r"[Oo]fficials|[Rr]epresentatives|[Ss]pecialists|[Cc]adets|[Ii]nstructors)\b[^.;]{0,70}?"
    r"\b(?:came|arrived|travell?ed)\s+from\b"
)
_FROZEN_OF = re.compile(
    r"\b(?:freezing|frozen|suspension|suspended)\s+(?:of\s+)?(?:its\s+|the\s+)?participation\s+"
    r"of\s+(?:the\s+)?$"
)
_DOMINATED = re.compile(
    r"\s+(?:dominated|topped|headed)\s+the\s+(?:\w+\s+)?(?:discussions?|agenda|talks)\b|"
    r"\s+(?:was|were)\s+(?:at\s+the\s+(?:centre|center|top)|the\s+focus|the\s+main\s+topic)\b"
)
_GOODS_FROM = re.compile(
    r"\b(?:shipments?|consignments?|containers?|cargo|lorry|truck|parcels?)\s+(?:\w+\s+){0,2}?"
    r"from\s+(?:the\s+)?$"
)


_NEG_ANY = re.compile("|".join(re.escape(w) for w in _NEG_WORDS))
_EXCEPT_BEFORE = re.compile(
    r"\b(?:except(?: for)?|exception of|without|absence of|excluding)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ABOUT_BEFORE = re.compile(
    r"\b(?:on|about|regarding|concerning)\s+(?:the\s+)?(?:situation\s+in\s+(?:the\s+)?)?$"
)
_ON_BEHALF = re.compile(r"\bon behalf of\s+(?:the\s+)?$")
_TO_BEFORE = re.compile(r"\bto\s+(?:the\s+)?$")
_BORDER_WORD = re.compile(r"\b(?:border|bank|situation)", re.IGNORECASE)
_AGENCIES_IN = re.compile(
    r"\b(?:agencies|bodies|services|police|authorities)\s+in\s+(?:the\s+)?$", re.IGNORECASE
)
_INVITED = re.compile(r"\b(?:invited|attached)\b")
_PRODUCTION = re.compile(r"\b(?:production|cultivation)\b", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?$")


# another year's edition or figure named for comparison: "Compared with «Karavan-2024», when
# 7,1 tons were seized" (no event or figure of this item; kg.extract and kg.extract_seizures)
COMPARISON_CUE = (
    r"(?:[Cc]ompared (?:with|to)|[Bb]y way of comparison|[Ff]or compar(?:ison|ing)|"
    r"[Ii]n comparison (?:with|to)?)"
)


def background_state(
    st: State,
    m: Mention,
    sent: str,
    ss: int,
    se: int,
    s_ments: list[Mention],
    in_obs: bool = False,
    follow_list: bool = True,
) -> bool:
    """Drug origin, route, venue or destination: not a participant. A list goes on where its
    first state is background ("on the routes from Afghanistan and Iran")."""
    text = st.text
    before = text[max(ss, m.start - 40) : m.start]
    after = text[m.end : min(se, m.end + 40)]
    for o in s_ments:
        if (
            o.kind == "place"
            and 0 <= m.start - o.end <= 7
            and re.fullmatch(r",\s*(?:the\s+)?", text[o.end : m.start])
        ):
            return True
    if former_post(text, ss, m, sent):
        return True
    if after[:1] == " " and _DOMINATED.match(after):
        return True  # "Afghanistan dominated the closed discussions": the topic
    far = text[m.end : min(se, m.end + 130)]
    if _FROZEN_OF.search(before):
        return True  # "in view of freezing of participation of the Republic of Armenia"
    if (_NEG_ANY.search(far) and _NEGATED_AFTER.match(far)) or _EXCEPT_BEFORE.search(before):
        return True
    if _ABOUT_BEFORE.search(before) and not _ON_BEHALF.search(before):
        return True
    if "for " in text[max(ss, m.start - 9) : m.start] and _ENVOY_FOR.search(
        text, max(ss, m.start - 80), m.start
    ):
        return True  # "the Special Representative of the President for Afghanistan": a topic
    if in_obs:
        return False
    if before.endswith(("in ", "in the ")) and _BASED_IN.search(before):
        return True  # "the terrorist organizations, which are based in Afghanistan"
    if (
        before.endswith(_DONOR_ENDS)
        and _DONOR_HINTS.search(before)
        and _DONOR_BEFORE.search(before)
    ):
        return True  # "with the financial support of the Government of Japan": a donor
    if before.endswith(("of ", "of the ")) and _DONOR_AGENCY.search(
        text, max(ss, m.start - 90), m.start
    ):
        return True  # "The course was funded by the Federal Foreign Office of Germany"
    if text.find("not", m.end, min(se, m.end + 140)) != -1 and _NEGATED_LATE.match(
        text, m.end, min(se, m.end + 140)
    ):
        return (
            True  # verb-final: "Kazakhstan this year its contingent to the exercise did not send"
        )
    if topic_words(sent) and _TOPIC_BEFORE.search(text, max(ss, m.start - 200), m.start):
        return True
    if (
        _BACKGROUND_BEFORE.search(before)
        and not _PEOPLE_FROM.search(before)
        # "Officers of financial intelligence units and police came from Kazakhstan, ..., as
        # well as from Belarus": people, not drugs, came
        and not ("came" in sent and before.endswith("from ") and _PEOPLE_CAME.search(sent))
        and (
            _TRAFFIC.search(sent)
            # "- Where does heroin come from now? - Still from Afghanistan": the question
            or (before.endswith("from ") and bool(_TRAFFIC.search(text, max(0, ss - 120), ss)))
            # "486 kg of cocaine hidden in a banana shipment from Ecuador"
            or bool(_GOODS_FROM.search(before))
            or _TO_BEFORE.search(before)
            or _BORDER_WORD.search(before)
        )
    ):
        return True
    if m.entry.form == "demonym" and _DEMONYM_BACKGROUND.search(after):
        return True
    if (
        _LOCATION_BEFORE.search(before)
        and (_TRAFFIC.search(sent) or _LOCATION_VERB.search(sent))
        and not _AGENCIES_IN.search(before)
    ):
        return True
    if _TO_BEFORE.search(before) and not _INVITED.search(before):
        return True
    if _PRODUCTION.search(sent) and _IN_BEFORE.search(before):
        return True
    if before.endswith((", ", ", the ")) and (tm := _TOWN_COMMA_ANY.search(before)):
        # "in Turkestan, Kazakhstan": the country of a town the gazetteer does not know
        a = max(ss, m.start - 40) + tm.start(1)
        if not any(o.start <= a < o.end for o in s_ments):
            return True
    if before.endswith(("(", "( ", "(the ")) and _TOWN_PAREN.search(before):
        return True  # "located in Khabarovsk (Russian Federation)": the country of a town
    if "," in before and any(w in before for w in _TOWN_WORDS) and _TOWN_COMMA.search(before):
        return True  # "in the city of Chui, Kyrgyzstan": the country of a town
    # "in Saratov, Russian Federation": the country of a place
    for o in s_ments:
        if o.kind == "place" and 0 <= m.start - o.end <= 3 and "," in text[o.end : m.start]:
            return True
    if not follow_list:
        return False
    tail = text[max(ss, m.start - 12) : m.start].rstrip()
    if tail.endswith(" the"):
        tail = tail[:-4].rstrip()
    if not tail.endswith((",", " and", " or")):
        return False
    head = _list_head(st, m, s_ments)
    if head is m:
        return False
    key = (head.start, head.end)
    if key not in st.list_heads:
        st.list_heads[key] = background_state(st, head, sent, ss, se, s_ments, False, False)
    return st.list_heads[key]


def _list_head(st: State, m: Mention, s_ments: list[Mention]) -> Mention:
    """The first state of the list ("A, B and C") that ``m`` ends (remembered per mention)."""
    key = (m.start, m.end)
    if key in st.heads:
        return st.heads[key]
    prev = None
    for o in s_ments:  # sorted by offset
        if o.start >= m.start:
            break
        if o.kind == "state":
            prev = o
    head = m
    if prev is not None and _LIST_SEP.fullmatch(st.text, prev.end, m.start):
        head = _list_head(st, prev, s_ments)
    st.heads[key] = head
    return head

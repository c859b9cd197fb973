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

The work is split by what it does: ``kg.extract_items`` (reading, feed items, sentences),
``kg.extract_names`` (series and stage names), ``kg.extract_triggers`` (unnamed events, anaphors),
``kg.extract_actors`` and ``kg.extract_background`` (actors and roles), ``kg.extract_persons``,
``kg.extract_where`` (dates and places), ``kg.extract_seizures``, ``kg.extract_finish``
(merging, output) around the records of ``kg.extract_state``. This module holds the item and
sentence loop that calls them, and the public API.

Limits: English text only; persons are recognised only after a post title
(Secretary General, Chief of ..., Minister ...); "member states" is not expanded to a list;
coreference is by recency, so a sentence about an earlier event after a newer one is misfiled.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from typing import Any

from kg.extract_actors import assign_actors
from kg.extract_background import _TOPIC_BEFORE, COMPARISON_CUE, topic_words
from kg.extract_finish import finish, result
from kg.extract_items import (
    MAX_CHARS,
    MAX_LINE,
    ExtractError,
    check_lines,
    dateline,
    in_header,
    read_text_file,
    sentences,
    split_items,
    title_span,
)
from kg.extract_names import (
    _SINCE_YEAR,
    SERIES,
    STAGES,
    Named,
    canonical_name,
    find_names,
    slug,
)
from kg.extract_persons import find_persons
from kg.extract_seizures import assign_seizures, table_seizures
from kg.extract_state import Event, Extraction, State
from kg.extract_triggers import _AT_MEETING, find_triggers, is_plan, sentence_targets
from kg.extract_where import assign_dates, assign_places
from kg.facts import PartialDate
from kg.gazetteer import Gazetteer, Mention, default_gazetteer
from kg.quantities import Quantity, find_quantities
from kg.textdates import DateMention, find_dates

__all__ = [
    "Extraction",
    "ExtractError",
    "extract_text",
    "read_text_file",
    "canonical_name",
    "split_items",
    "MAX_CHARS",
    "MAX_LINE",
    "SERIES",
    "STAGES",
]

_MAX_EVIDENCE = 5
_OPERATION_OR_IT = re.compile(r"\b(?:operation|it)\b", re.IGNORECASE)
_COMPARED = re.compile(rf"\b{COMPARISON_CUE}\b[^.;]*$")
_HOSTED_AFTER = re.compile(r"(?:\s+side)?\s+(?:has\s+)?hosted\b")
_HOSTED_BY = re.compile(r"\bhosted by\s+(?:the\s+)?$")
_ORG_SECRETARIAT = re.compile(
    r"\b[Ss]ecretariat of the Organi[sz]ation\b|\b(?<=the )Organi[sz]ation['’]s Secretariat\b"
)
_BODY_ANAPHOR = re.compile(r"\bby the (Council|Commission|Committee|Secretariat)\b(?! of\b)")
_PREPARATION = re.compile(
    r"\b(?:on|for|about|of)\s+(?:the\s+)?preparations?\s+(?:of|for|to)\b|\bto prepare\b",
    re.IGNORECASE,
)
_INCLUDES = re.compile(
    r"\b(?:[Ii]t|[Tt]he (?:exercise|training)s?)\s+(?:includes?|included|will include|"
    r"comprises?|comprised|consists? of|consisted of)\b"
)


class _Extractor(State):
    """The item and sentence loop: names, triggers, then dates, places, actors, persons and
    seizures of the events each sentence speaks of."""

    def run(self) -> None:
        text = self.text
        for idx, (s, e, d, title_start) in enumerate(split_items(text), start=1):
            anchor = d or self.published or dateline(text[s:e])
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
            title_line = self._title_line(title_start, s, e)
            self._item(s, e, anchor, doc_id, title_line)
            self._title_country(title_line)
            if "|" in text[s:e]:
                table_seizures(self, s, e, self.item_events)
        finish(self)

    def _merge_org_and_body(self, mentions: list[Mention]) -> list[Mention]:
        """ "the CSTO Coordination Council": an organisation written right before a body of its
        own is part of the body's name (one mention), not a second actor."""
        mentions.sort(key=lambda x: x.start)
        out: list[Mention] = []
        for m in mentions:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.kind == "organisation"
                and m.kind == "organisation"
                and 0 <= m.start - prev.end <= 1
                and (o := self.fb.organisations.get(m.id)) is not None
                and o.parent == prev.id
            ):
                out[-1] = Mention(prev.start, m.end, m.entry)
                continue
            out.append(m)
        return out

    def _body_anaphors(self, seg: str, s: int, mentions: list[Mention]) -> list[Mention]:
        """ "coordinated by the Council" after "the Coordination Council ...", "by the
        Secretariat" after "the CSTO Secretariat": the body named before in the item (not "the
        Council of Foreign Ministers", another body)."""
        if "by the Co" not in seg and "by the Se" not in seg:
            return []
        out = []
        bodies = sorted((m for m in mentions if m.kind == "organisation"), key=lambda m: m.start)
        for bm in _BODY_ANAPHOR.finditer(seg):
            a, b = bm.start(1) + s, bm.end(1) + s
            word = bm.group(1)
            prev = [m for m in bodies if m.end <= a and word in self.text[m.start : m.end]]
            if prev and not any(m.start < b and a < m.end for m in mentions):
                out.append(Mention(a, b, prev[-1].entry))
        return out

    def _organisation_secretariat(self, seg: str, s: int, mentions: list[Mention]) -> list[Mention]:
        """ "the Secretariat of the Organization" in an item about one organisation (CSTO or
        SCO): that organisation's Secretariat."""
        owners = set()
        for m in mentions:
            if m.kind == "organisation":
                o = self.fb.organisations.get(m.id)
                top = o.parent if o is not None and o.parent else m.id
                if top in ("CSTO", "SCO"):
                    owners.add(top)
        if len(owners) != 1:
            return []
        found = self.gaz.find(f"{owners.pop()} Secretariat")
        if not found or found[0].kind != "organisation":
            return []
        out = []
        for sm in _ORG_SECRETARIAT.finditer(seg):
            a, b = sm.start() + s, sm.end() + s
            if re.search(r"\b(?:at|in)\s+the\s+$", seg[max(0, sm.start() - 8) : sm.start()]):
                continue  # "met at the Organization's Secretariat": the venue, left to places
            if not any(m.start < b and a < m.end for m in mentions):
                out.append(Mention(a, b, found[0].entry))
        return out

    def _item(
        self,
        s: int,
        e: int,
        anchor: dt.date | None,
        doc: str,
        title: tuple[int, int] | None = None,
    ) -> None:
        text = self.text
        seg = text[s:e]
        item_year = anchor.year if anchor else None
        mentions = [Mention(m.start + s, m.end + s, m.entry) for m in self.gaz.find(seg)]
        # the CSTO anti-drug "Coordination Council", written without its long name
        if (
            "Coordinat" in seg
            and ("Council" in seg or "council" in seg)
            and "drug" in seg
            and any(m.id.startswith("CSTO") for m in mentions)
        ):
            cc = self.gaz.find("CCHCA")
            taken = [(m.start, m.end) for m in mentions]
            for cm in re.finditer(r"\bCoordinat(?:ion|ing) [Cc]ouncil\b", seg):
                a, b = cm.start() + s, cm.end() + s
                if cc and not any(x < b and a < y for x, y in taken):
                    mentions.append(Mention(a, b, cc[0].entry))
        mentions.extend(self._body_anaphors(seg, s, mentions))
        if "Organi" in seg and "Secretariat" in seg:
            mentions.extend(self._organisation_secretariat(seg, s, mentions))
        mentions = self._merge_org_and_body(mentions)
        dates = [
            DateMention(x.start + s, x.end + s, x.kind, x.begin, x.finish)
            for x in find_dates(seg, anchor)
            if not in_header(seg, x.start)
        ]
        quants = [
            Quantity(q.start + s, q.end + s, q.kg, q.comparator, q.as_written)
            for q in find_quantities(seg)
        ]
        if quants:
            # "operation «Karavan 2024» yielded over five tonnes of drugs": a figure in the title
            # line only rounds one the body gives
            tl = title_span(seg)
            if tl is not None:
                a, b = tl[0] + s, tl[1] + s
                body = [q for q in quants if not a <= q.start < b]
                if body:
                    quants = body
        names = [
            Named(n.start + s, n.end + s, n.series, n.base, n.stage, n.year, n.type, n.keyword)
            for n in find_names(seg)
        ]
        # drop names inside gazetteer mentions (a place called "Rock City-Astana")
        place_spans = sorted((m.start, m.end) for m in mentions if m.kind == "place")
        pstarts = [a for a, _b in place_spans]

        def in_place(pos: int, end: int) -> bool:
            i = bisect_left(pstarts, pos + 1) - 1
            if i < 0 or not place_spans[i][0] <= pos < place_spans[i][1]:
                return False
            # «Issyk-Kul-Antiterror-2025» begins with a place and goes on: a name
            pe = place_spans[i][1]
            return end <= pe or not re.match(r"[-–][A-Z]", text[pe : pe + 2])

        names = [n for n in names if not in_place(n.start, n.end)]
        sents = sentences(text, s, e)
        focus: list[Event] = []
        item_events: list[Event] = []
        self.item_mentions, self.item_events = mentions, item_events
        last_seizure_event: Event | None = None
        last_total: dict[Any, Any] = {}
        # organisations one of whose bodies the item names (CIS for the CIS ATC)
        self.item_orgs = {m.id for m in mentions if m.kind == "organisation"}
        self.item_parents = {
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
            explicit: list[Event] = []
            spans: dict[str, list[tuple[int, int]]] = {}

            def note(
                ev: Event,
                a: int,
                b: int,
                explicit: list[Event] = explicit,
                spans: dict[str, list[tuple[int, int]]] = spans,
            ) -> None:
                if ev not in explicit:
                    explicit.append(ev)
                spans.setdefault(ev.id, []).append((a, b))

            plan_sent = bool(s_names) and not any(d.kind != "year" for d in s_dates)
            plan_sent = plan_sent and is_plan(sent)
            for n in s_names:
                year = item_year
                if n.stage and n.year is None:
                    # "«Kanal-2022» ... in two stages: «Kanal-Yug» and ...": the edition's year
                    eds = [x.year for x in s_names if x.series == n.series and x.year]
                    year = eds[0] if eds else item_year
                ev = self.named_event(n, doc, year)
                if ev is not None:
                    note(ev, n.start, n.end)
                    by_the_way = (
                        plan_sent
                        or bool(topic_words(sent) and _TOPIC_BEFORE.search(text, ss, n.start))
                        # "Compared with «Karavan-2024», when 7,1 tons were seized, ..."
                        or ("ompar" in sent and bool(_COMPARED.search(text, ss, n.start)))
                    )
                    ev.passing = by_the_way and ev.passing is not False
            self.note_stages(sent, ss, s_names, doc, item_year, explicit, note)
            triggered = find_triggers(
                self, sent, ss, se, s_names, s_dates, s_ments, doc, item_events
            )
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
            umbrella = focus[0] if len(focus) == 1 and focus[0].named else None
            targets, focus, anaphoric = sentence_targets(
                self, sent, explicit, item_events, focus, any(d.kind != "year" for d in s_dates)
            )
            prep = _PREPARATION.search(sent) if targets and "prepar" in sent else None
            if prep is not None:
                # "the planning conference on preparation of the exercise «Interaction-2026»
                # was held on 16-17 February": the editions are the meeting's topic, and the
                # sentence's date, place and actors are the meeting's
                meets = [ev for ev in targets if not ev.named and ev.type == "Meeting"]
                topics = [
                    ev
                    for ev in targets
                    if ev.named
                    and all(a >= ss + prep.end() for a, _b in spans.get(ev.id, []))
                    and spans.get(ev.id)
                ]
                if meets and topics:
                    for ev in meets:
                        ev.prepares = (*ev.prepares, *(t.id for t in topics))
                    for ev in topics:
                        # "... of the exercise with the CSTO Collective Rapid Reaction Forces
                        # «Interaction-2026»": the series' own forces written before the name
                        a = min(x for x, _y in spans[ev.id])
                        for m in s_ments:
                            org = self.fb.organisations.get(m.id)
                            if (
                                m.kind == "organisation"
                                and org is not None
                                and ev.series
                                and org.parent == SERIES[ev.series][2]
                                and 0 <= a - m.end <= 3
                            ):
                                self.add_part(ev, m.id, "organisation", "participant", (ss, se))
                    targets = [ev for ev in targets if ev not in topics]
                    focus = targets
            if umbrella is not None and _INCLUDES.search(sent):
                # "«Combat Brotherhood-2021» ... It includes «Interaction-2021», «Search-2021»":
                # the components are part of it, and what follows speaks of all of them
                parts = [
                    ev
                    for ev in explicit
                    if ev is not umbrella and ev.named and ev.type in ("Exercise", "Training")
                ]
                if parts and umbrella.type in ("Exercise", "Training"):
                    for ev in parts:
                        ev.stage_of = ev.stage_of or umbrella.id
                    focus = [umbrella, *parts]
            if (
                s_quants
                and targets
                and last_seizure_event is not None
                and not explicit
                and not anaphoric
            ):
                # "Russian agencies seized 14 tons of the total": a sentence of figures goes
                # on about the event that got the figures before it
                targets = [last_seizure_event]
            series_here = [ev for ev in explicit if self.is_series(ev)]
            # dates
            assign_dates(
                self,
                sent,
                ss,
                s_dates,
                [ev for ev in targets if ev in explicit],
                bool(explicit),
                targets,
                spans,
            )
            # places and venue countries
            in_title = title is not None and title[0] <= ss < title[1]
            unplaced = [ev for ev in targets if ev.place is None] if in_title else []
            assign_places(self, sent, ss, s_ments, targets, spans)
            if in_title:
                for ev in unplaced:
                    # "... trained near Minsk" (title): the body may say better
                    ev.weak_place = ev.place is not None
            # actors
            assign_actors(
                self, sent, ss, se, s_ments, targets, series_here, spans, item_events, signings
            )
            find_persons(self, sent, ss, se, targets, anchor)
            # series start year
            for ev in explicit:
                if self.is_series(ev) and ev.start is None:
                    m = _SINCE_YEAR.search(sent)
                    if m:
                        ev.start = PartialDate(int(m.group("y")))
            if not explicit and _OPERATION_OR_IT.search(sent):
                m = _SINCE_YEAR.search(sent)
                if m and not s_quants:
                    for ev in item_events:
                        if self.is_series(ev) and ev.start is None:
                            ev.start = PartialDate(int(m.group("y")))
            # seizures
            if s_quants:
                last_seizure_event = assign_seizures(
                    self,
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

    def _title_country(self, span: tuple[int, int] | None) -> None:
        """ "Command-staff exercise completed in Kazakhstan" (title), then "at the Matybulak
        training ground" (body): a place the gazetteer gives no country takes the one state
        the title puts the news in, else the one state said to host ("The Belarusian side
        hosted the training")."""
        if not any(
            ev.place and ev.country is None and not ev.remote and not self.is_series(ev)
            for ev in self.item_events
        ):
            return
        where: set[str] = set()
        if span is not None:
            a, b = span
            where = {
                m.id
                for m in self.item_mentions
                if m.kind == "state"
                and a <= m.start < b
                and re.search(r"\bin\s+(?:the\s+)?$", self.text[max(a, m.start - 8) : m.start])
            }
        if not where:
            where = {
                m.id
                for m in self.item_mentions
                if m.kind == "state"
                and (
                    _HOSTED_AFTER.match(self.text, m.end)
                    or _HOSTED_BY.search(self.text, max(0, m.start - 14), m.start)
                )
            }
        if len(where) != 1:
            return
        for ev in self.item_events:
            if ev.place and ev.country is None and not ev.remote and not self.is_series(ev):
                ev.country = next(iter(where))

    def _title_line(self, title_start: int | None, s: int, e: int) -> tuple[int, int] | None:
        """The title line of an item: above its date line, or the line right after it."""
        if title_start is not None:
            b = self.text.find("\n", title_start)
            return title_start, len(self.text) if b < 0 else b
        seg = self.text[s:e]
        head = seg.lstrip()
        k = head.find("\n")
        if k < 0 or not in_header(head, 0):
            return None
        off = s + len(seg) - len(head) + k + 1
        tl = title_span(self.text[off:e])
        return None if tl is None else (off + tl[0], off + tl[1])


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
    check_lines(text, source_name)
    gaz = gazetteer or default_gazetteer()[1]
    ex = _Extractor(text, gaz, slug(source_name) if source_name else "doc", published)
    if text.strip():
        ex.run()
    return result(ex)

"""Finishing an extraction: merging duplicate events, linking stages, and the output records.

After all items are read, ``finish`` drops unnamed exercises that duplicate a named one,
merges an ordinal stage ("the second stage of operation Channel") into the one named stage of
its item, merges one unnamed meeting reported in two items, lets exercises named together share
the dated one's dates and place, links stages and editions (``part_of``), gives named editions
their year, and drops a series named only in passing and unnamed events with neither date nor
actors. ``result`` turns the events into the JSON contract with evidence quotes.

Limits: merging is within one text; events of two texts are merged later by
``kg.seeds.merge_events``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from kg.extract_names import SERIES, canonical_name, slug
from kg.extract_state import Extraction, State
from kg.facts import PartialDate


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral() else float(d)


# "Meeting of The Commission", "Next meeting of the Council": a body without its organisation
_BODY_ONLY = re.compile(
    r"\bof [Tt]he (?:Standing )?(?:Commission|Council|Committee|Assembly|Working Group)$"
)


def _drop(st: State, eid: str, into: str | None) -> None:
    """Remove event ``eid``; what was part of it becomes part of ``into``."""
    for other in st.events.values():
        if other.part_of == eid:
            other.part_of = into
    del st.events[eid]
    st.order.remove(eid)


def merge_stage_aliases(st: State) -> None:
    """'the second stage of operation Channel' in an item about «Kanal-Patrul»: one stage."""
    for doc in {ev.doc for ev in st.events.values()}:
        evs = [ev for ev in st.events.values() if ev.doc == doc]
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
            _drop(st, ev.id, into=tgt.id)


def merge_unnamed(st: State) -> None:
    """One meeting announced in one item and reported in the next: same type, same start
    date, a shared organisation (or place) -> one event."""
    evs = [st.events[i] for i in st.order if not st.events[i].named]
    for i, a in enumerate(evs):
        if a.id not in st.events:
            continue
        for b in evs[i + 1 :]:
            if b.id not in st.events or b.type != a.type or a.start is None:
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
            _drop(st, b.id, into=a.id)


def share_exercise_dates(st: State) -> None:
    """Exercises named together in one item ("it includes «Interaction-2021», «Search-
    2021»...") without dates of their own share the dated one's dates and place; one without
    contingents of its own takes the dated one's."""
    for doc in {ev.doc for ev in st.events.values()}:
        ex = [
            ev
            for ev in st.events.values()
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
            held_with = (ev.start, ev.end, ev.place) == (src[0].start, src[0].end, src[0].place)
            if held_with and not any(p["kind"] == "state" for p in ev.participants.values()):
                # "simultaneously, on the same ground, ... «Poisk-2019»": the contingents
                # named for the exercise take part in the training held with it
                for k, p in src[0].participants.items():
                    if p["kind"] == "state" and p["role"] == "participant":
                        ev.participants[k] = dict(p)
        # the organisation that runs a series organises every edition of it in the item
        for ev in ex:
            owner = SERIES[ev.series][2] if ev.series else None
            if owner and owner not in ev.participants:
                run = [
                    x.participants[owner]
                    for x in ex
                    if x.series
                    and SERIES[x.series][2] == owner
                    and x.participants.get(owner, {}).get("role") == "organiser"
                ]
                if run:
                    ev.participants[owner] = dict(run[0])


def drop_unnamed_duplicates(st: State) -> None:
    """'A joint exercise' in an item about «Interaction-2023» is that exercise."""
    named_docs = {ev.doc for ev in st.events.values() if ev.named and not st.is_series(ev)}
    for eid in list(st.order):
        ev = st.events[eid]
        if not ev.named and ev.type in ("Exercise", "Operation") and ev.doc in named_docs:
            _drop(st, eid, into=None)


def body_meetings(st: State) -> None:
    """ "The Commission will meet next in October": a meeting named only by the body of another
    meeting of the item is organised by that meeting's organiser."""
    for ev in st.events.values():
        if ev.named or ev.type != "Meeting" or not _BODY_ONLY.search(ev.name):
            continue
        if any(p["kind"] == "organisation" for p in ev.participants.values()):
            continue
        org = next(
            (
                p
                for x in st.events.values()
                if x.doc == ev.doc and x.type == "Meeting" and x is not ev
                for p in x.participants.values()
                if p["kind"] == "organisation" and p["role"] == "organiser"
            ),
            None,
        )
        if org is not None:
            ev.participants[org["actor"]] = dict(org)


def hq_meetings(st: State) -> None:
    """ "The final meeting of the headquarters" of an item about an operation stage is part of
    that stage and sits where its headquarters does (the stage's place)."""
    for ev in st.events.values():
        if not ev.hq_meeting:
            continue
        if ev.stage_of in st.events:
            op = st.events[ev.stage_of]
            if ev.place is None and op.place and not ev.remote:
                ev.place, ev.place_id, ev.country = op.place, op.place_id, op.country
            continue
        ops = [
            x
            for i in st.order
            if (x := st.events[i]).doc == ev.doc
            and x.type in ("OperationStage", "Operation")
            and not st.is_series(x)
        ]
        stages = [x for x in ops if x.type == "OperationStage"] or ops
        if not stages:
            continue
        op = stages[-1]
        ev.stage_of = op.id
        if ev.place is None and op.place and not ev.remote:
            ev.place, ev.place_id, ev.country = op.place, op.place_id, op.country


def drop_closing_meetings(st: State) -> None:
    """ "The chief of the CIS ATC in final meeting estimated ...": the undated closing meeting
    of an exercise or training is its last phase, not an event (the final meeting of an
    operation's headquarters is one: ``hq_meetings``)."""
    drills = {ev.doc for ev in st.events.values() if ev.type in ("Exercise", "Training")}
    for eid in list(st.order):
        ev = st.events[eid]
        if (
            ev.type == "Meeting"
            and not ev.named
            and ev.start is None
            and not ev.hq_meeting
            and ev.doc in drills
            and _CLOSING.match(ev.name)
        ):
            _drop(st, eid, into=None)


_CLOSING = re.compile(r"(?:final|closing|concluding)\b", re.IGNORECASE)


def finish(st: State) -> None:
    drop_unnamed_duplicates(st)
    drop_closing_meetings(st)
    merge_stage_aliases(st)
    merge_unnamed(st)
    share_exercise_dates(st)
    body_meetings(st)
    hq_meetings(st)
    for ev in st.events.values():
        if ev.stage_of == "__series__":
            # part of the edition of that year if the text names it, else of the series
            ed = slug(canonical_name(ev.series or "", None, ev.year))
            ser = slug(canonical_name(ev.series or ""))
            ev.part_of = ed if ed in st.events else (ser if ser in st.events else None)
        elif ev.stage_of:
            ev.part_of = ev.stage_of
        elif ev.named and ev.series and ev.year is not None and ev.type == "Operation":
            ser = slug(canonical_name(ev.series))
            ev.part_of = ser if ser in st.events else None
        if ev.named and ev.year is not None and ev.start is None:
            ev.start = PartialDate(ev.year)
            ev.end = ev.end or PartialDate(ev.year)
        if ev.country is None and ev.place_id:
            ev.country = st.fb.places[ev.place_id].country
        if ev.end is not None and ev.start is not None and ev.end.latest() < ev.start.earliest():  # noqa: E501
            ev.end = ev.start
        if ev.end is not None and ev.start is None and ev.year is not None:
            ev.start = PartialDate(ev.year)
    for eid, ev in st.events.items():
        if ev.part_of == eid:
            ev.part_of = None
    # a series named only in passing (no stage of it without an edition, no figures; "held
    # since 2003" is background, and so is the series of a named edition) is not an event of
    # this text; nor is an unnamed event without date and actors
    used = {ev.part_of for ev in st.events.values() if ev.part_of and ev.type != "Operation"}
    for eid in list(st.order):
        ev = st.events[eid]
        drop = (
            (st.is_series(ev) and eid not in used and not ev.seizures)
            or (not ev.named and ev.start is None and not ev.participants)
            or (
                # "the exercises planned for 2025, including «Vzaimodeistvie-2025»": a plan;
                # "informed about the results of «Kanal-2023»": a topic
                ev.passing
                and eid not in used
                and not ev.seizures
                and not any(
                    p["kind"] != "person" and not (ev.series and p["actor"] == SERIES[ev.series][2])
                    for p in ev.participants.values()
                )
                and (ev.start is None or ev.start.precision == "year")
            )
        )
        if drop:
            _drop(st, eid, into=None)
    # the organisation that coordinates a series coordinates its editions and stages
    for ev in st.events.values():
        if not ev.series:
            continue
        owner = SERIES[ev.series][2]
        top = ev
        seen = set()
        while top.part_of and top.part_of in st.events and top.id not in seen:
            seen.add(top.id)
            top = st.events[top.part_of]
        p = top.participants.get(owner) if owner else None
        if p and p["role"] == "coordinator" and owner in ev.participants:
            ev.participants[owner]["role"] = "coordinator"
    coordinating_body_stands_for_parent(st)


# "under the aegis of", "organized by", "Exercise of ODKB was carried out under the coordination
# of the Joint Staff"
_STRONG_ORGANISER = re.compile(
    r"\b(?:aegis|auspices|organi[sz]\w*|initiative|exercises?\s+of)\b", re.I
)


def coordinating_body_stands_for_parent(st: State) -> None:
    """ "The CSTO operation «Illegal-2025» ... was coordinated by the CSTO Secretariat": the
    coordinating body stands for its organisation, which is no organiser of its own unless a
    sentence says so ("under the aegis of the CSTO", "organized by")."""
    for ev in st.events.values():
        coord_parents = {
            o.parent
            for k, p in ev.participants.items()
            if p["role"] == "coordinator"
            and (o := st.fb.organisations.get(k)) is not None
            and o.parent
        }
        # "special services of CIS rehearsed ..." (a title), then "organized by the
        # Anti-Terrorism Center of the CIS": an organiser guessed from a mere mention gives
        # way to its body named as the organiser
        for k in {
            o.parent
            for k, p in ev.participants.items()
            if p["role"] == "organiser"
            and (o := st.fb.organisations.get(k)) is not None
            and o.parent
        }:
            p = ev.participants.get(k)
            if p is not None and p["role"] == "organiser" and p.get("guess"):
                del ev.participants[k]
        for k in coord_parents:
            p = ev.participants.get(k)
            if p is None or p["role"] != "organiser":
                continue
            if not any(
                _STRONG_ORGANISER.search(st.text, a, b) for a, b in [p["span"], *p.get("also", ())]
            ):
                del ev.participants[k]


def result(st: State) -> Extraction:
    text = st.text

    def span(s: int, e: int) -> dict[str, Any]:
        return {"start": s, "end": e, "quote": text[s:e]}

    events = []
    for eid in st.order:
        ev = st.events[eid]
        parts = []
        for p in ev.participants.values():
            if p["kind"] == "person":
                pr = st.persons.get(p["actor"])
                label = pr["name"] if pr else p["actor"]
            elif p["kind"] == "state":
                label = st.fb.states[p["actor"]].name
            else:
                label = st.fb.organisations[p["actor"]].name
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
    for p in st.persons.values():
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
    return Extraction(text, st.source, st.documents, events, persons, [])

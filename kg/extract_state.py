"""Records of the extractor and the registry of events it fills.

``Event`` is one event under construction (participants keyed by actor, seizures, evidence
spans); ``State`` holds the text, the gazetteer and the events, persons and documents found so
far, creates events by id (``event``, ``named_event``) and adds participants keeping the
strongest role (``add_part``: organiser > coordinator > host > observer > participant).
``Extraction`` is what ``kg.extract.extract_text`` returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.extract_names import _ORDINAL_STAGE, _ORDINALS, SERIES, Named, canonical_name, slug
from kg.facts import PartialDate
from kg.gazetteer import Gazetteer, Mention


@dataclass
class Event:
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
    remote: bool = False  # held by videoconference: no place
    # named only in passing: in undated plans ("exercises planned for 2025") or as a topic
    # ("informed the participants about the results of «Kanal-2023»")
    passing: bool | None = None
    signing_span: tuple[int, int] | None = None
    # "the final meeting of the headquarters": a meeting of an operation's own staff
    hq_meeting: bool = False
    # the editions a meeting prepares ("the planning conference on preparation of «X-2026»")
    prepares: tuple[str, ...] = ()
    typed: bool = False  # a generic name's type was read from a word before it
    weak_place: bool = False  # the place came from the title line only ("trained near Minsk")


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


class State:
    """The text being extracted and the events, persons and documents found so far."""

    def __init__(self, text: str, gaz: Gazetteer, source_name: str, published: dt.date | None):
        self.text = text
        self.gaz = gaz
        self.fb = gaz.fb
        self.source = source_name
        self.published = published
        self.events: dict[str, Event] = {}
        self.order: list[str] = []
        self.persons: dict[str, dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.documents: list[dict[str, Any]] = []
        # organisations the current item names, and the parents of its bodies (CIS for the
        # CIS ATC); set per item by the main loop
        self.item_orgs: set[str] = set()
        self.item_parents: set[str] = set()
        # the gazetteer mentions and the events of the current item
        self.item_mentions: list[Mention] = []
        self.item_events: list[Event] = []
        # whether the state mention at (start, end) heading a list is background
        self.list_heads: dict[tuple[int, int], bool] = {}
        # the observer clauses of the sentence starting at an offset
        self.observer_cache: dict[int, Any] = {}
        # the first state of the list a state mention at (start, end) belongs to
        self.heads: dict[tuple[int, int], Any] = {}

    def event(self, eid: str, **kw: Any) -> Event:
        ev = self.events.get(eid)
        if ev is None:
            ev = Event(id=eid, **kw)
            self.events[eid] = ev
            self.order.append(eid)
        return ev

    def _named(
        self,
        name: str,
        typ: str,
        doc: str,
        series: str | None,
        year: int | None,
        eid: str | None = None,
    ) -> Event:
        """The named event ``name`` (id: its slug unless ``eid`` is given), made if new."""
        return self.event(
            eid or slug(name), name=name, type=typ, doc=doc, named=True, series=series, year=year
        )

    def named_event(self, n: Named, doc: str, item_year: int | None) -> Event | None:
        year = n.year
        if n.stage and year is None:
            year = item_year
        if n.series is None:
            name = f"{n.base}-{year}" if year is not None else n.base
            ev = self._named(name, n.type, doc, None, year)
            if n.keyword and not ev.typed:
                # "«Karavan-2025» results" in the title, then "the operation «Caravan-2025»":
                # the type the text states replaces the one guessed from a bare name
                ev.type, ev.typed = n.type, True
            return ev
        if n.stage or year:
            return self._named(canonical_name(n.series, n.stage, year), n.type, doc, n.series, year)
        return self._named(canonical_name(n.series), SERIES[n.series][1], doc, n.series, None)

    def is_series(self, ev: Event) -> bool:
        return ev.named and ev.series is not None and ev.year is None

    def add_part(
        self,
        ev: Event,
        actor: str,
        kind: str,
        role: str,
        span: tuple[int, int],
        guess: bool = False,
    ) -> None:
        """Add ``actor`` to ``ev`` or strengthen its role; a role read from a cue ("coordinated
        by") replaces one guessed from an organisation's being named (``guess``)."""
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
            if guess:
                ev.participants[actor]["guess"] = True
        elif kind == "state" and {role, cur["role"]} == {"host", "participant"}:
            cur["role"] = "participant"  # a state that hosts and takes part is a participant
        elif rank[role] < rank[cur["role"]] or (
            cur.get("guess") and not guess and role in ("coordinator", "host")
        ):
            cur["role"], cur["span"] = role, span
            if not guess:
                cur.pop("guess", None)
        elif role == cur["role"] and span != cur["span"]:
            cur.setdefault("also", []).append(span)  # the same role said again elsewhere

    def note_stages(
        self,
        sent: str,
        ss: int,
        s_names: list[Named],
        doc: str,
        item_year: int | None,
        explicit: list[Event],
        note: Callable[[Event, int, int], None],
    ) -> None:
        """Ordinal stages of a sentence ("the first stage of Kanal-2016") and the edition or
        series each named stage of the sentence belongs to (``stage_of``)."""
        if not s_names:
            return
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
            stg = self._named(
                name,
                "OperationStage",
                doc,
                n.series,
                year,
                eid=f"{slug(edition_name)}-{ordinal.lower()}-stage",
            )
            if n.year:  # the text names the edition: "the first stage of Kanal-2016"
                edition = self._named(edition_name, "Operation", doc, n.series, year)
                stg.stage_of = edition.id
                note(edition, n.start, n.end)
            else:  # "the last stage of Operation Channel": of the edition if named later
                stg.stage_of = stg.stage_of or "__series__"
            note(stg, ss + om.start(), n.end)
        # a named stage written with its edition ("stage Channel-Barrier of Channel-2022")
        for ev in explicit:
            if ev.type == "OperationStage" and ev.series and ev.stage_of in (None, "__series__"):  # noqa: E501
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

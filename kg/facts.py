"""Typed fact records: what the curated YAML, the gazetteer and the extractor produce.

Records are frozen dataclasses with no RDF in them; ``kg.build`` is the only place that turns
them into triples and mints IRIs. Dates carry their precision (``PartialDate``) because
sources say "in September" as often as "on 3 September".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, month or year ("2024-09-03", "2024-09", "2024")."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse a str/int/date; raises ValueError naming the accepted forms."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        m = _DATE_RE.match(value.strip())
        if not m:
            raise ValueError(f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        y, mo, d = (int(x) if x else None for x in m.groups())
        assert y is not None
        if mo is not None and not 1 <= mo <= 12:
            raise ValueError(f"month out of range in {value!r}")
        if d is not None:
            dt.date(y, mo or 1, d)  # raises ValueError for 2024-02-30
        return cls(y, mo, d)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month or 1, self.day)
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True)
class Span:
    """Evidence: characters [start, end) of a document's file, with the SHA-256 of that span."""

    doc: str
    start: int
    end: int
    sha256: str
    quote: str | None = None  # read from the source text at build time, never stored in YAML


@dataclass(frozen=True)
class Document:
    id: str
    file: str
    start: int
    end: int
    sha256: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    language: str = "en"


@dataclass(frozen=True)
class State:
    iso3: str
    iso2: str
    name: str
    official_name: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "international"  # international | body | national | programme
    parent: str | None = None
    founded: PartialDate | None = None


@dataclass(frozen=True)
class Membership:
    organisation: str
    member: str  # ISO alpha-3 of a state
    status: str
    start: PartialDate
    end: PartialDate | None = None
    note: str | None = None

    def holds_on(self, day: dt.date) -> bool:
        """True if the interval covers ``day`` (an open end means 'still in force')."""
        return self.start.earliest() <= day and (self.end is None or day < self.end.earliest())


@dataclass(frozen=True)
class Post:
    title: str
    of: str | None  # organisation id or state ISO alpha-3
    as_of: PartialDate | None
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    posts: tuple[Post, ...] = ()


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    country: str | None
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # city | region | training-ground | facility


@dataclass(frozen=True)
class Participation:
    actor: str
    kind: str  # state | organisation | person
    role: str
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Seizure:
    substance: str
    kg: Decimal
    as_written: str
    comparator: str = "exact"
    scope: str = "single"
    state: str | None = None  # national share
    since: int | None = None  # cumulative total since year
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    type: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    status: str | None = None
    place: str | None = None
    country: str | None = None
    coordination_centre: str | None = None
    participants: tuple[Participation, ...] = ()
    seizures: tuple[Seizure, ...] = ()
    evidence: tuple[Span, ...] = ()
    description: str | None = None


@dataclass
class FactBase:
    """Everything loaded from seeds/: gazetteer plus curated or extracted facts."""

    states: dict[str, State] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)

    def actor_kind(self, actor: str) -> str | None:
        """'state', 'organisation' or 'person' for a known id, else None."""
        if actor in self.states:
            return "state"
        if actor in self.organisations:
            return "organisation"
        if actor in self.persons:
            return "person"
        return None

    def memberships_on(self, organisation: str, day: dt.date, status: str = "member") -> set[str]:
        """ISO codes of the states holding ``status`` in ``organisation`` on ``day``."""
        return {
            m.member
            for m in self.memberships
            if m.organisation == organisation and m.status == status and m.holds_on(day)
        }

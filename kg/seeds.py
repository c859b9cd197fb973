"""Load the curated seeds (gazetteer + facts YAML) into typed records, and check them.

Files are read with a *safe* YAML loader that remembers the line of every key, so each
problem is reported as ``file:line: field: problem``. Checked: unknown keys, wrong types,
missing required fields, duplicate ids, dangling references (actors, places, documents,
events, evidence spans), evidence outside its document, dates out of order, and, when the
source texts are at hand (``sources``), that every document and every evidence span still
hashes to the SHA-256 the YAML records. Quotes are never stored in YAML: they are read from the
source text here and carried on the ``Span`` records.

Layout (see seeds/README.md): ``gazetteer/states.yaml`` (overlay on pycountry),
``gazetteer/organisations.yaml``, ``gazetteer/memberships.yaml``, ``gazetteer/places.yaml``
and ``facts/*.yaml`` (documents, evidence spans, persons, places, events).
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from kg import facts as F
from kg.errors import KGError
from kg.namespaces import (
    COMPARATORS,
    EVENT_STATUSES,
    MEMBERSHIP_STATUSES,
    ROLES,
    SEIZURE_SCOPES,
    SUBSTANCES,
)

EVENT_TYPES_YAML = {
    "Exercise": "exercise",
    "Operation": "operation",
    "OperationStage": "operation-stage",
    "Training": "training",
    "Meeting": "meeting",
    "Agreement": "agreement",
    "Other": "other",
}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ORG_ID_RE = re.compile(r"^[A-Z][A-Z0-9-]*$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class SeedError(KGError):
    """A problem in a seed file, located to file and line."""

    def __init__(self, file: Path | str, line: int | None, field: str, problem: str):
        self.file, self.line, self.field, self.problem = str(file), line, field, problem
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {field}: {problem}" if field else f"{where}: {problem}")


def sha256_text(text: str) -> str:
    """SHA-256 (lowercase hex) of ``text`` as UTF-8: the hash of documents and spans."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- located YAML


class LMap(dict):
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LList(list):
    line: int = 0


class _Loader(yaml.SafeLoader):
    """SafeLoader (no Python object construction) that records line numbers."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LMap:
    loader.flatten_mapping(node)
    out = LMap()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int):
            raise yaml.constructor.ConstructorError(
                None, None, f"unsupported key {key!r}", key_node.start_mark
            )
        key = str(key)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)

# Large files (kg synth, big extractions) are scanned and parsed by libyaml (CSafeLoader, ~3x
# faster) with the same line-recording constructors, so lines stay in messages; hand-written
# files keep the pure-Python loader and its error wording. bench/RESULTS.md has the figures.
FAST_YAML_BYTES = 1_000_000
_CLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):

    class _CLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """CSafeLoader (libyaml) with the line-recording constructors."""

    _CLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _CLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file safely; syntax errors become SeedError with the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise SeedError(path, None, "", f"not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise SeedError(path, None, "", f"cannot read: {e.strerror}") from None
    try:
        loader = _CLoader if _CLoader is not None and len(text) >= FAST_YAML_BYTES else _Loader
        return yaml.load(text, Loader=loader)  # noqa: S506 - both subclass a SafeLoader
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        raise SeedError(path, line, "", f"invalid YAML: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise SeedError(path, None, "", f"invalid YAML: {e}") from None


# --------------------------------------------------------------------------- field checking


@dataclass
class _Ctx:
    file: Path

    def err(self, node: Any, field: str, problem: str, key: str | None = None) -> SeedError:
        line = None
        if isinstance(node, LMap):
            line = node.key_lines.get(key, node.line) if key else node.line
        elif isinstance(node, LList):
            line = node.line
        return SeedError(self.file, line, field, problem)

    def mapping(
        self, node: Any, path: str, allowed: Iterable[str], required: Iterable[str]
    ) -> LMap:
        if not isinstance(node, LMap):
            raise self.err(node, path, f"expected a mapping, got {_tname(node)}")
        allowed = set(allowed) | set(required)
        for k in node:
            if k not in allowed:
                raise self.err(
                    node, f"{path}.{k}", f"unknown key (allowed: {', '.join(sorted(allowed))})", k
                )
        for k in required:
            if node.get(k) is None:
                raise self.err(node, f"{path}.{k}", "required field is missing")
        return node

    def seq(self, node: LMap, key: str, path: str) -> list[Any]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            field = f"{path}.{key}" if path else key
            raise self.err(node, field, f"expected a list, got {_tname(value)}", key)
        return value

    def string(
        self,
        node: LMap,
        key: str,
        path: str,
        pattern: re.Pattern[str] | None = None,
        choices: Iterable[str] | None = None,
    ) -> str | None:
        value = node.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.err(
                node, f"{path}.{key}", f"expected a non-empty string, got {value!r}", key
            )
        if pattern is not None and not pattern.match(value):
            raise self.err(
                node, f"{path}.{key}", f"{value!r} does not match {pattern.pattern}", key
            )
        if choices is not None and value not in choices:
            raise self.err(
                node, f"{path}.{key}", f"{value!r} is not one of: {', '.join(choices)}", key
            )
        return value

    def strings(self, node: LMap, key: str, path: str) -> tuple[str, ...]:
        out = []
        for i, v in enumerate(self.seq(node, key, path)):
            if not isinstance(v, str) or not v.strip():
                raise self.err(node, f"{path}.{key}[{i}]", f"expected a string, got {v!r}", key)
            out.append(v)
        return tuple(out)

    def integer(self, node: LMap, key: str, path: str, minimum: int = 0) -> int | None:
        value = node.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise self.err(
                node, f"{path}.{key}", f"expected an integer >= {minimum}, got {value!r}", key
            )
        return value

    def date(self, node: LMap, key: str, path: str) -> F.PartialDate | None:
        value = node.get(key)
        if value is None:
            return None
        try:
            return F.PartialDate.parse(value)
        except ValueError as e:
            raise self.err(node, f"{path}.{key}", str(e), key) from None

    def decimal(self, node: LMap, key: str, path: str) -> Decimal | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.err(node, f"{path}.{key}", f"expected a number, got {value!r}", key)
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            raise self.err(
                node, f"{path}.{key}", f"expected a number, got {value!r}", key
            ) from None
        if not d.is_finite():
            raise self.err(node, f"{path}.{key}", f"expected a finite number, got {value!r}", key)
        return d


def _tname(v: Any) -> str:
    return {LMap: "a mapping", LList: "a list", str: "a string", int: "an integer"}.get(
        type(v), type(v).__name__
    )


# --------------------------------------------------------------------------- gazetteer


def _pycountry_states() -> dict[str, F.State]:
    import pycountry

    out = {}
    for c in pycountry.countries:
        out[c.alpha_3] = F.State(
            iso3=c.alpha_3,
            iso2=c.alpha_2,
            name=getattr(c, "common_name", None) or c.name,
            official_name=getattr(c, "official_name", None),
        )
    return out


def _load_states(path: Path, base: dict[str, F.State]) -> dict[str, F.State]:
    ctx = _Ctx(path)
    data = read_yaml(path)
    root = ctx.mapping(data, "states", ["states"], ["states"])
    states = dict(base)
    for i, node in enumerate(ctx.seq(root, "states", "")):
        p = f"states[{i}]"
        ctx.mapping(node, p, ["iso3", "name", "aliases", "demonyms", "agencies"], ["iso3"])
        iso3 = ctx.string(node, "iso3", p)
        assert iso3 is not None
        if iso3 not in states:
            raise ctx.err(node, f"{p}.iso3", f"{iso3!r} is not an ISO 3166-1 alpha-3 code", "iso3")
        s = states[iso3]
        states[iso3] = F.State(
            iso3=iso3,
            iso2=s.iso2,
            name=ctx.string(node, "name", p) or s.name,
            official_name=s.official_name,
            aliases=ctx.strings(node, "aliases", p),
            demonyms=ctx.strings(node, "demonyms", p),
            agencies=ctx.strings(node, "agencies", p),
        )
    return states


def _load_organisations(path: Path, fb: F.FactBase) -> None:
    ctx = _Ctx(path)
    root = ctx.mapping(read_yaml(path), "organisations", ["organisations"], ["organisations"])
    pending_parents = []
    for i, node in enumerate(ctx.seq(root, "organisations", "")):
        p = f"organisations[{i}]"
        ctx.mapping(node, p, ["aliases", "kind", "parent", "founded"], ["id", "name"])
        oid = ctx.string(node, "id", p, _ORG_ID_RE)
        assert oid is not None
        if oid in fb.organisations or oid in fb.states:
            raise ctx.err(node, f"{p}.id", f"duplicate id {oid!r}", "id")
        org = F.Organisation(
            id=oid,
            name=ctx.string(node, "name", p) or oid,
            aliases=ctx.strings(node, "aliases", p),
            kind=ctx.string(
                node, "kind", p, choices=["international", "body", "national", "programme"]
            )
            or "international",
            parent=ctx.string(node, "parent", p),
            founded=ctx.date(node, "founded", p),
        )
        fb.organisations[oid] = org
        if org.parent:
            pending_parents.append((node, p, org.parent))
    for node, p, parent in pending_parents:
        if parent not in fb.organisations:
            raise ctx.err(node, f"{p}.parent", f"unknown organisation {parent!r}", "parent")


def _load_memberships(path: Path, fb: F.FactBase) -> None:
    ctx = _Ctx(path)
    root = ctx.mapping(read_yaml(path), "memberships", ["memberships"], ["memberships"])
    for i, node in enumerate(ctx.seq(root, "memberships", "")):
        p = f"memberships[{i}]"
        ctx.mapping(node, p, ["end", "note"], ["organisation", "member", "status", "start"])
        org = ctx.string(node, "organisation", p)
        member = ctx.string(node, "member", p)
        if org not in fb.organisations:
            raise ctx.err(
                node, f"{p}.organisation", f"unknown organisation {org!r}", "organisation"
            )
        if member not in fb.states:
            raise ctx.err(
                node, f"{p}.member", f"{member!r} is not an ISO 3166-1 alpha-3 code", "member"
            )
        start, end = ctx.date(node, "start", p), ctx.date(node, "end", p)
        assert start is not None and org is not None and member is not None
        if end is not None and end.earliest() < start.earliest():
            raise ctx.err(node, f"{p}.end", f"end {end} is before start {start}", "end")
        fb.memberships.append(
            F.Membership(
                organisation=org,
                member=member,
                status=ctx.string(node, "status", p, choices=MEMBERSHIP_STATUSES) or "member",
                start=start,
                end=end,
                note=ctx.string(node, "note", p),
            )
        )


def _load_places(
    ctx: _Ctx, nodes: list[Any], fb: F.FactBase, path: str, merge: bool = False
) -> None:
    for i, node in enumerate(nodes):
        p = f"{path}[{i}]"
        ctx.mapping(node, p, ["aliases", "kind", "country"], ["id", "name"])
        pid = ctx.string(node, "id", p, _ID_RE)
        assert pid is not None
        if pid in fb.places:
            if merge:  # extra facts (kg ingest) may repeat a place another file declared
                continue
            raise ctx.err(node, f"{p}.id", f"duplicate place id {pid!r}", "id")
        country = ctx.string(node, "country", p)
        if country is not None and country not in fb.states:
            raise ctx.err(
                node, f"{p}.country", f"{country!r} is not an ISO 3166-1 alpha-3 code", "country"
            )
        fb.places[pid] = F.Place(
            id=pid,
            name=ctx.string(node, "name", p) or pid,
            country=country,
            aliases=ctx.strings(node, "aliases", p),
            kind=ctx.string(
                node,
                "kind",
                p,
                choices=["city", "region", "training-ground", "facility", "country"],
            ),
        )


# --------------------------------------------------------------------------- facts files


class _Sources:
    """Finds and caches source texts by file name in the given folders."""

    def __init__(self, dirs: Iterable[Path]):
        self.dirs = [Path(d) for d in dirs]
        self._cache: dict[str, str | None] = {}

    def text(self, name: str) -> str | None:
        if name not in self._cache:
            self._cache[name] = None
            for d in self.dirs:
                f = d / name
                if f.is_file():
                    try:
                        self._cache[name] = f.read_text(encoding="utf-8")
                    except UnicodeDecodeError as e:
                        raise SeedError(
                            f, None, "", f"source text is not UTF-8 ({e.reason})"
                        ) from None
                    break
        return self._cache[name]


def _load_facts_file(
    path: Path,
    fb: F.FactBase,
    sources: _Sources,
    warn: Callable[[str], None],
    merge: bool = False,
) -> list[tuple[_Ctx, LMap, str]]:
    """Load one facts file; returns event nodes whose cross-file references are checked later.

    ``merge`` (extra facts, e.g. ``kg ingest``): an event, person or place id seen before is
    merged into the earlier record instead of rejected (see ``merge_events``)."""
    ctx = _Ctx(path)
    data = read_yaml(path)
    if data is None:
        return []
    root = ctx.mapping(data, "facts", ["documents", "evidence", "persons", "places", "events"], [])

    # documents
    for i, node in enumerate(ctx.seq(root, "documents", "")):
        p = f"documents[{i}]"
        ctx.mapping(
            node,
            p,
            ["title", "publisher", "url", "published", "language"],
            ["id", "file", "start", "end", "sha256"],
        )
        did = ctx.string(node, "id", p, _ID_RE)
        assert did is not None
        if did in fb.documents:
            old = fb.documents[did]
            if merge and old.sha256 == node.get("sha256") and old.file == node.get("file"):
                continue
            raise ctx.err(node, f"{p}.id", f"duplicate document id {did!r}", "id")
        start, end = ctx.integer(node, "start", p), ctx.integer(node, "end", p)
        assert start is not None and end is not None
        if end <= start:
            raise ctx.err(node, f"{p}.end", f"end {end} must be greater than start {start}", "end")
        sha = ctx.string(node, "sha256", p, _SHA_RE)
        fname = ctx.string(node, "file", p)
        assert fname is not None and sha is not None
        text = sources.text(fname)
        if text is not None:
            if end > len(text):
                raise ctx.err(
                    node, f"{p}.end", f"{end} is past the end of {fname} ({len(text)})", "end"
                )
            if sha256_text(text[start:end]) != sha:
                raise ctx.err(
                    node,
                    f"{p}.sha256",
                    f"does not match the text of {fname}[{start}:{end}] (the source "
                    "changed, or the offsets are wrong)",
                    "sha256",
                )
        fb.documents[did] = F.Document(
            id=did,
            file=fname,
            start=start,
            end=end,
            sha256=sha,
            title=ctx.string(node, "title", p),
            publisher=ctx.string(node, "publisher", p),
            url=ctx.string(node, "url", p),
            published=ctx.date(node, "published", p),
            language=ctx.string(node, "language", p) or "en",
        )

    # named evidence spans
    spans: dict[str, F.Span] = {}
    ev_root = root.get("evidence")
    if ev_root is not None:
        if not isinstance(ev_root, LMap):
            raise ctx.err(root, "evidence", "expected a mapping of span names to spans", "evidence")
        for name, node in ev_root.items():
            spans[name] = _span(ctx, node, f"evidence.{name}", fb, sources)

    def evidence(node: LMap, p: str, required: bool = True) -> tuple[F.Span, ...]:
        value = node.get("evidence")
        if value is None:
            if required:
                raise ctx.err(node, f"{p}.evidence", "every event and claim needs evidence")
            return ()
        items = value if isinstance(value, list) else [value]
        out = []
        for j, item in enumerate(items):
            q = f"{p}.evidence[{j}]" if isinstance(value, list) else f"{p}.evidence"
            if isinstance(item, str):
                if item not in spans:
                    raise ctx.err(
                        node,
                        q,
                        f"unknown evidence span {item!r} (declare it under "
                        "'evidence:' in this file)",
                        "evidence",
                    )
                out.append(spans[item])
            else:
                out.append(_span(ctx, item, q, fb, sources))
        return tuple(out)

    for i, node in enumerate(ctx.seq(root, "persons", "")):
        p = f"persons[{i}]"
        ctx.mapping(node, p, ["aliases", "posts"], ["id", "name"])
        pid = ctx.string(node, "id", p, _ID_RE)
        assert pid is not None
        if pid in fb.persons and not merge:
            raise ctx.err(node, f"{p}.id", f"duplicate person id {pid!r}", "id")
        posts = []
        for j, pn in enumerate(ctx.seq(node, "posts", p)):
            q = f"{p}.posts[{j}]"
            ctx.mapping(pn, q, ["of", "as_of", "evidence"], ["title"])
            of = ctx.string(pn, "of", q)
            if of is not None and of not in fb.organisations and of not in fb.states:
                raise ctx.err(pn, f"{q}.of", f"unknown organisation or state {of!r}", "of")
            posts.append(
                F.Post(
                    title=ctx.string(pn, "title", q) or "",
                    of=of,
                    as_of=ctx.date(pn, "as_of", q),
                    evidence=evidence(pn, q),
                )
            )
        person = F.Person(
            id=pid,
            name=ctx.string(node, "name", p) or pid,
            aliases=ctx.strings(node, "aliases", p),
            posts=tuple(posts),
        )
        if pid in fb.persons:
            old_p = fb.persons[pid]
            person = F.Person(
                id=pid,
                name=old_p.name,
                aliases=tuple(dict.fromkeys([*old_p.aliases, *person.aliases])),
                posts=tuple(dict.fromkeys([*old_p.posts, *person.posts])),
            )
        fb.persons[pid] = person

    _load_places(ctx, ctx.seq(root, "places", ""), fb, "places", merge)

    pending = []
    for i, node in enumerate(ctx.seq(root, "events", "")):
        p = f"events[{i}]"
        ctx.mapping(
            node,
            p,
            [
                "aliases",
                "part_of",
                "status",
                "start",
                "end",
                "place",
                "country",
                "coordination_centre",
                "participants",
                "seizures",
                "description",
            ],
            ["id", "name", "type", "evidence"],
        )
        eid = ctx.string(node, "id", p, _ID_RE)
        assert eid is not None
        if eid in fb.events and not merge:
            raise ctx.err(node, f"{p}.id", f"duplicate event id {eid!r}", "id")
        etype = ctx.string(node, "type", p, choices=EVENT_TYPES_YAML)
        start, end = ctx.date(node, "start", p), ctx.date(node, "end", p)
        if start and end and end.latest() < start.earliest():
            raise ctx.err(node, f"{p}.end", f"end {end} is before start {start}", "end")
        parts = []
        for j, pn in enumerate(ctx.seq(node, "participants", p)):
            q = f"{p}.participants[{j}]"
            ctx.mapping(pn, q, ["kind", "evidence"], ["actor", "role"])
            parts.append(
                (
                    pn,
                    q,
                    F.Participation(
                        actor=ctx.string(pn, "actor", q) or "",
                        kind=ctx.string(pn, "kind", q, choices=["state", "organisation", "person"])
                        or "",
                        role=ctx.string(pn, "role", q, choices=ROLES) or "participant",
                        evidence=evidence(pn, q),
                    ),
                )
            )
        seizures = []
        for j, sn in enumerate(ctx.seq(node, "seizures", p)):
            q = f"{p}.seizures[{j}]"
            ctx.mapping(
                sn,
                q,
                ["comparator", "scope", "state", "since", "evidence"],
                ["substance", "kg", "as_written"],
            )
            kg = ctx.decimal(sn, "kg", q)
            assert kg is not None
            if kg <= 0:
                raise ctx.err(sn, f"{q}.kg", f"a seized quantity must be positive, got {kg}", "kg")
            scope = ctx.string(sn, "scope", q, choices=SEIZURE_SCOPES) or "single"
            state = ctx.string(sn, "state", q)
            since = ctx.integer(sn, "since", q, minimum=1900)
            if state is not None and state not in fb.states:
                raise ctx.err(
                    sn, f"{q}.state", f"{state!r} is not an ISO 3166-1 alpha-3 code", "state"
                )
            if scope == "national" and state is None:
                raise ctx.err(sn, f"{q}.state", "a national share names its state", "scope")
            if scope == "cumulative" and since is None:
                raise ctx.err(sn, f"{q}.since", "a cumulative total names its first year", "scope")
            seizures.append(
                F.Seizure(
                    substance=ctx.string(sn, "substance", q, choices=SUBSTANCES) or "",
                    kg=kg,
                    as_written=ctx.string(sn, "as_written", q) or "",
                    comparator=ctx.string(sn, "comparator", q, choices=COMPARATORS) or "exact",
                    scope=scope,
                    state=state,
                    since=since,
                    evidence=evidence(sn, q),
                )
            )
        event = F.Event(
            id=eid,
            name=ctx.string(node, "name", p) or eid,
            type=EVENT_TYPES_YAML[etype or "Other"],
            start=start,
            end=end,
            aliases=ctx.strings(node, "aliases", p),
            part_of=ctx.string(node, "part_of", p),
            status=ctx.string(node, "status", p, choices=EVENT_STATUSES),
            place=ctx.string(node, "place", p),
            country=ctx.string(node, "country", p),
            coordination_centre=ctx.string(node, "coordination_centre", p),
            participants=tuple(x[2] for x in parts),
            seizures=tuple(seizures),
            evidence=evidence(node, p),
            description=ctx.string(node, "description", p),
        )
        if eid in fb.events:
            event = merge_events(fb.events, event)
        fb.events[event.id] = event
        pending.append((ctx, node, p))
        for pn, q, _part in parts:
            pending.append((ctx, pn, q))
    return pending


MERGE_WINDOW_DAYS = 45


def merge_events(events: dict[str, F.Event], new: F.Event) -> F.Event:
    """Merge ``new`` into the event already loaded under its id (two sources, one event).

    Same id means same normalised name; the type must agree and the start dates lie within
    ``MERGE_WINDOW_DAYS`` of each other, otherwise ``new`` is kept apart under ``<id>-2``.
    The first event's type, dates, place and roles win; participants, seizures (conflicting
    figures side by side, each with its own evidence), evidence and aliases are unioned."""
    old = events[new.id]

    def near(a: F.PartialDate | None, b: F.PartialDate | None) -> bool:
        if a is None or b is None:
            return True
        lo = max(a.earliest(), b.earliest())
        hi = min(a.latest(), b.latest())
        return (lo - hi).days <= MERGE_WINDOW_DAYS

    if old.type != new.type or not near(old.start, new.start):
        k = 2
        while f"{new.id}-{k}" in events:
            k += 1
        return F.Event(**{**new.__dict__, "id": f"{new.id}-{k}"})
    parts: dict[str, F.Participation] = {p.actor: p for p in old.participants}
    for p in new.participants:
        if p.actor in parts:
            q = parts[p.actor]
            ev = tuple(dict.fromkeys([*q.evidence, *p.evidence]))
            parts[p.actor] = F.Participation(q.actor, q.kind, q.role, ev)
        else:
            parts[p.actor] = p
    seizures: dict[tuple[Any, ...], F.Seizure] = {}
    for z in [*old.seizures, *new.seizures]:
        key = (z.substance, z.kg, z.as_written, z.comparator, z.scope, z.state, z.since)
        if key in seizures:
            y = seizures[key]
            z = F.Seizure(
                **{**y.__dict__, "evidence": tuple(dict.fromkeys([*y.evidence, *z.evidence]))}
            )
        seizures[key] = z
    aliases = [a for a in dict.fromkeys([*old.aliases, *new.aliases, new.name]) if a != old.name]
    return F.Event(
        **{
            **old.__dict__,
            "start": old.start or new.start,
            "end": old.end or new.end,
            "aliases": tuple(aliases),
            "part_of": old.part_of or new.part_of,
            "status": old.status or new.status,
            "place": old.place or new.place,
            "country": old.country or new.country,
            "coordination_centre": old.coordination_centre or new.coordination_centre,
            "description": old.description or new.description,
            "participants": tuple(parts.values()),
            "seizures": tuple(seizures.values()),
            "evidence": tuple(dict.fromkeys([*old.evidence, *new.evidence])),
        }
    )


def _span(ctx: _Ctx, node: Any, p: str, fb: F.FactBase, sources: _Sources) -> F.Span:
    ctx.mapping(node, p, [], ["doc", "start", "end", "sha256"])
    doc_id = ctx.string(node, "doc", p)
    assert doc_id is not None
    doc = fb.documents.get(doc_id)
    if doc is None:
        raise ctx.err(
            node,
            f"{p}.doc",
            f"unknown document {doc_id!r} (declare documents before the spans that cite them)",
            "doc",
        )
    start, end = ctx.integer(node, "start", p), ctx.integer(node, "end", p)
    sha = ctx.string(node, "sha256", p, _SHA_RE)
    assert start is not None and end is not None and sha is not None
    if not (doc.start <= start < end <= doc.end):
        raise ctx.err(
            node,
            p,
            f"span {start}-{end} is outside document {doc_id!r} ({doc.start}-{doc.end})",
            "start",
        )
    quote = None
    text = sources.text(doc.file)
    if text is not None:
        quote = text[start:end]
        if sha256_text(quote) != sha:
            raise ctx.err(
                node,
                f"{p}.sha256",
                f"does not match the text of {doc.file}[{start}:{end}]",
                "sha256",
            )
    return F.Span(doc=doc_id, start=start, end=end, sha256=sha, quote=quote)


def _check_references(fb: F.FactBase, pending: list[tuple[_Ctx, LMap, str]]) -> list[F.Event]:
    """Resolve cross-file references once everything is loaded; fill in participant kinds."""
    for ctx, node, p in pending:
        if "actor" in node:  # a participation
            actor, kind = node["actor"], node.get("kind")
            found = [
                k
                for k, table in (
                    ("state", fb.states),
                    ("organisation", fb.organisations),
                    ("person", fb.persons),
                )
                if actor in table
            ]
            if not found:
                raise ctx.err(
                    node,
                    f"{p}.actor",
                    f"unknown actor {actor!r} (a state's ISO alpha-3 "
                    "code, an organisation id or a person id)",
                    "actor",
                )
            if kind and kind not in found:
                raise ctx.err(node, f"{p}.kind", f"{actor!r} is not a {kind}", "kind")
            continue
        for key, table, what in (
            ("part_of", fb.events, "event"),
            ("place", fb.places, "place"),
            ("coordination_centre", fb.places, "place"),
            ("country", fb.states, "ISO 3166-1 alpha-3 state"),
        ):
            v = node.get(key)
            if v is not None and v not in table:
                raise ctx.err(node, f"{p}.{key}", f"unknown {what} {v!r}", key)
    # fill in kinds and reject duplicate (actor, role) pairs / participant+observer conflicts
    for eid, ev in list(fb.events.items()):
        parts = []
        for part in ev.participants:
            kind = part.kind or fb.actor_kind(part.actor) or ""
            parts.append(F.Participation(part.actor, kind, part.role, part.evidence))
        fb.events[eid] = F.Event(**{**ev.__dict__, "participants": tuple(parts)})
    # part_of cycles
    for eid in fb.events:
        seen, cur = {eid}, fb.events[eid].part_of
        while cur is not None:
            if cur in seen:
                raise SeedError("seeds", None, f"events.{eid}.part_of", "part_of forms a cycle")
            seen.add(cur)
            cur = fb.events[cur].part_of
    return list(fb.events.values())


def load_seeds(
    seeds: Path,
    sources: Iterable[Path] = (),
    *,
    extra_facts: Iterable[Path] = (),
    warn: Callable[[str], None] | None = None,
) -> F.FactBase:
    """Load ``seeds/`` (gazetteer + facts) into a checked ``FactBase``.

    ``sources``: folders searched for the documents' text files; when a file is found, document
    and span hashes are verified and quotes are attached to the spans.
    ``extra_facts``: more folders of facts YAML (e.g. what ``kg ingest`` extracted), loaded
    after ``seeds/facts``.
    Raises ``SeedError`` (file, line, field, problem) on the first problem.
    """
    warn = warn or (lambda msg: print(f"[WARN] {msg}", file=sys.stderr))
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise SeedError(seeds, None, "", "seeds folder not found")
    gaz = seeds / "gazetteer"
    fb = F.FactBase()
    fb.states = _pycountry_states()
    if (gaz / "states.yaml").is_file():
        fb.states = _load_states(gaz / "states.yaml", fb.states)
    if (gaz / "organisations.yaml").is_file():
        _load_organisations(gaz / "organisations.yaml", fb)
    if (gaz / "memberships.yaml").is_file():
        _load_memberships(gaz / "memberships.yaml", fb)
    if (gaz / "places.yaml").is_file():
        ctx = _Ctx(gaz / "places.yaml")
        root = ctx.mapping(read_yaml(gaz / "places.yaml"), "places", ["places"], ["places"])
        _load_places(ctx, ctx.seq(root, "places", ""), fb, "places")
    src = _Sources(sources)
    pending: list[tuple[_Ctx, LMap, str]] = []
    for folder in [seeds / "facts", *map(Path, extra_facts)]:
        for f in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            pending += _load_facts_file(f, fb, src, warn, merge=folder != seeds / "facts")
    _check_references(fb, pending)
    missing = sorted(
        {d.file for d in fb.documents.values() if src.dirs and src.text(d.file) is None}
    )
    for name in missing:
        warn(
            f"source text {name} not found in {', '.join(map(str, src.dirs))}: evidence keeps "
            "offsets and hashes, without quotes"
        )
    return fb

"""A synthetic corpus in the seed format, at any size, deterministic for a seed.

``synthesise(out, events=N, seed=S)`` writes::

    out/gazetteer/*.yaml      # a copy of the packaged gazetteer (states, organisations,
                              # memberships over time, places)
    out/facts/synth-NNNN.yaml # documents, evidence spans, persons and events
    out/sources/synth-NNNN.txt  # the source texts the evidence points into

so that ``kg build --seeds out --sources out/sources`` loads, checks every hash and validates.
The corpus is shaped like the real one: yearly editions of exercises, trainings and meetings
of recurring series run by CSTO, SCO, CIS and their bodies, recurring counter-narcotics
operations with stages that report seizures (totals, breakdowns by substance, national shares,
cumulative totals, with comparators "at least", "about" ...), 3-15 participants per event with
roles (member states of the organiser at the event's date from the gazetteer's memberships,
observers from outside, a host, a lead official), one press release per edition citing every
claim by character offsets and SHA-256.

Facts files are written line by line (flow mappings, JSON-quoted strings, which YAML reads as
double-quoted scalars), not through a YAML emitter: at 5M triples the emitter would dominate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from kg import paths

_SYLLABLES = [
    "ka", "ran", "zor", "vel", "mir", "tan", "gor", "lin", "sar", "bek", "dun", "ost",
    "rak", "vol", "gra", "nit", "sev", "kor", "lud", "pam", "tor", "zen", "yar", "bal",
]  # fmt: skip
_WORDS = [
    "Interaction", "Search", "Echelon", "Rock", "Cobalt", "Thunder", "Frontier", "Boundary",
    "Peace Mission", "Solidarity", "Commonwealth", "Unity", "Shield", "Barrier", "Cordon",
]  # fmt: skip
_OPERATIONS = ["Channel", "Illegal", "Mercenary", "Proxy", "Nayomnik", "Trafik", "Caravan"]
_SERIES_ORGS = ["CSTO", "CSTO", "CSTO-CRRF", "SCO", "SCO-RATS", "CIS", "CIS-ATC"]
_OP_ORGS = ["CSTO", "CSTO-CCHCA", "CIS"]
_OBSERVERS = ["UNODC", "INTERPOL", "OSCE", "ICRC", "CARICC", "EAG"]
_OUTSIDE_STATES = ["AFG", "IRN", "MNG", "SRB", "TKM", "AZE", "CHN", "PAK", "IND", "VNM", "CUB"]
_SUBSTANCES = [
    "opium", "heroin", "hashish", "marijuana", "cannabis", "cocaine", "mephedrone",
    "synthetic_drugs", "psychotropic_substances", "amphetamines",
]  # fmt: skip
_TYPES = ["Exercise", "Exercise", "Training", "Training", "Meeting"]
_ROLE_WORDS = {
    "participant": "took part",
    "observer": "attended as an observer",
    "host": "hosted the event",
    "organiser": "organised the event",
    "coordinator": "coordinated the operation",
    "lead": "led the event",
    "supporter": "supported the event",
}
_COMPARATOR_WORDS = {"exact": "", "at_least": "more than ", "about": "about ", "at_most": "up to "}
FIRST_YEAR, LAST_YEAR = 2003, 2024


@dataclass
class SynthStats:
    events: int = 0
    documents: int = 0
    files: int = 0
    persons: int = 0


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _as_written(kg: int, comparator: str) -> str:
    t, k = divmod(kg, 1000)
    if t and k:
        amount = f"{t} ton{'s' if t > 1 else ''} and {k} kg"
    elif t:
        amount = f"{t} ton{'s' if t > 1 else ''}"
    else:
        amount = f"{k} kg"
    return _COMPARATOR_WORDS[comparator] + amount


class _Doc:
    """One press release being written: text with named spans (offsets are file-relative)."""

    def __init__(self, doc_id: str, offset: int):
        self.id, self.offset, self.parts, self.length = doc_id, offset, [], 0
        self.spans: list[tuple[str, int, int, str]] = []

    def say(self, sentence: str, name: str | None = None) -> str | None:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        start = self.offset + self.length
        self.parts.append(sentence)
        self.length += len(sentence)
        if name is None:
            return None
        self.spans.append((name, start, start + len(sentence), _sha(sentence)))
        return name

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Writer:
    def __init__(self, out: Path, rnd: random.Random, per_file: int):
        self.out, self.rnd, self.per_file = out, rnd, per_file
        self.stats = SynthStats()
        self.file_no = 0
        self._reset()

    def _reset(self) -> None:
        self.docs: list[tuple[_Doc, str, str]] = []  # doc, title, published
        self.src: list[str] = []
        self.src_len = 0
        self.persons: list[str] = []
        self.events: list[str] = []
        self.count = 0

    def new_doc(self, doc_id: str) -> _Doc:
        return _Doc(doc_id, self.src_len)

    def add_doc(self, doc: _Doc, title: str, published: str) -> None:
        text = doc.text + "\n\n"
        self.src.append(text)
        self.src_len += len(text)
        self.docs.append((doc, title, published))
        self.stats.documents += 1

    def flush(self) -> None:
        if not self.docs:
            return
        name = f"synth-{self.file_no:05d}"
        (self.out / "sources" / f"{name}.txt").write_text("".join(self.src), encoding="utf-8")
        lines = [f"# kg synth: generated facts ({self.count} events); sources/{name}.txt", ""]
        lines.append("documents:")
        for doc, title, published in self.docs:
            lines.append(
                f"- {{id: {doc.id}, file: {name}.txt, start: {doc.offset}, "
                f"end: {doc.offset + doc.length}, sha256: {_sha(doc.text)}, title: {_q(title)}, "
                f"publisher: {_q(doc.id.split('-')[0].upper())}, published: '{published}'}}"
            )
        lines.append("evidence:")
        for doc, _t, _p in self.docs:
            for sname, start, end, sha in doc.spans:
                lines.append(
                    f"  {sname}: {{doc: {doc.id}, start: {start}, end: {end}, sha256: {sha}}}"
                )
        if self.persons:
            lines.append("persons:")
            lines += self.persons
        lines.append("events:")
        lines += self.events
        (self.out / "facts" / f"{name}.yaml").write_text("\n".join(lines) + "\n", "utf-8")
        self.file_no += 1
        self.stats.files += 1
        self._reset()


def synthesise(out: Path, *, events: int, seed: int = 1, per_file: int = 2000) -> SynthStats:
    """Write ``events`` events (editions and their stages) with documents and source texts."""
    from kg.seeds import load_seeds

    out = Path(out)
    rnd = random.Random(seed)
    for sub in ("facts", "sources"):
        d = out / sub
        if d.is_dir():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    if (out / "gazetteer").is_dir():
        shutil.rmtree(out / "gazetteer")
    shutil.copytree(paths.seeds_dir() / "gazetteer", out / "gazetteer")
    fb = load_seeds(out, warn=lambda _m: None)  # gazetteer only: names and memberships
    state_names = {s.iso3: s.name for s in fb.states.values()}
    org_names = {o.id: o.name for o in fb.organisations.values()}
    parent = {o.id: o.parent for o in fb.organisations.values()}

    def members(org: str, day: dt.date) -> list[str]:
        root = org
        while parent.get(root):
            root = parent[root] or root
        return sorted(fb.memberships_on(root, day))

    w = _Writer(out, rnd, per_file)
    persons_known: list[str] = []

    # series: (name, org, kind) editions yearly; names beyond the well-known ones are made up
    n_series = max(4, events // (LAST_YEAR - FIRST_YEAR + 1) // 2 + 1)
    series: list[tuple[str, str, str]] = []
    for i in range(n_series):
        if i < len(_OPERATIONS) and i % 3 == 0:
            series.append((_OPERATIONS[i // 3 % len(_OPERATIONS)], rnd.choice(_OP_ORGS), "op"))
            continue
        base = _WORDS[i] if i < len(_WORDS) else None
        if base is None:
            base = "".join(rnd.choice(_SYLLABLES) for _ in range(3)).capitalize() + f" {i}"
        kind = "op" if rnd.random() < 0.25 else rnd.choice(_TYPES)
        series.append((base, rnd.choice(_OP_ORGS if kind == "op" else _SERIES_ORGS), kind))

    made = 0
    edition = 0
    while made < events:
        name, org, kind = series[edition % len(series)]
        year = FIRST_YEAR + (edition // len(series)) % (LAST_YEAR - FIRST_YEAR + 1)
        lap = edition // (len(series) * (LAST_YEAR - FIRST_YEAR + 1))
        edition += 1
        slug = "-".join(name.lower().split())
        ev_name = f"{name}-{year}" + (f"-{lap + 1}" if lap else "")
        eid = f"{slug}-{year}" + (f"-{lap + 1}" if lap else "")
        month, day = rnd.randint(1, 12), rnd.randint(1, 18)
        start = dt.date(year, month, day)
        end = start + dt.timedelta(days=rnd.randint(0, 9))
        pub = end + dt.timedelta(days=rnd.randint(0, 5))
        doc_id = f"{org.lower()}-{pub.isoformat()}-{eid}"
        doc = w.new_doc(doc_id)
        etype = "Operation" if kind == "op" else kind
        doc.say(f"{org_names[org]}: {ev_name}.")
        e_ev = doc.say(
            f"From {start:%d %B %Y} to {end:%d %B %Y} the {org_names[org]} held "
            f"{'the operation' if kind == 'op' else 'the ' + kind.lower()} {ev_name}.",
            f"{eid}-ev",
        )
        # participants: the organiser, member states of its organisation, outsiders
        mem = members(org, start)
        n = rnd.randint(3, 15)
        n_states = min(len(mem), max(1, n - 3))
        states = rnd.sample(mem, n_states) if mem else []
        host = states[0] if states else None
        observers_pool = [s for s in _OUTSIDE_STATES if s not in mem]
        outsiders = rnd.sample(observers_pool, min(len(observers_pool), max(0, n - 1 - n_states)))
        parts: list[tuple[str, str, str]] = [
            (org, "coordinator" if kind == "op" else "organiser", e_ev or "")
        ]
        if states:
            names = ", ".join(state_names[s] for s in states)
            sp = doc.say(f"Units of {names} took part.", f"{eid}-states")
            parts += [(s, "participant", sp or "") for s in states[1:]]
            hp = doc.say(f"{state_names[host]} {_ROLE_WORDS['host']}.", f"{eid}-host")
            parts.append((host, "host", hp or ""))
        for j, s in enumerate(outsiders):
            role = "observer" if j % 2 == 0 else "participant"
            sp = doc.say(f"{state_names[s]} {_ROLE_WORDS[role]}.", f"{eid}-x{j}")
            parts.append((s, role, sp or ""))
        if rnd.random() < 0.3:
            obs = rnd.choice(_OBSERVERS)
            sp = doc.say(f"The {org_names[obs]} attended as an observer.", f"{eid}-obs")
            parts.append((obs, "observer", sp or ""))
        # a lead official: a person introduced with a post the first time they appear
        if kind == "Meeting" or rnd.random() < 0.2:
            if persons_known and rnd.random() < 0.6:
                pid = rnd.choice(persons_known)
                sp = doc.say(f"{pid.replace('-', ' ').title()} led the event.", f"{eid}-lead")
            else:
                pid = f"official-{len(persons_known) + 1}"
                pname = f"Official {len(persons_known) + 1}"
                sp = doc.say(f"{pname}, Deputy Secretary General of the {org_names[org]}, "
                             "led the event.", f"{eid}-lead")  # fmt: skip
                w.persons.append(
                    f"- {{id: {pid}, name: {_q(pname)}, posts: [{{title: Deputy Secretary General"
                    f", of: {org}, as_of: '{start.isoformat()}', evidence: {sp}}}]}}"
                )
                persons_known.append(pid)
                w.stats.persons += 1
            parts.append((pid, "lead", sp or ""))
        ev_lines = [
            f"- id: {eid}",
            f"  name: {_q(ev_name)}",
            f"  aliases: [{_q(ev_name.replace('-', ' '))}]",
            f"  type: {etype}",
            f"  start: '{start.isoformat()}'",
            f"  end: '{end.isoformat()}'",
            "  status: held",
        ]
        if host:
            ev_lines.append(f"  country: {host}")
        ev_lines.append("  participants:")
        ev_lines += [f"  - {{actor: {a}, role: {r}, evidence: {e}}}" for a, r, e in parts]
        # seizures: an operation's report (total, breakdown, a national share, cumulative)
        seizures: list[str] = []
        if kind == "op":
            total = 0
            for sub in rnd.sample(_SUBSTANCES, rnd.randint(1, 4)):
                kgs = rnd.randint(1, 5000)
                total += kgs
                aw = _as_written(kgs, "exact")
                sp = doc.say(f"{aw} of {sub.replace('_', ' ')} were seized.", f"{eid}-{sub}")
                seizures.append(
                    f"  - {{substance: {sub}, kg: {kgs}, as_written: {_q(aw)}, "
                    f"scope: breakdown, evidence: {sp}}}"
                )
            comp = rnd.choice(["exact", "at_least", "about"])
            aw = _as_written(total, comp)
            sp = doc.say(f"In total {aw} of drugs were seized.", f"{eid}-total")
            seizures.append(
                f"  - {{substance: total, kg: {total}, as_written: {_q(aw)}, comparator: {comp}, "
                f"scope: total, evidence: {sp}}}"
            )
            if host:
                kgs = max(1, total // 3)
                aw = _as_written(kgs, "about")
                sp = doc.say(
                    f"The law enforcement agencies of {state_names[host]} seized {aw}.",
                    f"{eid}-nat",
                )
                seizures.append(
                    f"  - {{substance: total, kg: {kgs}, as_written: {_q(aw)}, comparator: about, "
                    f"scope: national, state: {host}, evidence: {sp}}}"
                )
            if year > FIRST_YEAR and rnd.random() < 0.3:
                kgs = total * (year - FIRST_YEAR + 1)
                aw = _as_written(kgs, "at_least")
                sp = doc.say(f"Since {FIRST_YEAR}, {aw} have been seized.", f"{eid}-cum")
                seizures.append(
                    f"  - {{substance: total, kg: {kgs}, as_written: {_q(aw)}, "
                    f"comparator: at_least, scope: cumulative, since: {FIRST_YEAR}, "
                    f"evidence: {sp}}}"
                )
        if seizures:
            ev_lines.append("  seizures:")
            ev_lines += seizures
        ev_lines.append(f"  evidence: {e_ev}")
        w.events += ev_lines
        made += 1
        w.count += 1
        # an operation's stages: sub-events of the edition, each with its own participants
        if kind == "op":
            for k in range(rnd.randint(1, 3)):
                if made >= events:
                    break
                sid = f"{eid}-stage-{k + 1}"
                s_start = start + dt.timedelta(days=k * 3)
                sp = doc.say(f"Stage {k + 1} of {ev_name} began on {s_start:%d %B %Y}.", sid)
                lines = [
                    f"- id: {sid}",
                    f"  name: {_q(f'{ev_name} stage {k + 1}')}",
                    "  type: OperationStage",
                    f"  part_of: {eid}",
                    f"  start: '{s_start.isoformat()}'",
                    "  status: held",
                    "  participants:",
                ]
                stage_states = states[: rnd.randint(1, max(1, len(states)))] if states else []
                lines += [f"  - {{actor: {s}, role: participant, evidence: {sp}}}"
                          for s in stage_states]  # fmt: skip
                lines.append(f"  - {{actor: {org}, role: coordinator, evidence: {sp}}}")
                lines.append(f"  evidence: {sp}")
                w.events += lines
                made += 1
                w.count += 1
        w.add_doc(doc, f"{ev_name}: {org_names[org]} press release", pub.isoformat())
        if w.count >= per_file:
            w.flush()
    w.flush()
    w.stats.events = made
    return w.stats


__all__ = ["SynthStats", "synthesise"]

"""Score the extractor against gold facts: precision/recall/F1 and accuracies per field.

Gold layout (tests/devset/README.md): ``GOLD_DIR/NNN.json`` (documents + events in the
extraction contract) beside ``TEXT_DIR/NNN.txt``. Scores are micro-averaged over all files.

* **events** (P/R/F1): gold and predicted events of a file are matched one to one. Named events
  (editions, stages, series, "<Ordinal> stage of X-YYYY") match by normalised name; unnamed ones
  (meetings, courses, signings) by type + start date + overlapping organisations.
* **states**, **organisations** (P/R/F1): the set of (file, actor) taking part in any event of
  the file, in any role; **seizures** (P/R/F1): (file, substance, kg, scope, state).
* **roles** (accuracy): actors (states and organisations) of matched events present on both
  sides with the same role; **types**, **dates** (start and end equal) and **places** (place and
  country equal, when gold gives either) over matched events; **qualifiers** over matched
  seizures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from kg.errors import KGError


class EvaluateError(KGError):
    """A gold folder or file that cannot be read."""


_NAMED = re.compile(
    r"^(?:(?:first|second|third|fourth|fifth|final) stage of )?[a-z][a-z ]*(?: \d{4})?$"
)


def norm_name(name: str) -> str:
    """Lower case; dashes, hyphens and spaces are one separator ("Channel – Trap-2021")."""
    s = re.sub(r"[^a-z0-9]+", " ", name.lower())
    return " ".join(s.split())


def is_named(ev: dict[str, Any]) -> bool:
    """Editions, stages and series have canonical names; meetings and courses do not."""
    if ev.get("type") in ("Meeting", "Other", "Agreement"):
        return False
    n = norm_name(ev.get("name") or "")
    return (
        bool(_NAMED.match(n))
        and len(n.split()) <= 6
        and (bool(re.search(r"\d{4}$", n)) or len(n.split()) <= 2)
    )


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Acc:
    ok: int = 0
    n: int = 0

    def value(self) -> float:
        return self.ok / self.n if self.n else 1.0


@dataclass
class Scores:
    files: int = 0
    prf: dict[str, Counts] = field(
        default_factory=lambda: {
            k: Counts() for k in ("events", "states", "organisations", "seizures")
        }
    )
    acc: dict[str, Acc] = field(
        default_factory=lambda: {
            k: Acc() for k in ("roles", "types", "dates", "places", "qualifiers")
        }
    )
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"files": self.files}
        for k, c in self.prf.items():
            p, r, f = c.prf()
            out[k] = {
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(f, 4),
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
            }
        for k, a in self.acc.items():
            out[k] = {"accuracy": round(a.value(), 4), "correct": a.ok, "total": a.n}
        return out

    def table(self) -> str:
        lines = [f"{'field':<15}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for k, c in self.prf.items():
            p, r, f = c.prf()
            lines.append(f"{k:<15}{p:>8.3f}{r:>8.3f}{f:>8.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}")
        lines.append(f"{'field':<15}{'accuracy':>8}{'correct':>10}{'total':>8}")
        for k, a in self.acc.items():
            lines.append(f"{k:<15}{a.value():>8.3f}{a.ok:>10}{a.n:>8}")
        lines.append(f"files: {self.files}")
        return "\n".join(lines) + "\n"


def _orgs(ev: dict[str, Any]) -> set[str]:
    return {p["actor"] for p in ev.get("participants", []) if p.get("kind") == "organisation"}


def match_events(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """One-to-one matching: named by normalised name, unnamed by type + date + organisations."""
    pairs = []
    used: set[int] = set()
    for g in gold:
        if is_named(g):
            for i, p in enumerate(pred):
                if i not in used and norm_name(p["name"]) == norm_name(g["name"]):
                    pairs.append((g, p))
                    used.add(i)
                    break
    matched_gold = {id(g) for g, _ in pairs}
    for g in gold:
        if id(g) in matched_gold or is_named(g):
            continue
        best, best_score = None, 0.0
        for i, p in enumerate(pred):
            if i in used or p.get("type") != g.get("type"):
                continue
            if (g.get("start") or None) != (p.get("start") or None):
                continue
            go, po = _orgs(g), _orgs(p)
            score = 1.0 + (len(go & po) / len(go | po) if go | po else 1.0)
            if go and po and not go & po:
                continue
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            pairs.append((g, pred[best]))
            used.add(best)
    return pairs


def _place_key(value: str | None, resolve: Callable[[str], str]) -> str | None:
    return resolve(value) if value else None


def _seizure_keys(events: list[dict[str, Any]]) -> dict[tuple[Any, ...], str]:
    out = {}
    for ev in events:
        for s in ev.get("seizures", []):
            kg = Decimal(str(s["kg"])).quantize(Decimal("0.001"))
            out[(s["substance"], kg, s.get("scope"), s.get("state"))] = s.get("qualifier", "exact")
    return out


def _actors(events: list[dict[str, Any]], kind: str) -> set[str]:
    return {
        p["actor"] for ev in events for p in ev.get("participants", []) if p.get("kind") == kind
    }


def score_file(
    sc: Scores, gold: dict[str, Any], pred: dict[str, Any], resolve_place: Callable[[str], str]
) -> None:
    ge, pe = gold.get("events", []), pred.get("events", [])
    pairs = match_events(ge, pe)
    c = sc.prf["events"]
    c.tp += len(pairs)
    c.fp += len(pe) - len(pairs)
    c.fn += len(ge) - len(pairs)
    for key, kind in (("states", "state"), ("organisations", "organisation")):
        g, p = _actors(ge, kind), _actors(pe, kind)
        sc.prf[key].tp += len(g & p)
        sc.prf[key].fp += len(p - g)
        sc.prf[key].fn += len(g - p)
    gs, ps = _seizure_keys(ge), _seizure_keys(pe)
    both = gs.keys() & ps.keys()
    sc.prf["seizures"].tp += len(both)
    sc.prf["seizures"].fp += len(ps.keys() - gs.keys())
    sc.prf["seizures"].fn += len(gs.keys() - ps.keys())
    for k in both:
        sc.acc["qualifiers"].n += 1
        sc.acc["qualifiers"].ok += gs[k] == ps[k]
    for g, p in pairs:
        sc.acc["types"].n += 1
        sc.acc["types"].ok += g.get("type") == p.get("type")
        sc.acc["dates"].n += 1
        sc.acc["dates"].ok += (g.get("start"), g.get("end")) == (p.get("start"), p.get("end"))
        if g.get("place") or g.get("country"):
            sc.acc["places"].n += 1
            sc.acc["places"].ok += _place_key(g.get("place"), resolve_place) == _place_key(
                p.get("place"), resolve_place
            ) and g.get("country") == p.get("country")
        groles = {
            x["actor"]: x["role"]
            for x in g.get("participants", [])
            if x.get("kind") in ("state", "organisation")
        }
        proles = {
            x["actor"]: x["role"]
            for x in p.get("participants", [])
            if x.get("kind") in ("state", "organisation")
        }
        for a in groles.keys() & proles.keys():
            sc.acc["roles"].n += 1
            sc.acc["roles"].ok += groles[a] == proles[a]


def _place_resolver() -> Callable[[str], str]:
    from kg.gazetteer import default_gazetteer

    fb, gaz = default_gazetteer()

    def resolve(value: str) -> str:
        ms = [m for m in gaz.find(value) if m.kind == "place"]
        if ms and ms[0].start == 0:
            return ms[0].id
        return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")

    return resolve


def evaluate(
    gold_dir: Path, text_dir: Path, extract: Callable[[str, str], dict[str, Any]] | None = None
) -> Scores:
    """Extract every ``TEXT_DIR/<stem>.txt`` for each ``GOLD_DIR/<stem>.json`` and score it."""
    from kg.extract import extract_text, read_text_file

    gold_dir, text_dir = Path(gold_dir), Path(text_dir)
    if not gold_dir.is_dir():
        raise EvaluateError(f"{gold_dir}: gold folder not found")
    if not text_dir.is_dir():
        raise EvaluateError(f"{text_dir}: text folder not found")
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        raise EvaluateError(f"{gold_dir}: no gold *.json files")
    resolve = _place_resolver()
    sc = Scores()
    for gf in golds:
        try:
            gold = json.loads(gf.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise EvaluateError(f"{gf}: cannot read gold JSON ({e})") from None
        tf = text_dir / f"{gf.stem}.txt"
        if not tf.is_file():
            sc.errors.append(f"{tf}: text not found; file skipped")
            continue
        text = read_text_file(str(tf))
        if extract is not None:
            pred = extract(text, gf.stem)
        else:
            pred = extract_text(text, source_name=gf.stem).to_json()
        sc.files += 1
        score_file(sc, gold, pred, resolve)
    return sc


def format_scores(sc: Scores, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(sc.as_dict(), indent=1) + "\n"
    return sc.table()

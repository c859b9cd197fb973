"""Extracted facts -> curated-facts YAML, and ``kg ingest``: extract, store, merge, rebuild.

``facts_yaml(ex, file_name)`` writes an ``Extraction`` in the seeds/facts format (documents
with file/start/end/sha256, evidence spans as offsets + SHA-256 of the span, never quotes;
persons, new places, events with participants, seizures and evidence), loadable with
``kg.seeds.load_seeds(..., extra_facts=[dir])``. Offsets index the text as read by
``kg.extract.read_text_file`` (UTF-8, BOM dropped, newlines normalised to ``\\n``), which is the
copy ``ingest`` keeps under ``<out>/ingested/texts/``.

``ingest(files, seeds, out)`` stores each file's facts under
``<out>/ingested/<sha256-prefix>.yaml`` (content-addressed: re-ingesting the same text changes
nothing) and rebuilds the graph with ``kg.pipeline.build(..., extra_facts=[ingested])``; the
same event reported by two documents merges into one (``kg.seeds.merge_events``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.extract import Extraction, extract_text, read_text_file
from kg.seeds import sha256_text

SHA_PREFIX = 16


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") or "x"


def _span(doc_of: Callable[[int], dict[str, Any]], text: str, sp: dict[str, Any]) -> dict[str, Any]:
    s, e = sp["start"], sp["end"]
    return {"doc": doc_of(s)["id"], "start": s, "end": e, "sha256": sha256_text(text[s:e])}


def facts_dict(ex: Extraction, file_name: str) -> dict[str, Any]:
    """The extraction as a seeds/facts mapping citing ``file_name`` (see module docstring)."""
    from kg.gazetteer import default_gazetteer

    fb = default_gazetteer()[0]
    text = ex.text
    docs = ex.documents

    def doc_of(pos: int) -> dict[str, Any]:
        for d in docs:
            if d["start"] <= pos < d["end"]:
                return d
        return docs[0]

    out: dict[str, Any] = {"documents": []}
    for d in docs:
        rec: dict[str, Any] = {
            "id": d["id"],
            "file": file_name,
            "start": d["start"],
            "end": d["end"],
            "sha256": d["sha256"],
        }
        if d.get("title"):
            rec["title"] = d["title"]
        if d.get("published"):
            rec["published"] = d["published"]
        out["documents"].append(rec)
    persons = []
    for p in ex.persons:
        posts = []
        for post in p["posts"]:
            rec = {"title": post["title"]}
            if post.get("of"):
                rec["of"] = post["of"]
            if post.get("as_of"):
                rec["as_of"] = post["as_of"]
            rec["evidence"] = [_span(doc_of, text, sp) for sp in post["evidence"]]
            posts.append(rec)
        persons.append({"id": p["id"], "name": p["name"], "posts": posts})
    if persons:
        out["persons"] = persons
    places: dict[str, dict[str, Any]] = {}
    events = []
    for ev in ex.events:
        rec = {"id": ev["id"], "name": ev["name"], "type": ev["type"]}
        if ev.get("part_of"):
            rec["part_of"] = ev["part_of"]
        if ev.get("start"):
            rec["start"] = ev["start"]
        if ev.get("end"):
            rec["end"] = ev["end"]
        if ev.get("place"):
            pid = ev.get("place_id") or _slug(ev["place"])
            if pid not in fb.places and pid not in places:
                pl = {"id": pid, "name": ev["place"]}
                if ev.get("country"):
                    pl["country"] = ev["country"]
                if ev["place"].endswith("training ground"):
                    pl["kind"] = "training-ground"
                places[pid] = pl
            rec["place"] = pid
        if ev.get("country"):
            rec["country"] = ev["country"]
        parts = []
        for p in ev["participants"]:
            parts.append(
                {
                    "actor": p["actor"],
                    "role": p["role"],
                    "evidence": [_span(doc_of, text, sp) for sp in p["evidence"]],
                }
            )
        if parts:
            rec["participants"] = parts
        seizures = []
        for z in ev["seizures"]:
            zr: dict[str, Any] = {
                "substance": z["substance"],
                "kg": z["kg"],
                "as_written": z["as_written"],
                "comparator": z["qualifier"],
                "scope": z["scope"],
            }
            if z.get("state"):
                zr["state"] = z["state"]
            if z.get("since"):
                zr["since"] = z["since"]
            zr["evidence"] = [_span(doc_of, text, sp) for sp in z["evidence"]]
            seizures.append(zr)
        if seizures:
            rec["seizures"] = seizures
        rec["evidence"] = [_span(doc_of, text, sp) for sp in ev["evidence"]]
        events.append(rec)
    if places:
        out["places"] = list(places.values())
    out["events"] = events
    return out


def facts_yaml(ex: Extraction, file_name: str) -> str:
    """``facts_dict`` as YAML text with a header comment (deterministic, no timestamps)."""
    head = (
        f"# Facts extracted by `kg extract` from {file_name} (rule-based; review before use).\n"
        "# Evidence cites the text by character offsets and the SHA-256 of each span.\n"
    )
    body = yaml.safe_dump(facts_dict(ex, file_name), sort_keys=False, allow_unicode=True, width=100)
    return head + body


# --------------------------------------------------------------------------- ingest


@dataclass
class IngestResult:
    added: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    build: Any = None


def content_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:SHA_PREFIX]


def ingest(
    files: Iterable[Path],
    seeds: Path,
    out: Path,
    *,
    sources: Iterable[Path] = (),
    progress: Callable[[Path], None] | None = None,
    warn: Callable[[str], None] | None = None,
    rebuild: bool = True,
) -> IngestResult:
    """Extract each file into ``<out>/ingested/<key>.yaml`` (+ its text copy) and rebuild."""
    from kg.export import atomic_write_bytes
    from kg.pipeline import build

    out = Path(out)
    ingested = out / "ingested"
    texts = ingested / "texts"
    res = IngestResult()
    for f in files:
        f = Path(f)
        text = read_text_file(str(f))
        key = content_key(text)
        yaml_path = ingested / f"{key}.yaml"
        text_path = texts / f"{key}.txt"
        if yaml_path.is_file() and text_path.is_file():
            res.unchanged.append(f)
        else:
            ex = extract_text(text, source_name=f"doc-{key}")
            data = facts_yaml(ex, text_path.name).encode("utf-8")
            atomic_write_bytes(text_path, text.encode("utf-8"))
            atomic_write_bytes(yaml_path, data)
            res.added.append(f)
        if progress:
            progress(f)
    if rebuild:
        res.build = build(seeds, [texts, *sources], out, extra_facts=[ingested], warn=warn)
    return res

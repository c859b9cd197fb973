"""Find states, organisations and places of the gazetteer in text (token trie, longest match).

Names are matched as sequences of alphanumeric tokens, case-insensitively except for short
all-capital aliases ("US", "UN", "RF", "EU"), which must be written in capitals; the first token
of a match must start with a capital letter. The longest match wins ("Drug Control Agency of
Tajikistan" over "Tajikistan", "CSTO Secretariat" over "CSTO").

Surface forms come from ``kg.seeds.load_seeds``: pycountry names (name, official and common
name), the states.yaml overlay (aliases, demonyms, agencies), organisations with aliases (and,
for a body of an organisation, its aliases with the parent written in each of the parent's
forms: "Secretariat of the CSTO" -> "Secretariat of the ODKB"), and places with aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg import facts as F

_TOKEN = re.compile(r"[^\W_]+")
# a word that starts with a capital (Latin, Latin-1 or Cyrillic), as a name must
_CAP_TOKEN = re.compile(r"(?<![^\W_])[A-ZÀ-ÖØ-ÞА-ЯЁ][^\W_]*")
_CONNECTORS = {"of", "the", "for", "on", "and", "in", "to", "under", "de", "a"}


@dataclass(frozen=True)
class Entry:
    kind: str  # state | organisation | place
    id: str
    form: str  # name | alias | demonym | agency | id
    exact_case: str | None = None  # the alias as written, when case matters


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entry: Entry
    # the entry's kind and id, copied once (they are read very often)
    kind: str = field(init=False, repr=False, compare=False)
    id: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", self.entry.kind)
        object.__setattr__(self, "id", self.entry.id)


_SPELLINGS = (
    ("Centre", "Center"),
    ("Organization", "Organisation"),
    ("Programme", "Program"),
    ("Anti-Terrorism", "Antiterrorist"),
    ("Anti-Terrorism", "Anti-Terrorist"),
)


def pf_free(form: str, parent: F.Organisation) -> bool:
    """A short body name that does not name its parent ("RATS", "Joint Staff")."""
    return not any(p in form for p in (parent.id, parent.name, *parent.aliases)) and (
        1 <= len(_key(form)) <= 4
    )


def _variants(forms: set[str], org: F.Organisation, fb: F.FactBase) -> set[str]:
    """British/American spellings, "X of the Y" -> "X of Y", and a body's name without its
    parent's prefix when what is left is still specific (three words or more)."""
    out = set()
    for f in forms:
        cands = {f}
        for a, b in _SPELLINGS:
            for c in list(cands):
                cands.add(c.replace(a, b))
                cands.add(c.replace(b, a))
        for c in list(cands):
            cands.add(c.replace(" of the ", " of "))
        if org.parent and org.parent in fb.organisations:
            parent = fb.organisations[org.parent]
            for c in list(cands):
                for pf in (parent.id, parent.name):
                    if c.startswith(pf + " ") and len(_key(c[len(pf) + 1 :])) >= 3:
                        cands.add(c[len(pf) + 1 :])
                # "CSTO Coordination Council of ...": the parent's id written before the name
                if not c.startswith(parent.id) and len(_key(c)) >= 2 and not c.isupper():
                    cands.add(f"{parent.id} {c}")
                # "RATS of SCO", "Secretariat of the CSTO"
                if pf_free(c, parent):
                    for pf in (parent.id, parent.name, *parent.aliases):
                        cands.add(f"{c} of {pf}")
                        cands.add(f"{c} of the {pf}")
        out |= cands
    return out


def _key(s: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in _TOKEN.findall(s))


class Gazetteer:
    """A token trie over every surface form of the gazetteer."""

    def __init__(self, fb: F.FactBase):
        self.fb = fb
        self.trie: dict = {}
        for st in fb.states.values():
            for n in (st.name, st.official_name, *st.aliases):
                if n:
                    self._add(n, Entry("state", st.iso3, "name"))
            for n in st.demonyms:
                self._add(n, Entry("state", st.iso3, "demonym"))
            for n in st.agencies:
                self._add(n, Entry("state", st.iso3, "agency"))
        for org in fb.organisations.values():
            forms = {org.name, org.id, *org.aliases}
            if org.parent and org.parent in fb.organisations:
                parent = fb.organisations[org.parent]
                pforms = {parent.id, parent.name, *parent.aliases}
                for f in list(forms):
                    for pf in pforms:
                        if pf in f:
                            for other in pforms:
                                forms.add(f.replace(pf, other))
            forms |= _variants(forms, org, fb)
            for n in forms:
                if org.kind == "programme":
                    self._add(n, Entry("organisation", org.id, "programme"))
                else:
                    self._add(n, Entry("organisation", org.id, "name"))
        for pl in fb.places.values():
            for n in (pl.name, *pl.aliases):
                self._add(n, Entry("place", pl.id, "name"))

    def _add(self, surface: str, entry: Entry) -> None:
        key = _key(surface)
        if not key:
            return
        if len(surface) <= 4 and surface.isupper():
            entry = Entry(entry.kind, entry.id, entry.form, surface)
        node = self.trie
        for tok in key:
            node = node.setdefault(tok, {})
        node.setdefault("", [])
        if entry not in node[""]:
            # an exact name beats an alias of another entry with the same key: keep the first
            node[""].append(entry)

    def find(self, text: str) -> list[Mention]:
        """Longest, leftmost, non-overlapping mentions in ``text``."""
        # only capitalised words can start a name: find them with one regex pass and walk the
        # trie from each through the words that follow it
        out: list[Mention] = []
        trie = self.trie
        pos = 0
        for cm in _CAP_TOKEN.finditer(text):
            s = cm.start()
            if s < pos:
                continue
            node = trie.get(cm.group(0).lower())
            cur = cm
            best: tuple[int, Entry] | None = None
            while node is not None:
                entries = node.get("")
                if entries:
                    for ent in entries:
                        if ent.exact_case is None or text[s : cur.end()] == ent.exact_case:
                            best = (cur.end(), ent)
                            break
                nxt = _TOKEN.search(text, cur.end())
                if nxt is None:
                    break
                # tokens must be adjacent (only spaces/hyphens/apostrophes/dots between)
                gap = text[cur.end() : nxt.start()]
                if len(gap) > 3 or any(c in gap for c in ',;:()\n«»"“”'):
                    break
                node = node.get(nxt.group(0).lower())
                cur = nxt
            if best is not None:
                out.append(Mention(s, best[0], best[1]))
                pos = best[0]
        return out


@lru_cache(maxsize=4)
def _cached(seeds: str) -> tuple[F.FactBase, Gazetteer]:
    from kg.seeds import load_seeds

    fb = load_seeds(Path(seeds), warn=lambda _m: None)
    return fb, Gazetteer(fb)


def default_gazetteer(seeds: Path | None = None) -> tuple[F.FactBase, Gazetteer]:
    """The FactBase and Gazetteer of ``seeds`` (default: the project's seeds), cached."""
    from kg import paths

    return _cached(str(Path(seeds) if seeds else paths.seeds_dir()))

"""The store backend hands results over as Oxigraph terms (converted to rdflib terms only
when ``rows`` is read): every named query gives the same rows and the same output in every
format either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.query import Results, StoreBackend, list_queries, run_named
from kg.results import FORMATS, format_results
from kg.store import load

PARAMS = {
    "event": "Channel-2018",
    "state": "KGZ",
    "organisation": "CSTO",
    "date": "2018-05-28",
    "year": "2018",
    "actor": "KAZ",
    "substance": "heroin",
    "person": "Almazbek Orazaliev",
}


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_native_and_rdflib_rows_agree(seed_out: Path, query) -> None:  # type: ignore[no-untyped-def]
    backend = StoreBackend(load(seed_out / "store"))
    params = {p.name: PARAMS[p.kind] for p in query.params.values() if p.required}
    res = run_named(backend, query, params)
    assert res.native is not None and res.unconverted  # nothing converted yet
    native_out = {f: format_results(res, f) for f in FORMATS}
    converted = Results(res.vars, res.rows)  # the same rows as rdflib terms
    assert len(converted) == len(res)
    for f in FORMATS:
        assert format_results(converted, f) == native_out[f], f
    if query.name == "participants":
        assert len(res) >= 15

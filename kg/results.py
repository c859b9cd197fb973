"""Format SELECT results: an aligned text table, or the W3C SPARQL 1.1 results formats
(JSON: https://www.w3.org/TR/sparql11-results-json/, CSV and TSV:
https://www.w3.org/TR/sparql11-results-csv-tsv/)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.query import Results

FORMATS = ("table", "csv", "tsv", "json")


_NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.double)}


def _parts(term: Any) -> tuple[str, str, str | None, str | None]:
    """(kind, value, datatype, language) of an rdflib or a pyoxigraph term; kind is uri,
    bnode or literal (the W3C JSON results names)."""
    if isinstance(term, URIRef):
        return "uri", str(term), None, None
    if isinstance(term, BNode):
        return "bnode", str(term), None, None
    if isinstance(term, Literal):
        dt = str(term.datatype) if term.datatype else str(XSD.string)
        return "literal", str(term), None if term.language else dt, term.language
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return "uri", term.value, None, None
    if isinstance(term, ox.BlankNode):
        return "bnode", term.value, None, None
    if isinstance(term, ox.Literal):
        return "literal", term.value, None if term.language else term.datatype.value, term.language
    return "literal", str(term), str(XSD.string), None


def _plain(term: Any) -> str:
    return "" if term is None else _parts(term)[1]


def _json_term(term: Any) -> dict[str, str]:
    kind, value, dt, lang = _parts(term)
    out = {"type": kind, "value": value}
    if lang:
        out["xml:lang"] = lang
    elif dt and dt != str(XSD.string):
        out["datatype"] = dt
    return out


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    from kg.export import nt_term

    kind, value, dt, lang = _parts(term)
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    if dt in _NUMERIC:
        return value
    return nt_term(Literal(value, lang=lang) if lang else Literal(value, datatype=dt))


def format_results(res: Results, fmt: str) -> str:
    rows = res.cells()
    if fmt == "json":
        doc = {
            "head": {"vars": res.vars},
            "results": {
                "bindings": [
                    {v: _json_term(t) for v, t in zip(res.vars, row, strict=True) if t is not None}
                    for row in rows
                ]
            },
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(res.vars)
        for row in rows:
            w.writerow([_plain(t) for t in row])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in res.vars)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        cells = [[_plain(t) for t in row] for row in rows]
        widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(res.vars)]
        out = [
            "  ".join(v.ljust(w) for v, w in zip(res.vars, widths, strict=True)).rstrip(),
            "  ".join("-" * w for w in widths),
        ]
        out += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells
        ]
        out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
        return "\n".join(out) + "\n"
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")

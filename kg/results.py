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


def _plain(term: Any) -> str:
    return "" if term is None else str(term)


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
    return out


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef | BNode | Literal):
        if isinstance(term, Literal) and term.datatype in (XSD.integer, XSD.decimal, XSD.double):
            return str(term)
        return term.n3()
    return str(term)


def format_results(res: Results, fmt: str) -> str:
    if fmt == "json":
        doc = {
            "head": {"vars": res.vars},
            "results": {
                "bindings": [
                    {v: _json_term(row[v]) for v in res.vars if row.get(v) is not None}
                    for row in res.rows
                ]
            },
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(res.vars)
        for row in res.rows:
            w.writerow([_plain(row.get(v)) for v in res.vars])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in res.vars)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in res.vars) for row in res.rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        cells = [[_plain(row.get(v)) for v in res.vars] for row in res.rows]
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

"""Remote SPARQL 1.1 servers: queries over the Protocol, pushes over the Graph Store Protocol.

* Queries (https://www.w3.org/TR/sparql11-protocol/): ``POST`` of ``query=...`` (form encoded),
  ``Accept: application/sparql-results+json``. The Protocol has no parameter for variable
  bindings, so a named query's parameters travel as ``VALUES`` blocks inserted as the first
  element of the outermost group and of every nested group that mentions the variable
  (``WHERE { VALUES ?event { <...> } ...``; not into sub-select wrappers or VALUES data):
  the meaning of rdflib's ``initBindings`` and Oxigraph's substitutions (the variable is bound
  wherever it is used, before OPTIONAL, UNION branches, FILTER and GROUP BY see it). The
  values are serialised as N-Triples terms by Oxigraph (IRIs are validated, literals
  escaped), variable names are checked against the SPARQL grammar, and the finished query is
  parsed again before it is sent, so a user value can never change the query's structure.
* Results are parsed strictly: servers that cancel a query at their timeout often still answer
  200 with JSON cut off in the middle; that, a wrong content type, HTTP errors and unreachable
  servers are all ``EndpointError`` with the URL and what to do.
* Pushes (https://www.w3.org/TR/sparql11-http-rdf-update/): ``PUT`` of N-Triples per named
  graph (``?graph=IRI``) or to the default graph (``?default``); PUT replaces, so pushing twice
  leaves the same triples. Blank nodes are skolemised to ``/.well-known/genid/`` IRIs (RDF 1.1
  section 3.5). After the push the triples are counted through the query endpoint.

Nothing here talks to anything but the URL the user gives.
"""

from __future__ import annotations

import functools
import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from kg.errors import KGError

SKOLEM_BASE = "https://w3id.org/seccoop/.well-known/genid/"
_VARNAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRIREF_RE = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_JSON = "application/sparql-results+json"


class EndpointError(KGError):
    """A remote server that cannot be reached, refuses, or answers something unusable."""


# --------------------------------------------------------------------------- bindings


def term_ntriples(term: Any) -> str:
    """An rdflib (or pyoxigraph) term as an N-Triples term, validated by Oxigraph."""
    import pyoxigraph as ox

    from kg.store import to_ox

    if not isinstance(term, ox.NamedNode | ox.Literal):
        try:
            term = to_ox(term)
        except ValueError as e:
            raise EndpointError(f"cannot send {term!r} to a server: {e}") from None
        except TypeError as e:
            raise EndpointError(str(e)) from None
    if not isinstance(term, ox.NamedNode | ox.Literal):
        raise EndpointError(f"only IRIs and literals can be bound, not {term!r}")
    return str(term)


_WORD_RE = re.compile(r"[A-Za-z_]\w*")
_VAR_RE = re.compile(r"[?$]([A-Za-z0-9_]\w*)")


@functools.lru_cache(maxsize=256)
def _scan_groups_cached(sparql: str) -> tuple[tuple[int, int, frozenset[str], bool], ...]:
    """``_scan_groups``, remembered per query text (named queries run many times)."""
    return tuple((p, d, frozenset(n), sub) for p, d, n, sub in _scan_groups(sparql))


def _scan_groups(sparql: str) -> list[tuple[int, int, set[str], bool]]:
    """The group patterns of a query, as (index after '{', paren depth, variables inside at
    any depth, starts a sub-select). Comments, strings and IRIs are skipped; VALUES data
    blocks are not groups."""
    groups: list[tuple[int, int, set[str], bool]] = []
    stack: list[tuple[int, int, set[str], bool] | None] = []
    i, n, depth, after_values = 0, len(sparql), 0, False
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            q3 = sparql[i : i + 3]
            if q3 in ('"""', "'''"):
                j = i + 3
                while j < n and sparql[j : j + 3] != q3:
                    j += 2 if sparql[j] == "\\" else 1
                i = j + 3
            else:
                j = i + 1
                while j < n and sparql[j] != c:
                    j += 2 if sparql[j] == "\\" else 1
                i = j + 1
            continue
        if c == "<":
            m = _IRIREF_RE.match(sparql, i)
            if m:
                i = m.end()
                continue
        if c in "?$":
            m = _VAR_RE.match(sparql, i)
            if m:
                for g in stack:
                    if g is not None:
                        g[2].add(m.group(1))
                i = m.end()
                continue
        if c.isalpha() and (i == 0 or not (sparql[i - 1].isalnum() or sparql[i - 1] in ":_")):
            m = _WORD_RE.match(sparql, i)
            assert m
            if m.group(0).upper() == "VALUES":
                after_values = True
            i = m.end()
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "{":
            if after_values:  # a VALUES data block, not a group
                stack.append(None)
                after_values = False
            else:
                rest = sparql[i + 1 :].lstrip()
                sub = rest[:6].upper() == "SELECT"
                g = (i + 1, depth, set(), sub)
                groups.append(g)
                stack.append(g)
        elif c == "}":
            if stack:
                stack.pop()
        i += 1
    return groups


def inject_values(sparql: str, bindings: dict[str, Any], *, check: bool = True) -> str:
    """``sparql`` with each variable bound by a ``VALUES`` block placed first in every group
    that mentions it (and in the outermost group), the meaning of rdflib's ``initBindings``.
    Values are serialised as validated N-Triples terms; the result is re-parsed (``check``;
    a caller about to run it on Oxigraph, which parses it anyway, may skip that)."""
    if not bindings:
        return sparql
    blocks = {}
    for name, term in bindings.items():
        if not _VARNAME_RE.match(name):
            raise EndpointError(f"invalid variable name {name!r}")
        blocks[name] = f"VALUES ?{name} {{ {term_ntriples(term)} }}"
    groups = _scan_groups_cached(sparql)
    outer = next((g for g in groups if g[1] == 0), None)
    if outer is None:
        raise EndpointError("cannot bind parameters: the query has no WHERE group")
    inserts: dict[int, list[str]] = {}
    for pos, _depth, names, sub in groups:
        if sub:
            continue
        for name, block in blocks.items():
            if name in names or pos == outer[0]:
                inserts.setdefault(pos, []).append(block)
    text = sparql
    for pos in sorted(inserts, reverse=True):
        text = text[:pos] + " " + " ".join(inserts[pos]) + " " + text[pos:]
    if check:
        _check_parses(text)
    return text


def _check_parses(text: str) -> None:
    import pyoxigraph as ox

    try:
        ox.Store().query(text)
    except SyntaxError as e:
        raise EndpointError(f"the query with its parameters does not parse: {e}") from None


# --------------------------------------------------------------------------- HTTP


def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"endpoint {url!r} is not an http(s) URL")
    return url


def _request(
    url: str,
    *,
    method: str = "GET",
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) only
            try:
                body = resp.read()
            except (http.client.IncompleteRead, ConnectionError) as e:
                raise EndpointError(
                    f"{url}: the server closed the connection mid-answer ({e}); the result "
                    "is truncated (a server-side timeout?)"
                ) from None
            return resp.status, resp.headers.get("Content-Type", ""), body
    except urllib.error.HTTPError as e:
        detail = e.read()[:300].decode("utf-8", "replace").strip()
        raise EndpointError(
            f"{url}: the server refused the request: HTTP {e.code} {e.reason}"
            + (f": {detail}" if detail else "")
        ) from None
    except urllib.error.URLError as e:
        reason = e.reason
        raise EndpointError(
            f"{url}: cannot reach the server ({reason}); is it running and is the URL right?"
        ) from None
    except TimeoutError:
        raise EndpointError(f"{url}: no answer within {timeout:g} s") from None
    except ConnectionError as e:
        raise EndpointError(f"{url}: connection failed ({e})") from None


def _term_from_json(cell: dict[str, Any]) -> Any:
    from rdflib import BNode, Literal, URIRef

    kind, value = cell.get("type"), cell.get("value")
    if not isinstance(value, str):
        raise ValueError("binding without a string value")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in cell:
            return Literal(value, lang=cell["xml:lang"])
        dt = cell.get("datatype")
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            dt = None
        return Literal(value, datatype=URIRef(dt) if dt else None)
    raise ValueError(f"unknown binding type {kind!r}")


def parse_results_json(body: bytes, url: str) -> tuple[list[str], list[dict[str, Any]]]:
    """SPARQL JSON results -> (vars, rows of rdflib terms); truncated or malformed JSON is an
    EndpointError (servers cut results off at their timeout and still answer 200)."""
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise EndpointError(
            f"{url}: truncated or invalid JSON results ({e}; {len(body)} bytes received); "
            "the server may have cancelled the query at its timeout"
        ) from None
    try:
        names = [str(v) for v in doc["head"]["vars"]]
        rows = [
            {n: (_term_from_json(b[n]) if n in b else None) for n in names}
            for b in doc["results"]["bindings"]
        ]
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise EndpointError(f"{url}: not SPARQL JSON results ({e})") from None
    return names, rows


@dataclass
class EndpointBackend:
    """Runs queries on a SPARQL 1.1 Protocol endpoint (``.../query``, ``.../sparql``)."""

    url: str
    timeout: float = 60

    def __post_init__(self) -> None:
        _check_url(self.url)

    def _post(self, sparql: str) -> bytes:
        status, ctype, body = _request(
            self.url,
            method="POST",
            data=urllib.parse.urlencode({"query": sparql}).encode("utf-8"),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": f"{_JSON}, application/json;q=0.9",
            },
            timeout=self.timeout,
        )
        if "json" not in ctype.lower():
            raise EndpointError(
                f"{self.url}: expected SPARQL JSON results, got {ctype or 'no content type'}; "
                "is this the query endpoint?"
            )
        return body

    def run(self, sparql: Any, bindings: dict[str, Any] | None = None) -> Any:
        from kg.query import QueryError, Results

        text = inject_values(str(sparql), bindings or {})
        body = self._post(text)
        names, rows = parse_results_json(body, self.url)
        if not names and b'"boolean"' in body:
            raise QueryError("only SELECT queries are supported")
        return Results(names, rows)

    def select(self, sparql: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.run(sparql, bindings).rows

    def ask_subject(self, iri: Any) -> bool:
        text = inject_values("ASK WHERE { ?s ?p ?o }", {"s": iri})
        body = self._post(text)
        try:
            return bool(json.loads(body)["boolean"])
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise EndpointError(f"{self.url}: truncated or invalid ASK result ({e})") from None

    def count(self, sparql: str) -> int:
        rows = self.select(sparql)
        return int(rows[0]["n"]) if rows else 0


# --------------------------------------------------------------------------- push


@dataclass
class PushResult:
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI ('' = default) -> triples
    counted: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def _skolemise(store: Any) -> Any:
    """A copy of ``store`` with blank nodes replaced by well-known genid IRIs (the same label
    gives the same IRI, so a re-push of the same snapshot is idempotent)."""
    import pyoxigraph as ox

    def sk(t: Any) -> Any:
        return ox.NamedNode(SKOLEM_BASE + t.value) if isinstance(t, ox.BlankNode) else t

    has_bnodes = any(
        isinstance(q.subject, ox.BlankNode)
        or isinstance(q.object, ox.BlankNode)
        or isinstance(q.graph_name, ox.BlankNode)
        for q in store
    )
    if not has_bnodes:
        return store
    out = ox.Store()
    out.extend(ox.Quad(sk(q.subject), q.predicate, sk(q.object), sk(q.graph_name)) for q in store)
    return out


def push(
    store: Any,
    gsp_url: str,
    query_url: str,
    *,
    graph_per_source: bool = False,
    timeout: float = 300,
) -> PushResult:
    """PUT ``store`` (pyoxigraph Store) to a Graph Store Protocol endpoint, then count."""
    import pyoxigraph as ox

    _check_url(gsp_url)
    store = _skolemise(store)
    result = PushResult()
    sep = "&" if "?" in gsp_url else "?"
    uploads: list[tuple[str, str, bytes]] = []
    if graph_per_source:
        for g in sorted(store.named_graphs(), key=lambda n: n.value):
            data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g)
            target = f"{gsp_url}{sep}{urllib.parse.urlencode({'graph': g.value})}"
            uploads.append((g.value, target, data))
        default = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        if default:
            uploads.append(("", f"{gsp_url}{sep}default", default))
    else:
        union = ox.Store()
        union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store)
        uploads.append(
            (
                "",
                f"{gsp_url}{sep}default",
                union.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
            )
        )
    for name, target, data in uploads:
        _request(
            target,
            method="PUT",
            data=data,
            headers={"Content-Type": "application/n-triples"},
            timeout=timeout,
        )
        result.graphs[name] = data.count(b"\n")
    _count_check(result, EndpointBackend(query_url, timeout=timeout))
    return result


_COUNT_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count_check(result: PushResult, backend: EndpointBackend) -> None:
    named = {k: v for k, v in result.graphs.items() if k}
    if named:
        counts = {str(r["g"]): int(r["n"]) for r in backend.select(_COUNT_GRAPHS)}
        for g in named:
            result.counted[g] = counts.get(g, 0)
    if "" in result.graphs:
        result.counted[""] = backend.count(_COUNT_DEFAULT)
    short = [g for g, n in result.graphs.items() if result.counted.get(g, 0) < n]
    if short:
        g = short[0]
        raise EndpointError(
            f"push incomplete: {backend.url} holds {result.counted.get(g, 0)} triples in "
            f"{g or 'the default graph'}, {result.graphs[g]} were sent"
        )
    extra = [g for g, n in result.graphs.items() if result.counted.get(g, 0) > n]
    if extra:
        result.warnings.append(
            f"{len(extra)} graph(s) hold more triples than were pushed (the server's default "
            "graph may be the union of all graphs, or other data shares the graph)"
        )


__all__ = [
    "EndpointBackend",
    "EndpointError",
    "PushResult",
    "inject_values",
    "parse_results_json",
    "push",
    "term_ntriples",
]

"""Named SPARQL queries (queries/*.rq): header parsing, parameter resolution, execution.

Each .rq file starts with a header::

    # name: participants
    # summary: Who took part in an event and in what role.
    # param: ?event event required  the event's name, alias, id or IRI
    # returns: ?kind ?actor ?label ?iso3 ?role ?member_of

Parameter kinds: event, state, organisation, person, actor, date, year, integer, string, iri,
substance, role, event-type. User values are resolved to RDF terms and passed as bindings
(rdflib ``initBindings`` / Oxigraph substitutions), never formatted into the query text.
An event is found by name or alias, case-, space- and dash-insensitively; an unknown one is an
error naming the closest matches.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD

from kg import paths
from kg.errors import KGError
from kg.namespaces import BASE, ID, concept

PARAM_KINDS = (
    "event",
    "state",
    "organisation",
    "person",
    "actor",
    "date",
    "year",
    "integer",
    "string",
    "iri",
    "substance",
    "role",
    "event-type",
)
_HEADER_RE = re.compile(r"^#\s*(name|summary|param|returns|sorted-lists):\s*(.*)$")
LIST_SEPARATOR = "; "
_PARAM_RE = re.compile(r"^\?(\w+)\s+([\w-]+)(?:\s+(required|optional))?\s*(.*)$")


class QueryError(KGError):
    """A query file, parameter or execution problem, worded for the user."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    required: bool
    doc: str


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    summary: str = ""
    params: dict[str, Param] = field(default_factory=dict)
    returns: tuple[str, ...] = ()
    sorted_lists: tuple[str, ...] = ()  # GROUP_CONCAT columns ("; "-joined) sorted after the run

    @cached_property
    def _prepared(self) -> Any:
        from rdflib.plugins.sparql import prepareQuery

        try:
            return prepareQuery(self.text)
        except Exception as e:  # noqa: BLE001 - pyparsing errors carry line/col in str(e)
            raise QueryError(f"{self.path}: invalid SPARQL: {e}") from None

    def prepared(self) -> Any:
        return self._prepared


def load_query(path: Path) -> NamedQuery:
    """Read a .rq file and parse its header; raises QueryError naming file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read query: {e}") from None
    q = NamedQuery(name=Path(path).stem, path=Path(path), text=text)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER_RE.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "name":
            q.name = value
        elif key == "summary":
            q.summary = value
        elif key == "returns":
            q.returns = tuple(v.lstrip("?") for v in value.split())
        elif key == "sorted-lists":
            q.sorted_lists = tuple(v.lstrip("?") for v in value.split())
        elif key == "param":
            pm = _PARAM_RE.match(value)
            if not pm or pm.group(2) not in PARAM_KINDS:
                raise QueryError(
                    f"{path}:{lineno}: bad param line (expected '?name KIND "
                    f"[required|optional] doc', KIND one of {', '.join(PARAM_KINDS)})"
                )
            q.params[pm.group(1)] = Param(
                pm.group(1), pm.group(2), pm.group(3) == "required", pm.group(4)
            )
    return q


def list_queries() -> list[NamedQuery]:
    """The named queries shipped in queries/ (not the checks)."""
    return [load_query(f) for f in sorted(paths.queries_dir().glob("*.rq"))]


def find_query(name_or_file: str) -> NamedQuery:
    """A shipped query by name, or any .rq file by path."""
    p = Path(name_or_file)
    if name_or_file.endswith(".rq"):
        if not p.is_file():
            raise QueryError(f"query file not found: {name_or_file}")
        q = load_query(p)
        refuse_network_access(q)
        return q
    queries = {q.name: q for q in list_queries()}
    if name_or_file not in queries:
        close = difflib.get_close_matches(name_or_file, list(queries), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise QueryError(f"unknown query {name_or_file!r}{hint}; `kg queries` lists them")
    return queries[name_or_file]


def refuse_network_access(query: NamedQuery) -> None:
    """A user's query must not make the engine fetch anything: SERVICE (federation) would have
    rdflib, or a remote server, call another host. Raises QueryError naming the file."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query.text)
    except Exception as e:  # noqa: BLE001 - pyparsing errors carry line/col in str(e)
        raise QueryError(f"{query.path}: invalid SPARQL: {e}") from None
    if "ServiceGraphPattern" in repr(tree):
        raise QueryError(
            f"{query.path}: SERVICE (federated query) is refused: queries never reach the "
            "network; load the remote data first, or send the query with --endpoint"
        )


# --------------------------------------------------------------------------- parameters


def normalise_name(value: str) -> str:
    """Case-, accent-, space-, dash- and quote-insensitive key: 'Kanal – 2018' -> 'kanal2018'."""
    v = unicodedata.normalize("NFKD", value).casefold()
    return "".join(ch for ch in v if ch.isalnum())


_EVENT_LABELS = """
PREFIX sc: <https://w3id.org/seccoop/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?label WHERE { ?e a sc:Event ; skos:prefLabel|skos:altLabel ?label }
"""
_PERSON_LABELS = """
PREFIX sc: <https://w3id.org/seccoop/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?label WHERE { ?e a sc:Person ; skos:prefLabel|skos:altLabel ?label }
"""


def _resolve_by_label(backend: Any, sparql: str, value: str, what: str, prefix: str) -> URIRef:
    if value.startswith(("http://", "https://")):
        return URIRef(value)
    key = normalise_name(value)
    cache = getattr(backend, "label_cache", None)  # backends over immutable data keep the index
    if cache is not None and sparql in cache:
        names, shown = cache[sparql]
    else:
        names, shown = {}, {}
        for row in backend.select(sparql):
            e, label = row["e"], str(row["label"])
            names.setdefault(normalise_name(label), set()).add(e)
            shown.setdefault(normalise_name(label), label)
            slug = str(e).rsplit("/", 1)[-1]
            names.setdefault(normalise_name(slug), set()).add(e)
            shown.setdefault(normalise_name(slug), slug)
        if cache is not None:
            cache[sparql] = (names, shown)
    hits = names.get(key, set())
    if len(hits) == 1:
        return next(iter(hits))
    if len(hits) > 1:
        raise QueryError(f"{what} {value!r} is ambiguous: " + ", ".join(sorted(map(str, hits))))
    close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.5)
    hint = "; closest: " + ", ".join(shown[c] for c in close) if close else ""
    raise QueryError(f"unknown {what} {value!r}{hint}")


def resolve_param(backend: Any, param: Param, value: str) -> Any:
    """User text -> RDF term for ``param`` (bound, never spliced into the query)."""
    kind = param.kind
    try:
        if kind == "event":
            return _resolve_by_label(backend, _EVENT_LABELS, value, "event", "event")
        if kind == "person":
            return _resolve_by_label(backend, _PERSON_LABELS, value, "person", "person")
        if kind == "state":
            return ID[f"state/{_iso3(value)}"]
        if kind == "organisation":
            return ID[f"org/{value.strip().upper()}"]
        if kind == "actor":
            v = value.strip()
            if len(v) == 3 and _is_iso3(v.upper()):
                return ID[f"state/{v.upper()}"]
            org = ID[f"org/{v.upper()}"]
            if backend.ask_subject(org):
                return org
            return _resolve_by_label(backend, _PERSON_LABELS, v, "actor", "person")
        if kind == "date":
            return Literal(dt.date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)
        if kind in ("year", "integer"):
            return Literal(int(value), datatype=XSD.integer)
        if kind == "iri":
            if not value.startswith(("http://", "https://", "urn:")):
                raise ValueError("expected an absolute IRI")
            return URIRef(value)
        if kind == "substance":
            return concept("substance", value.strip().lower().replace(" ", "_"))
        if kind == "role":
            return concept("role", value.strip().lower())
        if kind == "event-type":
            return concept("event-type", _event_type_code(value))
        return Literal(value)
    except QueryError:
        raise
    except (ValueError, KeyError) as e:
        msg = e.args[0] if e.args else str(e)
        raise QueryError(f"parameter {param.name}={value!r}: {msg}") from None


def _event_type_code(value: str) -> str:
    v = re.sub(r"(?<!^)(?=[A-Z])", "-", value.strip()).lower().replace("_", "-")
    return v


def _is_iso3(code: str) -> bool:
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


def _iso3(value: str) -> str:
    v = value.strip()
    if len(v) == 3 and _is_iso3(v.upper()):
        return v.upper()
    import pycountry

    try:
        return pycountry.countries.lookup(v).alpha_3
    except LookupError:
        raise ValueError(f"{value!r} is not an ISO 3166 state code or name") from None


def bind_params(backend: Any, query: NamedQuery, values: dict[str, str]) -> dict[str, Any]:
    """Check names and required-ness; resolve every value to an RDF term."""
    for k in values:
        if k not in query.params:
            allowed = ", ".join(query.params) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {k!r} (parameters: {allowed})")
    missing = [p.name for p in query.params.values() if p.required and p.name not in values]
    if missing:
        raise QueryError(
            f"query {query.name!r} needs --param {missing[0]}=... ({query.params[missing[0]].doc})"
        )
    return {k: resolve_param(backend, query.params[k], v) for k, v in values.items()}


# --------------------------------------------------------------------------- execution


class Results:
    """SELECT results: variable names and rows of RDF terms (None where unbound).

    ``rows`` are dicts of rdflib terms. A store backend fills ``native`` instead (tuples of
    pyoxigraph terms, in ``vars`` order) and ``rows`` converts them on first use: building
    rdflib literals costs several microseconds each, more than Oxigraph takes to answer most
    of our queries, and ``kg query`` formats the native terms directly (kg.results)."""

    def __init__(
        self,
        vars: list[str],
        rows: list[dict[str, Any]] | None = None,
        *,
        native: list[tuple[Any, ...]] | None = None,
    ):
        self.vars = vars
        self._rows = rows
        self.native = native
        if rows is None and native is None:
            self._rows = []

    @property
    def rows(self) -> list[dict[str, Any]]:
        if self._rows is None:
            from kg.store import from_ox

            memo: dict[Any, Any] = {None: None}  # rows repeat terms (events, roles, states)

            def conv(t: Any) -> Any:
                v = memo.get(t, memo)
                if v is memo:
                    v = memo[t] = from_ox(t)
                return v

            assert self.native is not None
            self._rows = [
                {n: conv(t) for n, t in zip(self.vars, row, strict=True)} for row in self.native
            ]
        return self._rows

    @property
    def unconverted(self) -> bool:
        """Only the native terms exist so far (``rows`` not read yet)."""
        return self._rows is None and self.native is not None

    def cells(self) -> list[list[Any]]:
        """Rows as lists in ``vars`` order: the native terms while nothing converted them."""
        if self.unconverted:
            assert self.native is not None
            return [list(r) for r in self.native]
        return [[row.get(v) for v in self.vars] for row in self.rows]

    def __len__(self) -> int:
        return len(self.native) if self.unconverted and self.native is not None else len(self.rows)


class GraphBackend:
    """Runs queries on an in-memory rdflib Graph (rdflib's SPARQL evaluator)."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def select(self, sparql: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.run(sparql, bindings).rows

    def ask_subject(self, iri: URIRef) -> bool:
        return (iri, None, None) in self.graph

    def run(self, sparql: Any, bindings: dict[str, Any] | None = None) -> Results:
        res = self.graph.query(
            sparql, initBindings={Variable(k): v for k, v in (bindings or {}).items()}
        )
        if res.type != "SELECT":
            raise QueryError("only SELECT queries are supported")
        names = [str(v) for v in (res.vars or [])]
        rows = [{n: row[i] for i, n in enumerate(names)} for row in res]
        return Results(names, rows)


class StoreBackend:
    """Runs queries on an in-memory Oxigraph Store (the snapshot of out/store, or a file).

    The data sits in named graphs (one per source document plus the gazetteer), so queries see
    their union as the default graph. Parameters go in as a VALUES block at the start of the
    outermost group, built from validated N-Triples terms (kg.endpoint.inject_values, the same
    text an endpoint receives): Oxigraph's own substitutions only accept projected variables,
    and our queries bind variables they do not return (?event). Results come back as rdflib
    terms in the same ``Results`` shape as GraphBackend.
    """

    def __init__(self, store: Any):
        self.store = store
        self.label_cache: dict[str, Any] = {}  # name -> IRI index for parameter resolution

    def _query(self, sparql: str, bindings: dict[str, Any] | None) -> Any:
        from kg.endpoint import inject_values

        text = inject_values(sparql, bindings, check=False) if bindings else sparql
        try:
            return self.store.query(text, use_default_graph_as_union=True)
        except (SyntaxError, RuntimeError, OSError) as e:
            raise QueryError(f"query failed: {e}") from None

    def run(self, sparql: Any, bindings: dict[str, Any] | None = None) -> Results:
        import pyoxigraph as ox

        res = self._query(str(sparql), bindings)
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("only SELECT queries are supported")
        names = [v.value for v in res.variables]
        return Results(names, native=[tuple(sol) for sol in res])

    def select(self, sparql: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.run(sparql, bindings).rows

    def ask_subject(self, iri: URIRef) -> bool:
        return bool(self._query("ASK { ?s ?p ?o }", {"s": iri}))


def run_named(backend: Any, query: NamedQuery, params: dict[str, str]) -> Results:
    """Resolve ``params`` and run ``query`` on ``backend``."""
    bindings = bind_params(backend, query, params)
    res = backend.run(
        query.prepared() if isinstance(backend, GraphBackend) else query.text, bindings
    )
    # GROUP_CONCAT has no defined order and engines differ: sort the declared list columns
    if not query.sorted_lists:
        return res
    if res.unconverted and res.native is not None:
        cols = [i for i, v in enumerate(res.vars) if v in query.sorted_lists]
        res.native = [_sorted_native(row, cols) for row in res.native]
        return res
    for row in res.rows:
        for col in query.sorted_lists:
            v = row.get(col)
            if isinstance(v, Literal) and v.datatype in (None, XSD.string):
                items = sorted({x for x in str(v).split(LIST_SEPARATOR) if x})
                row[col] = Literal(LIST_SEPARATOR.join(items), lang=v.language)
    return res


def _sorted_native(row: tuple[Any, ...], cols: list[int]) -> tuple[Any, ...]:
    import pyoxigraph as ox

    out = list(row)
    for i in cols:
        v = out[i]
        if isinstance(v, ox.Literal) and v.datatype.value in (str(XSD.string), _LANG_STRING):
            items = sorted({x for x in v.value.split(LIST_SEPARATOR) if x})
            joined = LIST_SEPARATOR.join(items)
            out[i] = ox.Literal(joined, language=v.language) if v.language else ox.Literal(joined)
    return tuple(out)


_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def open_backend(
    out_dir: Path = Path("out"),
    in_file: Path | None = None,
    endpoint: str | None = None,
    store: Path | None = None,
) -> Any:
    """The backend ``kg query`` answers from: a SPARQL endpoint if given, else ``in_file``
    (rdflib), else the store of the last build (``store``, default ``out_dir/store``), else the
    last build's ``out_dir/kg.ttl``. Raises QueryError when there is nothing to query."""
    if endpoint:
        from kg.endpoint import EndpointBackend

        return EndpointBackend(endpoint)
    if in_file is not None:
        return open_graph(in_file)
    from kg import store as kgstore

    store_dir = Path(store) if store is not None else Path(out_dir) / "store"
    if kgstore.exists(store_dir):
        return StoreBackend(kgstore.load(store_dir))
    if store is not None:
        raise QueryError(f"{store_dir}: no store there; run `kg build --store {store_dir}`")
    source = Path(out_dir) / "kg.ttl"
    if not source.is_file():
        raise QueryError(f"{source}: no graph yet; run `kg build` first, or pass --in FILE")
    return open_graph(source)


def open_graph(path: Path) -> GraphBackend:
    """Load an RDF file (format from its extension) for querying."""
    from kg.export import read_rdf

    return GraphBackend(read_rdf(path))


__all__ = [
    "BASE",
    "GraphBackend",
    "NamedQuery",
    "QueryError",
    "Results",
    "StoreBackend",
    "find_query",
    "list_queries",
    "load_query",
    "normalise_name",
    "open_backend",
    "open_graph",
    "run_named",
]

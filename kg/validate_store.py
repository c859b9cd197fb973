"""Validation on an Oxigraph store, with no rdflib copy of the data: the SHACL core shapes are
compiled to SPARQL and run on the store, the ``sh:sparql`` constraints and the checks too.

This is how ``kg build`` validates large graphs (kg.pipeline): at a million triples an rdflib
graph of the data costs gigabytes and pySHACL minutes, while the store is already there.
pySHACL on the whole graph stays the reference: ``tests/test_validate_store.py`` compares the
violations of both on every shape's valid and invalid example and on the seed graph with
seeded violations of every shape.

How a shape becomes SPARQL (SHACL 1.0, https://www.w3.org/TR/shacl/):

- focus nodes (2.1.3): a sub-select binding ``?this`` (``sh:targetClass`` through
  ``rdf:type/rdfs:subClassOf*``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``,
  ``sh:targetNode``);
- paths (2.3): SPARQL property paths (sequence, alternative, inverse, ``*``, ``+``, ``?``);
- one query per constraint component of a targeted shape, returning one row per result, as
  pySHACL reports them: per focus node for counts (``sh:minCount``, ``sh:maxCount``,
  ``sh:qualifiedMin/MaxCount``, property ``sh:hasValue``); per value node for the value
  constraints (``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:in``, ``sh:hasValue``,
  ``sh:pattern``, ``sh:min/maxExclusive/Inclusive``, ``sh:min/maxLength``, ``sh:node``,
  ``sh:or``, ``sh:and``, ``sh:not``); per pair for ``sh:lessThan(OrEquals)``;
- a nested shape (``sh:node``, members of ``sh:or``, a qualified value shape) becomes a boolean
  SPARQL expression on the value node, with ``EXISTS`` for its property shapes.

Limits: anything else (``sh:closed``, ``sh:xone``, ``sh:uniqueLang``, ``sh:equals``,
``sh:disjoint``, ``sh:languageIn``, counts above 1 inside nested shapes, disjoint qualified
shapes) raises ``Unsupported`` when the shapes are compiled, and the caller falls back to
pySHACL; a test keeps ontology/shapes.ttl inside the supported set. ``sh:datatype`` checks
well-formedness the way rdflib does for the datatypes our shapes use (a lexical pattern, and
for the date and number types a cast). One difference is forced by the store: Oxigraph keeps
integer-derived literals as ``xsd:integer``, so a plain integer where ``xsd:nonNegativeInteger``
is required passes here and fails in pySHACL (kg.build never writes one). Results carry no
``sh:detail``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from kg.errors import KGError

_RDFS_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
ONTOLOGY_GRAPH = "urn:x-seccoop:validation-ontology"

# lexical spaces (XML Schema 1.1 part 2) of the datatypes a shape may require
_LEXICAL = {
    XSD.date: r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$",
    XSD.gYearMonth: r"^-?[0-9]{4,}-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?$",
    XSD.gYear: r"^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$",
    XSD.decimal: r"^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$",
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.nonNegativeInteger: r"^(\\+?[0-9]+|-0+)$",
    XSD.positiveInteger: r"^\\+?0*[1-9][0-9]*$",
    XSD.hexBinary: r"^([0-9a-fA-F]{2})*$",
    XSD.boolean: r"^(true|false|1|0)$",
    XSD.anyURI: r"^[^\\s]*$",
}
# value-space checks by a cast (Oxigraph casts to these; the others are settled lexically)
_CASTS = {
    XSD.date: XSD.date,
    XSD.decimal: XSD.decimal,
    XSD.integer: XSD.integer,
    XSD.nonNegativeInteger: XSD.integer,
    XSD.positiveInteger: XSD.integer,
}


# Oxigraph keeps the value, not the datatype, of integer-derived literals: a stored
# "5"^^xsd:nonNegativeInteger comes back as "5"^^xsd:integer. On the store the datatype check
# of these types therefore accepts xsd:integer within the type's range; the builder writes the
# declared type, and the files (kg.ttl, kg.trig) keep it.
_INTEGER_SUBTYPES = {
    XSD.nonNegativeInteger: ">= 0",
    XSD.positiveInteger: "> 0",
    XSD.nonPositiveInteger: "<= 0",
    XSD.negativeInteger: "< 0",
}


class Unsupported(KGError):
    """A shape uses SHACL features this compiler does not translate (use pySHACL)."""


def _t(term: Any) -> str:
    """A constant term in SPARQL syntax."""
    from kg.export import nt_term

    if isinstance(term, BNode):
        raise Unsupported(f"blank node {term} as a constant in a shape")
    return nt_term(term)


@dataclass(frozen=True)
class Check:
    """One compiled constraint: the SPARQL returning its results (``?this``, maybe ``?value``)."""

    shape: Any  # the (top-level) shape node the constraint belongs to
    source_shape: Any  # the node or property shape that declares the constraint
    component: URIRef
    path: Any  # path node of the property shape, or None
    message: str
    severity: URIRef
    query: str


class _Compiler:
    def __init__(self, shapes: Graph):
        self.g = shapes
        self._vars = itertools.count()

    def var(self) -> str:
        return f"?_v{next(self._vars)}"

    def list(self, node: Any) -> list[Any]:
        return list(Collection(self.g, node))

    def one(self, s: Any, p: URIRef) -> Any:
        return self.g.value(s, p)

    # ------------------------------------------------------------------ paths

    def path(self, node: Any) -> str:
        from kg.validate import sparql_path

        out = sparql_path(node, self.g, _t, lambda p: f"({p})")
        if out is None:
            raise Unsupported(f"path {node}")
        return f"({out})"

    # ------------------------------------------------------------------ value expressions

    def datatype_ok(self, v: str, dt: URIRef) -> str:
        if dt == RDF.langString:
            return f'(isLiteral({v}) && lang({v}) != "")'
        if dt == XSD.string:
            return f"(isLiteral({v}) && datatype({v}) = {_t(XSD.string)})"
        parts = [f"isLiteral({v})", f"datatype({v}) = {_t(dt)}"]
        if dt in _INTEGER_SUBTYPES:  # Oxigraph stores these as xsd:integer (see above)
            parts[1] = f"(datatype({v}) = {_t(dt)} || datatype({v}) = {_t(XSD.integer)})"
            parts.append(f"COALESCE({v} {_INTEGER_SUBTYPES[dt]}, false)")
        if dt in _LEXICAL:
            parts.append(f'regex(str({v}), "{_LEXICAL[dt]}")')
        if dt in _CASTS:
            parts.append(f"COALESCE(isLiteral({_t(_CASTS[dt])}(str({v}))), false)")
        return "(" + " && ".join(parts) + ")"

    def value_ok(self, comp: URIRef, arg: Any, v: str, shape: Any) -> str | None:
        """The expression for a value-node constraint ``comp arg`` (None: not one)."""
        g = self.g
        if comp == SH["class"]:
            return f"EXISTS {{ {v} {_RDF_TYPE}/{_RDFS_SUBCLASS}* {_t(arg)} }}"
        if comp == SH.datatype:
            return self.datatype_ok(v, arg)
        if comp == SH.nodeKind:
            kinds = {
                SH.IRI: f"isIRI({v})",
                SH.BlankNode: f"isBlank({v})",
                SH.Literal: f"isLiteral({v})",
                SH.BlankNodeOrIRI: f"(isBlank({v}) || isIRI({v}))",
                SH.BlankNodeOrLiteral: f"(isBlank({v}) || isLiteral({v}))",
                SH.IRIOrLiteral: f"(isIRI({v}) || isLiteral({v}))",
            }
            if arg not in kinds:
                raise Unsupported(f"sh:nodeKind {arg}")
            return kinds[arg]
        if comp == SH["in"]:
            members = self.list(arg)
            return "(" + (" || ".join(f"sameTerm({v}, {_t(m)})" for m in members) or "false") + ")"
        if comp == SH.hasValue:
            return f"sameTerm({v}, {_t(arg)})"
        if comp == SH.pattern:
            flags = g.value(shape, SH.flags)
            pat = str(arg).replace("\\", "\\\\").replace('"', '\\"')
            fl = f', "{flags}"' if flags else ""
            return f'(!isBlank({v}) && regex(str({v}), "{pat}"{fl}))'
        ops = {
            SH.minExclusive: ">",
            SH.minInclusive: ">=",
            SH.maxExclusive: "<",
            SH.maxInclusive: "<=",
        }
        if comp in ops:
            return f"COALESCE({v} {ops[comp]} {_t(arg)}, false)"
        if comp in (SH.minLength, SH.maxLength):
            op = ">=" if comp == SH.minLength else "<="
            return f"(!isBlank({v}) && strlen(str({v})) {op} {int(arg)})"
        if comp == SH.node:
            return self.conforms(arg, v)
        if comp == SH["or"]:
            return "(" + " || ".join(self.conforms(m, v) for m in self.list(arg)) + ")"
        if comp == SH["and"]:
            return "(" + " && ".join(self.conforms(m, v) for m in self.list(arg)) + ")"
        if comp == SH["not"]:
            return f"!{self.conforms(arg, v)}"
        return None

    def conforms(self, shape: Any, v: str) -> str:
        """A boolean expression: the node in ``v`` conforms to ``shape`` (nested use)."""
        g = self.g
        if g.value(shape, SH.deactivated) == Literal(True):
            return "true"
        if g.value(shape, SH.path) is not None:  # a property shape used as a value shape
            return self.property_ok(shape, v)
        parts = []
        for comp, arg in sorted(g.predicate_objects(shape), key=lambda po: str(po[0])):
            if comp in _IGNORED or comp == SH.property:
                continue
            expr = self.value_ok(comp, arg, v, shape)
            if expr is None:
                raise Unsupported(f"{comp} in a nested shape")
            parts.append(expr)
        for ps in sorted(g.objects(shape, SH.property), key=str):
            parts.append(self.property_ok(ps, v))
        return "(" + (" && ".join(parts) or "true") + ")"

    def property_ok(self, ps: Any, v: str) -> str:
        """A property shape holds at focus ``v`` (nested: counts up to 1 only)."""
        g = self.g
        if g.value(ps, SH.deactivated) == Literal(True):
            return "true"
        p = self.path(g.value(ps, SH.path))
        parts = []
        for comp, arg in sorted(g.predicate_objects(ps), key=lambda po: str(po[0])):
            if comp in _IGNORED or comp == SH.path:
                continue
            x, y = self.var(), self.var()
            if comp == SH.minCount:
                n = int(arg)
                if n > 1:
                    raise Unsupported("sh:minCount above 1 in a nested shape")
                if n == 1:
                    parts.append(f"EXISTS {{ {v} {p} {x} }}")
            elif comp == SH.maxCount:
                n = int(arg)
                if n > 1:
                    raise Unsupported("sh:maxCount above 1 in a nested shape")
                cond = f"!sameTerm({x}, {y})" if n == 1 else "true"
                parts.append(f"NOT EXISTS {{ {v} {p} {x} . {v} {p} {y} FILTER({cond}) }}")
            elif comp == SH.hasValue:
                parts.append(f"EXISTS {{ {v} {p} {_t(arg)} }}")
            elif comp in (SH.lessThan, SH.lessThanOrEquals):
                op = "<" if comp == SH.lessThan else "<="
                parts.append(
                    f"NOT EXISTS {{ {v} {p} {x} . {v} {_t(arg)} {y} "
                    f"FILTER(!COALESCE({x} {op} {y}, false)) }}"
                )
            elif comp in _PROPERTY_ONLY:
                raise Unsupported(f"{comp} in a nested shape")
            else:
                expr = self.value_ok(comp, arg, x, ps)
                if expr is None:
                    raise Unsupported(f"{comp}")
                parts.append(f"NOT EXISTS {{ {v} {p} {x} FILTER(!{expr}) }}")
        return "(" + (" && ".join(parts) or "true") + ")"

    # ------------------------------------------------------------------ top-level checks

    def focus(self, shape: Any) -> str | None:
        g = self.g
        parts = []
        for cls in g.objects(shape, SH.targetClass):
            parts.append(f"{{ ?this {_RDF_TYPE}/{_RDFS_SUBCLASS}* {_t(cls)} }}")
        for p in g.objects(shape, SH.targetSubjectsOf):
            parts.append(f"{{ ?this {_t(p)} [] }}")
        for p in g.objects(shape, SH.targetObjectsOf):
            parts.append(f"{{ [] {_t(p)} ?this }}")
        nodes = list(g.objects(shape, SH.targetNode))
        if nodes:
            parts.append("{ VALUES ?this { " + " ".join(_t(n) for n in nodes) + " } }")
        if not parts:
            return None
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"

    def checks(self) -> Iterator[Check]:
        g = self.g
        targeted = {s for t in _TARGETS for s in g.subjects(t, None)}
        for shape in sorted(targeted, key=str):
            if g.value(shape, SH.deactivated) == Literal(True):
                continue
            focus = self.focus(shape)
            assert focus is not None
            severity = g.value(shape, SH.severity) or SH.Violation
            yield from self.node_checks(shape, focus, severity)
            for ps in sorted(g.objects(shape, SH.property), key=str):
                if g.value(ps, SH.deactivated) == Literal(True):
                    continue
                yield from self.property_checks(
                    shape, ps, focus, g.value(ps, SH.severity) or severity
                )

    def _message(self, shape: Any) -> str:
        msgs = sorted(str(m) for m in self.g.objects(shape, SH.message))
        if not msgs:
            raise Unsupported(f"shape {shape} has no sh:message (pySHACL writes its own)")
        return msgs[0]

    def node_checks(self, shape: Any, focus: str, severity: Any) -> Iterator[Check]:
        g = self.g
        for comp, arg in sorted(g.predicate_objects(shape), key=lambda po: str(po[0])):
            if comp in _IGNORED or comp in _TARGETS or comp in (SH.property, SH.sparql):
                continue
            expr = self.value_ok(comp, arg, "?this", shape)
            if expr is None:
                raise Unsupported(f"{comp} on node shape {shape}")
            q = f"SELECT ?this WHERE {{ {focus} FILTER(!{expr}) }}"
            yield Check(shape, shape, _component(comp), None, self._message(shape), severity, q)

    def property_checks(self, shape: Any, ps: Any, focus: str, severity: Any) -> Iterator[Check]:
        g = self.g
        path_node = g.value(ps, SH.path)
        p = self.path(path_node)
        msg = self._message(ps)
        qmin, qmax = g.value(ps, SH.qualifiedMinCount), g.value(ps, SH.qualifiedMaxCount)
        for comp, arg in sorted(g.predicate_objects(ps), key=lambda po: str(po[0])):
            if comp in _IGNORED or comp == SH.path:
                continue
            if comp == SH.minCount:
                q = (
                    f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ ?this {p} ?value }} }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {int(arg)})"
                )
            elif comp == SH.maxCount:
                q = (
                    f"SELECT ?this WHERE {{ {focus} ?this {p} ?value }} "
                    f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(arg)})"
                )
            elif comp == SH.hasValue:
                q = f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {p} {_t(arg)} }} }}"
            elif comp in (SH.lessThan, SH.lessThanOrEquals):
                op = "<" if comp == SH.lessThan else "<="
                q = (
                    f"SELECT ?this ?value WHERE {{ {focus} ?this {p} ?value . "
                    f"?this {_t(arg)} ?_other FILTER(!COALESCE(?value {op} ?_other, false)) }}"
                )
            elif comp == SH.qualifiedValueShape:
                if g.value(ps, SH.qualifiedValueShapesDisjoint) == Literal(True):
                    raise Unsupported("sh:qualifiedValueShapesDisjoint")
                ok = self.conforms(arg, "?value")
                counted = (
                    f"SELECT ?this WHERE {{ {focus} "
                    f"OPTIONAL {{ ?this {p} ?value FILTER({ok}) }} }} "
                    "GROUP BY ?this HAVING (COUNT(DISTINCT ?value) "
                )
                if qmin is not None:
                    yield Check(
                        shape, ps, SH.QualifiedMinCountConstraintComponent, path_node, msg,
                        severity, counted + f"< {int(qmin)})",
                    )  # fmt: skip
                if qmax is not None:
                    yield Check(
                        shape, ps, SH.QualifiedMaxCountConstraintComponent, path_node, msg,
                        severity, counted + f"> {int(qmax)})",
                    )  # fmt: skip
                continue
            elif comp in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
                continue
            else:
                expr = self.value_ok(comp, arg, "?value", ps)
                if expr is None:
                    raise Unsupported(f"{comp} on property shape {ps}")
                q = f"SELECT ?this ?value WHERE {{ {focus} ?this {p} ?value FILTER(!{expr}) }}"
            yield Check(shape, ps, _component(comp), path_node, msg, severity, q)


_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
# descriptive or handled elsewhere: never a constraint of their own
_IGNORED = {
    RDF.type,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.deactivated,
    SH.flags,
    SH.sparql,
    SH.prefixes,
    SH.declare,
    *(URIRef("http://www.w3.org/2000/01/rdf-schema#" + n) for n in ("label", "comment")),
    *_TARGETS,
}
_PROPERTY_ONLY = {
    SH.minCount,
    SH.maxCount,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
}


def _component(comp: URIRef) -> URIRef:
    """sh:minCount -> sh:MinCountConstraintComponent."""
    local = str(comp)[len(str(SH)) :]
    return SH[local[0].upper() + local[1:] + "ConstraintComponent"]


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every core constraint of the targeted shapes in ``shapes`` as one SPARQL query each;
    ``Unsupported`` if a shape uses a feature this module does not translate."""
    return list(_Compiler(shapes).checks())


# --------------------------------------------------------------------------- sh:sparql
# SPARQL-based constraints (SHACL 5) run once over the whole store, the shape's targets joined
# in as a sub-select binding ?this, instead of once per focus node as pySHACL does (quadratic
# with rdflib's evaluator: 46 of 50 s on a 13k-triple graph).


def _prefixes(shapes: Graph, node: Any) -> str:
    lines = []
    for decl_owner in shapes.objects(node, SH.prefixes):
        for d in shapes.objects(decl_owner, SH.declare):
            pfx, ns = shapes.value(d, SH.prefix), shapes.value(d, SH.namespace)
            if pfx is not None and ns is not None:
                lines.append(f"PREFIX {pfx}: <{ns}>")
    return "\n".join(sorted(set(lines)))


def _sparql_constraints(shapes: Graph) -> list[tuple[Any, Any, str, list[Literal], str]]:
    """(shape, constraint node, SELECT text, messages, prefixes) of each active constraint."""
    out = []
    for shape, c in shapes.subject_objects(SH.sparql):
        if shapes.value(c, SH.deactivated) == Literal(True):
            continue
        select = shapes.value(c, SH.select)
        if select is None:
            continue
        msgs = list(shapes.objects(c, SH.message))
        out.append((shape, c, str(select), msgs, _prefixes(shapes, c)))
    return out


def _run_sparql_constraints(store: Any, report: Graph) -> None:
    """Each ``sh:select`` once over the union of the store's graphs, the shape's focus nodes
    joined in (the same sub-select as the core constraints); results added to ``report``."""
    from kg.endpoint import _scan_groups
    from kg.store import from_ox
    from kg.validate import shapes_graph

    shapes = shapes_graph()
    compiler = _Compiler(shapes)
    for shape, c, select, msgs, prefixes in _sparql_constraints(shapes):
        targets = compiler.focus(shape)
        if targets is None:
            continue
        text = re.sub(r"\$this\b", "?this", select)
        groups = [g for g in _scan_groups(text) if g[1] == 0]
        at = groups[0][0]
        text = prefixes + "\n" + text[:at] + " " + targets + " " + text[at:]
        severity = shapes.value(shape, SH.severity) or SH.Violation
        seen = set()
        res = store.query(text, use_default_graph_as_union=True)
        names = [v.value for v in res.variables]
        for sol in res:
            row = {n: from_ox(sol[n]) for n in names}
            this = row.pop("this", None)
            path, value = row.pop("path", None), row.pop("value", None)
            key = (this, path, value, tuple(sorted(row.items(), key=lambda kv: kv[0])))
            if key in seen:
                continue
            seen.add(key)
            fdict = dict(row)
            if this is not None:
                fdict["this"] = this
            if path is not None:
                fdict["path"] = path
            if value is not None:
                fdict["value"] = value
            texts = []
            for m in msgs:
                msg = str(m)
                for var, val in fdict.items():
                    msg = re.sub(f"{{[?$]{var}}}", str(val), msg)
                texts.append(msg)
            r = _add_result(
                report, this, shape, SH.SPARQLConstraintComponent, severity, texts,
                value if value is not None else this, path,
            )  # fmt: skip
            report.add((r, SH.sourceConstraint, c))


# --------------------------------------------------------------------------- running


def with_ontology(store: Any) -> Any:
    """Load the ontology and vocabularies into ``store`` (their own named graph, so that
    ``sh:class`` sees rdfs:subClassOf and the schemes); ``without_ontology`` removes them."""
    import pyoxigraph as ox

    from kg import paths

    g = ox.NamedNode(ONTOLOGY_GRAPH)
    for f in (paths.ontology_file(), paths.vocab_file()):
        store.load(path=str(f), format=ox.RdfFormat.TURTLE, to_graph=g)
    return store


def without_ontology(store: Any) -> None:
    import pyoxigraph as ox

    g = ox.NamedNode(ONTOLOGY_GRAPH)
    if g in set(store.named_graphs()):
        store.remove_graph(g)


def run_checks_on_store(store: Any, checks: list[Check], report: Graph) -> list[Any]:
    """Run compiled checks on ``store`` (union of its graphs); add each result to ``report``
    (a SHACL validation report graph) and return them as kg.validate.Violations."""
    from kg.namespaces import bind_prefixes
    from kg.store import from_ox
    from kg.validate import Violation, _short, path_label, shapes_graph

    ns = Graph()
    bind_prefixes(ns)
    shape_ids: dict[Any, str] = {}
    out = []
    for c in checks:
        sid = shape_ids.get(c.shape)
        if sid is None:
            sid = shape_ids[c.shape] = _named_shape_id(c.shape)
        res = store.query(c.query, use_default_graph_as_union=True)
        names = [v.value for v in res.variables]
        path = path_label(c.path, shapes_graph()) if c.path is not None else None
        sev = str(c.severity).rsplit("#", 1)[-1]
        for sol in res:
            this = from_ox(sol["this"])
            value = from_ox(sol["value"]) if "value" in names else None
            out.append(Violation(sid, _short(this, ns), path, c.message, sev))
            _add_result(
                report, this, c.source_shape, c.component, c.severity, [c.message], value, c.path
            )
    return out


def _add_result(
    report: Graph,
    focus: Any,
    shape: Any,
    component: Any,
    severity: Any,
    messages: list[str],
    value: Any,
    path: Any,
) -> BNode:
    """One sh:ValidationResult in ``report`` (SHACL 3.6.2); its node, for further triples."""
    r = BNode()
    report.add((r, RDF.type, SH.ValidationResult))
    report.add((r, SH.focusNode, focus))
    report.add((r, SH.sourceShape, shape))
    report.add((r, SH.sourceConstraintComponent, component))
    report.add((r, SH.resultSeverity, severity))
    for m in messages:
        report.add((r, SH.resultMessage, Literal(m)))
    if value is not None:
        report.add((r, SH.value, value))
    if path is not None:
        report.add((r, SH.resultPath, path))
    return r


def _named_shape_id(shape: Any) -> str:
    from kg.namespaces import SCSH

    s = str(shape)
    return s[len(str(SCSH)) :] if s.startswith(str(SCSH)) else "?"


def validate_store(store: Any, *, checks: bool = True) -> Any:
    """SHACL (ontology/shapes.ttl) and the SPARQL checks on an Oxigraph store holding the data
    graph (any named graphs; their union is validated). Same Violations as
    ``kg.validate.validate_graph`` on the same data. The store is given back as it was."""
    from kg.namespaces import bind_prefixes
    from kg.validate import Report, _collect, shapes_graph

    compiled = compile_shapes(shapes_graph())
    report = Graph()
    bind_prefixes(report)
    with_ontology(store)
    try:
        violations = run_checks_on_store(store, compiled, report)
        sparql_report = Graph()
        _run_sparql_constraints(store, sparql_report)
        violations += _collect(sparql_report)
        report += sparql_report
    finally:
        without_ontology(store)
    if checks:
        from kg.query import StoreBackend
        from kg.validate import run_checks

        violations += run_checks(StoreBackend(store))
    violations.sort(key=lambda v: (v.shape, v.focus, v.path or "", v.message))
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(not violations)))
    for r in list(report.subjects(RDF.type, SH.ValidationResult)):
        report.add((root, SH.result, r))
    return Report(conforms=not violations, violations=violations, report_graph=report)


__all__ = [
    "Check",
    "Unsupported",
    "compile_shapes",
    "validate_store",
    "with_ontology",
    "without_ontology",
]

"""The ontology, vocabularies and shapes: closed namespace in sync, schemes in sync, shapes
graph valid against SHACL-SHACL, every shape with a valid and an invalid example."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from kg import paths
from kg.export import read_rdf
from kg.namespaces import SC, SCHEMES, SCSH, VOCAB
from kg.validate import shapes_graph, validate_graph

SHAPES_DIR = Path(__file__).parent / "shapes"


def _ontology() -> Graph:
    g = Graph()
    g.parse(paths.ontology_file())
    return g


def test_closed_namespace_equals_ontology_terms() -> None:
    g = _ontology()
    declared = {
        s
        for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(str(SC._NS))
    }
    in_class = {SC[name] for name in SC.__annotations__}
    assert in_class - declared == set(), "in kg.namespaces.SC but not in ontology/sc.ttl"
    assert declared - in_class == set(), "in ontology/sc.ttl but not in kg.namespaces.SC"


def test_closed_namespace_rejects_typos() -> None:
    with pytest.raises(AttributeError):
        SC.Evnet  # noqa: B018


def test_every_sc_term_used_in_ontology_is_declared() -> None:
    g = _ontology()
    used = {
        t
        for triple in g
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(str(SC._NS))
    }
    assert used <= {SC[name] for name in SC.__annotations__}


def test_ontology_header() -> None:
    g = _ontology()
    onto = URIRef("https://w3id.org/seccoop/ontology")
    assert (onto, RDF.type, OWL.Ontology) in g
    for p in ("title", "license"):
        assert g.value(onto, URIRef(f"http://purl.org/dc/terms/{p}")) is not None
    assert g.value(onto, OWL.versionInfo) is not None


def test_vocabulary_codes_equal_skos_concepts() -> None:
    g = Graph()
    g.parse(paths.vocab_file())
    for scheme, codes in SCHEMES.items():
        s = VOCAB[scheme]
        assert (s, RDF.type, SKOS.ConceptScheme) in g
        in_file = {str(g.value(c, SKOS.notation)) for c in g.subjects(SKOS.inScheme, s)}
        assert in_file == set(codes), scheme
        for c in g.subjects(SKOS.inScheme, s):
            assert g.value(c, SKOS.prefLabel) is not None and g.value(c, SKOS.definition)


def test_shapes_graph_passes_shacl_shacl() -> None:
    import pyshacl

    conforms, _, text = pyshacl.validate(
        shapes_graph(), shacl_graph=shapes_graph(), meta_shacl=True, advanced=True
    )
    assert conforms, text


def _shape_ids() -> list[str]:
    return sorted(
        str(s)[len(str(SCSH)) :]
        for s in shapes_graph().subjects(RDF.type, None)
        if str(s).startswith(str(SCSH)) and str(s)[len(str(SCSH)) :][:1] == "S"
    )


def test_every_shape_has_both_examples() -> None:
    ids = _shape_ids()
    assert len(ids) >= 19
    for sid in ids:
        assert (SHAPES_DIR / f"{sid}-valid.ttl").is_file(), sid
        assert (SHAPES_DIR / f"{sid}-invalid.ttl").is_file(), sid
    examples = {p.name.rsplit("-", 1)[0] for p in SHAPES_DIR.glob("S*.ttl")}
    assert examples == set(ids), "example files for shapes that do not exist"


def test_every_shape_has_messages() -> None:
    from rdflib.namespace import SH

    g = shapes_graph()
    for sid in _shape_ids():
        shape = SCSH[sid]
        props = list(g.objects(shape, SH.property)) + list(g.objects(shape, SH.sparql))
        assert props, sid
        for p in props:
            assert g.value(p, SH.message) is not None, f"{sid}: a constraint without sh:message"


@pytest.mark.parametrize("sid", _shape_ids())
def test_valid_example_conforms(sid: str) -> None:
    path = SHAPES_DIR / f"{sid}-valid.ttl"
    assert path.read_text().startswith("# Valid: ")
    report = validate_graph(read_rdf(path))
    assert report.conforms, report.summary()


@pytest.mark.parametrize("sid", _shape_ids())
def test_invalid_example_fails_on_its_shape(sid: str) -> None:
    path = SHAPES_DIR / f"{sid}-invalid.ttl"
    assert path.read_text().startswith("# Invalid: ")
    report = validate_graph(read_rdf(path))
    assert not report.conforms
    assert sid in {v.shape for v in report.violations}, report.summary()

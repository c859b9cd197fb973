"""Namespaces, IRI bases and controlled-vocabulary codes: the one place they are declared.

``SC`` is a closed rdflib namespace: ``SC.Evnet`` raises instead of minting a typo. Its terms
equal the classes and properties of ``ontology/sc.ttl`` (tests/test_ontology.py checks both
directions); the vocabulary codes equal the concepts of ``ontology/vocab.ttl``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/seccoop/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")
VOCAB = Namespace(BASE + "vocab/")
SCSH = Namespace(BASE + "shapes#")

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
WD = Namespace("http://www.wikidata.org/entity/")


class SC(DefinedNamespace):
    """The SecCoop ontology (ontology/sc.ttl)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Organisation: URIRef  # international or national organisation, or one of its bodies
    State: URIRef  # sovereign state, ISO 3166-1 alpha-3
    MemberState: URIRef  # a state as member of an organisation at a date (derived, never global)
    Person: URIRef  # named person
    PostHolding: URIRef  # a person's post in an organisation or state, as attested
    Event: URIRef  # cooperation event
    Exercise: URIRef  # joint military / command-staff exercise
    Operation: URIRef  # law-enforcement operation, series or edition
    OperationStage: URIRef  # stage of an operation
    Training: URIRef  # tactical-special training, session, course
    Meeting: URIRef  # meeting, consultation, briefing, summit
    Agreement: URIRef  # signing of a protocol or agreement
    Participation: URIRef  # n-ary participation node (sem:Role)
    Seizure: URIRef  # quantity of a substance withdrawn from trafficking
    Place: URIRef  # city, region, training ground, facility
    SourceDocument: URIRef  # news item or article
    Evidence: URIRef  # oa:Annotation from a claim to a source span

    # event properties
    eventType: URIRef  # concept from the event-type scheme
    eventStatus: URIRef  # held / planned
    beginPrecision: URIRef  # day / month / year
    endPrecision: URIRef  # day / month / year
    country: URIRef  # state of a place, host country of an event
    coordinationCentre: URIRef  # operation HQ place
    hasParticipation: URIRef  # event -> participation
    actor: URIRef  # participation -> actor
    role: URIRef  # participation -> role concept
    memberStateOf: URIRef  # participation -> organisation (derived from memberships)
    hasSeizure: URIRef  # event -> seizure

    # seizure properties
    substance: URIRef  # substance concept
    quantity: URIRef  # qudt:QuantityValue in kg
    quantityAsWritten: URIRef  # figure as written
    comparator: URIRef  # exact / at least / about / at most
    scope: URIRef  # single / total / breakdown / national / cumulative
    seizedBy: URIRef  # state of a national share
    sinceYear: URIRef  # first year of a cumulative total

    # actor properties
    iso3166Alpha3: URIRef  # ISO alpha-3
    iso3166Alpha2: URIRef  # ISO alpha-2
    demonym: URIRef  # adjective used in news text
    holdsPost: URIRef  # person -> post holding
    postTitle: URIRef  # title of the post
    postIn: URIRef  # organisation or state of a post
    attestedOn: URIRef  # date a post is attested

    # provenance
    hasEvidence: URIRef  # claim -> evidence annotation
    sha256: URIRef  # SHA-256 of a text or span
    sourceFile: URIRef  # file the document is read from
    textStart: URIRef  # document offset in its file
    textEnd: URIRef  # document end offset in its file


# Controlled vocabularies: scheme name -> codes (concept IRI = VOCAB[f"{scheme}/{code}"]).
EVENT_TYPES = {
    # code: ontology class
    "exercise": SC.Exercise,
    "operation": SC.Operation,
    "operation-stage": SC.OperationStage,
    "training": SC.Training,
    "meeting": SC.Meeting,
    "agreement": SC.Agreement,
    "other": SC.Event,
}
ROLES = ("participant", "observer", "organiser", "coordinator", "host", "lead", "supporter")
SUBSTANCES = (
    "total",
    "opium",
    "heroin",
    "hashish",
    "marijuana",
    "cannabis",
    "cocaine",
    "mephedrone",
    "mdma",
    "amphetamines",
    "synthetic_drugs",
    "psychotropic_substances",
    "precursors",
)
MEMBERSHIP_STATUSES = ("member", "observer", "associate", "suspended", "withdrawn", "partner")
COMPARATORS = ("exact", "at_least", "about", "at_most")
SEIZURE_SCOPES = ("single", "total", "breakdown", "national", "cumulative")
PRECISIONS = ("day", "month", "year")
EVENT_STATUSES = ("held", "planned")

SCHEMES: dict[str, tuple[str, ...]] = {
    "event-type": tuple(EVENT_TYPES),
    "role": ROLES,
    "substance": SUBSTANCES,
    "membership-status": MEMBERSHIP_STATUSES,
    "comparator": COMPARATORS,
    "seizure-scope": SEIZURE_SCOPES,
    "date-precision": PRECISIONS,
    "event-status": EVENT_STATUSES,
}


def concept(scheme: str, code: str) -> URIRef:
    """IRI of a vocabulary concept; raises KeyError for a code not in the scheme."""
    if code not in SCHEMES[scheme]:
        raise KeyError(
            f"{code!r} is not in the {scheme} scheme (choose from {', '.join(SCHEMES[scheme])})"
        )
    return VOCAB[f"{scheme}/{code}"]


PREFIXES: dict[str, Namespace | str] = {
    "sc": SC._NS,
    "id": ID,
    "v": VOCAB,
    "scsh": SCSH,
    "sem": SEM,
    "org": ORG,
    "time": TIME,
    "prov": PROV,
    "oa": OA,
    "schema": SCHEMA,
    "qudt": QUDT,
    "unit": UNIT,
    "dcterms": DCTERMS,
    "dcat": DCAT,
}


def bind_prefixes(graph) -> None:  # type: ignore[no-untyped-def]
    """Bind every project prefix explicitly (deterministic, readable serialisations)."""
    from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

    for p, ns in {
        **PREFIXES,
        "rdf": RDF,
        "rdfs": RDFS,
        "owl": OWL,
        "skos": SKOS,
        "xsd": XSD,
        "sh": SH,
    }.items():
        graph.bind(p, ns, override=True, replace=True)

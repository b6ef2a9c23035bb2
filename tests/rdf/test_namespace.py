"""The closed namespace ENT and ontologies/entente.ttl declare exactly the same terms."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf.namespace import (ACTOR_CLASSES, ENT, MODALITY_TERMS, PLOVER_CLASSES,
                              PRECISION_TERMS, ROOT_RELATIONS)

ROOT = Path(__file__).resolve().parents[2]
NS = str(ENT._NS)
DECLARING = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual,
             OWL.AnnotationProperty}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ROOT / "ontologies" / "entente.ttl", format="turtle")


def declared(onto: Graph) -> set[str]:
    return {str(s)[len(NS):] for s, t in onto.subject_objects(RDF.type)
            if t in DECLARING and str(s).startswith(NS)}


def ent_terms() -> set[str]:
    return set(ENT.__annotations__)


def test_every_ent_term_is_declared_and_back(onto):
    assert declared(onto) == ent_terms()


def test_every_term_has_label_and_comment(onto):
    for name in ent_terms():
        assert onto.value(ENT[name], RDFS.label) is not None, name
        assert onto.value(ENT[name], RDFS.comment) is not None, name


def test_no_undeclared_ent_term_is_mentioned(onto):
    mentioned = {str(t)[len(NS):] for triple in onto for t in triple
                 if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert mentioned <= ent_terms()


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        ENT.conflictWith  # noqa: B018


def test_class_hierarchy(onto):
    for cls in set(ACTOR_CLASSES.values()):
        assert (ENT[cls], RDFS.subClassOf, ENT.Actor) in onto
    for cls in PLOVER_CLASSES.values():
        assert (ENT[cls], RDFS.subClassOf, ENT.Event) in onto


def test_relation_hierarchy(onto):
    for root, prop in ROOT_RELATIONS.items():
        parent = ENT.cooperatesWith if int(root) <= 9 else ENT.conflictsWith
        assert (ENT[prop], RDFS.subPropertyOf, parent) in onto, prop
        assert (ENT[prop], RDF.type, OWL.ObjectProperty) in onto
    for sup in (ENT.cooperatesWith, ENT.conflictsWith):
        assert (sup, RDFS.subPropertyOf, ENT.interactsWith) in onto


def test_individuals(onto):
    for name in MODALITY_TERMS.values():
        assert (ENT[name], RDF.type, ENT.Modality) in onto
    for name in PRECISION_TERMS.values():
        assert (ENT[name], RDF.type, ENT.DatePrecision) in onto


def test_terms_used_in_code_queries_and_shapes_are_declared():
    """Every ENT.x in kg/ (outside ``examples``), every ``ent:x`` in the queries and shapes is an ontology term."""
    used: dict[str, set[str]] = {}
    for path in (ROOT / "kg").rglob("*.py"):
        for name in re.findall(r"(?<!`)\bENT\.([A-Za-z]\w*)", path.read_text(encoding="utf-8")):
            used.setdefault(name, set()).add(str(path))
    files = list((ROOT / "kg" / "queries").glob("*.rq")) + [ROOT / "ontologies" / "shapes.ttl"]
    for path in files:
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("#"))
        for name in re.findall(r"\bent:([A-Za-z]\w*)", text):
            used.setdefault(name, set()).add(str(path))
    unknown = {n: sorted(p) for n, p in used.items() if n not in ent_terms()}
    assert not unknown
    assert {"source", "target", "disapprovesOf"} <= set(used)


def test_maps_point_into_namespace():
    for table in (ROOT_RELATIONS, PLOVER_CLASSES, MODALITY_TERMS, PRECISION_TERMS, ACTOR_CLASSES):
        for name in table.values():
            assert name in ent_terms()

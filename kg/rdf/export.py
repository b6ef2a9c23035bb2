"""Serialise a graph as Turtle, N-Triples, JSON-LD or TriG (one named graph per document).

>>> from kg.rdf.triples import new_graph
>>> from kg.rdf.namespace import ENT, ENTID
>>> from rdflib.namespace import RDF
>>> g = new_graph()
>>> _ = g.add((ENTID["actor/Q884"], RDF.type, ENT.State))
>>> serialize(g, "nt").strip()
'<https://w3id.org/entente/id/actor/Q884> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/entente/ns#State> .'
"""
from __future__ import annotations

import warnings

from rdflib import Dataset, Graph

from kg.errors import UsageError
from kg.rdf.store import document_graphs, memory_copy
from kg.rdf.triples import PREFIXES, bind_prefixes

#: Export formats and the file suffix each is usually given.
FORMATS = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "trig": ".trig"}


def _plain(graph: Graph) -> Graph:
    """An in-memory copy (rdflib's serialisers walk the graph repeatedly)."""
    if type(graph.store).__name__ == "Memory":
        return graph
    return memory_copy(graph)


def to_dataset(graph: Graph) -> Dataset:
    """A dataset with one named graph per document (IRI of the document)."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    for doc, g in document_graphs(_plain(graph)):
        named = ds.graph(doc)
        named += g
    return ds


def serialize(graph: Graph, fmt: str) -> str:
    """The graph in ``fmt`` (turtle, nt, jsonld, trig) as text."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    if fmt == "trig":
        with warnings.catch_warnings():  # rdflib's TriG writer uses deprecated Dataset API
            warnings.simplefilter("ignore", DeprecationWarning)
            return to_dataset(graph).serialize(format="trig")
    g = _plain(graph)
    if fmt == "nt":
        lines = sorted(set(g.serialize(format="nt").splitlines()) - {""})
        return "\n".join(lines) + ("\n" if lines else "")
    if fmt == "jsonld":
        context = {p: str(ns) for p, ns in PREFIXES.items()}
        return g.serialize(format="json-ld", context=context, auto_compact=True)
    return bind_prefixes(g).serialize(format="turtle")

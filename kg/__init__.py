"""Entente: news text to an RDF knowledge graph of international relations."""

__version__ = "0.1.0"

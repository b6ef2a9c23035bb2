"""SHACL validation of Entente graphs against ``ontologies/shapes.ttl``.

:func:`validate` runs pyshacl with the ontology mixed in (so ``sh:class
ent:Actor`` accepts an ``ent:State``) and returns a :class:`Report` of
readable violations: focus node, path, message, severity. Warnings (an actor
without a label, an event without a target) do not make a graph fail.
"""
from __future__ import annotations

from kg.resources import ontologies

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.rdf.triples import PREFIXES

ONTOLOGIES = ontologies()
SHAPES = ONTOLOGIES / "shapes.ttl"
ONTOLOGY = ONTOLOGIES / "entente.ttl"


@dataclass(frozen=True)
class Violation:
    """One SHACL result, in words."""

    focus: str
    path: Optional[str]
    message: str
    severity: str = "Violation"
    value: Optional[str] = None

    def line(self) -> str:
        """One line: ``severity  focus  path  message (value)``."""
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {self.focus}  {self.path or '-'}  {self.message}{value}"


@dataclass
class Report:
    """Outcome of a validation: conforms when there is no violation."""

    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)
    triples: int = 0

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self, limit: int = 50) -> str:
        """A readable report, at most ``limit`` lines of each kind."""
        lines = []
        status = "conforms" if self.conforms else f"{len(self.violations)} violation(s)"
        lines.append(f"{self.triples} triples: {status}, {len(self.warnings)} warning(s)")
        for kind in (self.violations, self.warnings):
            lines.extend(v.line() for v in kind[:limit])
            if len(kind) > limit:
                lines.append(f"... and {len(kind) - limit} more")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _short(graph: Graph, node: object) -> str:
    """A node as ``prefix:local`` with the project's prefixes (``id:event/...``)."""
    if isinstance(node, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
            base = str(ns)
            if str(node).startswith(base) and len(node) > len(base):
                return f"{prefix}:{node[len(base):]}"
        return f"<{node}>"
    return str(node)


def _in_memory(graph: Graph) -> Graph:
    """A plain rdflib copy (pyshacl walks the graph many times; memory is fastest)."""
    if type(graph.store).__name__ == "Memory":
        return graph
    from kg.rdf.store import memory_copy

    return memory_copy(graph)


def validate(graph: Graph) -> Report:
    """Validate ``graph`` against the project's SHACL shapes.

    >>> from rdflib import Literal
    >>> from kg.rdf.namespace import ENT, ENTID
    >>> g = Graph()
    >>> _ = g.add((ENTID["event/x"], RDF.type, ENT.Event))
    >>> report = validate(g)
    >>> report.conforms, any("source" in v.message for v in report.violations)
    (False, True)
    """
    from pyshacl import validate as shacl_validate

    data = _in_memory(graph)
    conforms, results, _text = shacl_validate(
        data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none",
        abort_on_first=False, allow_warnings=True, advanced=True)
    report = Report(triples=len(data))
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        v = Violation(
            focus=_short(data, focus),
            path=_short(data, path) if path is not None else None,
            message=str(message) if message is not None else "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            value=_short(data, value) if value is not None else None,
        )
        (report.violations if v.severity == "Violation" else report.warnings).append(v)
    report.violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    report.warnings.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return report

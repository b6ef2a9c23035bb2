"""Alliance analytics: the RDF graph projected into networkx, and queries on it.

* :mod:`kg.graph.projection` -- RDF -> actor MultiDiGraph -> signed polity graph;
* :mod:`kg.graph.lookup` -- polity reference names; find actors by label, alias, QID, ISO3 or IRI;
* :mod:`kg.graph.balance` -- structural balance (two camps, frustrated edges);
* :mod:`kg.graph.analysis` -- ego networks, paths, rankings, blocs, pairs, profiles;
* :mod:`kg.graph.render` -- readable tables of those answers.

>>> from kg.graph import from_tuples, pairs
>>> G = from_tuples([("Russia", "Ukraine", "190", -10.0, "2024-11-04")])
>>> pairs(G)["conflictual"][0]["weight"]
-10.0
"""
from kg.graph.analysis import blocs, ego, pairs, path, profile, rank
from kg.graph.balance import two_camps
from kg.graph.lookup import resolve
from kg.graph.polities import evidence, layer, polity_graph, polity_of, select_events
from kg.graph.projection import from_tuples, project

__all__ = ["blocs", "ego", "evidence", "from_tuples", "layer", "pairs", "path", "polity_graph",
           "polity_of", "profile", "project", "rank", "resolve", "select_events", "two_camps"]

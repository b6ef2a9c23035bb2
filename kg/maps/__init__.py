"""Interactive relationship maps: an RDF graph to one offline HTML file.

* :mod:`kg.maps.map` -- ``write_map(graph, path, **filters)``, the page's data and HTML;
* :mod:`kg.maps.layout` -- positions computed before showing (no physics in the browser);
* :mod:`kg.maps.style` -- shapes, colours and sizes by actor type, Goldstein colour scale;
* :mod:`kg.maps.sample` -- small and synthetic graphs for tests, demos and benchmarks;
* ``templates/`` -- the page, its script (``map.js``, shared with the explorer) and style.
"""
from kg.maps.map import map_data, write_map

__all__ = ["map_data", "write_map"]

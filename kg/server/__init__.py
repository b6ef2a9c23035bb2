"""``kg serve``: the explorer page and a read-only SPARQL 1.1 Protocol endpoint.

* :mod:`kg.server.app` -- HTTP routes (page, static files, map data, examples, ``/sparql``);
* :mod:`kg.server.endpoint` -- query checks (read-only, no SERVICE, no foreign FROM),
  content negotiation, result formats, time/row/size limits;
* ``static/`` -- the explorer's page, script and style (the map script is shared with
  :mod:`kg.maps`).
"""

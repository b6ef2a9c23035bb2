"""``kg serve``: the explorer page and a read-only SPARQL 1.1 Protocol endpoint.

* :mod:`kg.server.app` -- HTTP routes (page, static files, map data, examples, ``/sparql``);
* :mod:`kg.server.endpoint` -- query checks (read-only, no SERVICE, no foreign FROM),
  content negotiation, result formats, time/row/size limits;
* :mod:`kg.server.slots` -- query slots shared fairly between clients;
* :mod:`kg.server.backend` and :mod:`kg.server.worker` -- the query processes
  (pyoxigraph on the store, read-only) and their time and memory limits;
* :mod:`kg.server.mapdata` -- the map data, computed in a process of its own;
* ``static/`` -- the explorer's page, script and style (the map script is shared with
  :mod:`kg.maps`).
"""

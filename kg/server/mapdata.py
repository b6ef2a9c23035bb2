"""The explorer's map data, computed in a process of its own.

``python -m kg.server.mapdata STORE TITLE`` writes the map data of a store
directory (:func:`kg.maps.map.map_data`, as JSON that is safe inside HTML)
to its standard output. ``kg serve`` runs it at start-up and after the store
changed: the server's threads keep the interpreter for queries while it runs,
and the projection's memory goes back to the system when it ends.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Optional

from kg.errors import StoreError


def compute(location: Path, title: str) -> bytes:
    """The map JSON of the store at ``location``, from a child process.

    Raises :class:`kg.errors.StoreError` with the child's last error line
    when it fails.
    """
    done = subprocess.run([sys.executable, "-m", "kg.server.mapdata", str(location), title],
                          stdin=subprocess.DEVNULL, capture_output=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StoreError(f"the map data could not be computed: {lines[-1] if lines else done.returncode}")
    return done.stdout


def main(argv: Optional[list[str]] = None) -> int:
    """Write the map JSON of ``STORE`` (titled ``TITLE``) to stdout."""
    from kg.maps.map import json_for_html, map_data
    from kg.rdf.store import open_read_only

    location, title = (sys.argv[1:] if argv is None else argv)[:2]
    graph = open_read_only(Path(location))
    try:
        data = json_for_html(map_data(graph, title=title)).encode("utf-8")
    finally:
        graph.close()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

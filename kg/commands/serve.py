"""``kg serve STORE_OR_FILE``: the explorer in a browser, and a read-only SPARQL endpoint.

Open the printed address: the relationship map with actor search and the
evidence panel, and a SPARQL console (example queries, results as a table,
a button to show the result's actors on the map). SPARQL clients can use
``http://HOST:PORT/sparql`` (SPARQL 1.1 Protocol: GET or POST; JSON, XML,
CSV or TSV results; Turtle or N-Triples graphs).

Queries run in query processes started beside it (pyoxigraph, Oxigraph's
own evaluation, on the store itself, read-only): a store changed by kg
build is seen once the change is committed. The endpoint is read-only: updates, LOAD, SERVICE
and FROM anything but the store's own graphs are refused (decided on the
parsed query); each query has a time limit, a row limit and a memory limit;
request bodies are bounded. It listens on 127.0.0.1 unless --host says
otherwise (anyone who can reach that address can read the whole graph).

Examples:

    kg serve build/seeds/graph.ttl
    kg serve store/ --port 8080 --timeout 30 --max-rows 50000
    kg serve store/ --cors https://example.org
"""
from __future__ import annotations

import argparse
import sys

from kg.commands.arguments import positive
from kg.errors import OutputError, UsageError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "serve", help="serve the explorer page and a read-only SPARQL endpoint",
        description=__doc__.replace("``", ""), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", metavar="STORE_OR_FILE",
                        help="a store directory or a .ttl/.nt/.jsonld/.trig file")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument("--timeout", type=positive(float), default=10.0, metavar="SECONDS",
                        help="time limit per query (default 10)")
    parser.add_argument("--max-rows", type=positive(int), default=10000, metavar="N",
                        help="largest result, in rows or triples (default 10000)")
    parser.add_argument("--max-body", type=positive(int), default=1_000_000, metavar="BYTES",
                        help="largest request body (default 1000000)")
    parser.add_argument("--max-memory", type=positive(int), default=4096, metavar="MB",
                        help="cap on the resident memory of each query process, in MB (default "
                             "4096); a query that takes its process past the cap is stopped "
                             "(503) and a new process takes its place")
    parser.add_argument("--cors", metavar="ORIGIN", default=None,
                        help="let web pages from ORIGIN (e.g. https://example.org) read /sparql "
                             "results (default: no cross-origin access)")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.server.app import is_loopback, load_explorer, make_server
    from kg.server.endpoint import Limits

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535: {args.port}")
    limits = Limits(timeout=args.timeout, max_rows=args.max_rows, max_body=args.max_body)
    if args.cors is not None and not args.cors.startswith(("http://", "https://")) and args.cors != "*":
        raise UsageError(f"--cors needs an origin such as https://example.org: {args.cors!r}")
    explorer = load_explorer(args.graph, limits, memory=args.max_memory << 20, cors=args.cors)
    try:
        server = make_server(explorer, args.host, args.port, quiet=args.quiet)
    except OSError as exc:
        explorer.close()
        raise OutputError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in str(host) else host
    if not is_loopback(args.host):
        print(f"kg serve: warning: listening on {args.host}, reachable from other machines; "
              "the whole graph is readable by anyone who can connect", file=sys.stderr)
    print(f"kg serve: explorer at http://{shown}:{port}/ , SPARQL endpoint at "
          f"http://{shown}:{port}/sparql (Ctrl-C to stop)", file=sys.stderr)
    print(f"http://{shown}:{port}/", flush=True)
    import signal

    def stop(signum, frame):  # noqa: ARG001 - signal API
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("kg serve: stopped", file=sys.stderr)
    finally:
        server.server_close()
        explorer.close()
    return 0

"""The ``kg`` command line: arguments in, calls into the stages out.

Each sub-command lives in ``kg/commands/NAME.py`` and provides
``register(subparsers)``, which adds its parser and sets ``func`` to a
function taking the parsed arguments and returning an exit code. The CLI has
no logic of its own beyond turning :class:`kg.errors.KgError` into a one-line
message and an exit code.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Optional, Sequence

from kg import __version__
from kg.errors import KgError

#: Sub-commands, in the order ``kg --help`` lists them.
COMMANDS = ("build", "events", "eval", "validate", "export", "query", "graph", "map", "serve",
            "compact")


#: One-line help of each sub-command, for ``kg --help`` without importing them all.
SUMMARIES = {
    "build": "extract events and write graph.ttl and map.html",
    "events": "print extracted events, one a line (JSON Lines or CSV)",
    "eval": "score the extractor on a gold file (precision, recall, F1)",
    "validate": "check a graph file or store against the SHACL shapes",
    "export": "write a store or graph file as RDF or an events table",
    "query": "run SPARQL or a named example query on a graph file or store",
    "graph": "alliance analytics: ego, path, rank, blocs, pairs, profile",
    "map": "write an offline interactive map (HTML) of a graph file or store",
    "serve": "serve the explorer page and a read-only SPARQL endpoint",
    "compact": "compact an on-disk store's indexes (faster queries)",
}


def _wanted(argv: Optional[Sequence[str]]) -> Optional[str]:
    """The sub-command named on the command line, if any (only it is imported)."""
    for arg in (sys.argv[1:] if argv is None else argv):
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def make_parser(argv: Optional[Sequence[str]] = None, lazy: bool = False) -> argparse.ArgumentParser:
    """The ``kg`` parser; with ``lazy``, only the sub-command named in ``argv`` is imported.

    The others get a placeholder parser with their one-line help, so
    ``kg --help`` and ``kg --version`` start without spaCy, rdflib or pyoxigraph.
    """
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Entente: build and explore a knowledge graph of international relations from news text.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = _wanted(argv) if lazy else None
    for name in COMMANDS:
        if lazy and name != wanted:
            sub.add_parser(name, help=SUMMARIES.get(name), add_help=False)
            continue
        try:
            module = importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not yet built
            if exc.name == f"kg.commands.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = make_parser(argv, lazy=True)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KgError as exc:
        print(f"kg: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # stdout closed early (``kg events ... | head``): not an error.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except Exception as exc:  # pragma: no cover - a bug; keep it to one line
        if os.environ.get("KG_DEBUG"):
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        print(f"kg: internal error: {type(exc).__name__}: {first} (set KG_DEBUG=1 for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

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
COMMANDS = ("build", "events", "eval", "validate", "export", "query", "graph", "map", "serve")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Entente: build and explore a knowledge graph of international relations from news text.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not yet built
            if exc.name == f"kg.commands.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = make_parser()
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

"""Errors the user can act on, each with a documented exit code.

The CLI prints ``kg: error: MESSAGE`` on one line and exits with the code;
no traceback reaches the user (set ``KG_DEBUG=1`` to see one).

| code | meaning |
| ---- | ------- |
| 0 | success |
| 1 | unexpected internal error (a bug: please report it) |
| 2 | bad usage (unknown option, bad value) |
| 3 | bad input: missing path, empty, binary or oversized file, device or FIFO, no documents |
| 4 | cannot write output (full disk, read-only folder) |
| 5 | store or query error (bad SPARQL, unreadable store, server refused) |
| 6 | validation failed (SHACL violations) |
| 130 | interrupted (Ctrl-C or SIGTERM) |
"""
from __future__ import annotations


class KgError(Exception):
    """An error with a one-line message and an exit code."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(KgError):
    exit_code = 2


class InputError(KgError):
    exit_code = 3


class OutputError(KgError):
    exit_code = 4


class StoreError(KgError):
    exit_code = 5


class ValidationFailed(KgError):
    exit_code = 6

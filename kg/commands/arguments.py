"""Argument types shared by the sub-commands (argparse ``type=`` callables).

>>> positive(int)("3"), positive(float)("0.5"), fraction("0.25")
(3, 0.5, 0.25)
>>> positive(int)("0")
Traceback (most recent call last):
argparse.ArgumentTypeError: must be at least 1, got 0
"""
from __future__ import annotations

import argparse
from typing import Callable, TypeVar

N = TypeVar("N", int, float)


def _number(kind: Callable[[str], N], text: str) -> N:
    try:
        return kind(text)
    except ValueError:
        noun = "whole number" if kind is int else "number"
        raise argparse.ArgumentTypeError(f"not a {noun}: {text!r}") from None


def positive(kind: Callable[[str], N]) -> Callable[[str], N]:
    """A type accepting numbers of ``kind`` (int or float) greater than zero."""
    def parse(text: str) -> N:
        value = _number(kind, text)
        if value <= 0:
            bound = "at least 1" if kind is int else "positive"
            raise argparse.ArgumentTypeError(f"must be {bound}, got {text}")
        return value
    return parse


def fraction(text: str) -> float:
    """A type accepting a number between 0 and 1 (a confidence)."""
    value = _number(float, text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text}")
    return value

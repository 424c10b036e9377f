"""Checks for numeric options, as argparse ``type=`` functions: a bad value is
reported by the parser in one line, before any command runs."""
from __future__ import annotations

import argparse
import math
from typing import Callable


def at_least(minimum: int) -> Callable[[str], int]:
    """A ``type=`` for whole numbers of at least ``minimum``."""
    def check(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"needs a whole number, got {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}")
        return number

    check.__name__ = f"at_least_{minimum}"
    return check


def positive_number(value: str) -> float:
    """A ``type=`` for numbers above 0."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"needs a number, got {value!r}") from None
    if not (math.isfinite(number) and number > 0):  # nan and inf mean nothing as a weight or a width
        raise argparse.ArgumentTypeError("must be more than 0 and finite")
    return number

"""The one error type users see: a bad input, named with its file and problem."""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: ``InputError(path, problem)`` prints as ``path: problem``.

    The command line turns it into one line on stderr and exit status 2.
    """

    def __init__(self, path: Path | str | None, problem: str) -> None:
        self.path = Path(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path is not None else problem)

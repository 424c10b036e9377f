"""The error types users see: a bad input, named with its file and problem, and an unknown name."""
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


class UnknownName(InputError, LookupError):
    """A name that is not there: a document id, frame scheme, frame, lens or passage.

    ``UnknownName("no document 'x'; ids are: a, b")`` prints its message alone;
    it is an :class:`InputError` (the command line reports it in one line, exit
    status 2) and a :class:`LookupError` (code that looks names up can catch it
    as such).
    """

    def __init__(self, problem: str, path: Path | str | None = None) -> None:
        super().__init__(path, problem)

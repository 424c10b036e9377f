"""The presentation layer: what the notebooks say and draw, from the measures' tables.

Each module serves notebook sections and returns Markdown text, display tables or
``(figure, table)`` pairs; it computes no measure of its own (those live in the
measure subpackages and in :mod:`analysis.groups` / :mod:`analysis.findings`).
Nothing below this layer imports it. ``actors`` serves the actor sections of
notebooks 02 (sentiment toward each actor) and 03 (the role each is cast in).
The older notebook views still live beside their measures (``analysis.framing.views``,
``analysis.sentiment.views`` ...) and move here one by one.
"""
from __future__ import annotations

__all__ = ["actors"]


def __getattr__(name: str):
    if name in __all__:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

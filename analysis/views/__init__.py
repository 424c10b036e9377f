"""The presentation layer: what the notebooks say and draw, from the measures' tables.

Each module serves one notebook and returns Markdown text, display tables or
``(figure, table)`` pairs; it computes no measure of its own (those live in the
measure subpackages and in :mod:`analysis.groups` / :mod:`analysis.findings`).
Nothing below this layer imports it.

- ``common``: prose helpers (numbers, intervals, sides, escaping for Markdown and plot labels), the comparison in
  force, and the group figures shared by every notebook;
- ``corpus`` (00-corpus-tour), ``framing`` and ``framing_findings`` (01-framing), ``sentiment`` (02-sentiment),
  ``entities`` (03-entities), ``actors`` (the actor sections of 02 and 03);
- ``framing_figures``, ``sentiment_figures``, ``entities_figures``: the figures of one measure each;
- ``passages``: notebook prose that depends on the corpus in force (the seeds' story or a general wording);
- ``plan``: the teaching plan (minutes, prerequisites, learning goals) that the notebooks and the guide state;
- ``misreadings``: the "Common misreadings" boxes, with their numbers computed.
"""
from __future__ import annotations

__all__ = ["actors", "common", "corpus", "entities", "entities_figures", "framing", "framing_figures",
           "framing_findings", "misreadings", "passages", "plan", "sentiment",
           "sentiment_figures"]


def __getattr__(name: str):
    if name in __all__:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

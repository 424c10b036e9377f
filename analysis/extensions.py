"""Extension points: where the core library asks an optional part (the annotation
store) whether it already holds an answer, without importing it by name.

The core calls ``ask(question, ...)`` at a few fixed places (loading a corpus,
cue matches, document frame scores, sentence sentiment, entity results, actor mentions and roles, the words
about a corpus, the report's checks and checksums). Each module in :data:`PROVIDERS` is imported on the first question
and may define a function of that name; the first answer that is not ``None``
wins, and ``None`` means "compute as usual". Providers import the core, never
the other way round, so the core stays free of import cycles, as the command
registry of :mod:`analysis.cli.commands` does for commands.
"""
from __future__ import annotations

import importlib
from typing import Any

PROVIDERS = ("analysis.store.hooks",)
"""Modules that answer questions, in the order they are asked."""

__all__ = ["PROVIDERS", "ask"]


def ask(question: str, *args: Any) -> Any:
    """The first provider's answer to ``question(*args)`` that is not ``None``, else ``None``."""
    for dotted in PROVIDERS:
        answer_from = getattr(importlib.import_module(dotted), question, None)
        if answer_from is not None and (answer := answer_from(*args)) is not None:
            return answer
    return None

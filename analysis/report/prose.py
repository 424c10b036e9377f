"""The report's words about the corpus: the index heading and lead, and how many rows the index shows.

Notebook prose fitted to the corpus in force is the presentation layer's (:mod:`analysis.views.passages`).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..corpus.info import CorpusInfo

INDEX_ROWS = 20  # longer document tables are cut on the index page (the full table is a CSV)


@dataclass(frozen=True)
class Sides:
    """The two groups a build compares, as the index names them."""

    column: str
    name_a: str
    name_b: str
    n_a: int
    n_b: int


def index_heading(info: CorpusInfo, labels: list[str]) -> str:
    """The index page's H1: the seeds' own question, or the corpus title."""
    if info.narrative:
        phrase = f"{labels[0]} and {labels[1]}" if len(labels) == 2 else f"{len(labels)} texts"
        return f"How {phrase} frame Russia–North Korea relations"
    return info.title


def index_lead(info: CorpusInfo, labels: list[str], sides: Sides | None) -> str:
    """The lead paragraph's first sentence (plain text; the template escapes it)."""
    if info.narrative:
        phrase = f"{labels[0]} and {labels[1]}" if len(labels) == 2 else f"{len(labels)} texts"
        return f"This report compares how {phrase} frame relations between Russia and North Korea."
    about = f" on {info.topic}" if info.topic else ""
    text = f"This report analyses {info.count(len(labels))}{about}."
    if info.description:
        text += f" {info.description}"
    if sides is not None:
        text += (f" It compares {sides.name_a} ({info.count(sides.n_a)}) with {sides.name_b} "
                 f"({info.count(sides.n_b)}), grouped by {sides.column}.")
    return text


def cut_rows(rows: list, limit: int = INDEX_ROWS) -> tuple[list, int]:
    """The rows to show and how many were left out."""
    return rows[:limit], max(0, len(rows) - limit)

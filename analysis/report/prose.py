"""The report's words about the corpus: index heading and lead, and notebook prose fitted to it.

The notebooks' markdown tells the story of the repository's two seed texts. On
any other corpus a cell that speaks about the seeds carries, in its metadata,
the text to show instead::

    cell.metadata["rdf_corpus"] = "# Framing in {title}\\n\\n{description}"

with placeholders filled from :class:`analysis.corpus.info.CorpusInfo`
(``{title}``, ``{description}``, ``{topic}``, ``{unit}``, ``{units}``, ``{n}``, the
number of documents), each value escaped for Markdown. An empty text drops the
cell. On the seeds (``info.narrative``) nothing changes.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from ..corpus.info import CorpusInfo
from ..escape import md_text

KEY = "rdf_corpus"
INDEX_ROWS = 20  # longer document tables are cut on the index page (the full table is a CSV)
def fields(info: CorpusInfo, n_docs: int) -> dict[str, str]:
    """The placeholder values for a corpus, escaped for Markdown."""
    return {
        "title": md_text(info.title), "description": md_text(info.description),
        "topic": md_text(info.topic or "their subject"), "unit": md_text(info.unit),
        "units": md_text(info.units), "n": f"{n_docs:,}",
    }


def fit_to_corpus(nb, info: CorpusInfo, n_docs: int):
    """A copy of an executed notebook whose seed-only prose is replaced for this corpus."""
    if info.narrative:
        return nb
    nb = copy.deepcopy(nb)
    values = fields(info, n_docs)
    kept = []
    for cell in nb.cells:
        template = cell.metadata.get(KEY) if cell.cell_type == "markdown" else None
        if template is None:
            kept.append(cell)
            continue
        text = template.format_map(values).strip()
        if text:
            cell.source = text
            kept.append(cell)
    nb.cells = kept
    return nb


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

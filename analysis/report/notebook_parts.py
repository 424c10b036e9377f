"""Reading the shared notebook skeleton: title, sections, findings, learning goals.

Every notebook follows one outline (H1 title, ``## Overview``, ``## Data and
method``, numbered sections, ``## Findings``, ``## Caveats``, ``## Your turn``).
The report and the student version find their parts by these headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

SECTION = re.compile(r"^##\s+(.+?)\s*#*\s*$")
TITLE = re.compile(r"^#\s+(.+?)\s*$")
BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
NUMBERED = re.compile(r"^\s{0,3}\d+[.)]\s+(.*)$")
MARKDOWN_MIME = "text/markdown"


@dataclass(frozen=True)
class Piece:
    """A part of a notebook inside one ``##`` section: markdown text or a code cell."""

    section: str
    cell_index: int
    kind: str  # "markdown" | "code"
    text: str  # markdown text without the heading line, or code source


def title(nb, fallback: str = "") -> str:
    """The first level-1 heading of the notebook, or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                match = TITLE.match(line)
                if match:
                    return match.group(1)
    return fallback


def pieces(nb) -> Iterator[Piece]:
    """Walk the notebook in order, tagging every piece with the ``##`` section it is in
    ("" before the first one). A markdown cell with several headings yields one piece per section."""
    section = ""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            yield Piece(section, index, "code", cell.source)
            continue
        if cell.cell_type != "markdown":
            continue
        lines: list[str] = []
        for line in cell.source.splitlines():
            match = SECTION.match(line)
            if match:
                if "".join(lines).strip():
                    yield Piece(section, index, "markdown", "\n".join(lines).strip())
                section, lines = match.group(1), []
            elif not TITLE.match(line):
                lines.append(line)
        if "".join(lines).strip():
            yield Piece(section, index, "markdown", "\n".join(lines).strip())


def section_names(nb) -> list[str]:
    """The ``##`` headings in order."""
    names: list[str] = []
    for piece in pieces(nb):
        if piece.section and piece.section not in names:
            names.append(piece.section)
    return names


def _markdown_outputs(cell) -> list[str]:
    return [str(out["data"][MARKDOWN_MIME]).strip() for out in cell.get("outputs", [])
            if out.get("output_type") in ("display_data", "execute_result")
            and MARKDOWN_MIME in out.get("data", {})]


def section_markdown(nb, name: str) -> list[str]:
    """The prose of section ``name`` (case-insensitive): its markdown text and the
    Markdown that its code cells displayed (computed prose), in order."""
    texts: list[str] = []
    for piece in pieces(nb):
        if piece.section.casefold() != name.casefold():
            continue
        if piece.kind == "markdown":
            texts.append(piece.text)
        else:
            texts.extend(_markdown_outputs(nb.cells[piece.cell_index]))
    return [t for t in texts if t]


def _list_items(markdown: str) -> list[str]:
    """The top-level bullet or numbered items of a markdown text, continuation lines joined."""
    items: list[str] = []
    current: list[str] | None = None
    for line in markdown.splitlines():
        match = BULLET.match(line) or NUMBERED.match(line)
        if match:
            current = [match.group(1).strip()]
            items.append("")
        elif current is not None and line.startswith((" ", "\t")) and line.strip():
            current.append(line.strip())
        else:
            current = None
            continue
        items[-1] = " ".join(current)
    return items


def learning_goals(nb) -> list[str]:
    """The bullet points of the ``## Overview`` section."""
    return [item for text in section_markdown(nb, "Overview") for item in _list_items(text)]


def findings(nb) -> list[str]:
    """The ``## Findings`` of an executed notebook, one markdown string per item
    (bullets split apart; a paragraph without bullets is one item)."""
    result: list[str] = []
    for text in section_markdown(nb, "Findings"):
        items = _list_items(text)
        result.extend(items if items else [text])
    return result

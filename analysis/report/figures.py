"""Figures in the report: alternative text, captions, and the files each figure links to."""
from __future__ import annotations

import re
from pathlib import Path

from . import notebook_parts
from .execute import Page


FIGURE_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg")
CAPTION = re.compile(r"^\s*[*_]{0,2}(figure|fig\.)\b", re.IGNORECASE)


def figure_description(path: Path) -> str:
    """The description ``analysis.save_figure`` stores in a PNG (title and axis labels), or ""."""
    if path.suffix.lower() != ".png" or not path.is_file():
        return ""
    from PIL import Image

    with Image.open(path) as image:
        text = getattr(image, "text", {}) or {}
    return (text.get("Description") or text.get("Title") or "").strip()


def _plain(markdown: str) -> str:
    """Markdown reduced to one line of plain text (for alt attributes)."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]+", "", text)
    return " ".join(text.split())


def _caption_near(nb, index: int) -> str:
    """A figure caption: the markdown cell just after (or else just before) cell ``index``
    when it starts with "Figure"."""
    for neighbour in (index + 1, index - 1):
        if 0 <= neighbour < len(nb.cells) and nb.cells[neighbour].cell_type == "markdown":
            source = nb.cells[neighbour].source.strip()
            if CAPTION.match(source) and len(source) < 600:
                return _plain(source)
    return ""


def annotate_figures(nb, title: str, figures: Path) -> None:
    """Give every image output alternative text: the caption next to the cell, else the saved
    figure's own title and axis labels, else where the figure sits in the notebook."""
    section = ""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            names = [m.group(1) for m in map(notebook_parts.SECTION.match, cell.source.splitlines()) if m]
            section = names[-1] if names else section
            continue
        if cell.cell_type != "code":
            continue
        images = [out for out in cell.get("outputs", []) if "image/png" in out.get("data", {})]
        saved = [name for name in cell.metadata.get("rdf_files", []) if name.lower().endswith(".png")]
        caption = _caption_near(nb, index)
        for number, out in enumerate(images):
            described = figure_description(figures / saved[number]) if number < len(saved) else ""
            fallback = f"Figure in “{section or title}” of “{title}”"
            alt = caption or described or fallback
            if described and caption and described not in caption:
                alt = f"{caption} ({described})"
            out.setdefault("metadata", {})["rdf_alt"] = alt


def figure_entries(pages: list[Page], figures: Path) -> tuple[list[dict], list[dict]]:
    """Figures (with their CSV if any) and stand-alone tables of the site, in page order."""
    owner = {name: page for page in pages for name in page.files}
    names = sorted(p.name for p in figures.iterdir() if p.is_file()) if figures.is_dir() else []
    images = [n for n in names if n.lower().endswith(FIGURE_SUFFIXES)]
    paired = {Path(n).with_suffix(".csv").name for n in images}
    order = {page.href: i for i, page in enumerate(pages)}

    def place(name: str) -> tuple[int, str]:
        page = owner.get(name)
        return (order[page.href] if page else len(pages), name)

    figure_rows = []
    for name in sorted(images, key=place):
        page = owner.get(name)
        csv = Path(name).with_suffix(".csv").name
        figure_rows.append({
            "name": name, "href": f"figures/{name}",
            "alt": figure_description(figures / name) or f"Figure {name}",
            "csv": f"figures/{csv}" if csv in names else "",
            "page_href": page.href if page else "index.html",
            "page_short": page.short if page else "an earlier build",
        })
    tables = [{"name": n, "href": f"figures/{n}"} for n in sorted(names, key=place)
              if n.lower().endswith(".csv") and n not in paired]
    return figure_rows, tables

"""The report's teaching pages: the teacher's guide and the worked solutions.

``guide.html`` renders the teacher's guide (``notebooks/README.md``) with its
links to notebooks pointed at the report's pages; one
``NN-name-solutions.html`` page per notebook that has worked solutions in
``notebooks/solutions/``. Every page's navigation links the guide, and each
notebook page its solutions. Solutions are shown with their committed
outputs, computed on the repository's seeds (the tests re-run them there), and
each solution page says once that this build did not execute it.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..paths import NOTEBOOKS
from .execute import Page

GUIDE_HREF = "guide.html"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SOLUTIONS = "solutions"


def solutions_source(page: Page) -> Path | None:
    """``notebooks/solutions/NN-name-solutions.ipynb`` beside the page's notebook, if any."""
    path = page.source.parent / SOLUTIONS / f"{page.stem}-solutions.ipynb"
    return path if path.is_file() else None


def guide_source(pages: list[Page]) -> Path | None:
    """The teacher's guide: ``README.md`` beside the notebooks (``notebooks/README.md``), if any."""
    guide = pages[0].source.parent / "README.md" if pages else NOTEBOOKS / "README.md"
    return guide if guide.is_file() else None


def site_links(pages: list[Page]) -> dict:
    """Entries for ``site``: the guide's href (or "") and notebook page -> solutions page."""
    solutions = {p.href: f"{p.stem}-solutions.html" for p in pages if solutions_source(p)}
    return {"guide": GUIDE_HREF if guide_source(pages) else "", "solutions": solutions}


_LINK = re.compile(r"\]\((?:\./)?(solutions/)?([^)#\s]*?)\.ipynb(#[^)]*)?\)")


def guide_markdown(text: str, pages: list[Page]) -> str:
    """The guide's Markdown with ``NN-name.ipynb`` links pointed at report pages
    and ``solutions/...ipynb`` (or the ``solutions/`` folder) at solution pages."""
    hrefs = {p.stem for p in pages}

    def fix(match: re.Match) -> str:
        folder, stem, anchor = match.group(1), Path(match.group(2)).name, match.group(3) or ""
        if folder or stem.replace("-solutions", "") in hrefs:
            return f"]({stem}.html{anchor})"
        return match.group(0)

    text = _LINK.sub(fix, text)
    return text.replace("](solutions/)", "](#exercises-and-solutions)")


def render_guide(pages: list[Page], site: dict) -> str | None:
    """The HTML of ``guide.html`` (``None`` without a guide)."""
    from .render import _jinja, headings, markdown_html

    source = guide_source(pages)
    if source is None:
        return None
    body = markdown_html(guide_markdown(source.read_text(encoding="utf-8"), pages), inline=False)
    body = _anchor_headings(body)
    toc = headings(body, levels=(2,))
    return _jinja().get_template("guide.html.j2").render(site=site, body=body, toc=toc)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"<[^>]+>", "", text).lower()).strip("-")


def _anchor_headings(body: str) -> str:
    """Give every ``<h1>``/``<h2>`` an id from its text, so the table of contents can link it."""
    return re.sub(r"<h([12])>(.*?)</h\1>", lambda m: f'<h{m.group(1)} id="{_slug(m.group(2))}">{m.group(2)}</h{m.group(1)}>',
                  body, flags=re.DOTALL)


def solution_pages(pages: list[Page]) -> list[Page]:
    """A :class:`Page` (committed outputs loaded) for each notebook with worked solutions."""
    import nbformat

    out = []
    for page in pages:
        source = solutions_source(page)
        if source is not None:
            nb = nbformat.read(source, as_version=4)
            if not any(WIDGET_VIEW in o.get("data", {}) for c in nb.cells for o in c.get("outputs", [])):
                nb.metadata.pop("widgets", None)  # saved state without a view to draw: nothing to load
            out.append(Page(source, nb))
    return out


NOTE = ("*Worked solutions to the “Your turn” exercises of [{page}]({href}), computed on the repository's seed "
        "texts (the test suite re-runs them there).*")


def report_pages(notebooks: list[Path]) -> set[str]:
    """Every HTML file a report on ``notebooks`` writes: index, notebook, solution and guide pages."""
    pages = [Page(Path(p)) for p in notebooks]
    names = {"index.html", *(p.href for p in pages), *site_links(pages)["solutions"].values()}
    return names | ({GUIDE_HREF} if guide_source(pages) else set())


def write_teaching_pages(out: Path, pages: list[Page], site: dict, figures: Path) -> list[str]:
    """Write the guide and the solution pages into ``out``; returns the file names written."""
    import nbformat

    from .render import render_page

    written = []
    guide = render_guide(pages, site)
    if guide is not None:
        (out / GUIDE_HREF).write_text(guide, encoding="utf-8")
        written.append(GUIDE_HREF)
    by_stem = {p.stem: p for p in pages}
    for page in solution_pages(pages):
        nbformat.write(page.nb, out / "notebooks" / page.source.name)
        parent = by_stem[page.stem.removesuffix("-solutions")]
        note = nbformat.v4.new_markdown_cell(NOTE.format(page=parent.short, href=parent.href))
        note["id"] = f"rdf-note-{page.stem}"  # fixed, not random: pages are byte-identical across builds
        position = 1 if page.nb.cells and page.nb.cells[0].cell_type == "markdown" else 0
        page.nb.cells.insert(position, note)
        (out / page.href).write_text(render_page(page, site, figures, executed=False), encoding="utf-8")
        written.append(page.href)
    return written

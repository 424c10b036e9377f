"""Rendering the report's HTML: Markdown, the notebook pages and the index, through the site templates."""
from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path

from ..escape import sanitize_html, sanitize_notebook_outputs, spreadsheet_safe
from . import notebook_parts, prose
from .execute import Page
from .figures import FIGURE_SUFFIXES, annotate_figures, figure_entries


ASSETS = Path(__file__).resolve().parent / "assets"
TEMPLATES = ASSETS / "templates"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$\w])\$[^\s$][^$\n]*?(?<![\s\\])\$(?![\w$])|\\\(|\\\[", re.DOTALL)


@lru_cache(maxsize=1)
def _markdown():
    import mistune

    return mistune.create_markdown(escape=True, plugins=["strikethrough", "table"])


def markdown_html(text: str, inline: bool = True) -> str:
    """Markdown as HTML with any raw HTML escaped; ``inline`` drops a lone wrapping <p>."""
    rendered = sanitize_html(_markdown()(text).strip())
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


@lru_cache(maxsize=1)
def _exporter():
    from jinja2 import pass_context
    from nbconvert import HTMLExporter

    class SafeExporter(HTMLExporter):
        """Markdown (cells and displayed outputs) rendered, then stripped of anything live."""

        @pass_context
        def markdown2html(self, context, source):
            return sanitize_html(super().markdown2html(context, source))

    return SafeExporter(template_name="rdf", template_file="page.html.j2",
                        extra_template_basedirs=[str(TEMPLATES)])


def has_math(nb) -> bool:
    """Whether any markdown (cell or displayed output) holds TeX math for MathJax."""
    for cell in nb.cells:
        texts = [cell.source] if cell.cell_type == "markdown" else [
            str(out.get("data", {}).get("text/markdown", "")) for out in cell.get("outputs", [])]
        if any(MATH.search(_without_code(text)) for text in texts):
            return True
    return False


def _without_code(markdown: str) -> str:
    """Markdown without code spans and fenced blocks (a ``$`` in code is not math)."""
    markdown = re.sub(r"```.*?```|~~~.*?~~~", "", markdown, flags=re.DOTALL)
    return re.sub(r"`[^`\n]*`", "", markdown)


def _jinja():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / "rdf")),
                              autoescape=True, trim_blocks=False, lstrip_blocks=False)


_HEADING = re.compile(r'<h([12]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)


def headings(body: str, levels: tuple[int, ...] = (2,)) -> list[dict]:
    """``[{"id", "text"}]`` of the rendered headings of the given levels, in order."""
    import html as htmllib

    entries = []
    for level, anchor, inner in _HEADING.findall(body):
        if int(level) in levels:
            text = re.sub(r"<[^>]+>", "", inner).replace("¶", "").strip()
            entries.append({"id": htmllib.unescape(anchor), "text": htmllib.unescape(text)})
    return entries


def _local_image_sources(body: str, figures: Path) -> str:
    """Point markdown images such as ``../figures/x.png`` at the site's ``figures/x.png``."""
    def fix(match: re.Match) -> str:
        src = match.group(2)
        if src.startswith(("data:", "http:", "https:", "//")) or not (figures / Path(src).name).is_file():
            return match.group(0)
        return f'{match.group(1)}figures/{Path(src).name}"'

    return re.sub(r'(<img\b[^>]*?\bsrc=")([^"]+)"', fix, body)


def _passages_as_prose(nb):
    """``nb`` with every cell that only shows a passage (:func:`analysis.views.passages.cell_passage`)
    replaced by a markdown cell of the text it showed: the page reads as prose, not as code."""
    import nbformat

    from ..views.passages import cell_passage

    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or cell_passage(cell.source) is None:
            continue
        shown = [str(out["data"]["text/markdown"]) for out in cell.get("outputs", [])
                 if "text/markdown" in out.get("data", {})]
        if shown:
            markdown = nbformat.v4.new_markdown_cell("\n\n".join(shown))
            if "id" in cell:  # keep the cell's id: a page is byte-identical across builds
                markdown["id"] = cell["id"]
            nb.cells[index] = markdown
    return nb


def render_page(page: Page, site: dict, figures: Path, executed: bool = True) -> str:
    """The HTML of one notebook page; ``executed``: whether this build ran it (the worked solutions
    are shown with their committed outputs), stated once at the top of the page."""
    nb = _passages_as_prose(copy.deepcopy(page.nb))
    sanitize_notebook_outputs(nb)
    annotate_figures(nb, page.title, figures)
    resources = {"rdf": {"site": site, "href": page.href, "assets": site["assets"],
                         "widgets": has_widgets(nb), "math": has_math(nb),
                         "source": f"notebooks/{page.source.name}", "errors": page.errors,
                         "executed": f"notebooks/{page.source.name}", "executed_here": executed}}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    toc = _jinja().get_template("site.html.j2").module.toc(headings(body))
    body = body.replace("<!--rdf-toc-->", str(toc), 1)
    return _local_image_sources(body, figures)


DOCUMENTS_CSV = "documents.csv"


def _documents_table(seeds: Path, out: Path | None = None, corpus=None) -> dict:
    """The index's table of texts, cut to :data:`analysis.report.prose.INDEX_ROWS` rows; with ``out``,
    the full table is also written to ``out/documents.csv``."""
    from ..corpus.model import load_corpus

    frame = (corpus if corpus is not None else load_corpus(seeds)).documents()
    wanted = [c for c in ("label", "title", "kind", "author", "outlet", "published", "paragraphs",
                          "sentences", "words") if c in frame.columns]
    frame = frame[wanted].fillna("")
    rows = [[v.item() if hasattr(v, "item") else v for v in row] for row in frame.itertuples(index=False)]
    shown, hidden = prose.cut_rows(rows)
    if hidden and out is not None:
        spreadsheet_safe(frame).to_csv(out / DOCUMENTS_CSV, index=False, lineterminator="\n")
    return {"columns": wanted, "rows": shown, "hidden": hidden, "total": len(rows),
            "labels": [str(row[0]) for row in rows], "csv": DOCUMENTS_CSV if hidden else ""}


def render_index(pages: list[Page], site: dict, seeds: Path, figures: Path, bodies: dict[str, str],
                 out: Path | None = None, sides: prose.Sides | None = None, corpus=None) -> str:
    """The HTML of ``index.html``: headings and lead from the corpus's own words
    (:mod:`analysis.report.prose`), the document table cut with its full CSV beside it."""
    from ..corpus.info import corpus_info

    documents = _documents_table(seeds, out, corpus)
    labels = documents["labels"]
    info = corpus_info(seeds)
    figure_rows, tables = figure_entries(pages, figures)
    items = []
    for page in pages:
        anchors = {h["text"].casefold(): h["id"] for h in headings(bodies[page.href])}
        items.append({
            "href": page.href, "title": page.title, "source": f"notebooks/{page.source.name}",
            "findings": [markdown_html(f) for f in notebook_parts.findings(page.nb)],
            "findings_anchor": anchors.get("findings", ""),
            "goals": [markdown_html(g) for g in notebook_parts.learning_goals(page.nb)],
            "figures": [n for n in page.files if n.lower().endswith(FIGURE_SUFFIXES)],
            "errors": page.errors,
        })
    toc = [{"id": "texts", "text": "The texts"}, {"id": "findings", "text": "Key findings"},
           {"id": "notebooks", "text": "The notebooks"}, {"id": "figures", "text": "Figures and their data"},
           {"id": "run-it-yourself", "text": "Run it yourself"}, {"id": "reproducibility", "text": "Reproducibility"}]
    return _jinja().get_template("home.html.j2").render(
        heading=prose.index_heading(info, labels), lead=prose.index_lead(info, labels, sides),
        site=site, pages=items, documents=documents, figures=figure_rows, tables=tables, toc=toc)


def has_widgets(nb) -> bool:
    """Whether the executed notebook saved widget state to draw."""
    return bool(nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state"))

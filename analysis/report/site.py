"""Execute the notebooks against a seeds folder and render them as an offline HTML site.

The site (``build/report`` by default)::

    index.html            what the project is, the texts, key findings, figures, how to rerun
    NN-name.html          one page per numbered notebook, executed afresh
    figures/              every file the notebooks saved (PNG figures, CSV tables behind them)
    notebooks/            the executed notebooks (.ipynb)
    assets/               site.css and, when a page has widgets, the vendored widget renderer

Every page works opened from disk without network access: no script or
stylesheet is loaded from another host. Figure files are matched to the cell
that wrote them (a notebook cell that calls ``analysis.save_figure(fig,
"02-sentiment-arcs.png", data=table)`` gets links to the PNG and its CSV).
"""
from __future__ import annotations

import copy
import os
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import notebook_parts, provenance
from ..corpus.catalog import folder_entries
from ..errors import InputError
from ..escape import sanitize_html, sanitize_notebook_outputs
from ..outdir import MARKER, prepare_output_dir, seal_output_dir
from ..paths import FIGURES_ENV, NOTEBOOKS, ROOT, SEEDS_ENV, seeds_dir

NOTEBOOK_PATTERN = re.compile(r"^\d\d-[\w-]+\.ipynb$")
TIMEOUT = 600
ASSETS = Path(__file__).resolve().parent / "assets"
TEMPLATES = ASSETS / "templates"
PROJECT = "russia-dprk-framing"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
FIGURE_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg")
CAPTION = re.compile(r"^\s*[*_]{0,2}(figure|fig\.)\b", re.IGNORECASE)
MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$\w])\$[^\s$][^$\n]*?(?<![\s\\])\$(?![\w$])|\\\(|\\\[", re.DOTALL)


class ReportError(Exception):
    """A notebook failed while the report was being built."""


@dataclass
class Page:
    """One notebook of the site, from source file to rendered page."""

    source: Path
    nb: object = None
    errors: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # written into figures/, in cell order

    @property
    def stem(self) -> str:
        return self.source.stem

    @property
    def href(self) -> str:
        return f"{self.stem}.html"

    @property
    def short(self) -> str:
        number, _, rest = self.stem.partition("-")
        return f"{number} {rest.replace('-', ' ').capitalize()}".strip()

    @property
    def title(self) -> str:
        return notebook_parts.title(self.nb, self.short) if self.nb is not None else self.short


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered analysis notebooks (``00-corpus-tour.ipynb`` ...), in order."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if NOTEBOOK_PATTERN.match(p.name))


# --- execution ---------------------------------------------------------------------------------

def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir() if p.is_file()}


def execute_notebook(path: Path, seeds: Path, figures: Path, allow_errors: bool = False):
    """Run a notebook top to bottom in a fresh kernel; return the executed notebook.

    The kernel sees ``RDF_SEEDS=seeds`` and ``RDF_FIGURES=figures``. Each code cell that
    writes files into ``figures`` gets their names in ``cell.metadata["rdf_files"]``.
    With ``allow_errors`` a failing cell is recorded as an error output and execution goes on.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    figures.mkdir(parents=True, exist_ok=True)
    before: dict[str, tuple[int, int]] = {}

    def on_execute(cell, **_) -> None:
        before.clear()
        before.update(_listing(figures))

    def on_executed(cell, **_) -> None:
        written = sorted(name for name, stamp in _listing(figures).items() if before.get(name) != stamp)
        if written:
            cell.metadata["rdf_files"] = written

    # The kernel's own log (e.g. its warning about unencrypted local TCP) is noise in a
    # report build; errors in cells still reach the notebook as outputs.
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", allow_errors=allow_errors,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}},
                            on_cell_execute=on_execute, on_cell_executed=on_executed)
    env = dict(os.environ) | {SEEDS_ENV: str(seeds), FIGURES_ENV: str(figures)}
    client.execute(env=env)
    return nb


def cell_errors(nb) -> list[str]:
    """One line per code cell that ended in an error: ``cell N: Name: message``."""
    lines = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                message = str(out.get("evalue", "")).splitlines()[0:1]
                lines.append(f"cell {index + 1}: {out.get('ename', 'Error')}: {(message or [''])[0][:200]}".rstrip(": "))
    return lines


def _run_page(page: Page, seeds: Path, work: Path, strict: bool, quiet: bool = False) -> Page:
    from nbclient.exceptions import CellExecutionError

    if not quiet:
        print(f"executing {page.source.name} ...", file=sys.stderr, flush=True)
    try:
        page.nb = execute_notebook(page.source, seeds, work / page.stem, allow_errors=not strict)
    except CellExecutionError as exc:
        message = (str(exc.evalue).splitlines() or [""])[0][:200]
        raise ReportError(f"{page.source.name}: a cell failed ({exc.ename}: {message}); "
                          "rerun with --keep-going to render the page with the error shown") from None
    page.errors = cell_errors(page.nb)
    page.files = [name for cell in page.nb.cells for name in cell.metadata.get("rdf_files", [])]
    return page


def execute_all(pages: list[Page], seeds: Path, work: Path, strict: bool, jobs: int) -> None:
    """Execute the pages' notebooks, ``jobs`` kernels at a time (each with its own figures folder)."""
    if jobs <= 1 or len(pages) <= 1:
        for page in pages:
            _run_page(page, seeds, work, strict)
        return
    print("executing " + ", ".join(p.source.name for p in pages) + f" ({jobs} at a time) ...",
          file=sys.stderr, flush=True)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for future in [pool.submit(_run_page, page, seeds, work, strict, quiet=True) for page in pages]:
            future.result()


# --- figures: alternative text, captions, files ------------------------------------------------

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


def _figure_entries(pages: list[Page], figures: Path) -> tuple[list[dict], list[dict]]:
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


# --- HTML --------------------------------------------------------------------------------------

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


def render_page(page: Page, site: dict, figures: Path) -> str:
    """The HTML of one notebook page."""
    nb = copy.deepcopy(page.nb)
    sanitize_notebook_outputs(nb)
    annotate_figures(nb, page.title, figures)
    resources = {"rdf": {"site": site, "href": page.href, "assets": site["assets"],
                         "widgets": has_widgets(nb), "math": has_math(nb),
                         "source": f"notebooks/{page.source.name}", "errors": page.errors,
                         "executed": f"notebooks/{page.source.name}"}}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    toc = _jinja().get_template("site.html.j2").module.toc(headings(body))
    body = body.replace("<!--rdf-toc-->", str(toc), 1)
    return _local_image_sources(body, figures)


def _documents_table(seeds: Path) -> dict:
    from ..corpus.model import load_corpus

    frame = load_corpus(seeds).documents()
    wanted = [c for c in ("label", "title", "kind", "author", "outlet", "published", "paragraphs",
                          "sentences", "words") if c in frame.columns]
    frame = frame[wanted].fillna("")
    return {"columns": wanted, "rows": [[v.item() if hasattr(v, "item") else v for v in row]
                                        for row in frame.itertuples(index=False)]}


def _phrase(labels: list[str]) -> str:
    if len(labels) == 2:
        return f"{labels[0]} and {labels[1]}"
    return f"{len(labels)} texts"


def render_index(pages: list[Page], site: dict, seeds: Path, figures: Path, bodies: dict[str, str]) -> str:
    """The HTML of ``index.html``."""
    documents = _documents_table(seeds)
    labels = [str(row[0]) for row in documents["rows"]]
    figure_rows, tables = _figure_entries(pages, figures)
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
    phrase = _phrase(labels)
    return _jinja().get_template("home.html.j2").render(
        heading=f"How {phrase} frame Russia–North Korea relations",
        site=site, pages=items, documents=documents, figures=figure_rows, tables=tables, toc=toc,
        corpus_phrase=phrase)


# --- the site ----------------------------------------------------------------------------------

def _prepare_out(out: Path, inputs: list[Path] = (), force: bool = False) -> Path:
    """Check and claim ``out`` (see :mod:`analysis.outdir`): never an input folder, and only
    files of an earlier report build are cleared."""
    return prepare_output_dir(out, inputs=list(inputs), force=force, command="report")


def has_widgets(nb) -> bool:
    """Whether the executed notebook saved widget state to draw."""
    return bool(nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state"))


def _copy_assets(out: Path, pages: list[Page]) -> None:
    """site.css always; the widget renderer and MathJax only when a page needs them."""
    assets = out / "assets"
    assets.mkdir(exist_ok=True)
    shutil.copy2(ASSETS / "site.css", assets / "site.css")
    for folder, needed in (("widgets", has_widgets), ("mathjax", has_math)):
        if any(needed(page.nb) for page in pages):
            shutil.copytree(ASSETS / folder, assets / folder, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("README.md"))


def _collect_figures(pages: list[Page], work: Path, figures: Path) -> None:
    figures.mkdir(exist_ok=True)
    seen: dict[str, str] = {}
    for page in pages:
        for path in sorted((work / page.stem).glob("*")):
            if path.name in seen:
                print(f"warning: {page.source.name} and {seen[path.name]} both wrote {path.name}; "
                      f"keeping the one from {page.source.name}", file=sys.stderr)
            seen[path.name] = page.source.name
            shutil.move(str(path), figures / path.name)
    shutil.rmtree(work, ignore_errors=True)


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def site_info(seeds: Path, out: Path, pages: list[Page]) -> dict:
    """Navigation and reproducibility facts shared by every page."""
    return {
        "project": PROJECT,
        "assets": "assets",
        "pages": [{"href": p.href, "title": p.title, "short": p.short} for p in pages],
        "provenance": {
            "built": provenance.build_time(),
            "commit": provenance.git_commit(),
            "seeds": _relative(seeds),
            "command": f"python -m analysis report --seeds {_relative(seeds)} --out {_relative(out)}",
            "checksums": provenance.seed_checksums(seeds),
            "versions": provenance.package_versions(),
        },
    }


def default_jobs() -> int:
    """Kernels to run at once: two on a two-core machine, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


def build_report(seeds: Path | None = None, out: Path = Path("build/report"),
                 notebooks: list[Path] | None = None, jobs: int | None = None,
                 strict: bool = True, force: bool = False) -> Path:
    """Execute every numbered notebook on ``seeds`` and write an HTML site to ``out``.

    ``strict`` (the default) stops at the first failing cell with :class:`ReportError`:
    the notebooks are meant to run on any corpus, so a failure is a bug to see. With
    ``strict=False`` failing cells are shown on their page instead.
    Returns the path of ``index.html``. The committed notebooks are not changed. ``out`` is
    checked by :func:`analysis.outdir.prepare_output_dir` (``force`` takes over a non-empty
    folder that is not an earlier report) before anything is executed or written.
    """
    import nbformat

    seeds = Path(seeds or seeds_dir()).expanduser().resolve()
    folder_entries(seeds)  # fail early, with a clear message, on a bad folder
    paths = list(notebooks) if notebooks is not None else notebook_paths()
    if not paths:
        raise InputError(NOTEBOOKS, "no numbered notebooks (NN-name.ipynb) to render")
    out = _prepare_out(Path(out), [seeds, *{Path(p).resolve().parent for p in paths}], force)
    figures, work = out / "figures", out / ".work"
    pages = [Page(Path(p).resolve()) for p in paths]
    execute_all(pages, seeds, work, strict, jobs or default_jobs())
    _collect_figures(pages, work, figures)

    (out / "notebooks").mkdir(exist_ok=True)
    for page in pages:
        saved = copy.deepcopy(page.nb)
        for cell in saved.cells:
            cell.metadata.pop("rdf_files", None)
        nbformat.write(saved, out / "notebooks" / page.source.name)

    site = site_info(seeds, out, pages)
    _copy_assets(out, pages)
    bodies = {}
    for page in pages:
        bodies[page.href] = render_page(page, site, figures)
        (out / page.href).write_text(bodies[page.href], encoding="utf-8")
    index = out / "index.html"
    index.write_text(render_index(pages, site, seeds, figures, bodies), encoding="utf-8")
    seal_output_dir(out)
    return index

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
import shutil
import sys
from pathlib import Path

from ..corpus.model import load_corpus
from ..errors import InputError
from ..outdir import MARKER, prepare_output_dir, seal_output_dir
from ..paths import NOTEBOOKS, ROOT, seeds_dir
from . import prose as report_prose, provenance, run as report_run, teaching
from .execute import Page, ReportError, default_jobs, execute_all, notebook_paths
from .render import ASSETS, has_math, has_widgets, render_index, render_page

__all__ = ["MARKER", "PROJECT", "ReportError", "build_report", "notebook_paths", "site_info"]


PROJECT = "russia-dprk-framing"


def _prepare_out(out: Path, inputs: list[Path] = (), force: bool = False, notebooks: list[Path] = ()) -> Path:
    """Check and claim ``out`` (see :mod:`analysis.outdir`): never an input folder, and only
    files of an earlier report build are cleared. The names a build writes are announced, so
    that with ``force`` a foreign file of the same name stops the build before it starts."""
    planned = [*teaching.report_pages(list(notebooks)), "figures", "notebooks", "assets", ".work", CHECKSUMS_CSV]
    return prepare_output_dir(out, inputs=list(inputs), force=force, command="report", planned=planned)


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


CHECKSUMS_CSV = "checksums.csv"


def _checksums(seeds: Path, out: Path) -> dict:
    """The footer's input files, cut to :data:`analysis.report.prose.INDEX_ROWS` rows; a longer list
    is written whole to ``out/checksums.csv``."""
    rows = provenance.seed_checksums(seeds)
    shown, hidden = report_prose.cut_rows(rows)
    if hidden:
        import csv

        with (out / CHECKSUMS_CSV).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["file", "bytes", "sha256"])
            writer.writerows((r.file, r.bytes, r.sha256) for r in rows)
    return {"checksums": shown, "checksums_hidden": hidden, "checksums_csv": CHECKSUMS_CSV if hidden else ""}


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
            **_checksums(seeds, out),
            "versions": provenance.package_versions(),
        },
    }


def _local_seeds(seeds) -> Path:
    """The corpus folder or store the report reads, as a resolved local path. A URL is checked
    by the store's URL rules (through :func:`analysis.extensions.ask`: ``file://`` and
    ``local://`` become folders; a remote store, a chained or unknown protocol is one line)."""
    from ..extensions import ask

    local = ask("local_source", seeds)
    return Path(local if local is not None else seeds).expanduser().resolve()


def build_report(seeds: Path | None = None, out: Path = Path("build/report"),
                 notebooks: list[Path] | None = None, jobs: int | None = None,
                 strict: bool = True, force: bool = False, group_by: str | None = None,
                 a: str | None = None, b: str | None = None) -> Path:
    """Execute every numbered notebook on ``seeds`` and write an HTML site to ``out``.

    ``strict`` (the default) stops at the first failing cell with :class:`ReportError`:
    the notebooks are meant to run on any corpus, so a failure is a bug to see. With
    ``strict=False`` failing cells are shown on their page instead.
    Returns the path of ``index.html``. The committed notebooks are not changed. ``out`` is
    checked by :func:`analysis.outdir.prepare_output_dir` (``force`` takes over a non-empty
    folder that is not an earlier report) before anything is executed or written.
    ``group_by``, ``a`` and ``b`` (catalog column and values) choose the groups the notebooks
    compare; they reach the kernels as ``RDF_GROUP_BY``, ``RDF_A`` and ``RDF_B``.
    The named entities are computed once, before the kernels start (:mod:`analysis.report.run`),
    and progress lines say which notebook runs, the time elapsed and what is left.
    """
    import nbformat

    seeds = _local_seeds(seeds or seeds_dir())
    from ..extensions import ask

    ask("check_source", seeds)  # fail early, with a clear message, on a bad folder (or an unfinished store)
    paths = list(notebooks) if notebooks is not None else notebook_paths()
    if not paths:
        raise InputError(NOTEBOOKS, "no numbered notebooks (NN-name.ipynb) to render")
    out = _prepare_out(Path(out), [seeds, *{Path(p).resolve().parent for p in paths}], force, paths)
    figures, work = out / "figures", out / ".work"
    pages = [Page(Path(p).resolve()) for p in paths]
    jobs = jobs or default_jobs()
    env = report_run.cache_env(work) | report_run.group_env(group_by, a, b)
    with report_run.patched_environ(env):  # parsed once here, into the cache every kernel reads
        corpus = load_corpus(seeds)
    sides = report_run.sides(corpus, group_by, a, b)  # a bad group spec fails here, before any kernel
    progress = report_run.Progress([p.stem for p in pages])
    progress.say(f"{len(pages)} notebook{'s' if len(pages) != 1 else ''} on {seeds.name}, "
                 f"{min(jobs, len(pages))} at a time")
    if any(report_run.uses_entities(p.source) for p in pages):
        report_run.precompute_entities(corpus, env, progress.say)
    execute_all(pages, seeds, work, strict, jobs, env, progress)
    _collect_figures(pages, work, figures)

    (out / "notebooks").mkdir(exist_ok=True)
    for page in pages:
        saved = copy.deepcopy(page.nb)
        for cell in saved.cells:
            cell.metadata.pop("rdf_files", None)
        nbformat.write(saved, out / "notebooks" / page.source.name)

    site = site_info(seeds, out, pages)
    site.update(teaching.site_links(pages))
    _copy_assets(out, pages)
    bodies = {}
    for page in pages:
        bodies[page.href] = render_page(page, site, figures)
        (out / page.href).write_text(bodies[page.href], encoding="utf-8")
    teaching.write_teaching_pages(out, pages, site, figures)
    index = out / "index.html"
    index.write_text(render_index(pages, site, seeds, figures, bodies, out, sides, corpus), encoding="utf-8")
    seal_output_dir(out)
    return index

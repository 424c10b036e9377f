"""Executing the notebooks for the report: one fresh kernel per notebook, on a given seeds folder.

The kernel sees ``RDF_SEEDS`` and ``RDF_FIGURES`` pointing at the corpus and at a private
figure folder per notebook; several notebooks run at once (:func:`default_jobs`).
"""
from __future__ import annotations

import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import FIGURES_ENV, NOTEBOOKS, SEEDS_ENV
from . import notebook_parts
from .run import Progress


NOTEBOOK_PATTERN = re.compile(r"^\d\d-[\w-]+\.ipynb$")
TIMEOUT = 600


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


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir() if p.is_file()}


def _execute_notebook(path: Path, seeds: Path, figures: Path, allow_errors: bool = False,
                     extra_env: dict[str, str] | None = None):
    """Run a notebook top to bottom in a fresh kernel; return the executed notebook.

    The kernel sees ``RDF_SEEDS=seeds`` and ``RDF_FIGURES=figures``. Each code cell that
    writes files into ``figures`` gets their names in ``cell.metadata["rdf_files"]``.
    With ``allow_errors`` a failing cell is recorded as an error output and execution goes on.
    ``extra_env`` adds variables (the group spec, the build's cache) to the kernel's environment.
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
    env = dict(os.environ) | (extra_env or {}) | {SEEDS_ENV: str(seeds), FIGURES_ENV: str(figures)}
    client.execute(env=env)
    return nb


def _cell_errors(nb) -> list[str]:
    """One line per code cell that ended in an error: ``cell N: Name: message``."""
    lines = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                message = str(out.get("evalue", "")).splitlines()[0:1]
                lines.append(f"cell {index + 1}: {out.get('ename', 'Error')}: {(message or [''])[0][:200]}".rstrip(": "))
    return lines


def _run_page(page: Page, seeds: Path, work: Path, strict: bool, progress: Progress, env: dict[str, str]) -> Page:
    from nbclient.exceptions import CellExecutionError

    progress.start(page.stem)
    try:
        page.nb = _execute_notebook(page.source, seeds, work / page.stem, allow_errors=not strict, extra_env=env)
    except CellExecutionError as exc:
        message = (str(exc.evalue).splitlines() or [""])[0][:200]
        raise ReportError(f"{page.source.name}: a cell failed ({exc.ename}: {message}); "
                          "rerun with --keep-going to render the page with the error shown") from None
    page.errors = _cell_errors(page.nb)
    page.files = [name for cell in page.nb.cells for name in cell.metadata.get("rdf_files", [])]
    progress.finish(page.stem)
    return page


def execute_all(pages: list[Page], seeds: Path, work: Path, strict: bool, jobs: int,
                env: dict[str, str] | None = None, progress: Progress | None = None) -> None:
    """Execute the pages' notebooks, ``jobs`` kernels at a time (each with its own figures folder),
    with ``env`` added to each kernel's environment; one progress line as each starts and ends."""
    progress = progress or Progress([p.stem for p in pages])
    env = env or {}
    if jobs <= 1 or len(pages) <= 1:
        for page in pages:
            _run_page(page, seeds, work, strict, progress, env)
        return
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for future in [pool.submit(_run_page, page, seeds, work, strict, progress, env) for page in pages]:
            future.result()


def default_jobs() -> int:
    """Kernels to run at once: two on a two-core machine, at most four."""
    return max(1, min(4, os.cpu_count() or 1))

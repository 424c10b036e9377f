"""Execute the notebooks against a seeds folder and render them as an HTML site."""
from __future__ import annotations

import html
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .catalog import folder_entries
from .paths import FIGURES_ENV, NOTEBOOKS, SEEDS_ENV, seeds_dir

NOTEBOOK_PATTERN = re.compile(r"^\d\d-[\w-]+\.ipynb$")
TIMEOUT = 600


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered analysis notebooks (``00-corpus-tour.ipynb`` ...), in order."""
    return sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_PATTERN.match(p.name))


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def execute_notebook(path: Path, seeds: Path, figures: Path):
    """Run a notebook top to bottom in a fresh kernel; return the executed notebook."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with _environment(**{SEEDS_ENV: str(seeds), FIGURES_ENV: str(figures)}):
        NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def render_html(nb) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb)
    return body


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def build_report(seeds: Path | None = None, out: Path = Path("build/report"),
                 notebooks: list[Path] | None = None) -> Path:
    """Execute every numbered notebook on ``seeds`` and write an HTML site to ``out``.

    Returns the path of ``index.html``. The committed notebooks are not changed.
    """
    import nbformat

    seeds = (seeds or seeds_dir()).resolve()
    folder_entries(seeds)  # fail early, with a clear message, on a bad folder
    out = out.resolve()
    figures = out / "figures"
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    figures.mkdir(parents=True, exist_ok=True)
    pages = []
    for path in notebooks or notebook_paths():
        print(f"executing {path.name} ...", flush=True)
        nb = execute_notebook(path, seeds, figures)
        nbformat.write(nb, out / "notebooks" / path.name)
        page = path.with_suffix(".html").name
        (out / page).write_text(render_html(nb), encoding="utf-8")
        pages.append((page, _title(nb, path.stem)))
    index = out / "index.html"
    items = "\n".join(f'<li><a href="{html.escape(p)}">{html.escape(t)}</a></li>' for p, t in pages)
    index.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>russia-dprk-framing report</title></head>"
        f"<body><h1>russia-dprk-framing report</h1><ul>{items}</ul></body></html>\n",
        encoding="utf-8",
    )
    return index

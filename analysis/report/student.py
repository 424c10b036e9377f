"""The student version of the notebooks: no outputs, no solutions.

Solutions live apart, in ``notebooks/solutions/``, and are never copied. The
analysis notebooks themselves keep only prompts and starter cells in "Your
turn", but a teacher may also mark solution content inside them:

* a cell tagged ``solution`` (or ``remove-student``) is dropped;
* in a code cell, lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION``
  become ``# your code here`` (the nbgrader convention);
* in a markdown cell, text between ``<!-- BEGIN SOLUTION -->`` and
  ``<!-- END SOLUTION -->`` is dropped.

Every copy has its outputs, execution counts and saved widget state cleared,
so students see each result appear when they run the cell themselves. Prose that
a code cell shows only (``Markdown(passages.text("NN-name", "key", ...))``, see
:mod:`analysis.views.passages`: overviews, exercise prompts, caveats) becomes a
markdown cell worded for the corpus in force, so the prompts read without running.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from . import notebook_parts
from ..errors import InputError
from ..outdir import prepare_output_dir, seal_output_dir
from ..paths import NOTEBOOKS
from .execute import notebook_paths

SOLUTION_TAGS = frozenset({"solution", "solutions", "remove-student"})
SOLUTIONS_FOLDER = "solutions"
CODE_SOLUTION = re.compile(r"^([ \t]*)#+\s*BEGIN SOLUTION\b.*?^[ \t]*#+\s*END SOLUTION\b[^\n]*\n?",
                           re.MULTILINE | re.DOTALL)
MARKDOWN_SOLUTION = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->.*?<!--\s*END SOLUTION\s*-->\n?", re.DOTALL)
SKIPPED = {SOLUTIONS_FOLDER, ".ipynb_checkpoints", "__pycache__"}
PLACEHOLDER = "# your code here\n"



def _is_solution_cell(cell) -> bool:
    """Whether a cell is marked as solution content by its tags."""
    return bool(SOLUTION_TAGS & {str(t).lower() for t in cell.get("metadata", {}).get("tags", [])})


def _strip_solution_text(cell) -> str:
    """The cell's source with marked solution regions removed (code: replaced by a placeholder)."""
    if cell.cell_type == "code":
        return CODE_SOLUTION.sub(lambda m: m.group(1) + PLACEHOLDER, cell.source)
    if cell.cell_type == "markdown":
        return MARKDOWN_SOLUTION.sub("", cell.source)
    return cell.source


def _passage_cell(cell, wording):
    """A markdown cell with the passage a ``passages.text`` code cell shows, or None for any other cell."""
    import nbformat

    from ..views.passages import cell_passage

    found = cell_passage(cell.source) if cell.cell_type == "code" else None
    if found is None:
        return None
    markdown = nbformat.v4.new_markdown_cell(wording(*found))
    if "id" in cell:
        markdown["id"] = cell["id"]
    return markdown


def student_notebook(nb, wording=None):
    """A copy of ``nb`` without solution content, outputs or widget state; with ``wording``
    (``(notebook, key) -> Markdown``, e.g. :func:`analysis.views.passages.text` for one corpus) each
    passage code cell becomes a markdown cell with its text."""
    import copy

    result = copy.deepcopy(nb)
    kept = []
    for cell in result.cells:
        if _is_solution_cell(cell):
            continue
        if wording is not None and (markdown := _passage_cell(cell, wording)) is not None:
            kept.append(markdown)
            continue
        cell.source = _strip_solution_text(cell)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in ("execution", "rdf_files", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
        kept.append(cell)
    result.cells = kept
    result.metadata.pop("widgets", None)
    return result


def _readme(entries: list[tuple[str, object]]) -> str:
    lines = ["# Notebooks for students", "",
             "Work through the notebooks in this order. Run each cell yourself (Shift+Enter) and read the",
             "results before moving on; every notebook ends with **Your turn** exercises.", "",
             "Start JupyterLab in this folder with `jupyter lab` (the `analysis` package must be installed:",
             "`pip install -e .` in the project folder).", ""]
    from ..views.plan import plan

    minutes: dict[str, int] = {}
    for row in plan():
        minutes[row.notebook] = minutes.get(row.notebook, 0) + row.minutes
    for name, nb in entries:
        time = f" (about {minutes[Path(name).stem]} minutes)" if Path(name).stem in minutes else ""
        lines.append(f"- **{name}**: {notebook_parts.title(nb, name)}{time}")
        lines.extend(f"  - {goal}" for goal in notebook_parts.learning_goals(nb))
    return "\n".join(lines) + "\n"


def _corpus_wording():
    """``(notebook, key) -> Markdown`` for the corpus in force, the corpus loaded on first use."""
    from ..corpus.model import load_corpus
    from ..views import passages

    loaded = []

    def wording(notebook: str, key: str) -> str:
        if not loaded:
            loaded.append(load_corpus())
        return passages.text(notebook, key, loaded[0])

    return wording


def write_student_version(out: Path, source: Path = NOTEBOOKS, notebooks: list[Path] | None = None,
                          force: bool = False) -> list[Path]:
    """Write student copies of the numbered notebooks (and their supporting folders, e.g.
    ``codebook/``, but never ``solutions/``) into ``out``; return the notebooks written.

    ``out`` is checked and claimed by :func:`analysis.outdir.prepare_output_dir` first: never
    the notebooks or seeds folder, never an unrelated non-empty folder unless ``force``."""
    import nbformat

    source, given = Path(source).resolve(), Path(out)
    out = given.expanduser().resolve()
    if out == source or source in out.parents:
        raise InputError(out, "the student version must go outside the notebooks folder")
    paths = list(notebooks) if notebooks is not None else notebook_paths(source)
    if not paths:
        raise InputError(source, "no numbered notebooks (NN-name.ipynb) to copy")
    folders = [child for child in sorted(source.iterdir())
               if child.is_dir() and child.name not in SKIPPED and not child.name.startswith(".")]
    planned = [Path(p).name for p in paths] + [child.name for child in folders] + ["README.md"]
    out = prepare_output_dir(given, inputs=[source, *{Path(p).resolve().parent for p in paths}], force=force,
                             command="student", planned=planned)  # refuses a symlinked ``out`` too
    written, entries, wording = [], [], _corpus_wording()
    for path in paths:
        nb = student_notebook(nbformat.read(path, as_version=4), wording=wording)
        target = out / Path(path).name
        nbformat.write(nb, target)
        written.append(target)
        entries.append((target.name, nb))
    for child in folders:
        shutil.copytree(child, out / child.name, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    (out / "README.md").write_text(_readme(entries), encoding="utf-8")
    seal_output_dir(out)
    return written

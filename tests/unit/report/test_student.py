"""The student version of the notebooks and the teacher's guide."""
from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis import paths
from analysis.report import notebook_parts
from analysis.cli.main import main
from analysis.errors import InputError
from analysis.report import notebook_paths
from analysis.report.student import student_notebook, write_student_version

GUIDE = paths.NOTEBOOKS / "README.md"


def notebook_with_solutions():
    starter = new_code_cell("# 1. your concordance here\ncorpus.ids", execution_count=7,
                            outputs=[new_output("execute_result", {"text/plain": "['a']"}, execution_count=7)])
    marked = new_code_cell("x = 1\n### BEGIN SOLUTION\nanswer = secret()\n### END SOLUTION\nprint(x)")
    tagged = new_code_cell("kwic(corpus, 'sanctions')  # worked answer")
    tagged.metadata["tags"] = ["Solution"]
    prose = new_markdown_cell("1. Count words.\n<!-- BEGIN SOLUTION -->\nThe answer is 42.\n<!-- END SOLUTION -->\n")
    nb = new_notebook(cells=[new_markdown_cell("# T\n## Overview\n- learn a thing"),
                             new_markdown_cell("## Your turn"), prose, starter, marked, tagged])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


def test_student_notebook_drops_solutions_and_outputs():
    nb = notebook_with_solutions()
    student = student_notebook(nb)
    sources = [c.source for c in student.cells]
    assert not any("worked answer" in s or "secret" in s or "42" in s for s in sources)
    assert "x = 1\n# your code here\nprint(x)" in sources
    assert "1. Count words.\n" in sources
    assert "# 1. your concordance here\ncorpus.ids" in sources  # starter cells stay
    code = [c for c in student.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "widgets" not in student.metadata
    assert len(nb.cells) == 6 and nb.cells[3].outputs  # the original is untouched


def test_student_notebook_shows_passages_as_markdown():
    passage = new_code_cell('Markdown(passages.text("01-framing", "exercise-1", corpus))')
    overview = new_code_cell('from IPython.display import Markdown\nfrom analysis.views import passages\n\n'
                             'Markdown(passages.text("01-framing", "overview"))')
    other = new_code_cell('Markdown(misreadings.framing_box(corpus))')
    nb = new_notebook(cells=[overview, new_markdown_cell("## Your turn"), passage, other])
    student = student_notebook(nb, wording=lambda notebook, key: f"text of {notebook}/{key}")
    assert [(c.cell_type, c.source) for c in student.cells] == [
        ("markdown", "text of 01-framing/overview"), ("markdown", "## Your turn"),
        ("markdown", "text of 01-framing/exercise-1"), ("code", other.source)]
    assert student_notebook(nb).cells[2].cell_type == "code"  # without a wording the cell stays as it is


def test_write_student_version_never_copies_solutions(tmp_path):
    source = tmp_path / "notebooks"
    (source / "solutions").mkdir(parents=True)
    (source / "codebook").mkdir()
    (source / "codebook" / "frames.md").write_text("codebook")
    nbformat.write(notebook_with_solutions(), source / "00-intro.ipynb")
    nbformat.write(notebook_with_solutions(), source / "solutions" / "00-intro-solutions.ipynb")
    nbformat.write(new_notebook(), source / "scratch.ipynb")  # not a numbered notebook
    out = tmp_path / "student"
    written = write_student_version(out, source)
    assert [p.name for p in written] == ["00-intro.ipynb"]
    assert sorted(p.name for p in out.iterdir() if p.name != ".rdf-output") == ["00-intro.ipynb", "README.md", "codebook"]
    assert "learn a thing" in (out / "README.md").read_text()
    with pytest.raises(InputError, match="outside the notebooks folder"):
        write_student_version(source / "student", source)


def test_student_command_on_the_repository_notebooks(tmp_path, capsys):
    if not notebook_paths():
        pytest.skip("no numbered notebooks yet")
    assert main(["student", "--out", str(tmp_path)]) == 0
    assert "solutions not included" in capsys.readouterr().out
    assert "**01-framing.ipynb**: " in (tmp_path / "README.md").read_text() and "(about 95 minutes)" in (
        tmp_path / "README.md").read_text()  # the plan's time, two periods together
    assert not (tmp_path / "solutions").exists()
    for original in notebook_paths():
        copy = nbformat.read(tmp_path / original.name, as_version=4)
        assert all(not c.get("outputs") and c.get("execution_count") is None
                   for c in copy.cells if c.cell_type == "code")
        before = nbformat.read(original, as_version=4)
        # the exercise prompts and starter cells survive; only outputs go, and prompts that a code cell
        # shows (analysis.views.passages) become markdown, so students read them without running anything
        shown = notebook_parts.section_markdown(copy, "Your turn")
        typed = [p.text for p in notebook_parts.pieces(before) if p.section == "Your turn" and p.kind == "markdown"]
        assert all(t in shown for t in typed)
        code = [p.text for p in notebook_parts.pieces(before) if p.section == "Your turn" and p.kind == "code"]
        assert [p.text for p in notebook_parts.pieces(copy) if p.section == "Your turn" and p.kind == "code"] == \
            [t for t in code if "passages.text(" not in t]
        assert not any("passages.text(" in c.source for c in copy.cells)


def test_student_command_bad_folder_is_exit_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "analysis", "student", "--notebooks", str(tmp_path / "none"),
                             "--out", str(tmp_path / "o")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "notebooks folder not found" in result.stderr


def test_guide_covers_every_notebook_and_names_only_real_ones():
    guide = GUIDE.read_text(encoding="utf-8")
    for notebook in notebook_paths():
        assert f"`{notebook.name}`" in guide, f"the teacher's guide does not list {notebook.name}"
    for name in set(re.findall(r"\b\d\d-[\w-]+\.ipynb\b", guide)):
        assert (paths.NOTEBOOKS / name).is_file(), f"the guide names {name}, which does not exist"
    for heading in ("## Order and timing", "## Discussion questions", "## Exercises and solutions", "## How to run"):
        assert heading in guide


def test_every_notebook_has_exercises_and_separate_solutions():
    for notebook in notebook_paths():
        nb = nbformat.read(notebook, as_version=4)
        assert "Your turn" in notebook_parts.section_names(nb), f"{notebook.name} has no 'Your turn' section"
        solutions = paths.NOTEBOOKS / "solutions" / f"{notebook.stem}-solutions.ipynb"
        assert solutions.is_file(), f"{notebook.name} has no {solutions.relative_to(paths.ROOT)}"

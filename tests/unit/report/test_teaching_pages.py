"""The teaching pages of the report: each page says once, and truly, whether this build executed it."""
from __future__ import annotations

import re

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis.report import teaching
from analysis.report.execute import Page
from analysis.report.render import render_page

SITE = {"project": "P", "assets": "assets", "pages": [], "guide": "", "solutions": {},
        "provenance": {"built": "today", "commit": "abc", "seeds": "seeds", "command": "python -m analysis report",
                       "versions": {}, "files": [], "hidden": 0}}
EXECUTED = re.compile(r"executed for this report|re-executed|not executed", re.IGNORECASE)


def _notebook(title: str):
    cell = new_code_cell("1 + 1", execution_count=1,
                         outputs=[new_output("execute_result", {"text/plain": "2"}, execution_count=1)])
    return new_notebook(cells=[new_markdown_cell(f"# {title}"), cell])


def _statements(html: str) -> list[str]:
    return EXECUTED.findall(re.sub(r"<[^>]+>", " ", html))


def test_a_notebook_page_says_once_that_it_was_executed(tmp_path):
    page = Page(tmp_path / "00-tour.ipynb", _notebook("Tour"))
    assert _statements(render_page(page, SITE, tmp_path)) == ["executed for this report"]


def test_a_solution_page_says_once_that_it_was_not_executed(tmp_path):
    folder = tmp_path / "notebooks"
    (folder / "solutions").mkdir(parents=True)
    nbformat.write(_notebook("Tour"), folder / "00-tour.ipynb")
    nbformat.write(_notebook("Tour: solutions"), folder / "solutions" / "00-tour-solutions.ipynb")
    out = tmp_path / "out"
    (out / "notebooks").mkdir(parents=True)
    pages = [Page(folder / "00-tour.ipynb", nbformat.read(folder / "00-tour.ipynb", as_version=4))]
    written = teaching.write_teaching_pages(out, pages, SITE, tmp_path)
    assert written == ["00-tour-solutions.html"]
    html = (out / "00-tour-solutions.html").read_text(encoding="utf-8")
    assert _statements(html) == ["not executed"]
    assert "computed on the repository's seed texts" in html


def _section_code(stem: str, heading: str) -> str:
    from analysis import paths

    nb = nbformat.read(paths.NOTEBOOKS / "solutions" / f"{stem}-solutions.ipynb", as_version=4)
    from analysis.report import notebook_parts

    return "\n".join(p.text for p in notebook_parts.pieces(nb) if p.section.startswith(heading))


def test_worked_solutions_use_the_method_the_notebooks_teach():
    # 00 Ex. 1: texts of different length are compared by rates, not raw counts
    assert "1000 * counts / words" in _section_code("00-corpus-tour", "1.")
    # 01 Ex. 1: a new cue is checked on coded sentences other than the ones that suggested it
    first = _section_code("01-framing", "1.")
    assert "held_out = sample[~" in first and "compare(corpus, \"policy\", held_out" in first
    # 05 Ex. 3: the disagreement found is judged, not answered with a list of typical reasons
    third = _section_code("05-coding", "3.")
    assert "Typical reasons" not in third and "**Judgement.**" in third


def test_a_passage_cell_reads_as_prose_on_its_page(tmp_path):
    nb = _notebook("Framing")
    nb.cells.append(new_code_cell('Markdown(passages.text("01-framing", "negation", corpus))', execution_count=2,
                                  outputs=[new_output("execute_result", {"text/markdown": "The chapter argues by denial.",
                                                                         "text/plain": "<Markdown>"},
                                                      execution_count=2)]))
    html = render_page(Page(tmp_path / "01-framing.ipynb", nb), SITE, tmp_path)
    assert "The chapter argues by denial." in html
    assert ">passages<" not in html and '<span class="mi">1</span>' in html  # other code cells keep their input

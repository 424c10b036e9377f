"""The report has the solutions and the teacher's guide reachable from every notebook page (issue 17, item 7)."""
from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import report
from analysis.report import teaching
from analysis.report.execute import Page
from tests.system.test_report import refs, tiny_notebook


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("teaching")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "alpha.txt").write_text("Moscow and Pyongyang signed a treaty.\n", encoding="utf-8")
    (seeds / "beta.txt").write_text("Kim met Putin. Sanctions were discussed.\n", encoding="utf-8")
    notebooks = root / "notebooks"
    (notebooks / "solutions").mkdir(parents=True)
    nbformat.write(tiny_notebook(), notebooks / "09-tiny.ipynb")
    solution = new_notebook(cells=[new_markdown_cell("# Tiny: worked solutions"),
                                   new_code_cell("1 + 1", outputs=[nbformat.v4.new_output(
                                       "execute_result", {"text/plain": "2"}, execution_count=1)])])
    nbformat.write(solution, notebooks / "solutions" / "09-tiny-solutions.ipynb")
    (notebooks / "README.md").write_text(
        "# Teacher's guide\n\n## Order and timing\n\nStart with [`09-tiny.ipynb`](09-tiny.ipynb) "
        "(about 20 min).\n\n## Exercises and solutions\n\nSee [`solutions/`](solutions/) and "
        "[the tiny solutions](solutions/09-tiny-solutions.ipynb).\n", encoding="utf-8")
    out = root / "site"
    report.build_report(seeds, out, notebooks=[notebooks / "09-tiny.ipynb"], jobs=1)
    return out


def test_every_page_links_the_guide(site):
    for name in ("index.html", "09-tiny.html", "09-tiny-solutions.html", "guide.html"):
        assert "guide.html" in refs(site / name).links, name


def test_notebook_page_links_its_solutions_page(site):
    assert "09-tiny-solutions.html" in refs(site / "09-tiny.html").links
    page = (site / "09-tiny-solutions.html").read_text(encoding="utf-8")
    # the solutions page says once, truthfully, that this build did not execute it
    assert "Tiny: worked solutions" in page and "not executed for this report" in page
    assert page.count("executed for this report") == 1
    assert (site / "notebooks" / "09-tiny-solutions.ipynb").is_file()


def test_guide_links_point_at_report_pages(site):
    links = refs(site / "guide.html").links
    assert "09-tiny.html" in links and "09-tiny-solutions.html" in links and "#exercises-and-solutions" in links
    text = (site / "guide.html").read_text(encoding="utf-8")
    assert 'id="exercises-and-solutions"' in text and "about 20 min" in text
    assert not any(link.endswith(".ipynb") for link in links)


def test_guide_markdown_rewrites_only_known_notebooks(tmp_path):
    pages = [Page(tmp_path / "01-framing.ipynb")]
    text = "[a](01-framing.ipynb) [b](solutions/01-framing-solutions.ipynb) [c](other.ipynb) [d](solutions/)"
    assert teaching.guide_markdown(text, pages) == (
        "[a](01-framing.html) [b](01-framing-solutions.html) [c](other.ipynb) [d](#exercises-and-solutions)")

"""The HTML report: notebook parts, provenance, figures with data, and a full build of a
small notebook on a synthetic corpus (offline pages, findings, checksums, failures)."""
from __future__ import annotations

import hashlib
import html.parser
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import report
from analysis.report import figures as report_figures, render as report_render
from analysis.report import notebook_parts, provenance, site as report_site
from analysis.cli.main import main
from analysis.errors import InputError

MARKUP = "<b>raw</b>"


class Refs(html.parser.HTMLParser):
    """Every script src, stylesheet href, image src and anchor href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts, self.styles, self.images, self.links = [], [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "link" and a.get("href"):
            self.styles.append(a["href"])
        elif tag == "img":
            self.images.append(a)
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])


def refs(path: Path) -> Refs:
    parser = Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def tiny_notebook(fail: bool = False):
    """A notebook in the project skeleton that computes a finding and saves a figure with its table."""
    cells = [
        new_markdown_cell("# Tiny test notebook\n\n## Overview\n\n**Learning goals**\n\n- count *sentences*;\n"
                          "- draw one figure.\n"),
        new_code_cell("import analysis\nimport matplotlib.pyplot as plt\nfrom IPython.display import Markdown, display\n"
                      "analysis.setup()\ncorpus = analysis.load_corpus()"),
        new_markdown_cell("## 1. Counts\n\nThe weight of a word is $w = \\log n$ here."),
        new_code_cell("table = corpus.documents()[['id', 'sentences']]\n"
                      "fig, ax = plt.subplots()\nax.bar(table.id, table.sentences)\n"
                      "ax.set_title('Sentences per text')\nax.set_xlabel('text')\nax.set_ylabel('sentences')\n"
                      "analysis.save_figure(fig, '09-sentence-counts.png', data=table)\nplt.show()"),
        new_markdown_cell("*Figure: sentences in each synthetic text.*"),
    ]
    if fail:
        cells.append(new_code_cell("raise ValueError('deliberate failure')"))
    cells += [
        new_markdown_cell("## Findings"),
        new_code_cell("display(Markdown(f'- The corpus has **{corpus.sentences().shape[0]}** sentences.\\n"
                      f"- Markup such as {MARKUP} stays text.'))"),
        new_markdown_cell("## Caveats\n\n- A synthetic corpus."),
        new_markdown_cell("## Your turn\n\n1. Count words."),
        new_code_cell("# 1. your code here\ncorpus.ids"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    return nb


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A seeds folder without a catalog and a folder holding the tiny notebook."""
    root = tmp_path_factory.mktemp("synthetic")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "alpha.txt").write_text("Moscow and Pyongyang signed a treaty. It was warm.\n\nThe West objected.\n",
                                     encoding="utf-8")
    (seeds / "beta.txt").write_text("Kim met Putin. Sanctions were discussed.\n", encoding="utf-8")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    nbformat.write(tiny_notebook(), notebooks / "09-tiny.ipynb")
    nbformat.write(tiny_notebook(fail=True), notebooks / "08-broken.ipynb")
    return root


@pytest.fixture(scope="module")
def site(synthetic):
    out = synthetic / "site"
    report.build_report(synthetic / "seeds", out, notebooks=[synthetic / "notebooks" / "09-tiny.ipynb"], jobs=1)
    return out


# --- notebook parts ----------------------------------------------------------------------------

def test_notebook_parts_read_the_skeleton():
    nb = tiny_notebook()
    nb.cells[6].outputs = [nbformat.v4.new_output("display_data", {"text/markdown": "- one\n- two\n  continued"})]
    assert notebook_parts.title(nb) == "Tiny test notebook"
    assert notebook_parts.section_names(nb) == ["Overview", "1. Counts", "Findings", "Caveats", "Your turn"]
    assert notebook_parts.learning_goals(nb) == ["count *sentences*;", "draw one figure."]
    assert notebook_parts.findings(nb) == ["one", "two continued"]


def test_findings_without_bullets_are_one_item():
    nb = new_notebook(cells=[new_markdown_cell("# T\n## Findings\nA single paragraph.\n## Caveats\n- x")])
    assert notebook_parts.findings(nb) == ["A single paragraph."]
    assert notebook_parts.findings(new_notebook(cells=[new_markdown_cell("# T")])) == []


# --- provenance, figures, helpers --------------------------------------------------------------

def test_seed_checksums_match_the_files(synthetic):
    rows = provenance.seed_checksums(synthetic / "seeds")
    assert [r.file for r in rows] == ["alpha.txt", "beta.txt"]
    data = (synthetic / "seeds" / "beta.txt").read_bytes()
    assert rows[1].sha256 == hashlib.sha256(data).hexdigest() and rows[1].bytes == len(data)


def test_seed_checksums_list_the_catalog_first(corpus):
    rows = provenance.seed_checksums(corpus.folder)
    assert rows[0].file == "catalog.csv" and len(rows) == len(corpus) + 1


def test_package_versions_name_python_and_the_stack():
    versions = dict(provenance.package_versions())
    assert versions["python"].count(".") == 2
    assert versions["pandas"] == pd.__version__
    assert dict(provenance.package_versions(("no-such-dist-xyz",)))["no-such-dist-xyz"] == "not installed"


def test_save_figure_writes_the_table_and_a_description(tmp_path, monkeypatch):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import analysis

    monkeypatch.setenv("RDF_FIGURES", str(tmp_path))
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    ax.set_title("Arc")
    ax.set_xlabel("position")
    ax.set_ylabel("compound")
    table = pd.DataFrame({"position": [0.0, 1.0], "compound": [1.0, 0.0]})
    path = analysis.save_figure(fig, "09-arc.png", data=table)
    plt.close(fig)
    assert pd.read_csv(tmp_path / "09-arc.csv").equals(table)
    assert report_figures.figure_description(path) == "Arc; x axis: position; y axis: compound"


def test_math_is_detected_but_not_dollar_amounts_or_code():
    def nb(text):
        return new_notebook(cells=[new_markdown_cell(text)])

    assert report_render.has_math(nb("weights $\\log n$ and $n$"))
    assert report_render.has_math(nb("$$x^2$$"))
    assert not report_render.has_math(nb("it cost $5 and then $6 more"))
    assert not report_render.has_math(nb("run `echo $HOME$` first"))


def test_markdown_html_escapes_raw_html():
    assert report_render.markdown_html("**a** <script>x</script>") == "<strong>a</strong> &lt;script&gt;x&lt;/script&gt;"


# --- a full build --------------------------------------------------------------------------------

def test_site_has_pages_figures_tables_and_notebooks(site):
    assert (site / "index.html").is_file() and (site / "09-tiny.html").is_file()
    assert (site / "figures" / "09-sentence-counts.png").is_file()
    table = pd.read_csv(site / "figures" / "09-sentence-counts.csv")
    assert table.set_index("id").sentences.to_dict() == {"alpha": 3, "beta": 2}
    executed = nbformat.read(site / "notebooks" / "09-tiny.ipynb", as_version=4)
    assert all(c.execution_count for c in executed.cells if c.cell_type == "code")
    assert not any("rdf_files" in c.metadata for c in executed.cells)
    assert not (site / ".work").exists()


def test_pages_load_nothing_from_the_network(site):
    for page in site.glob("*.html"):
        found = refs(page)
        for url in found.scripts + found.styles:
            assert "://" not in url and not url.startswith("//"), f"{page.name} loads {url}"
            assert (site / url).is_file(), f"{page.name}: {url} missing"
        for image in found.images:
            src = image["src"]
            assert src.startswith("data:image/") or (site / src).is_file(), f"{page.name}: {src}"
            assert image.get("alt"), f"{page.name}: image without alt text"


def test_math_page_gets_local_mathjax(site):
    found = refs(site / "09-tiny.html")
    assert "assets/mathjax/tex-svg.js" in found.scripts
    assert not (site / "assets" / "widgets").exists()  # no widgets on any page: renderer not copied


def test_page_links_the_figure_and_its_csv_and_describes_the_image(site):
    found = refs(site / "09-tiny.html")
    assert "figures/09-sentence-counts.png" in found.links and "figures/09-sentence-counts.csv" in found.links
    [image] = [i for i in found.images if i["src"].startswith("data:image/png")]
    assert image["alt"].startswith("Figure: sentences in each synthetic text.")
    assert "Sentences per text; x axis: text; y axis: sentences" in image["alt"]


def test_page_has_navigation_and_table_of_contents(site):
    text = (site / "09-tiny.html").read_text(encoding="utf-8")
    found = refs(site / "09-tiny.html")
    assert "index.html" in found.links
    for anchor in ("#Overview", "#1.-Counts", "#Findings", "#Caveats", "#Your-turn"):
        assert anchor in found.links
    assert "<!--rdf-toc-->" not in text


def test_index_takes_findings_from_the_executed_notebook(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "The corpus has <strong>5</strong> sentences." in text  # computed by the kernel: 3 + 2
    assert "&lt;b&gt;raw&lt;/b&gt;" in text and MARKUP not in text
    assert "09-tiny.html#Findings" in text
    assert "count <em>sentences</em>;" in text  # learning goals
    assert 'href="figures/09-sentence-counts.csv"' in text


def test_footer_has_checksums_versions_and_build_time(site, synthetic):
    text = (site / "09-tiny.html").read_text(encoding="utf-8")
    for name in ("alpha.txt", "beta.txt"):
        assert hashlib.sha256((synthetic / "seeds" / name).read_bytes()).hexdigest() in text
    assert f"pandas {pd.__version__}" in text and "nbconvert" in text
    assert "(UTC)" in text and 'id="reproducibility"' in text


def test_keep_going_shows_the_failure_on_the_page(synthetic):
    out = synthetic / "lenient"
    report.build_report(synthetic / "seeds", out, notebooks=[synthetic / "notebooks" / "08-broken.ipynb"], strict=False)
    page = (out / "08-broken.html").read_text(encoding="utf-8")
    assert "1 cell(s) raised an error" in page and "ValueError: deliberate failure" in page
    assert "The corpus has <strong>5</strong>" in (out / "index.html").read_text(encoding="utf-8")


def test_rebuild_replaces_the_previous_site(synthetic, site):
    from analysis.outdir import seal_output_dir

    stale = site / "99-stale.html"
    stale.write_text("old")
    seal_output_dir(site)  # as if the earlier build had written it
    report_site._prepare_out(site, [synthetic / "seeds"])
    assert not stale.exists() and (site / report.MARKER).exists()
    (site / "my-notes.txt").write_text("not the report's")  # unlisted: the folder is no longer provably ours
    with pytest.raises(InputError, match="holds my-notes.txt, which report did not write"):
        report_site._prepare_out(site, [synthetic / "seeds"])
    report_site._prepare_out(site, [synthetic / "seeds"], force=True)
    assert (site / "my-notes.txt").read_text() == "not the report's"


def test_refuses_to_clear_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "thesis.docx").write_text("precious")
    with pytest.raises(InputError, match="not provably an earlier report"):
        report_site._prepare_out(tmp_path)
    assert (tmp_path / "thesis.docx").exists()


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("x")
    assert main(["report", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not provably an earlier report" in err[0]
    assert main(["report", "--notebook", str(tmp_path / "nope.ipynb")]) == 2
    assert "notebook not found" in capsys.readouterr().err
    assert main(["report", "--seeds", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2


def test_cli_strict_failure_exits_1(synthetic):
    """A strict build stops at the failing cell (ReportError) and the CLI exits 1 with one line."""
    result = subprocess.run([sys.executable, "-m", "analysis", "report", "--strict", "--seeds",
                             str(synthetic / "seeds"), "--out", str(synthetic / "cli-strict"),
                             "--notebook", str(synthetic / "notebooks" / "08-broken.ipynb")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "error: 08-broken.ipynb: a cell failed (ValueError: deliberate failure)" in result.stderr

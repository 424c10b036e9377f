"""Report builds that fit their corpus: corpus.toml words, the index lead, progress lines,
the group spec reaching the kernels, entities computed once per build, long tables cut."""
from __future__ import annotations

import csv
import io

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.corpus.info import CorpusInfo, corpus_info
from analysis.report import prose as report_prose, run as report_run, site as report
from analysis.errors import InputError
from analysis.paths import SEEDS

SEED_WORDS = ("analytical chapter", "news piece", "Russia–North Korea")


# --- corpus.toml ---------------------------------------------------------------------------------

def test_corpus_toml_gives_title_description_and_group_names(tmp_path):
    (tmp_path / "corpus.toml").write_text(
        'title = "Climate coverage"\ndescription = "Articles from 40 outlets."\ntopic = "climate change"\n'
        'unit = "article"\n[groups.mbfc]\nleft_bias = "left"\nright_bias = "right"\n'
        '"left_bias,left_center_bias" = "left-leaning"\n', encoding="utf-8")
    info = corpus_info(tmp_path)
    assert (info.title, info.description, info.topic, info.units) == (
        "Climate coverage", "Articles from 40 outlets.", "climate change", "articles")
    assert info.group_name("mbfc", ["left_bias", "left_center_bias"]) == "left-leaning"
    assert info.group_name("mbfc", ["right_bias", "least_biased"]) == "right + least_biased"
    assert info.count(1) == "1 article" and info.count(1253) == "1,253 articles"
    assert not info.narrative and info.source == "corpus.toml"


def test_without_corpus_toml_the_folder_name_and_values_are_used(tmp_path):
    folder = tmp_path / "my-articles"
    folder.mkdir()
    info = corpus_info(folder)
    assert (info.title, info.description, info.narrative) == ("my-articles", "", False)
    assert info.group_name("kind", ["news"]) == "news"


def test_the_seeds_keep_their_narrative():
    info = corpus_info(SEEDS)
    assert info.narrative and info.topic == "Russia–North Korea relations"
    assert info.group_name("kind", ["chapter"]) == "the analytical chapter"


@pytest.mark.parametrize("text, problem", [
    ("title = ", "not valid TOML"),
    ("titel = 'x'", "unknown setting 'titel'"),
    ("title = 3", "'title' must be a text in quotes"),
    ("[groups]\nmbfc = 'x'", "[groups.mbfc] must map values to names"),
])
def test_a_bad_corpus_toml_is_one_line_naming_the_file(tmp_path, text, problem):
    (tmp_path / "corpus.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        corpus_info(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'corpus.toml'}: ") and problem in str(caught.value)


# --- prose -----------------------------------------------------------------------------------

def test_index_lead_names_both_groups_and_their_sizes():
    info = CorpusInfo(title="Climate", topic="climate change", unit="article", units="articles")
    sides = report_prose.Sides("mbfc", "left", "right", 132, 60)
    lead = report_prose.index_lead(info, ["x"] * 253, sides)
    assert lead == ("This report analyses 253 articles on climate change. It compares left (132 articles) "
                    "with right (60 articles), grouped by mbfc.")


# --- progress --------------------------------------------------------------------------------

def test_progress_lines_say_which_notebook_elapsed_and_what_is_left():
    ticks = iter([0.0, 1.0, 65.5, 66.0, 70.0])
    stream = io.StringIO()
    progress = report_run.Progress(["00-tour", "01-framing"], stream=stream, clock=lambda: next(ticks))
    progress.start("00-tour")
    progress.finish("00-tour")
    progress.start("01-framing")
    progress.finish("01-framing")
    assert stream.getvalue().splitlines() == [
        "report: 00-tour started (0:01 elapsed; 1 running; 1 waiting: 01)",
        "report: 00-tour done in 64.5 s (1:06 elapsed; 1 waiting: 01)",
        "report: 01-framing started (1:06 elapsed; 1 running)",
        "report: 01-framing done in 4.0 s (1:10 elapsed; nothing left)",
    ]


def test_group_env_passes_only_what_was_given():
    assert report_run.group_env("mbfc", "left_bias,left_center_bias", None) == {
        "RDF_GROUP_BY": "mbfc", "RDF_A": "left_bias,left_center_bias"}


# --- a build -----------------------------------------------------------------------------------

PROBE = ("import os, analysis\nfrom analysis import cache, entities\nfrom IPython.display import Markdown, display\n"
         "corpus = analysis.load_corpus()\nfound = entities.mentions(corpus)\n"
         "spec = ','.join(os.environ.get(k, '-') for k in ('RDF_GROUP_BY', 'RDF_A', 'RDF_B'))")
FINDINGS = ("display(Markdown(f'- spec {spec}\\n- entity misses {cache.STATS.misses[\"entities\"]}, '\n"
            "                 f'hits {cache.STATS.hits[\"entities\"]}\\n'\n"
            "                 f'- document misses {cache.STATS.misses[\"documents\"]}'))")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A 25-text corpus with a corpus.toml, one probing notebook, built with the cache off."""
    root = tmp_path_factory.mktemp("scale")
    seeds = root / "seeds"
    seeds.mkdir()
    for i in range(25):
        (seeds / f"t{i:02d}.txt").write_text(f"Moscow met Berlin on day {i}. Paris was calm.\n", encoding="utf-8")
    (seeds / "corpus.toml").write_text('title = "Capitals <b>daily</b>"\nunit = "note"\n', encoding="utf-8")
    cells = [new_markdown_cell("# Probe of the corpus"), new_code_cell(PROBE),
             new_markdown_cell("## Findings"), new_code_cell(FINDINGS)]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (root / "notebooks").mkdir()
    nbformat.write(nb, root / "notebooks" / "07-probe.ipynb")
    mp = pytest.MonkeyPatch()
    mp.setenv("RDF_CACHE", "0")
    errors = io.StringIO()
    mp.setattr("sys.stderr", errors)
    report.build_report(seeds, root / "site", notebooks=[root / "notebooks" / "07-probe.ipynb"], jobs=1,
                        group_by="id", a="t00", b="t01")
    mp.undo()
    return root / "site", errors.getvalue()


def test_build_prints_progress(built):
    _, errors = built
    lines = errors.splitlines()
    assert lines[0] == "report: 1 notebook on seeds, 1 at a time"
    assert lines[1].startswith("report: entities for 25 documents done in ")
    assert lines[2].startswith("report: 07-probe started (0:") and lines[2].endswith(" elapsed; 1 running)")
    assert lines[-1].startswith("report: 07-probe done in ") and lines[-1].endswith("nothing left)")


def test_kernels_get_the_group_spec_and_read_entities_from_the_build_cache(built):
    site, _ = built
    page = (site / "07-probe.html").read_text(encoding="utf-8")
    assert "spec id,t00,t01" in page
    assert "entity misses 0, hits 25" in page  # computed once before the kernel, although RDF_CACHE=0
    assert "document misses 0" in page  # parsed once, by the build, into the same cache
    assert not (site / ".work").exists()


def test_index_uses_the_corpus_words_and_cuts_the_table(built):
    site, _ = built
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<h1 id=\"top\">Capitals &lt;b&gt;daily&lt;/b&gt;</h1>" in index
    assert "This report analyses 25 notes." in index
    assert "The first 20 of 25 texts" in index
    texts = index.split('<h2 id="texts">')[1].split("</section>")[0]
    assert texts.count("<tr>") == 21  # header and 20 rows
    footer = index.split("<footer")[1]
    assert footer.count("<tr>") == 22 and "… and 5 more: every file in" in footer  # 25 input files
    assert len((site / "checksums.csv").read_text(encoding="utf-8").splitlines()) == 26
    rows = list(csv.DictReader((site / "documents.csv").open(encoding="utf-8")))
    assert len(rows) == 25 and rows[-1]["label"] == "t24"
    page = (site / "07-probe.html").read_text(encoding="utf-8")
    assert "Probe of the corpus" in page  # notebooks carry one wording; per-corpus prose comes from analysis.views.passages
    assert not any(word in page for word in SEED_WORDS + ("analytical",))


def test_a_group_spec_the_corpus_cannot_give_stops_the_build_before_any_kernel(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a", "b"):
        (seeds / f"{name}.txt").write_text("One sentence here.\n", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    nbformat.write(new_notebook(cells=[new_code_cell("raise SystemExit('never run')")]),
                   tmp_path / "notebooks" / "07-never.ipynb")
    with pytest.raises(InputError, match="no column 'outlet_leaning' in the catalog"):
        report.build_report(seeds, tmp_path / "site", notebooks=[tmp_path / "notebooks" / "07-never.ipynb"],
                            group_by="outlet_leaning")

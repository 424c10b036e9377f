"""One report build on real data: the shared 253-article climate corpus (dev.tsv), imported with
``python -m analysis import`` and grouped by the outlets' leaning (``mbfc``), offline where a network
namespace is available. Checks exit status, progress lines, figure and page limits, that no sentence
about the seeds appears, and that the index names both groups and their sizes."""
from __future__ import annotations

import base64
import html.parser
import io
import os
import re
import subprocess
import sys

import pytest
from PIL import Image

from analysis import paths
from analysis.figure_limits import oversized, within_limits
from analysis.report import notebook_paths
from shared_corpus import DEV_TSV, needs_dev
from test_notebook_reruns import _offline, _unshare_works

pytestmark = needs_dev
SEED_PROSE = ("analytical chapter", "news piece", "Russia–North Korea", "Russia-North Korea", "Vostochny",
              "Shoigu", "Kim Jong Un", "seed texts", "the chapter", "two texts")
MAX_TABLE_ROWS = 61  # pandas shows at most 60 rows (and a "…" row); longer tables are CSV files
MAX_PAGE_BYTES = 12_000_000


def _run(argv: list[str], env: dict, offline: bool) -> subprocess.CompletedProcess:
    return subprocess.run(_offline(argv) if offline else argv, capture_output=True, text=True, cwd=paths.ROOT,
                          env=env, timeout=3600)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    root = tmp_path_factory.mktemp("real")
    offline = _unshare_works()
    if not offline and os.environ.get("RDF_REQUIRE_OFFLINE") == "1":
        pytest.fail("unshare -n is not available but RDF_REQUIRE_OFFLINE=1")
    env = dict(os.environ, RDF_CACHE_DIR=str(root / "cache"), RDF_PROGRESS="0")
    for key in ("RDF_SEEDS", "RDF_GROUP_BY", "RDF_A", "RDF_B"):
        env.pop(key, None)
    corpus = root / "climate"
    imported = _run([sys.executable, "-m", "analysis", "import", str(DEV_TSV), "--out", str(corpus),
                     "--id-column", "ID", "--date-column", "date"], env, offline)
    assert imported.returncode == 0, imported.stderr
    result = _run([sys.executable, "-m", "analysis", "report", "--seeds", str(corpus), "--out", str(root / "site"),
                   "--group-by", "mbfc", "--a", "left_bias,left_center_bias", "--b", "right_bias"], env, offline)
    return root / "site", result


class Pages(html.parser.HTMLParser):
    """Prose (rendered Markdown: markdown cells and computed Markdown outputs; on the index, all text
    outside code), inline images and table sizes of one page."""

    def __init__(self, everything: bool = False) -> None:
        super().__init__()
        self.prose, self.images, self.tables = [], [], []
        self._everything, self._code, self._markdown, self._depth = everything, 0, 0, 0
        self._rows = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("pre", "code", "script", "style"):
            self._code += 1
        if tag == "div":
            self._depth += 1
            if "jp-RenderedMarkdown" in (a.get("class") or "") and not self._markdown:
                self._markdown = self._depth
        if tag == "img" and (a.get("src") or "").startswith("data:image/png;base64,"):
            self.images.append(a["src"].split(",", 1)[1])
        if tag == "tbody":
            self._rows = 0
        if tag == "tr" and self._rows is not None:
            self._rows += 1

    def handle_endtag(self, tag):
        if tag in ("pre", "code", "script", "style") and self._code:
            self._code -= 1
        if tag == "div":
            if self._markdown == self._depth:
                self._markdown = 0
            self._depth -= 1
        if tag == "tbody" and self._rows is not None:
            self.tables.append(self._rows)
            self._rows = None

    def handle_data(self, data):
        if not self._code and (self._markdown or self._everything):
            self.prose.append(data)


def _pages(site):
    """The index and the pages of the numbered notebooks, executed on this corpus (the solutions pages
    and the teacher's guide show the repository's own seed texts by design, and say so)."""
    for path in [site / "index.html", *(site / f"{p.stem}.html" for p in notebook_paths())]:
        parser = Pages(everything=path.name == "index.html")
        parser.feed(path.read_text(encoding="utf-8"))
        yield path, parser


def test_report_builds_with_exit_0_and_progress(build):
    site, result = build
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [l for l in result.stderr.splitlines() if l.startswith("report: ")]
    n = len(notebook_paths())
    assert lines[0] == f"report: {n} notebooks on climate, 2 at a time"
    assert lines[1].startswith("report: entities for 253 documents done in ")
    assert sum(" done in " in l for l in lines) == n + 1 and lines[-1].endswith("nothing left)")
    assert (site / "index.html").is_file()


def test_figures_saved_and_shown_keep_to_the_limits(build):
    site, _ = build
    assert oversized(site / "figures") == []
    shown = [Image.open(io.BytesIO(base64.b64decode(data))).size for _, page in _pages(site) for data in page.images]
    assert len(shown) >= 8 and all(within_limits(w, h) for w, h in shown)


def test_pages_cut_long_tables_and_stay_small(build):
    site, _ = build
    for path, page in _pages(site):
        assert path.stat().st_size < MAX_PAGE_BYTES, path.name
        assert max(page.tables, default=0) <= MAX_TABLE_ROWS, path.name
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "The first 20 of 253 texts" in index and len((site / "documents.csv").read_text().splitlines()) == 254


def test_no_sentence_about_the_seeds(build):
    site, _ = build
    for path, page in _pages(site):
        prose = " ".join(" ".join(page.prose).split())
        found = [m for m in SEED_PROSE if m.casefold() in prose.casefold()]
        assert not found, f"{path.name}: {found}"


def test_index_names_both_groups_and_their_sizes(build):
    site, _ = build
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"It compares left_bias \+ left_center_bias \(142 documents\) with right_bias "
                     r"\(67 documents\), grouped by mbfc\.", index)
    assert "<h1 id=\"top\">climate</h1>" in index

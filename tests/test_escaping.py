"""Article text is escaped on every HTML path, end to end.

A corpus whose texts carry ``<script>``, ``<img src=x onerror=...>`` and
``"><svg onload=...>`` is run through the whole report: every notebook is
executed on it (strictly: a failing cell fails the test) and every page is
searched for the injected markup, which must appear only escaped. The widget
and HTML-builder paths have their own tests in ``test_widgets.py``.
"""
from __future__ import annotations

import re

import nbformat
import pytest

from analysis.report import site as report

ATTACKS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", '"><svg onload=alert(3)>')
TEXTS = {
    "hostile-one.txt": (
        "Putin Meets Kim {0}\n"
        "Vladimir Putin met Kim Jong Un in Pyongyang {0} and the talks were warm. "
        "Russia and North Korea signed a treaty on defense cooperation.\n"
        "The United States condemned the deal {1} as a threat to peace. Sanctions were discussed at the UN.\n"
        "Analysts said the {2} summit was theater, a performance for the cameras.\n"),
    "hostile-two.txt": (
        "Sergei Shoigu visited Moscow and Pyongyang. He said {2} the alliance is strong.\n"
        "North Korea sent artillery shells to Russia {1}, officials in Seoul said. The war in Ukraine continues.\n"
        "Kim Jong Un hailed his dearest comrade. {0} Experts remain unclear about the consequences.\n"),
}
LIVE = re.compile(r"<script>alert|<img src=x onerror|<svg onload", re.I)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, text in TEXTS.items():
        (seeds / name).write_text(text.format(*ATTACKS), encoding="utf-8")
    report.build_report(seeds, root / "site")  # strict: any failing cell raises
    return root / "site"


def test_no_page_contains_live_injected_markup(hostile_site):
    pages = sorted(hostile_site.glob("*.html"))
    assert len(pages) == len(report.notebook_paths()) + 1
    escaped = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not LIVE.search(text), f"{page.name} contains unescaped article markup"
        escaped += text.count("&lt;script&gt;alert") + text.count("&lt;img src=x onerror")
    assert escaped > 0, "the hostile text should be shown (escaped) somewhere"


def test_every_notebook_ran_cleanly_on_the_hostile_corpus(hostile_site):
    for path in sorted((hostile_site / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert errors == [], path.name

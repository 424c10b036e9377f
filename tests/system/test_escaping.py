"""Everything a corpus supplies is escaped on every HTML path, end to end.

A corpus whose texts carry ``<script>``, ``<img src=x onerror=...>`` and
``"><svg onload=...>``, and whose catalog fields (title, kind, label, author,
outlet, url, notes), file names and ``entities.csv`` (canonical names, aliases)
carry the same payloads plus ``[x](javascript:...)`` links and ``$`` signs, is run
through the whole report: every notebook is executed on it (strictly: a failing
cell fails the test), every page is searched for the injected markup, which must
appear only escaped, and every page is opened in headless Chromium, where no
dialog may open and no element may carry a corpus-supplied ``on*`` attribute or
a ``javascript:`` link. The widget and HTML-builder paths have their own tests
in ``test_widgets.py``.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import nbformat
import pytest

from analysis import report
from browser_support import chromium_path, launch

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
LIVE = re.compile(r"<script>alert|<img src=x onerror|<svg onload|<svg/onload|<iframe|href=\"?\s*javascript:", re.I)
WIDGET_DATA = re.compile(r'<script type="application/vnd\.jupyter\.widget-(?:state|view)\+json">(.*?)</script>', re.S)
HOSTILE_FILE = '"><svg onload=alert(5)>.txt'
CATALOG = [
    ["id", "file", "title", "kind", "label", "author", "outlet", "published", "url", "notes",
     "<img src=x onerror=alert(24)>"],
    ["hostile-one", "hostile-one.txt", "<img src=x onerror=alert(6)> Costs: $5bn, 50% more than $3bn", "news",
     "<img src=x onerror=alert(7)> [x](javascript:alert(8))", "<svg/onload=alert(9)>", "[o](javascript:alert(10))",
     "2025-06", "javascript:alert(11)", "<iframe src=javascript:alert(12)></iframe>", "<svg onload=alert(25)>"],
    ["hostile_two_", "hostile-two.txt", "*bold* <a href='javascript:alert(13)'>click</a>",
     "<b onmouseover=alert(14)>kind</b>", "Costs: $5bn, 50% more than $3bn `tick", "", "", "", "", "", "[g](javascript:alert(26))"],
    ["hostile.three", HOSTILE_FILE, "", "", "", "", "", "", "", "", ""],
]
ENTITIES = [
    ["canonical", "type", "aliases", "note"],
    ["<img src=x onerror=alert(15)>", "PERSON", "Vladimir Putin|Putin|<svg onload=alert(23)>", "<svg onload=alert(16)>"],
    ["[k](javascript:alert(17))", "GPE", "Pyongyang", ""],
    ["Kim <script>alert(18)</script>", "PERSON", "Kim Jong Un|Kim", ""],
    ["$Shoigu$ the <b onclick=alert(19)>minister</b>", "PERSON", "Sergei Shoigu|Shoigu", ""],
]


def hostile_corpus(seeds: Path) -> Path:
    """A seeds folder carrying every payload in every field a corpus can supply."""
    seeds.mkdir(parents=True)
    for name, text in TEXTS.items():
        (seeds / name).write_text(text.format(*ATTACKS), encoding="utf-8")
    (seeds / HOSTILE_FILE).write_text(TEXTS["hostile-one.txt"].format(*ATTACKS[::-1]), encoding="utf-8")
    for name, rows in (("catalog.csv", CATALOG), ("entities.csv", ENTITIES)):
        with (seeds / name).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    return seeds


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    seeds = hostile_corpus(root / "seeds")
    before = snapshot(seeds)
    report.build_report(seeds, root / "site")  # strict: any failing cell raises
    assert snapshot(seeds) == before, "the report build changed its input folder"
    return root / "site"


def test_no_page_contains_live_injected_markup(hostile_site):
    pages = sorted(hostile_site.glob("*.html"))
    from analysis.report.teaching import report_pages

    assert {p.name for p in pages} == report_pages(report.notebook_paths())
    escaped = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for state in WIDGET_DATA.findall(text):  # JSON data, drawn as text: it only must not end early
            assert "</" not in state, f"{page.name}: widget state could close its <script>"
        text = WIDGET_DATA.sub("", text)
        assert not LIVE.search(text), f"{page.name} contains unescaped article markup"
        escaped += text.count("&lt;script&gt;alert") + text.count("&lt;img src=x onerror")
    assert escaped > 0, "the hostile text should be shown (escaped) somewhere"


def test_every_notebook_ran_cleanly_on_the_hostile_corpus(hostile_site):
    for path in sorted((hostile_site / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert errors == [], path.name


def test_the_catalog_and_entity_payloads_reached_the_pages(hostile_site):
    pages = "".join(p.read_text(encoding="utf-8") for p in hostile_site.glob("*.html"))
    for shown in ("&lt;img src=x onerror=alert(7)&gt;", "alert(8)", "alert(15)", "alert(17)", "alert(18)", "$5bn"):
        assert shown in pages, f"{shown} was never shown: the test would not see it escaped"


# Every element's attributes: any on* attribute, and any link or source whose scheme is not http(s)
FIND_LIVE = """() => {
  const live = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (a.name.startsWith('on') && /alert\\(/.test(a.value)) live.push(el.tagName + ' ' + a.name);
      if (/^(href|src|action|formaction|xlink:href)$/.test(a.name) && /^(javascript|vbscript|data:text)/.test(v))
        live.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  return live;
}"""


def test_hostile_site_runs_no_corpus_script_in_chromium(hostile_site):
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    pages = sorted(hostile_site.glob("*.html"))
    with sync_playwright() as p:
        browser = launch(p, executable)
        try:
            for path in pages:
                page = browser.new_page()
                dialogs = []
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                page.goto(path.as_uri(), wait_until="load")
                if 'widgets/embed.js' in path.read_text(encoding="utf-8"):
                    page.wait_for_selector(".widget-subarea", timeout=15_000)
                page.wait_for_timeout(300)
                for link in page.locator("a").all()[:400]:  # hovering and focusing fire nothing either
                    link.dispatch_event("mouseover")
                live = page.evaluate(FIND_LIVE)
                page.close()
                assert dialogs == [], f"{path.name}: a dialog opened ({dialogs})"
                assert live == [], f"{path.name}: live corpus markup {live[:5]}"
        finally:
            browser.close()


def live_parts(html: str) -> list[str]:
    """Elements that would run something: script-like tags, on* attributes, non-http(s) links,
    as a browser's parser sees them (text that merely reads "onerror=" does not count)."""
    from html.parser import HTMLParser

    found = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "iframe", "object", "embed"):
                found.append(tag)
            for name, value in attrs:
                url = re.sub(r"[\x00-\x20]", "", value or "").lower()
                if name.startswith("on") or (name in ("href", "src", "action", "xlink:href")
                                             and url.startswith(("javascript:", "vbscript:", "data:text"))):
                    found.append(f"{tag} {name}={value}")

    Finder().feed(html)
    return found


def test_notebook_outputs_are_inert_before_the_report_cleans_them(hostile_site):
    """JupyterLab and Voila show the notebooks' own outputs: the escaping must hold there too,
    without the report's last line of defence (Markdown rendered as nbconvert does, raw HTML kept)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    checked = 0
    for path in sorted((hostile_site / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                shown = [markdown2html_mistune(data["text/markdown"])] if "text/markdown" in data else []
                shown += [data["text/html"]] if "text/html" in data else []
                for html in shown:
                    assert live_parts(html) == [], f"{path.name} cell {index}: {live_parts(html)}"
                    checked += 1
    assert checked > 20

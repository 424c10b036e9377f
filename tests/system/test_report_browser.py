"""The report as a reader sees it: build the whole site from the repository's notebooks,
check every page's references, and open pages in headless Chromium without network.

Screenshots are kept in ``test-artifacts/`` (git-ignored). Without ``/usr/bin/chromium``
the browser tests are skipped, unless ``RDF_REQUIRE_BROWSER=1`` (then they fail).
Set ``RDF_REPORT_DIR`` to check an already built site instead of building one.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from analysis import paths
from analysis import report
from browser_support import ARTIFACTS, chromium_path, launch
from test_report import refs

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    given = os.environ.get("RDF_REPORT_DIR")
    if given:
        return Path(given).resolve()
    if not report.notebook_paths():
        pytest.skip("no numbered notebooks in notebooks/")
    out = tmp_path_factory.mktemp("report") / "site"
    report.build_report(paths.SEEDS, out)
    return out


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p, executable)
        yield chromium
        chromium.close()


def notebook_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.glob("*.html") if p.name != "index.html")


def test_every_notebook_has_a_page(site):
    from analysis.report.teaching import report_pages

    expected = report_pages(report.notebook_paths()) - {"index.html"}
    if not os.environ.get("RDF_REPORT_DIR"):
        assert {p.name for p in notebook_pages(site)} == expected


def test_no_page_loads_scripts_or_styles_from_the_network(site):
    for page in [site / "index.html", *notebook_pages(site)]:
        found = refs(page)
        for url in found.scripts + found.styles:
            assert "://" not in url and not url.startswith("//"), f"{page.name} loads {url}"
            assert (site / url).is_file(), f"{page.name} refers to missing {url}"


def test_every_image_exists_and_has_alt_text(site):
    count = 0
    for page in [site / "index.html", *notebook_pages(site)]:
        for image in refs(page).images:
            src = image.get("src", "")
            assert src.startswith("data:image/") or (site / src).is_file(), f"{page.name}: missing image {src}"
            assert image.get("alt", "").strip(), f"{page.name}: image {src[:40]} has no alt text"
            count += 1
    saved = sorted((site / "figures").glob("*.png"))
    assert saved, "the notebooks saved no figure"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert all(f'src="figures/{p.name}"' in index for p in saved)
    assert count >= 2 * len(saved)  # each figure is inline on its page and in the index gallery


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    external, errors = [], []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)
    return page, external, errors


def test_screenshots_of_index_and_a_notebook_page(site, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    page, external, errors = _open(browser, (site / "index.html").as_uri())
    assert page.locator("h1").first.inner_text().startswith("How ")
    assert page.locator(".rdf-findings li").count() > 0
    broken = page.evaluate("Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).length")
    assert broken == 0
    page.screenshot(path=str(ARTIFACTS / "report-index.png"), full_page=True)
    page.close()
    with_figure = next(p for p in notebook_pages(site) if 'class="jp-RenderedImage' in p.read_text(encoding="utf-8"))
    page, external2, errors2 = _open(browser, with_figure.as_uri())
    assert page.locator(".jp-RenderedImage img").first.evaluate("i => i.naturalWidth") > 100
    assert page.locator(".rdf-toc a").count() >= 4
    page.screenshot(path=str(ARTIFACTS / f"report-{with_figure.stem}.png"), full_page=False)
    page.close()
    assert external + external2 == [], "pages requested network resources"
    assert errors + errors2 == [], "JavaScript errors"
    assert (ARTIFACTS / "report-index.png").stat().st_size > 10_000


def test_widgets_and_math_render_offline(site, browser):
    checked = 0
    for path in notebook_pages(site):
        found = refs(path)
        widgets = any(s.endswith("widgets/embed.js") for s in found.scripts)
        math = any(s.endswith("mathjax/tex-svg.js") for s in found.scripts)
        if not (widgets or math):
            continue
        page, external, errors = _open(browser, path.as_uri())
        if widgets:
            page.wait_for_selector(".widget-subarea", timeout=15_000)
        if math:
            page.wait_for_selector("mjx-container", timeout=15_000)
        assert external == [] and errors == [], path.name
        page.screenshot(path=str(ARTIFACTS / f"report-{path.stem}-widgets.png")) if widgets else None
        page.close()
        checked += 1
    if not checked:
        pytest.skip("no page with widgets or math")


def test_site_works_after_moving_it(site, tmp_path):
    """Links are relative: a copy of the site elsewhere (a USB stick, a zip) still finds everything."""
    copy = tmp_path / "moved"
    shutil.copytree(site, copy)
    for page in copy.glob("*.html"):
        found = refs(page)
        for url in found.scripts + found.styles + [i["src"] for i in found.images if not i["src"].startswith("data:")]:
            assert (copy / url).is_file(), f"{page.name}: {url}"

"""The comparison dashboard in a real browser: Voila serves notebooks/04-compare.ipynb
on localhost and headless Chromium, driven by Playwright, uses its controls.

Needs Debian's ``chromium`` (``/usr/bin/chromium`` or ``$RDF_CHROMIUM``); no
browser is downloaded. Without it the tests are skipped, unless
``RDF_REQUIRE_BROWSER=1`` (set in CI), which makes a missing browser a failure.
Screenshots go to ``test-artifacts/``.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from analysis import load_corpus, paths
from analysis.compare.lens import Controls
from analysis.corpus.terms import kwic
from browser_support import ARTIFACTS, chromium_path, launch

NOTEBOOK = paths.NOTEBOOKS / "04-compare.ipynb"
LOAD_ATTEMPTS = 3          # a fresh Voila server sometimes stalls on its first page; a reload recovers
LOAD_TIMEOUT_MS = 60_000   # per attempt: kernel start plus running the whole notebook
SERVER_START_S = 60
APP = ".rdf-compare"
PANES = f"{APP} .rdf-panel"


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_path()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _voila() -> list[str]:
    exe = Path(sys.executable).with_name("voila")
    return [str(exe)] if exe.exists() else [shutil.which("voila") or "voila"]


@contextmanager
def voila_server(seeds: Path, workdir: Path, notebook: Path = NOTEBOOK,
                 extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve a notebook (default: the comparison dashboard) on a free localhost port; always stop it."""
    port = _free_port()
    env = dict(os.environ, RDF_SEEDS=str(seeds), RDF_FIGURES=str(workdir / "figures"), **(extra_env or {}))
    log = (workdir / "voila.log").open("w")
    proc = subprocess.Popen(
        _voila() + [str(notebook), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                    "--Voila.port_retries=0"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"voila exited with {proc.returncode}; see {workdir / 'voila.log'}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"voila did not listen on port {port} within {SERVER_START_S} s")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()  # Voila shuts its kernels down on SIGTERM
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


@contextmanager
def browser_page(chromium: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p, chromium)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            yield page
        finally:
            browser.close()


def open_app(page, url: str) -> None:
    """Load the dashboard until the comparison panes have rendered, reloading
    a bounded number of times (the known first-load stall)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(1, LOAD_ATTEMPTS + 1):
        try:
            page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            page.wait_for_selector(PANES, timeout=LOAD_TIMEOUT_MS)
            return
        except PlaywrightTimeout:
            if attempt == LOAD_ATTEMPTS:
                raise


def pane_text(page, k: int) -> str:
    return page.locator(PANES).nth(k).inner_text()


def wait_for_text(page, k: int, wanted: str, timeout_ms: int = 15_000) -> str:
    """Wait until pane ``k`` shows ``wanted``; return the pane's text."""
    page.wait_for_function(
        "([sel, k, wanted]) => { const el = document.querySelectorAll(sel)[k];"
        " return !!el && el.innerText.includes(wanted); }",
        arg=[PANES, k, wanted], timeout=timeout_ms)
    return pane_text(page, k)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.locator(APP).screenshot(path=str(path))
    return path


def test_dashboard_lens_and_term_change_the_view(chromium, tmp_path):
    corpus = load_corpus(paths.SEEDS)
    left, right = corpus.pair()
    with voila_server(paths.SEEDS, tmp_path) as url, browser_page(chromium) as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        open_app(page, url)
        before = pane_text(page, 0)
        assert left.label in before and "closest to “sanctions”" in before
        assert shot(page, "04-compare-initial.png").stat().st_size > 0

        # switch the lens: both panes become concordances of the default term
        page.locator(f"{APP} button.widget-toggle-button", has_text="KWIC").click()
        expected = len(kwic(left, "sanctions"))
        after = wait_for_text(page, 0, f"{expected} hits of “sanctions”")
        assert after != before
        assert f"{len(kwic(right, 'sanctions'))} hits of “sanctions”" in wait_for_text(page, 1, "hits of")
        shot(page, "04-compare-kwic.png")

        # type a new term: the counts shown are those the library computes
        box = page.locator(f"{APP} .widget-text input")
        box.fill("treaty")
        box.press("Enter")
        text = wait_for_text(page, 0, "“treaty”")
        assert f"{len(kwic(left, 'treaty'))} hits of “treaty”" in text
        hits = kwic(right, "treaty", width=Controls().width)
        right_text = wait_for_text(page, 1, f"{len(hits)} hits of “treaty”")
        assert len(hits) > 0  # the news piece names the 2024 treaty
        for row in hits.itertuples():
            assert f"{row.sentence}\t{row.left.strip()}\t{row.match}\t{row.right.strip()}" in right_text
        shot(page, "04-compare-kwic-treaty.png")
        assert dialogs == []


HOSTILE = {
    "hostile-a.txt": ("The delegation arrived with <script>alert('xss-a')</script> in the notes. "
                      "Sanctions were discussed at length in the hall."),
    "hostile-b.txt": ('Sanctions shaped a visit with <img src=x onerror=alert("xss-b")> inside. '
                      'A caption closed an attribute "><svg onload=alert("xss-c")> too.'),
}


def test_dashboard_shows_markup_in_articles_as_text(chromium, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in HOSTILE.items():
        (seeds / name).write_text(text, encoding="utf-8")
    with voila_server(seeds, tmp_path) as url, browser_page(chromium) as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        open_app(page, url)
        page.locator(f"{APP} button.widget-toggle-button", has_text="Passages").click()
        left = wait_for_text(page, 0, "Sanctions")
        right = wait_for_text(page, 1, "Sanctions")
        explorer = pane_text(page, 2)
        shot(page, "04-compare-hostile.png")
        assert "<script>alert('xss-a')</script>" in left + explorer
        assert '<img src=x onerror=alert("xss-b")>' in right
        assert page.locator(f"{PANES} script, {PANES} img, {PANES} svg").count() == 0
        page.wait_for_timeout(500)  # give any injected handler the chance to fire
        assert dialogs == []

"""The coding widget in a real browser: Voila serves notebooks/05-coding.ipynb, headless
Chromium codes three sentences (mouse and keyboard shortcuts, skip and previous), and the
codings CSV must hold exactly those answers. Skips without Chromium unless RDF_REQUIRE_BROWSER=1."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_corpus, paths
from analysis.framing import read_codings, sample_units
from browser_support import ARTIFACTS, chromium_path
from test_browser import browser_page, voila_server

NOTEBOOK = paths.NOTEBOOKS / "05-coding.ipynb"
APP = ".rdf-coding"
FRAMES = ["conflict", "human_interest", "economic_consequences", "morality", "responsibility"]


def _status(page, wanted: str) -> None:
    page.wait_for_function("([sel, w]) => { const el = document.querySelector(sel);"
                           " return !!el && el.innerText.includes(w); }",
                           arg=[f"{APP} .rdf-status", wanted], timeout=15_000)


def _key(page, key: str) -> None:
    """Type one shortcut and wait until the widget has consumed it (the box is cleared)."""
    box = page.locator(f"{APP} .rdf-keys input")
    box.type(key)
    page.wait_for_function("(sel) => document.querySelector(sel).value === ''", arg=f"{APP} .rdf-keys input",
                           timeout=15_000)


def test_three_units_coded_in_the_browser_land_in_the_csv(tmp_path):
    chromium = chromium_path()
    codings = tmp_path / "codings.csv"
    env = {"RDF_CODINGS": str(codings), "RDF_CODER": "tester"}
    with voila_server(paths.SEEDS, tmp_path, notebook=NOTEBOOK, extra_env=env) as url, \
            browser_page(chromium) as page:
        page.goto(url, wait_until="commit", timeout=60_000)
        page.wait_for_selector(APP, timeout=90_000)
        _status(page, "Unit 1 of 10")
        page.locator(f"{APP} .rdf-frame-conflict input").check()
        page.locator(f"{APP} button", has_text="Save & next").click()
        _status(page, "Unit 2 of 10")
        _key(page, "2")
        _key(page, "n")
        _status(page, "Unit 3 of 10")
        page.locator(f"{APP} button", has_text="Skip").click()
        _status(page, "Unit 4 of 10")
        page.locator(f"{APP} button", has_text="Previous").click()
        _status(page, "Unit 3 of 10")
        _key(page, "4")
        _key(page, "5")
        _key(page, "5")
        page.locator(f"{APP} button", has_text="Save & next").click()
        _status(page, "Unit 4 of 10")
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator(APP).screenshot(path=str(ARTIFACTS / "05-coding-widget.png"))
    rows = read_codings(codings)
    seeds = load_corpus(paths.SEEDS)
    codebook = paths.NOTEBOOKS / "codebook"  # the notebook samples among the units the shipped coders coded
    pair = pd.concat([read_codings(codebook / f"codings-coder-{c}.csv") for c in "ab"], ignore_index=True)
    units = sample_units(seeds, "sentence", n=10, seed=5, stratify=True, among=pair[pair["doc"].isin(seeds.ids)]).head(3)
    expected = [(d, s, f, int(f == chosen), "tester")
                for (d, s), chosen in zip(zip(units["doc"], units["sentence"]), FRAMES[0:1] + FRAMES[1:2] + FRAMES[3:4])
                for f in FRAMES]
    assert list(zip(rows["doc"], rows["sentence"], rows["frame"], rows["value"], rows["coder"])) == expected

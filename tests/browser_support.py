"""Shared by the browser tests: find Debian's Chromium and launch it headless.

No browser is ever downloaded. Without Chromium (or the playwright package) the
tests skip, unless ``RDF_REQUIRE_BROWSER=1`` (set in CI), where they fail.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import paths

ARTIFACTS = paths.ROOT / "test-artifacts"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]


def _require(reason: str):
    if os.environ.get("RDF_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (RDF_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def chromium_path() -> str:
    """Path of the Chromium binary (``$RDF_CHROMIUM`` or ``/usr/bin/chromium``), or skip/fail."""
    path = os.environ.get("RDF_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).is_file() or not os.access(path, os.X_OK):
        _require(f"no Chromium at {path}: install Debian's chromium package")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _require("the playwright Python package is not installed")
    return path


def launch(playwright, executable: str):
    """A headless Chromium browser with flags that keep it off the network."""
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)

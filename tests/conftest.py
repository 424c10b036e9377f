"""Shared set-up: a private disk cache (and cache key) for the session, the repository's corpus, and the
``unit`` / ``system`` markers by folder (``pytest -m "not system"`` is the fast inner loop)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from analysis import load_corpus, paths


def pytest_configure(config):
    # The analysis cache (and every notebook kernel nbval starts, which inherits
    # the environment) writes to a temporary folder, never the repository's .cache/.
    # Its signing key, too, is a temporary one: tests never touch the user's ~/.config.
    if "RDF_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="rdf-test-cache-")
        os.environ["RDF_CACHE_DIR"] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    if "RDF_CACHE_KEY" not in os.environ:
        keys = tempfile.mkdtemp(prefix="rdf-test-cache-key-")
        os.environ["RDF_CACHE_KEY"] = os.path.join(keys, "cache.key")
        config.add_cleanup(lambda: shutil.rmtree(keys, ignore_errors=True))


def pytest_collection_modifyitems(config, items):
    # tests/system/ and the notebook re-runs (nbval) are system tests; everything in tests/unit/ is a unit test
    root = Path(str(config.rootpath))
    for item in items:
        parts = Path(str(item.path)).resolve().relative_to(root).parts
        system = parts[:2] == ("tests", "system") or parts[0] == "notebooks"
        item.add_marker(pytest.mark.system if system else pytest.mark.unit)


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(paths.SEEDS)


@pytest.fixture(scope="session")
def chapter(corpus):
    return corpus["ch49-vostochny"]


@pytest.fixture(scope="session")
def news(corpus):
    return corpus["news-shoigu-2025"]

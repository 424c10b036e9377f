"""Shared set-up: a private disk cache for the session, and the repository's corpus."""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from analysis import load_corpus, paths


def pytest_configure(config):
    # The analysis cache (and every notebook kernel nbval starts, which inherits
    # the environment) writes to a temporary folder, never the repository's .cache/.
    if "RDF_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="rdf-test-cache-")
        os.environ["RDF_CACHE_DIR"] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(paths.SEEDS)


@pytest.fixture(scope="session")
def chapter(corpus):
    return corpus["ch49-vostochny"]


@pytest.fixture(scope="session")
def news(corpus):
    return corpus["news-shoigu-2025"]

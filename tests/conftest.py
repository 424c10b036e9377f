"""Shared fixtures: the repository's corpus, loaded once per test session."""
from __future__ import annotations

import pytest

from analysis import load_corpus, paths


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(paths.SEEDS)


@pytest.fixture(scope="session")
def chapter(corpus):
    return corpus["ch49-vostochny"]


@pytest.fixture(scope="session")
def news(corpus):
    return corpus["news-shoigu-2025"]

"""Progress bars appear for large work only, and never for the seeds."""
from __future__ import annotations

import pytest

from analysis import progress as pg


@pytest.fixture(autouse=True)
def no_setting(monkeypatch):
    monkeypatch.delenv(pg.ENV, raising=False)


def test_small_work_is_passed_through_silently(capsys):
    items = list(range(pg.MIN_ITEMS))
    assert pg.progress(items, desc="docs") is items
    assert pg.progress(iter(items), total=3, chars=1000) is not None
    assert capsys.readouterr().err == ""


def test_large_work_gets_a_bar_on_stderr(capsys):
    items = list(range(pg.MIN_ITEMS + 1))
    assert list(pg.progress(items, desc="entities")) == items
    err = capsys.readouterr().err
    assert "entities" in err and f"/{len(items)} " in err


def test_a_few_long_documents_count_as_large_work(capsys):
    assert list(pg.progress(["a", "b"], desc="cleaning", chars=pg.MIN_CHARS + 1)) == ["a", "b"]
    assert "cleaning" in capsys.readouterr().err


def test_the_seeds_never_show_a_bar(corpus, capsys):
    chars = sum(len(d.raw) for d in corpus)
    assert pg.progress(corpus.docs, desc="docs", chars=chars) is corpus.docs
    assert capsys.readouterr().err == ""


def test_environment_switch(monkeypatch, capsys):
    big = list(range(500))
    monkeypatch.setenv(pg.ENV, "0")
    assert pg.progress(big) is big
    monkeypatch.setenv(pg.ENV, "1")
    assert list(pg.progress([1, 2], desc="forced")) == [1, 2]
    assert "forced" in capsys.readouterr().err

"""The on-disk cache: keys, reuse, invalidation by content, library version and code."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cache
from analysis.corpus.catalog import folder_entries
from analysis.corpus.model import build_document
from analysis.corpus.reading import read_text


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    """Every test gets its own empty cache dir, with the cache switched on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.DIR_ENV, str(folder))
    monkeypatch.delenv(cache.SWITCH_ENV, raising=False)
    cache.STATS.reset()
    return folder


class Counter:
    """A compute function that counts its calls."""

    def __init__(self, value="result"):
        self.calls, self.value = 0, value

    def __call__(self):
        self.calls += 1
        return self.value


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pkl"))


def test_content_hash_is_stable_and_unambiguous():
    assert cache.content_hash("a", 1, ("b",)) == cache.content_hash("a", 1, ("b",))
    assert cache.content_hash("ab", "c") != cache.content_hash("a", "bc")
    assert cache.content_hash({"x": 1, "y": 2}) == cache.content_hash({"y": 2, "x": 1})
    assert cache.content_hash(frozenset({"a", "b"})) == cache.content_hash(frozenset({"b", "a"}))
    assert cache.content_hash(1) != cache.content_hash("1")
    with pytest.raises(TypeError, match="address"):
        cache.content_hash(object())


def test_second_call_reuses_the_stored_result(cache_folder):
    compute = Counter({"mentions": [1, 2, 3]})
    first = cache.memoize("demo", ("text one",), compute)
    second = cache.memoize("demo", ("text one",), compute)
    assert compute.calls == 1
    assert first == second == {"mentions": [1, 2, 3]}
    assert len(entries(cache_folder / "demo")) == 1
    assert cache.STATS.hits["demo"] == 1 and cache.STATS.misses["demo"] == 1


def test_changed_content_is_computed_again():
    compute = Counter()
    cache.memoize("demo", ("text one",), compute)
    cache.memoize("demo", ("text one, edited",), compute)
    assert compute.calls == 2


def test_a_new_library_version_invalidates(cache_folder, monkeypatch):
    compute = Counter()
    monkeypatch.setattr(cache, "library_version", lambda name: "3.8.0")
    cache.memoize("ner", ("text",), compute, libraries=("spacy",))
    old = {p.parent for p in entries(cache_folder)}
    monkeypatch.setattr(cache, "library_version", lambda name: "3.9.0")
    cache.memoize("ner", ("text",), compute, libraries=("spacy",))
    assert compute.calls == 2
    new = {p.parent for p in entries(cache_folder)}
    assert old.isdisjoint(new) and len(new) == 1  # the stale folder is gone
    manifest = json.loads((next(iter(new)) / "manifest.json").read_text())
    assert manifest["libraries"] == {"spacy": "3.9.0"}


def test_edited_code_invalidates(tmp_path):
    module = tmp_path / "stage.py"
    module.write_text("VERSION = 1\n")
    compute = Counter()
    cache.memoize("stage", ("text",), compute, code=(module,))
    cache.memoize("stage", ("text",), compute, code=(module,))
    assert compute.calls == 1
    module.write_text("VERSION = 2  # the rules changed\n")
    cache.memoize("stage", ("text",), compute, code=(module,))
    assert compute.calls == 2


def test_real_library_versions_are_read():
    assert cache.library_version("spacy") == __import__("spacy").__version__
    assert cache.library_version("no-such-distribution-here") == "absent"


def test_switched_off_always_computes_and_writes_nothing(cache_folder, monkeypatch):
    monkeypatch.setenv(cache.SWITCH_ENV, "0")
    compute = Counter()
    cache.memoize("demo", ("x",), compute)
    cache.memoize("demo", ("x",), compute)
    assert compute.calls == 2
    assert not cache_folder.exists()
    assert cache.memoize_many("demo", ["a", "b"], key=lambda s: s, compute=lambda xs: [s.upper() for s in xs]) == ["A", "B"]


def test_unreadable_entry_is_recomputed(cache_folder):
    compute = Counter("good")
    cache.memoize("demo", ("x",), compute)
    (path,) = entries(cache_folder)
    path.write_bytes(b"not a pickle")
    assert cache.memoize("demo", ("x",), compute) == "good"
    assert compute.calls == 2
    assert cache.memoize("demo", ("x",), compute) == "good"
    assert compute.calls == 2


def test_an_unwritable_cache_warns_and_still_computes(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.DIR_ENV, str(blocker / "cache"))
    compute = Counter("value")
    with pytest.warns(RuntimeWarning, match="not written"):
        assert cache.memoize("demo", ("x",), compute) == "value"
    assert cache.memoize("demo", ("x",), compute) == "value"
    assert compute.calls == 2


def test_memoize_many_computes_only_the_missing_items_in_one_batch():
    batches = []

    def upper(items):
        batches.append(list(items))
        return [s.upper() for s in items]

    assert cache.memoize_many("words", ["a", "b"], key=lambda s: s, compute=upper) == ["A", "B"]
    assert cache.memoize_many("words", ["b", "c", "a", "c"], key=lambda s: s, compute=upper) == ["B", "C", "A", "C"]
    assert batches == [["a", "b"], ["c"]]  # "c" once although asked twice
    assert cache.memoize_many("words", ["c", "a"], key=lambda s: s, compute=upper) == ["C", "A"]
    assert len(batches) == 2


def test_memoize_many_rejects_a_wrong_number_of_results():
    with pytest.raises(ValueError, match="2 items"):
        cache.memoize_many("words", ["a", "b"], key=lambda s: s, compute=lambda items: ["only one"])


def test_parsed_documents_round_trip(tmp_path):
    """A synthetic folder without a catalog: cached Documents equal freshly built ones."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "alpha.txt").write_text("Moscow and Pyongyang signed a treaty. Critics were sceptical.\n", encoding="utf-8")
    (folder / "beta.txt").write_text("Kim Jong Un met Sergei Shoigu. The talks were warm.\n", encoding="utf-8")
    items = [(e, read_text(e.file)) for e in folder_entries(folder)]
    calls = []

    def build(batch):
        calls.append(len(batch))
        return [build_document(e, raw) for e, raw in batch]

    args = dict(key=lambda item: (repr(item[0]), item[1]), compute=build, code=(cache.__file__,))
    first = cache.memoize_many("documents", items, **args)
    second = cache.memoize_many("documents", items, **args)
    assert calls == [2]
    assert [d.id for d in second] == ["alpha", "beta"]
    assert second == first
    assert [s.norm for s in second[1].sentences] == ["Kim Jong Un met Sergei Shoigu.", "The talks were warm."]


def test_clear_and_summary(cache_folder):
    cache.memoize("one", ("x",), Counter())
    cache.memoize("two", ("x",), Counter())
    cache.memoize("two", ("y",), Counter())
    summary = {row["namespace"]: row["entries"] for row in cache.summary()}
    assert summary == {"one": 1, "two": 2}
    assert cache.clear("two") == 2
    assert [row["namespace"] for row in cache.summary()] == ["one"]
    assert cache.clear() == 1 and not cache_folder.exists()


def test_bad_namespace_is_refused():
    with pytest.raises(ValueError):
        cache.memoize("../escape", ("x",), Counter())


SCRIPT = """
from analysis import cache
calls = []
value = cache.memoize("demo", ("same text",), lambda: calls.append(1) or "computed", libraries=("spacy",))
print(value, len(calls))
"""


def test_a_second_process_reuses_the_first_ones_result(cache_folder):
    def run() -> list[str]:
        env = {**os.environ, cache.DIR_ENV: str(cache_folder)}
        done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, env=env)
        return done.stdout.split()

    assert run() == ["computed", "1"]
    assert run() == ["computed", "0"]

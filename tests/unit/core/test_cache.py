"""The on-disk cache: keys, reuse, invalidation by content, library version and code."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cache
from analysis import cache_folder as folders
from analysis.errors import InputError
from analysis.corpus.catalog import folder_entries
from analysis.corpus.model import build_document
from analysis.corpus.reading import read_text


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    """Every test gets its own empty cache dir and signing key, with the cache switched on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.DIR_ENV, str(folder))
    monkeypatch.setenv("RDF_CACHE_KEY", str(tmp_path / "config" / "cache.key"))
    monkeypatch.delenv(cache.SWITCH_ENV, raising=False)
    monkeypatch.setattr(cache, "_WARNED", set())
    cache.STATS.reset()
    return folder


class Counter:
    """A compute function that counts its calls."""

    def __init__(self, value="result"):
        self.calls, self.value = 0, value

    def __call__(self):
        self.calls += 1
        return self.value


MARKER = ".rdf-cache"  # the cache's own marker (spelt out: the tests also run against older code)


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
    with pytest.warns(RuntimeWarning, match="signature"):
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
from analysis import cache_folder as folders
from analysis.errors import InputError
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


# -- entries never run code (issue 22, case 6) ------------------------------------------

class Planted:
    """A pickle that runs a shell command when it is loaded."""

    def __init__(self, target: Path):
        self.target = target

    def __reduce__(self):
        return os.system, (f"touch {self.target}",)


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file under the folders (symlinks not followed), with its bytes."""
    files = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_symlink():
                files[str(path)] = b"-> " + os.readlink(path).encode()
            elif path.is_file():
                files[str(path)] = path.read_bytes()
            else:
                files[str(path)] = b"<dir>"
    return files


def test_a_planted_pickle_never_runs_and_the_result_is_recomputed(cache_folder, tmp_path):
    compute = Counter("good")
    cache.memoize("demo", ("x",), compute)
    cache.memoize("demo", ("y",), compute)
    pwned = tmp_path / "PWNED"
    planted = pickle.dumps(Planted(pwned))
    for path in entries(cache_folder):
        path.write_bytes(planted)
    with pytest.warns(RuntimeWarning, match="signature") as caught:
        assert cache.memoize("demo", ("x",), compute) == "good"
        assert cache.memoize("demo", ("y",), compute) == "good"
    assert not pwned.exists()
    assert compute.calls == 4
    assert len([w for w in caught if "signature" in str(w.message)]) == 1  # once per namespace, not per entry
    assert cache.memoize("demo", ("x",), compute) == "good" and compute.calls == 4  # the recomputed entry is good


def test_a_planted_pickle_with_the_header_but_a_forged_tag_never_runs(cache_folder, tmp_path):
    cache.memoize("demo", ("x",), Counter("good"))
    (path,) = entries(cache_folder)
    pwned = tmp_path / "PWNED"
    path.write_bytes(b"RDF-CACHE-HMAC-SHA256\n" + b"\0" * 32 + pickle.dumps(Planted(pwned)))
    with pytest.warns(RuntimeWarning, match="signature"):
        assert cache.memoize("demo", ("x",), Counter("good")) == "good"
    assert not pwned.exists()


def test_an_entry_signed_under_another_key_misses(cache_folder, tmp_path, monkeypatch):
    """A cache shared between users: each user's key signs only their own entries."""
    cache.memoize("demo", ("x",), Counter("alice's"))
    monkeypatch.setenv("RDF_CACHE_KEY", str(tmp_path / "bob" / "cache.key"))
    bob = Counter("bob's")
    with pytest.warns(RuntimeWarning, match="signature"):
        assert cache.memoize("demo", ("x",), bob) == "bob's"
    assert bob.calls == 1


def test_the_key_is_private_and_outside_the_cache(cache_folder, tmp_path):
    cache.memoize("demo", ("x",), Counter())
    key = tmp_path / "config" / "cache.key"
    assert key.is_file() and not cache_folder in key.parents
    assert key.stat().st_mode & 0o777 == 0o600 and key.parent.stat().st_mode & 0o777 == 0o700
    assert not list(cache_folder.rglob("*.key"))


def test_a_key_others_can_read_is_replaced(tmp_path):
    key = tmp_path / "config" / "cache.key"
    cache.memoize("demo", ("x",), Counter())
    old = key.read_bytes()
    key.chmod(0o644)
    compute = Counter()
    with pytest.warns(RuntimeWarning, match="signature"):  # entries signed with the exposed key: recomputed
        cache.memoize("demo", ("x",), compute)
    assert compute.calls == 1
    assert key.read_bytes() != old and key.stat().st_mode & 0o777 == 0o600


def test_a_key_folder_others_can_open_is_closed_and_the_key_replaced(tmp_path):
    key = tmp_path / "config" / "cache.key"
    cache.memoize("demo", ("x",), Counter())
    old = key.read_bytes()
    key.parent.chmod(0o755)
    with pytest.warns(RuntimeWarning, match="signature"):
        cache.memoize("demo", ("x",), Counter())
    assert key.parent.stat().st_mode & 0o777 == 0o700 and key.read_bytes() != old


def test_the_key_lives_in_the_users_config_folder_by_default(cache_folder, tmp_path, monkeypatch):
    monkeypatch.delenv("RDF_CACHE_KEY")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    cache.memoize("demo", ("x",), Counter())
    key = tmp_path / "xdg" / "russia-dprk-framing" / "cache.key"
    assert key.is_file() and key.stat().st_mode & 0o777 == 0o600
    assert key.parent.stat().st_mode & 0o777 == 0o700


def test_a_key_that_is_a_symlink_turns_the_cache_off(cache_folder, tmp_path, monkeypatch):
    elsewhere = tmp_path / "shared-key"
    elsewhere.write_text("0" * 64 + "\n")
    (tmp_path / "config").mkdir(mode=0o700)
    (tmp_path / "config" / "cache.key").symlink_to(elsewhere)
    compute = Counter("value")
    with pytest.warns(RuntimeWarning, match="cache off"):
        assert cache.memoize("demo", ("x",), compute) == "value"
    assert cache.memoize("demo", ("x",), compute) == "value"
    assert compute.calls == 2 and not entries(cache_folder)
    assert elsewhere.read_text() == "0" * 64 + "\n"


# -- the cache stays in its own folder (issue 22, case 5) --------------------------------

def test_a_folder_the_cache_did_not_create_is_refused(cache_folder):
    (cache_folder / "documents").mkdir(parents=True)
    (cache_folder / "documents" / "thesis-notes.txt").write_text("mine\n")
    (cache_folder / "entities").mkdir()
    before = snapshot(cache_folder)
    with pytest.raises(InputError, match="not created by the analysis cache"):
        cache.memoize("documents", ("x",), Counter())
    assert snapshot(cache_folder) == before


def test_an_empty_folder_is_taken_and_marked(cache_folder):
    cache_folder.mkdir()
    cache.memoize("demo", ("x",), Counter())
    assert (cache_folder / MARKER).is_file() and (cache_folder / "demo" / MARKER).is_file()
    compute = Counter()
    cache.memoize("demo", ("x",), compute)  # a second run: the marked folder is the cache's own
    assert compute.calls == 0


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A stand-in for the repository (seeds/, notebooks/, a package folder, .cache/analysis/),
    so that a cache that fails to refuse it writes into a temporary folder, not the real one."""
    from analysis import paths

    root = tmp_path / "repo"
    for name, text in [("seeds/alpha.txt", "Moscow and Pyongyang signed a treaty.\n"),
                       ("notebooks/00-tour.ipynb", "{}\n"), ("analysis/module.py", "X = 1\n")]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    for module in (folders, paths):
        monkeypatch.setattr(module, "ROOT", root, raising=False)
        monkeypatch.setattr(module, "SEEDS", root / "seeds", raising=False)
        monkeypatch.setattr(module, "NOTEBOOKS", root / "notebooks", raising=False)
    monkeypatch.setattr(folders, "DEFAULT_DIR", root / ".cache" / "analysis")
    return root


@pytest.mark.parametrize("where", ["seeds", "notebooks", "root", "inside-root", "inside-seeds"])
def test_the_repository_is_refused(where, repo, monkeypatch):
    folder = {"seeds": repo / "seeds", "notebooks": repo / "notebooks", "root": repo,
              "inside-root": repo / "analysis", "inside-seeds": repo / "seeds" / "cache"}[where]
    monkeypatch.setenv(cache.DIR_ENV, str(folder))
    before = snapshot(repo)
    with pytest.raises(InputError, match=cache.DIR_ENV):
        cache.memoize("documents", ("x",), Counter())
    assert snapshot(repo) == before


def test_the_default_folder_is_allowed(repo, monkeypatch):
    monkeypatch.delenv(cache.DIR_ENV)
    assert cache.memoize("documents", ("x",), Counter("value")) == "value"
    assert entries(repo / ".cache" / "analysis")


@pytest.mark.parametrize("where", ["is", "inside", "contains"])
def test_the_corpus_folder_in_use_is_refused(where, tmp_path, monkeypatch):
    corpus = tmp_path / "texts"
    corpus.mkdir()
    (corpus / "alpha.txt").write_text("Moscow and Pyongyang signed a treaty.\n", encoding="utf-8")
    folder = {"is": corpus, "inside": corpus / "cache", "contains": tmp_path}[where]
    monkeypatch.setenv(cache.DIR_ENV, str(folder))
    before = snapshot(tmp_path)
    with pytest.raises(InputError, match="corpus folder in use"):
        cache.memoize("documents", ("x",), Counter(), inputs=[corpus])
    assert snapshot(tmp_path) == before


def test_maintenance_deletes_only_the_caches_own_files(cache_folder, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "library_version", lambda name: "1.0")
    cache.memoize("ner", ("text",), Counter(), libraries=("spacy",))
    (old,) = {p.parent for p in entries(cache_folder)}
    (old / "my-notes.txt").write_text("kept\n")
    victim = tmp_path / "victim"  # a stale-looking symlink: never followed
    victim.mkdir()
    (victim / "manifest.json").write_text("{}")
    (victim / ("c" * 64 + ".pkl")).write_bytes(b"user data")
    (cache_folder / "ner" / "fedcba9876543210").symlink_to(victim, target_is_directory=True)
    before = snapshot(victim)
    monkeypatch.setattr(cache, "library_version", lambda name: "2.0")
    cache.memoize("ner", ("text",), Counter(), libraries=("spacy",))
    assert (old / "my-notes.txt").read_text() == "kept\n"
    assert [p.name for p in old.iterdir()] == ["my-notes.txt"]  # the stale entry and manifest are gone
    cache.clear()
    assert snapshot(victim) == before


def test_an_unmarked_namespace_is_neither_used_nor_cleaned(cache_folder):
    cache.memoize("one", ("x",), Counter())
    foreign = cache_folder / "two" / "0123456789abcdef"
    foreign.mkdir(parents=True)
    (foreign / "manifest.json").write_text("{}")
    (foreign / ("a" * 64 + ".pkl")).write_bytes(b"user data")
    before = snapshot(cache_folder / "two")
    compute = Counter("value")
    with pytest.warns(RuntimeWarning, match="did not create"):
        assert cache.memoize("two", ("x",), compute) == "value"
    assert snapshot(cache_folder / "two") == before
    cache.clear()
    assert snapshot(cache_folder / "two") == before


def test_a_symlinked_namespace_is_not_followed(cache_folder, tmp_path):
    cache.memoize("one", ("x",), Counter())
    victim = tmp_path / "victim"
    stale = victim / "0123456789abcdef"
    stale.mkdir(parents=True)
    (victim / MARKER).write_text("{}")  # even a marker there does not make it the cache's
    (victim / "thesis.docx").write_bytes(b"chapter one")
    (stale / "manifest.json").write_text("{}")
    (stale / ("b" * 64 + ".pkl")).write_bytes(b"user data")
    (cache_folder / "demo").symlink_to(victim, target_is_directory=True)
    before = snapshot(victim)
    compute = Counter("value")
    with pytest.warns(RuntimeWarning, match="symlink"):
        assert cache.memoize("demo", ("x",), compute) == "value"
    assert cache.memoize("demo", ("x",), compute) == "value"
    assert compute.calls == 2
    cache.clear("demo")
    cache.clear()
    assert snapshot(victim) == before

"""Issue 22 on the command line: a planted cache entry never runs, ``RDF_CACHE_DIR`` never
lands in a user's folder, a corpus or the repository, and ``~nouser`` paths and an empty
``RDF_SEEDS`` end in one line and exit status 2, with every file left as it was."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import cache, cache_folder, paths
from analysis.cli.main import main

TEXTS = {"alpha.txt": "Moscow and Pyongyang signed a treaty. Critics were sceptical.\n",
         "beta.txt": "Kim Jong Un met Sergei Shoigu. The talks were warm.\n"}
NOUSER = "~no-such-user-rdf"


def corpus_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def snapshot(*folders: Path) -> dict[str, bytes]:
    files = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            files[str(path)] = (b"-> " + os.readlink(path).encode() if path.is_symlink()
                                else path.read_bytes() if path.is_file() else b"<dir>")
    return files


@pytest.fixture(autouse=True)
def private_key(tmp_path, monkeypatch):
    monkeypatch.setenv("RDF_CACHE_KEY", str(tmp_path / "config" / "cache.key"))
    monkeypatch.delenv("RDF_CACHE", raising=False)
    monkeypatch.delenv(paths.SEEDS_ENV, raising=False)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A stand-in repository: a refusal that fails writes into it, not into the real one."""
    root = tmp_path / "repo"
    corpus_in(root / "seeds")
    (root / "notebooks").mkdir()
    (root / "notebooks" / "00-tour.ipynb").write_text("{}\n")
    for module in (cache_folder, paths):
        monkeypatch.setattr(module, "ROOT", root, raising=False)
        monkeypatch.setattr(module, "SEEDS", root / "seeds", raising=False)
        monkeypatch.setattr(module, "NOTEBOOKS", root / "notebooks", raising=False)
    monkeypatch.setattr(cache_folder, "DEFAULT_DIR", root / ".cache" / "analysis")
    return root


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    return err[0]


class Planted:
    def __init__(self, target: Path):
        self.target = target

    def __reduce__(self):
        return os.system, (f"touch {self.target}",)


def test_a_planted_cache_entry_does_not_run_in_python_m_analysis_corpus(tmp_path):
    corpus = corpus_in(tmp_path / "texts")
    env = {**os.environ, "RDF_CACHE_DIR": str(tmp_path / "cache"), "RDF_CACHE_KEY": str(tmp_path / "key" / "k")}

    def run() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "analysis", "corpus", "--seeds", str(corpus), "--format", "json"],
                              capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)

    first = run()
    assert first.returncode == 0, first.stderr
    planted = sorted((tmp_path / "cache").rglob("*.pkl"))
    assert len(planted) == 2
    pwned = tmp_path / "PWNED-BY-CACHE"
    for path in planted:
        path.write_bytes(pickle.dumps(Planted(pwned)))
    second = run()
    assert second.returncode == 0, second.stderr
    assert not pwned.exists()
    assert second.stdout == first.stdout
    assert second.stderr.count("failed their signature check") == 1


@pytest.mark.parametrize("case", ["user-folder", "corpus", "dot-inside-corpus", "inside-corpus", "seeds", "notebooks"])
def test_rdf_cache_dir_in_a_folder_not_its_own_is_refused(case, tmp_path, repo, monkeypatch, capsys):
    corpus = corpus_in(tmp_path / "texts")
    seeds = corpus
    if case == "user-folder":
        folder = tmp_path / "mine"
        for sub in ("documents", "entities"):
            (folder / sub).mkdir(parents=True)
            (folder / sub / "notes.txt").write_text("my work\n")
    elif case == "corpus":
        folder = corpus
    elif case == "dot-inside-corpus":
        monkeypatch.chdir(corpus)
        folder = Path(".")
    elif case == "inside-corpus":
        folder = corpus / "cache"
    else:
        folder = repo / case
        seeds = repo / "seeds"
    monkeypatch.setenv("RDF_CACHE_DIR", str(folder))
    before = snapshot(tmp_path)
    assert main(["corpus", "--seeds", str(seeds)]) == 2
    assert "RDF_CACHE_DIR" in one_error_line(capsys)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("args", [["student", "--out", f"{NOUSER}/nb"],
                                  ["import", "TABLE", "--out", f"{NOUSER}/corpus"]])
def test_an_unknown_users_home_in_an_option_is_one_line(args, tmp_path, monkeypatch, capsys):
    (tmp_path / "table.csv").write_text("id,text\na,One sentence here.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    assert main([str(tmp_path / "table.csv") if a == "TABLE" else a for a in args]) == 2
    assert NOUSER.lstrip("~") in one_error_line(capsys)
    assert snapshot(tmp_path) == before  # nothing written, not even a literal ~no-such-user folder


@pytest.mark.parametrize("variable", ["RDF_SEEDS", "RDF_CACHE_DIR"])
def test_an_unknown_users_home_in_a_variable_is_one_line(variable, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, f"{NOUSER}/x")
    corpus = corpus_in(tmp_path / "texts")
    args = ["corpus"] if variable == "RDF_SEEDS" else ["corpus", "--seeds", str(corpus)]
    before = snapshot(tmp_path)
    assert main(args) == 2
    assert variable in one_error_line(capsys)
    assert snapshot(tmp_path) == before


def test_a_known_home_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    corpus_in(tmp_path / "texts")
    monkeypatch.setenv(paths.SEEDS_ENV, "~/texts")
    assert paths.seeds_dir() == (tmp_path / "texts").resolve()


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_rdf_seeds_is_refused_like_an_empty_seeds_option(value, monkeypatch, capsys):
    monkeypatch.setenv(paths.SEEDS_ENV, value)
    assert main(["corpus"]) == 2
    assert "RDF_SEEDS" in one_error_line(capsys)

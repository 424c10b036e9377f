"""A folder is a store only when its marker proves it (issue 22, items 1-3).

Each case runs on a copy of the seeds in ``tmp_path`` and checks that the refusal is one line
with exit status 2, and that every file under ``tmp_path`` (the corpus copy, the user's files,
anything else) is byte-identical afterwards: nothing is written anywhere.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from analysis import paths
from analysis.cli.main import main
from analysis.outdir import MARKER


def tree(folder: Path) -> dict[str, str]:
    """Every file and link under ``folder`` (links not followed): SHA-256 of the bytes, or the link target."""
    found = {}
    for base, dirs, files in os.walk(folder):
        for name in [*files, *dirs]:
            path = Path(base) / name
            if path.is_symlink():
                found[str(path.relative_to(folder))] = "-> " + os.readlink(path)
            elif path.is_file():
                found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


@pytest.fixture
def seeds(tmp_path) -> Path:
    return Path(shutil.copytree(paths.SEEDS, tmp_path / "C"))


def annotate(seeds: Path, store: Path, *extra: str) -> int:
    return main(["annotate", "--seeds", str(seeds), "--store", str(store), "--workers", "1", *extra])


def test_case1_a_file_named_store_json_proves_nothing(tmp_path, seeds, capsys):
    folder = tmp_path / "P"
    (folder / "documents").mkdir(parents=True)
    (folder / "store.json").write_text(json.dumps({"format": 1, "complete": True, "documents": []}))
    (folder / "entities.csv").write_text("canonical,type,aliases\nMy Org,ORG,MO\n")
    (folder / "corpus.toml").write_text('name = "my own corpus"\n')
    (folder / "documents" / "part-2024.parquet").write_bytes(b"PAR1 my data PAR1")
    (folder / "notes.tmp-1").write_text("draft notes")
    before = tree(tmp_path)
    assert annotate(seeds, folder) == 2
    assert "is not empty and carries no .rdf-output marker" in one_error_line(capsys)
    assert tree(tmp_path) == before
    assert annotate(seeds, folder, "--force") == 2  # store.json is theirs: never overwritten
    assert "was not written by this command and has the name of a file it writes" in one_error_line(capsys)
    assert tree(tmp_path) == before


def test_case2_a_planted_marker_proves_nothing_to_annotate(tmp_path, seeds, capsys):
    real = tmp_path / "real-store"
    assert annotate(seeds, real) == 0
    capsys.readouterr()
    for planted in (json.dumps({"command": "annotate", "files": ["thesis.docx"], "sealed": False, "foreign": []}),
                    (real / MARKER).read_text(encoding="utf-8")):
        shared = tmp_path / f"shared-{len(planted)}"
        shared.mkdir()
        (shared / "thesis.docx").write_bytes(b"PK\x03\x04 years of work")
        (shared / MARKER).write_text(planted, encoding="utf-8")
        before = tree(tmp_path)
        assert annotate(seeds, shared) == 2
        assert "not provably an earlier annotate output folder" in one_error_line(capsys)
        assert tree(tmp_path) == before
        assert annotate(seeds, shared, "--force") == 0  # a store beside the thesis, which is untouched
        capsys.readouterr()
        after = tree(tmp_path)
        assert after[f"{shared.name}/thesis.docx"] == before[f"{shared.name}/thesis.docx"]
        assert {k: v for k, v in after.items() if not k.startswith(shared.name + "/")} == \
            {k: v for k, v in before.items() if not k.startswith(shared.name + "/")}


def test_case3_a_store_that_lost_store_json_and_holds_the_users_files_is_refused(tmp_path, seeds, capsys):
    store = tmp_path / "st"
    assert annotate(seeds, store) == 0
    (store / "store.json").unlink()
    (store / "my-notes.md").write_text("# my notes\n")
    (store / "exports").mkdir()
    (store / "exports" / "frames.csv").write_text("doc,frame\nx,y\n")
    before = tree(tmp_path)
    assert annotate(seeds, store) == 2
    line = one_error_line(capsys)
    assert "store.json is missing" in line and "not provably an earlier annotate output folder" in line
    assert tree(tmp_path) == before
    assert annotate(seeds, store, "--force") == 0  # rebuilt beside the user's files, which are untouched
    after = tree(tmp_path)
    assert {k: after[k] for k in ("st/my-notes.md", "st/exports/frames.csv")} == \
        {k: before[k] for k in ("st/my-notes.md", "st/exports/frames.csv")}
    assert {k: v for k, v in after.items() if not k.startswith("st/")} == \
        {k: v for k, v in before.items() if not k.startswith("st/")}


def test_a_store_that_is_a_symlink_is_refused(tmp_path, seeds, capsys):
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("x")
    (tmp_path / "link").symlink_to(other, target_is_directory=True)
    before = tree(tmp_path)
    assert annotate(seeds, tmp_path / "link", "--force") == 2
    assert "is a symbolic link" in one_error_line(capsys)
    assert tree(tmp_path) == before


def test_rerunning_annotate_into_its_own_store_is_incremental(tmp_path, seeds, capsys):
    store = tmp_path / "st"
    assert annotate(seeds, store) == 0
    before = tree(store)
    assert annotate(seeds, store) == 0
    assert "annotated 0 of 2 documents" in capsys.readouterr().out
    assert tree(store) == before
    (store / "later.txt").write_text("added by hand")  # an unlisted file: no longer provably a store
    assert annotate(seeds, store) == 2
    assert "holds later.txt, which annotate did not write" in one_error_line(capsys)

"""Output folders are owned and never share a byte with the input (issue 12, items 1-3).

Every refusal is checked to leave the input folder byte-identical, hidden files included.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from analysis import paths
from analysis.cli.main import main
from analysis.errors import InputError
from analysis.outdir import MARKER, owned_files, prepare_output_dir, seal_output_dir


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def corpus_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("Moscow and Pyongyang signed a treaty.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Kim met Putin in Vostochny.\n", encoding="utf-8")
    return folder


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


@pytest.fixture
def notebooks(tmp_path) -> Path:
    folder = tmp_path / "nbs"
    folder.mkdir()
    nb = new_notebook(cells=[new_markdown_cell("# T\n## Overview\n- learn a thing")])
    nbformat.write(nb, folder / "00-intro.ipynb")
    return folder


# --- item 1: a report build never deletes the articles ----------------------------------------

@pytest.mark.parametrize("marker", [MARKER, ".rdf-report"])
def test_report_out_equal_to_seeds_is_refused_even_with_a_marker(tmp_path, capsys, marker):
    seeds = corpus_folder(tmp_path / "X")
    (seeds / marker).write_text("{}")
    before = snapshot(seeds)
    assert main(["report", "--seeds", str(seeds), "--out", str(seeds)]) == 2
    assert "is the input folder" in one_error_line(capsys)
    assert snapshot(seeds) == before


def test_report_out_containing_the_seeds_is_refused(tmp_path, capsys):
    report = tmp_path / "R"
    seeds = corpus_folder(report / "texts")
    (report / MARKER).write_text(json.dumps({"command": "report", "files": ["texts/a.txt"], "sealed": True}))
    before = snapshot(report)
    assert main(["report", "--seeds", str(seeds), "--out", str(report)]) == 2
    assert "contains the input folder" in one_error_line(capsys)
    assert snapshot(report) == before


# --- item 2: student never overwrites a folder it did not make --------------------------------

def test_student_refuses_an_unrelated_folder(tmp_path, notebooks, capsys):
    out = tmp_path / "class"
    out.mkdir()
    (out / "README.md").write_text("my own readme")
    (out / "00-intro.ipynb").write_text("my own notebook")
    before = snapshot(out)
    assert main(["student", "--notebooks", str(notebooks), "--out", str(out)]) == 2
    assert "not provably an earlier student output folder" in one_error_line(capsys)
    assert snapshot(out) == before


def test_student_force_replaces_only_its_own_files(tmp_path, notebooks, capsys):
    out = tmp_path / "class"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    assert main(["student", "--notebooks", str(notebooks), "--out", str(out), "--force"]) == 0
    assert (out / "notes.txt").read_text() == "keep me" and (out / "00-intro.ipynb").is_file()
    assert sorted(owned_files(out)) == ["00-intro.ipynb", "README.md"]
    assert main(["student", "--notebooks", str(notebooks), "--out", str(out)]) == 0  # now marked: no --force
    (out / "later.txt").write_text("added after the run")  # an unlisted file: no longer provably ours
    assert main(["student", "--notebooks", str(notebooks), "--out", str(out)]) == 2
    assert "holds later.txt, which student did not write" in one_error_line(capsys)
    assert main(["student", "--notebooks", str(notebooks), "--out", str(out), "--force"]) == 0
    assert (out / "notes.txt").read_text() == "keep me" and (out / "later.txt").read_text() == "added after the run"


@pytest.mark.parametrize("where", ["seeds", "notebooks", "root"])
def test_student_into_a_repository_folder_is_refused(where, capsys, monkeypatch):
    folder = {"seeds": paths.SEEDS, "notebooks": paths.NOTEBOOKS, "root": paths.ROOT}[where]
    monkeypatch.chdir(folder)
    before = snapshot(paths.SEEDS), snapshot(paths.NOTEBOOKS), (paths.ROOT / "README.md").read_bytes()
    assert main(["student", "--out", "."]) == 2
    line = one_error_line(capsys)
    assert {"seeds": "repository's seeds/", "notebooks": "notebooks folder", "root": "repository root"}[where] in line
    assert (snapshot(paths.SEEDS), snapshot(paths.NOTEBOOKS), (paths.ROOT / "README.md").read_bytes()) == before


def test_student_into_a_folder_holding_another_commands_output_is_refused(tmp_path, notebooks, capsys):
    out = prepare_output_dir(tmp_path / "site", inputs=[], command="report")
    (out / "index.html").write_text("site")
    seal_output_dir(out)
    before = snapshot(out)
    assert main(["student", "--notebooks", str(notebooks), "--out", str(out)]) == 2
    assert "holds the output of python -m analysis report" in one_error_line(capsys)
    assert snapshot(out) == before


# --- item 3: never a folder inside the input ---------------------------------------------------

def test_report_out_inside_the_seeds_is_refused(tmp_path, capsys):
    seeds = corpus_folder(tmp_path / "S")
    before = snapshot(seeds)
    assert main(["report", "--seeds", str(seeds), "--out", str(seeds / "out")]) == 2
    assert "lies inside the input folder" in one_error_line(capsys)
    assert snapshot(seeds) == before and not (seeds / "out").exists()


def test_report_out_through_a_symlink_into_the_seeds_is_refused(tmp_path, capsys):
    seeds = corpus_folder(tmp_path / "S")
    (tmp_path / "alias").symlink_to(seeds)
    before = snapshot(seeds)
    assert main(["report", "--seeds", str(seeds), "--out", str(tmp_path / "alias" / "site")]) == 2
    assert "lies inside the input folder" in one_error_line(capsys)
    assert snapshot(seeds) == before


@pytest.mark.parametrize("command", ["report", "student"])
def test_out_under_a_file_or_proc_is_one_line(tmp_path, capsys, command):
    (tmp_path / "file.txt").write_text("x")
    assert main([command, "--out", str(tmp_path / "file.txt" / "sub")]) == 2
    assert "lies under the file" in one_error_line(capsys)
    assert main([command, "--out", str(tmp_path / "file.txt")]) == 2
    assert "is a file" in one_error_line(capsys)
    assert main([command, "--out", "/proc/rdf-out"]) == 2
    assert "system folder" in one_error_line(capsys)
    assert (tmp_path / "file.txt").read_text() == "x"


# --- the module itself: what a rerun clears ----------------------------------------------------

def test_rerun_clears_only_the_files_the_command_wrote(tmp_path):
    inputs = corpus_folder(tmp_path / "in")
    out = prepare_output_dir(tmp_path / "out", inputs=[inputs], command="annotate")
    (out / "sub").mkdir()
    (out / "sub" / "old.csv").write_text("ours")
    (out / "page.html").write_text("ours")
    assert seal_output_dir(out) == ["page.html", "sub/old.csv"]
    prepare_output_dir(out, inputs=[inputs], command="annotate")
    assert sorted(p.name for p in out.iterdir()) == [MARKER]
    (out / "page.html").write_text("ours")
    seal_output_dir(out)
    (out / "mine.txt").write_text("the user's")  # taken over with force: only the verified own file goes
    prepare_output_dir(out, inputs=[inputs], command="annotate", force=True)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "mine.txt"]


def test_rerun_never_deletes_through_a_symlinked_folder(tmp_path):
    inputs = corpus_folder(tmp_path / "in")
    victim = corpus_folder(tmp_path / "elsewhere")
    out = prepare_output_dir(tmp_path / "out", inputs=[inputs], command="annotate")
    (out / "figures").mkdir()
    (out / "figures" / "a.txt").write_text("ours")
    seal_output_dir(out)
    (out / "figures" / "a.txt").unlink()
    (out / "figures").rmdir()
    (out / "figures").symlink_to(victim)  # someone swapped the folder for a link
    before = snapshot(victim)
    with pytest.raises(InputError, match="figures/a.txt is missing"):
        prepare_output_dir(out, inputs=[inputs], command="annotate")
    prepare_output_dir(out, inputs=[inputs], command="annotate", force=True, planned=["page.html"])
    assert snapshot(victim) == before and (out / "figures").is_symlink()
    with pytest.raises(InputError, match="has the name of a file it writes"):  # never written through
        prepare_output_dir(out, inputs=[inputs], command="annotate", force=True, planned=["figures/b.png"])
    assert snapshot(victim) == before


def test_an_interrupted_run_is_cleared_but_foreign_files_are_not(tmp_path):
    inputs = corpus_folder(tmp_path / "in")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "theirs.txt").write_text("x")
    out = prepare_output_dir(tmp_path / "out", inputs=[inputs], command="import", force=True,
                             planned=["partial.csv"])
    (out / "partial.csv").write_text("half")  # the run stops before seal_output_dir
    prepare_output_dir(out, inputs=[inputs], command="import", planned=["partial.csv"])
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "theirs.txt"]
    assert (out / "theirs.txt").read_text() == "x"


def test_a_folder_containing_the_repository_is_refused(tmp_path):
    with pytest.raises(InputError, match="contains the repository root"):
        prepare_output_dir(paths.ROOT.parent, inputs=[], command="report")
    with pytest.raises(InputError, match="is empty"):
        prepare_output_dir("", inputs=[], command="report")


@pytest.mark.parametrize("legacy", ["readme", ".rdf-report", "format-1"])
def test_legacy_markers_prove_nothing(tmp_path, notebooks, capsys, legacy):
    """Old student folders, old report markers, first-format markers: refused, and with --force
    a same-named file stops the command; not a byte changes."""
    old = tmp_path / "build-student"
    old.mkdir()
    (old / "README.md").write_text("# Notebooks for students\n\nold\n")
    (old / "99-old.ipynb").write_text("{}")
    if legacy == ".rdf-report":
        (old / ".rdf-report").write_text("")
    elif legacy == "format-1":
        (old / MARKER).write_text(json.dumps({"command": "student", "files": ["README.md", "99-old.ipynb"],
                                              "sealed": True}))
    before = snapshot(tmp_path)
    write = ["student", "--notebooks", str(notebooks), "--out", str(old)]
    assert main(write) == 2
    assert "not provably an earlier student output folder" in one_error_line(capsys)
    assert main([*write, "--force"]) == 2
    assert "README.md: was not written by this command" in one_error_line(capsys)
    assert snapshot(tmp_path) == before


# --- issue 22: a folder is ours only if its marker proves it; --force touches nothing else -----

def tree(folder: Path) -> dict[str, str]:
    """Every file and link under ``folder`` (links not followed): SHA-256 of the bytes, or the link target."""
    import hashlib
    import os

    found = {}
    for base, dirs, files in os.walk(folder):
        for name in [*files, *dirs]:
            path = Path(base) / name
            if path.is_symlink():
                found[str(path.relative_to(folder))] = "-> " + os.readlink(path)
            elif path.is_file():
                found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def articles_table(path: Path, ids: tuple[str, ...] = ("a", "b")) -> Path:
    rows = ["id,text"] + [f"{i},Moscow and Pyongyang signed a treaty about {i}." for i in ids]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_case2_a_planted_marker_proves_nothing_to_import(tmp_path, capsys):
    """A marker the package did not write (hand-made, or copied from a real import elsewhere) next to
    the user's thesis: import refuses it, and with --force writes its own files, touching no other."""
    table = articles_table(tmp_path / "articles.csv")
    real = tmp_path / "real-import"
    assert main(["import", str(table), "--out", str(real)]) == 0
    capsys.readouterr()
    for planted in (json.dumps({"command": "import", "files": ["thesis.docx"], "sealed": True}),
                    (real / MARKER).read_text(encoding="utf-8")):
        shared = tmp_path / f"shared-{len(planted)}"
        shared.mkdir()
        (shared / "thesis.docx").write_bytes(b"PK\x03\x04 years of work")
        (shared / MARKER).write_text(planted, encoding="utf-8")
        before = tree(tmp_path)
        assert main(["import", str(table), "--out", str(shared)]) == 2
        one_error_line(capsys)
        assert tree(tmp_path) == before
        assert main(["import", str(table), "--out", str(shared), "--force"]) == 0
        after = tree(tmp_path)
        assert after["articles.csv"] == before["articles.csv"]
        assert after[f"{shared.name}/thesis.docx"] == before[f"{shared.name}/thesis.docx"]
        changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
        assert changed == {f"{shared.name}/{n}" for n in ("a.txt", "b.txt", "catalog.csv", MARKER)}
        assert "thesis.docx" not in owned_files(shared)


def test_case4_import_force_into_a_symlink_to_another_corpus_is_refused(tmp_path, capsys):
    table = articles_table(tmp_path / "articles.csv", ("new-article",))
    other = Path(shutil.copytree(paths.SEEDS, tmp_path / "other-corpus"))  # a copy of the seeds, with its catalog
    (tmp_path / "L").symlink_to(other, target_is_directory=True)
    before = tree(tmp_path)
    assert main(["import", str(table), "--out", str(tmp_path / "L"), "--force"]) == 2
    assert "is a symbolic link" in one_error_line(capsys)
    assert tree(tmp_path) == before


def test_case4_import_force_never_overwrites_a_same_named_file(tmp_path, capsys):
    table = articles_table(tmp_path / "articles.csv", ("a", "b"))
    folder = tmp_path / "D"
    folder.mkdir()
    (folder / "a.txt").write_text("the user's own a.txt\n", encoding="utf-8")
    before = tree(tmp_path)
    assert main(["import", str(table), "--out", str(folder), "--force"]) == 2
    line = one_error_line(capsys)
    assert "a.txt: was not written by this command" in line
    assert tree(tmp_path) == before  # refused before anything is written, the marker included


@pytest.mark.parametrize("command", ["report", "student"])
def test_out_that_is_a_symlink_is_refused(tmp_path, capsys, command, notebooks):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "keep.txt").write_text("x")
    (tmp_path / "link").symlink_to(target, target_is_directory=True)
    before = tree(tmp_path)
    extra = ["--notebooks", str(notebooks)] if command == "student" else []
    assert main([command, *extra, "--out", str(tmp_path / "link"), "--force"]) == 2
    assert "is a symbolic link" in one_error_line(capsys)
    assert tree(tmp_path) == before


def test_a_changed_own_file_is_not_ours_and_force_keeps_it(tmp_path, notebooks, capsys):
    out = tmp_path / "class"
    write = ["student", "--notebooks", str(notebooks), "--out", str(out)]
    assert main(write) == 0
    (out / "README.md").write_text("the teacher's edits")
    assert main(write) == 2
    assert "README.md changed since it was written" in one_error_line(capsys)
    assert main([*write, "--force"]) == 2  # README.md is now the teacher's file: never overwritten
    assert "README.md: was not written by this command" in one_error_line(capsys)
    assert (out / "README.md").read_text() == "the teacher's edits"


def test_import_force_replaces_its_own_earlier_import(tmp_path, capsys):
    out = tmp_path / "corpus"
    assert main(["import", str(articles_table(tmp_path / "one.csv", ("a", "b"))), "--out", str(out)]) == 0
    assert main(["import", str(articles_table(tmp_path / "two.csv", ("c",))), "--out", str(out), "--force"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "c.txt", "catalog.csv"]


def test_odd_file_names_in_a_taken_over_folder_keep_the_marker_readable(tmp_path):
    inputs = corpus_folder(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    odd = [b"back\\slash.txt", b"caf\xe9-latin1.txt", "d\u00e9j\u00e0 vu.txt".encode(), b"line\nbreak.txt"]
    for name in odd:
        (out / os.fsdecode(name)).write_bytes(b"theirs")
    before = tree(out)
    prepare_output_dir(out, inputs=[inputs], command="import", force=True, planned=["a.txt"])
    (out / "a.txt").write_text("ours")
    assert seal_output_dir(out) == ["a.txt"]
    prepare_output_dir(out, inputs=[inputs], command="import", planned=["a.txt"])  # provably ours: no --force
    assert tree(out) == {k: v for k, v in before.items()} | {MARKER: tree(out)[MARKER]}

"""A damaged annotation store is one line and exit status 2, never a traceback (issue 22, item 7).

A store is annotated once per module from a copy of the seeds, then each test damages a copy of
it and reads it with a command. Every case checks: exit 2, one line on stderr naming the store, the
file and the fix, no traceback, the damaged store and the corpus byte-identical afterwards, and
nothing written anywhere else in the test's folder. ``annotate`` over a damaged store rebuilds the
damaged chunks.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Callable

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis import paths
from analysis.cli.main import main
from analysis.store.reader import Store


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes, and every folder."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(autouse=True)
def in_tmp(monkeypatch, tmp_path):
    """The test's folder as the working folder, so that a stray relative write shows in its snapshot."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A store annotated from a copy of the seeds (two texts)."""
    base = tmp_path_factory.mktemp("built")
    corpus = base / "corpus"
    shutil.copytree(paths.SEEDS, corpus)
    assert main(["annotate", "--seeds", str(corpus), "--store", str(base / "store"), "--workers", "1"]) == 0
    return base / "store"


@pytest.fixture
def sandbox(built, tmp_path) -> tuple[Path, Path]:
    """``(corpus, store)``: fresh copies in this test's folder."""
    corpus = shutil.copytree(paths.SEEDS, tmp_path / "corpus")
    store = shutil.copytree(built, tmp_path / "store")
    return corpus, store


def only_part(store: Path, folder: str) -> Path:
    parts = sorted((store / folder).glob("part-*.parquet"))
    assert len(parts) == 1, parts  # two texts, one chunk
    return parts[0]


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def edit_info(store: Path, change: Callable[[dict], object]) -> None:
    info = json.loads((store / "store.json").read_text(encoding="utf-8"))
    change(info)  # in place
    (store / "store.json").write_text(json.dumps(info), encoding="utf-8")


def set_chunk(store: Path, chunk: str, rename: bool = False) -> None:
    """Write ``chunk`` into the manifest's chunk column (and with ``rename`` into its file name)."""
    part = only_part(store, "manifest")
    table = pq.read_table(part)
    table = table.set_column(table.schema.get_field_index("chunk"), "chunk", pa.array([chunk] * table.num_rows))
    pq.write_table(table, part)
    if rename:
        part.rename(part.with_name(f"part-{chunk}.parquet"))


def scramble(path: Path) -> None:
    """Damage the first pages of a part and leave its footer (schema, row counts) intact."""
    data = bytearray(path.read_bytes())
    for i in range(8, 400):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def link_out(path: Path) -> None:
    """Move a part (or a table's folder) next to the store and leave a symbolic link to it in its place."""
    outside = path.parents[2 if path.is_file() else 1] / f"outside-{path.name}"  # the test's folder
    path.rename(outside)
    path.symlink_to(outside)


def wrong_schema(path: Path) -> None:
    pq.write_table(pa.table({"doc": ["x"], "other": [1]}), path)


DAMAGE: dict[str, tuple[Callable[[Path], object], str]] = {
    "store.json not JSON": (lambda s: (s / "store.json").write_text("{not json", encoding="utf-8"), "store.json"),
    "store.json a list": (lambda s: (s / "store.json").write_text("[1, 2]", encoding="utf-8"), "store.json"),
    "store.json empty": (lambda s: (s / "store.json").write_bytes(b""), "store.json"),
    "store.json not UTF-8": (lambda s: (s / "store.json").write_bytes(b"\xff\xfe{}"), "store.json"),
    "documents a string": (lambda s: edit_info(s, lambda i: i.update(documents="abc")), "store.json"),
    "documents of numbers": (lambda s: edit_info(s, lambda i: i.update(documents=[[1, 2]])), "store.json"),
    "documents of triples": (lambda s: edit_info(s, lambda i: i.update(documents=[["a", "b", "c"]])), "store.json"),
    "environment missing": (lambda s: edit_info(s, lambda i: i.pop("environment")), "store.json"),
    "checksums a dict": (lambda s: edit_info(s, lambda i: i.update(checksums={})), "store.json"),
    "manifest truncated": (lambda s: truncate(only_part(s, "manifest")), "manifest/part-"),
    "manifest wrong schema": (lambda s: wrong_schema(only_part(s, "manifest")), "manifest/part-"),
    "table part truncated": (lambda s: truncate(only_part(s, "sentences")), "sentences/part-"),
    "table part wrong schema": (lambda s: wrong_schema(only_part(s, "frames")), "frames/part-"),
    "table part of another table": (lambda s: shutil.copyfile(only_part(s, "sentiment"), only_part(s, "sentences")),
                                    "sentences/part-"),
    "table part deleted": (lambda s: only_part(s, "documents").unlink(), "documents/part-"),
    "documents damaged inside": (lambda s: scramble(only_part(s, "documents")), "documents/part-"),
    "sentences damaged inside": (lambda s: scramble(only_part(s, "sentences")), "sentences/part-"),
    "table part a link out": (lambda s: link_out(only_part(s, "sentences")), "sentences/part-"),
    "table folder a link out": (lambda s: link_out(s / "frames"), "frames/ is a link"),
    "manifest part a link out": (lambda s: link_out(only_part(s, "manifest")), "manifest/part-"),
    "chunk a glob": (lambda s: set_chunk(s, "*"), "manifest/part-"),
    "chunk a glob, file renamed": (lambda s: set_chunk(s, "*", rename=True), "manifest/part-*"),
    "chunk ../../": (lambda s: set_chunk(s, "../../../etc/x"), "manifest/part-"),
    "chunk absolute": (lambda s: set_chunk(s, "/etc/passwd"), "manifest/part-"),
    "chunk with a quote": (lambda s: set_chunk(s, "a'b"), "manifest/part-"),
    "chunk with braces": (lambda s: set_chunk(s, "{a,b}"), "manifest/part-"),
    "chunk with braces, file renamed": (lambda s: set_chunk(s, "{a,b}", rename=True), "manifest/part-{a,b}"),
}


def assert_one_line(err: str, store: Path, file: str) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith(f"error: {store}: damaged store: {file}"), line
    assert f"python -m analysis annotate --seeds CORPUS --store {store} --force` to rebuild it" in line, line


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_damaged_store_is_one_line(case, sandbox, tmp_path, capsys):
    corpus, store = sandbox
    damage, file = DAMAGE[case]
    damage(store)
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["corpus", "--seeds", str(store)]) == 2
    assert_one_line(capsys.readouterr().err, store, file)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", [["corpus"], ["frames"], ["sentiment"], ["align"], ["entities"],
                                     ["report", "--out", "OUT"]], ids=lambda c: c[0])
@pytest.mark.parametrize("case", ["manifest truncated", "table part deleted", "chunk a glob"])
def test_every_reader_checks_the_store_first(command, case, sandbox, tmp_path, capsys):
    corpus, store = sandbox
    damage, file = DAMAGE[case]
    damage(store)
    before = snapshot(tmp_path)
    capsys.readouterr()
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    assert main([*argv, "--seeds", str(store)]) == 2
    assert_one_line(capsys.readouterr().err, store, file)
    assert snapshot(tmp_path) == before  # no report folder either


def test_duckdb_is_given_only_plain_part_paths(built):
    from analysis.store.validate import CHUNK_ID

    store = Store(built)
    assert store.chunks and all(CHUNK_ID.match(c) for c in store.chunks)
    assert store.source("sentences") == "read_parquet([{}])".format(
        ", ".join(f"'{built}/sentences/part-{c}.parquet'" for c in store.chunks))


def test_annotate_over_a_damaged_store_needs_the_damaged_file_removed(sandbox, tmp_path, capsys):
    corpus, store = sandbox
    DAMAGE["manifest truncated"][0](store)
    before = snapshot(tmp_path)
    for force in ([], ["--force"]):
        capsys.readouterr()
        assert main(["annotate", "--seeds", str(corpus), "--store", str(store), "--workers", "1", *force]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and "manifest/part-" in err, err
        assert snapshot(tmp_path) == before


@pytest.mark.parametrize("case", list(DAMAGE))
def test_the_fix_the_line_names_rebuilds_the_store(case, built, sandbox, tmp_path, capsys):
    """Do what the line says (remove the file it names, run annotate --force): the store reads as
    the undamaged one, and nothing outside it (the corpus, a link's target) changed."""
    corpus, store = sandbox
    DAMAGE[case][0](store)
    capsys.readouterr()
    assert main(["corpus", "--seeds", str(store)]) == 2
    line = capsys.readouterr().err.strip()
    file, problem = re.match(r"error: .*?: damaged store: (.+?) (is missing|[^;]*);", line).groups()
    if problem != "is missing":
        (store / file.rstrip("/")).unlink()  # a file, or a link (to a file or a folder): never its target
    outside = {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("store")}
    assert main(["annotate", "--seeds", str(corpus), "--store", str(store), "--workers", "1", "--force"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "of 2 documents" in out
    assert {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("store")} == outside
    assert main(["corpus", "--seeds", str(store), "--format", "json"]) == 0
    rebuilt = capsys.readouterr().out
    assert main(["corpus", "--seeds", str(built), "--format", "json"]) == 0
    assert rebuilt == capsys.readouterr().out
    assert main(["annotate", "--seeds", str(corpus), "--store", str(store), "--workers", "1"]) == 0  # ours again

"""The ``python -m analysis`` contract: output formats and clear failures."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from analysis import paths
from analysis.cli.main import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=300)


def test_corpus_json_lists_both_seeds():
    result = run_cli("corpus", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["id"], r["kind"], r["sentences"]) for r in rows] == [
        ("ch49-vostochny", "chapter", 55), ("news-shoigu-2025", "news", 25)]
    for key in ("id", "file", "title", "kind", "sentences", "tokens", "removed"):
        assert key in rows[0]
    assert "related-headline 3" in rows[1]["removed"] and "citation 4" in rows[0]["removed"]


def test_corpus_csv_and_table(capsys):
    assert main(["corpus", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["id"] for r in rows] == ["ch49-vostochny", "news-shoigu-2025"]
    assert main(["corpus"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:3] == ["id", "file", "title"]


def test_folder_of_plain_txt_files(tmp_path, capsys):
    (tmp_path / "alpha.txt").write_text("First text. It has two sentences.", encoding="utf-8")
    (tmp_path / "beta.txt").write_text("Second text has one sentence.", encoding="utf-8")
    assert main(["corpus", "--seeds", str(tmp_path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["sentences"]) for r in rows] == [("alpha", 2), ("beta", 1)]


def test_missing_folder_exits_2_with_one_line(tmp_path):
    result = run_cli("corpus", "--seeds", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"error: {tmp_path / 'missing'}: seeds folder not found"]


def test_catalog_row_naming_missing_file(tmp_path):
    (tmp_path / "catalog.csv").write_text("id,file\nx,absent.txt\n", encoding="utf-8")
    result = run_cli("corpus", "--seeds", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'catalog.csv'}: row 2: file 'absent.txt' does not exist in {tmp_path}"


def test_help_lists_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "corpus" in result.stdout and "report" in result.stdout


def test_seeds_default_comes_from_environment(tmp_path, monkeypatch):
    (tmp_path / "only.txt").write_text("Just one sentence.", encoding="utf-8")
    monkeypatch.setenv(paths.SEEDS_ENV, str(tmp_path))
    assert paths.seeds_dir() == tmp_path.resolve()


def test_table_cuts_long_text_but_json_keeps_it(capsys):
    assert main(["sentiment", "--format", "table"]) == 0
    table = capsys.readouterr().out
    assert max(len(line) for line in table.splitlines()) < 400
    assert main(["sentiment", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert max(len(r["text"]) for r in rows) > 60

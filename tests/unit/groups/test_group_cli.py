"""The group views of the command line: frames/sentiment --by group|difference|period,
entities --by group, keyness --group-by; on the seeds and on an imported slice of dev.tsv."""
from __future__ import annotations

import json
import math

import pytest

from analysis.cli import main as cli

from shared_corpus import dev_slice, needs_dev

GROUP_COLUMNS = ["side", "group", "n_docs", "mean", "ci_low", "ci_high"]
DIFFERENCE_COLUMNS = ["diff", "diff_ci_low", "diff_ci_high", "p_value", "effect_size"]
LEFT, RIGHT = "left_bias,left_center_bias", "right_bias"


def run_json(capsys, *argv: str) -> list[dict]:
    capsys.readouterr()
    status = cli.main([*argv, "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 0, err
    return json.loads(out)


def run_error(capsys, *argv: str) -> str:
    capsys.readouterr()
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ")
    return err.strip()


def assert_ci_contains_mean(rows: list[dict], mean: str = "mean", low: str = "ci_low", high: str = "ci_high"):
    for row in rows:
        assert row[low] <= row[mean] <= row[high], row


# --- the seeds: one document a side ---------------------------------------------------

def test_seed_frames_by_group(capsys):
    rows = run_json(capsys, "frames", "--by", "group")
    assert list(rows[0]) == ["side", "group", "scheme", "frame", "measure", "n_docs", "mean", "median",
                             "ci_low", "ci_high", "note"]
    assert [(r["side"], r["group"], r["frame"]) for r in rows[:4]] == [
        ("a", "chapter", "conflict"), ("b", "news", "conflict"),
        ("a", "chapter", "human_interest"), ("b", "news", "human_interest")]
    assert (rows[0]["mean"], rows[1]["mean"]) == (9.901, 24.631)  # = frames --by document --doc ...
    assert all(r["n_docs"] == 1 and r["ci_low"] is None and r["note"] == "not possible with one document: no interval"
               for r in rows)


def test_seed_difference_claims_nothing(capsys):
    for command in ("frames", "sentiment"):
        rows = run_json(capsys, command, "--by", "difference")
        assert set(DIFFERENCE_COLUMNS) <= set(rows[0])
        assert all(r["testable"] is False and r["p_value"] is None and r["effect_size"] is None for r in rows)
        assert all(r["note"].startswith("not possible with one document") for r in rows)


def test_seed_sentiment_group_and_period(capsys):
    rows = run_json(capsys, "sentiment", "--by", "group")
    assert [(r["side"], r["group"], r["measure"], r["n_docs"], r["mean"]) for r in rows] == [
        ("a", "chapter", "compound", 1, 0.0358), ("b", "news", "compound", 1, 0.11)]
    rows = run_json(capsys, "sentiment", "--by", "period", "--measure", "share_negative")
    assert [(r["side"], r["period"], r["n_docs"], r["mean"]) for r in rows] == [("b", "2025-06", 1, 0.36)]
    message = run_error(capsys, "sentiment", "--by", "period", "--period", "week")
    assert "no compared document has a 'published' date of the form YYYY-MM-DD" in message


def test_seed_entities_by_group(capsys):
    rows = run_json(capsys, "entities", "--by", "group", "--top", "2")
    assert list(rows[0]) == ["side", "group", "entity", "type", "n_docs", "mentions", "share"]
    assert [(r["side"], r["entity"], r["n_docs"], r["mentions"]) for r in rows] == [
        ("a", "Russia", 1, 11), ("a", "Kim Jong Un", 1, 9), ("b", "Russia", 1, 11), ("b", "North Korea", 1, 10)]
    counts = run_json(capsys, "entities", "--doc", "news-shoigu-2025")
    total = sum(r["count"] for r in counts)
    assert rows[2]["share"] == round(11 / total, 4)


def test_seed_keyness_by_group_id_matches_documents(capsys):
    single = run_json(capsys, "keyness", "--a", "ch49-vostochny", "--b", "news-shoigu-2025")
    grouped = run_json(capsys, "keyness", "--group-by", "id", "--a", "ch49-vostochny", "--b", "news-shoigu-2025")
    assert [{k: r[k] for k in single[0]} for r in grouped] == single
    assert run_json(capsys, "keyness", "--group-by", "kind") == grouped  # chapter vs news: the same two texts
    assert {"docs_a", "docs_b", "dispersed", "key"} <= set(grouped[0])


def test_group_options_errors(capsys):
    assert "--group-by: no column 'colour'" in run_error(capsys, "frames", "--by", "group", "--group-by", "colour")
    assert "--a: no document has kind = 'blog'" in run_error(capsys, "sentiment", "--by", "group", "--a", "blog")
    assert "--doc: does not combine with --by group" in run_error(capsys, "frames", "--by", "group", "--doc", "x")
    assert "applies to groups only" in run_error(capsys, "keyness", "--a", "ch49-vostochny", "--min-doc-share", "0.2")


def test_every_comparing_command_takes_the_group_options():
    parser, _ = cli.build_parser()
    for command in ("frames", "sentiment", "entities", "keyness"):
        args = parser.parse_args([command, "--group-by", "mbfc", "--a", "x,y", "--b", "z"])
        assert (args.group_by, args.a, args.b) == ("mbfc", "x,y", "z")


# --- an imported slice of the real corpus -----------------------------------------------

@pytest.fixture(scope="module")
def dev(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dev")
    out = folder / "corpus"
    assert cli.main(["import", str(dev_slice(folder, 40)), "--out", str(out), "--id-column", "ID",
                     "--date-column", "date"]) == 0
    return str(out)


def group_args(dev: str) -> list[str]:
    return ["--seeds", dev, "--group-by", "mbfc", "--a", LEFT, "--b", RIGHT]


@needs_dev
def test_dev_frames_group_and_difference(capsys, dev):
    rows = run_json(capsys, "frames", "--by", "group", *group_args(dev))
    assert set(GROUP_COLUMNS) <= set(rows[0])
    assert {r["group"] for r in rows} == {"left_bias + left_center_bias", "right_bias"}
    assert all(r["n_docs"] >= 2 for r in rows)
    assert_ci_contains_mean(rows)
    diffs = run_json(capsys, "frames", "--by", "difference", "--measure", "all", *group_args(dev))
    assert set(DIFFERENCE_COLUMNS) <= set(diffs[0]) and len(diffs) == 2 * len(rows) // 2
    assert_ci_contains_mean(diffs, "diff", "diff_ci_low", "diff_ci_high")
    assert all(0 < r["p_value"] <= 1 and -1 <= r["effect_size"] <= 1 and r["testable"] for r in diffs)
    means = {(r["side"], r["frame"]): r["mean"] for r in rows}
    for r in diffs:
        if r["measure"] == "score":
            assert math.isclose(r["diff"], means[("a", r["frame"])] - means[("b", r["frame"])], abs_tol=2e-6)


@needs_dev
def test_dev_sentiment_group_difference_period(capsys, dev):
    rows = run_json(capsys, "sentiment", "--by", "group", "--measure", "all", *group_args(dev))
    assert set(GROUP_COLUMNS) <= set(rows[0]) and len(rows) == 4
    assert_ci_contains_mean(rows)
    diffs = run_json(capsys, "sentiment", "--by", "difference", *group_args(dev))
    assert [r["measure"] for r in diffs] == ["compound"]
    assert_ci_contains_mean(diffs, "diff", "diff_ci_low", "diff_ci_high")
    periods = run_json(capsys, "sentiment", "--by", "period", *group_args(dev))
    assert all(len(r["period"]) == 7 and r["period"][:2] == "20" for r in periods)
    sizes = {r["side"]: r["n_docs"] for r in rows}
    assert {s: sum(r["n_docs"] for r in periods if r["side"] == s) for s in "ab"} == sizes
    assert_ci_contains_mean([r for r in periods if r["n_docs"] > 1])


@needs_dev
def test_dev_keyness_and_entities(capsys, dev):
    rows = run_json(capsys, "keyness", *group_args(dev), "--top", "5")
    assert len(rows) == 10 and all(r["dispersed"] for r in rows)
    assert all(r["docs_a"] >= 2 for r in rows if r["favours"] == "a")
    assert all(r["docs_b"] >= 2 for r in rows if r["favours"] == "b")
    entities = run_json(capsys, "entities", "--by", "group", "--top", "3", *group_args(dev))
    assert [r["side"] for r in entities] == ["a"] * 3 + ["b"] * 3
    assert all(0 < r["share"] <= 1 and r["n_docs"] >= 1 and r["mentions"] >= r["n_docs"] for r in entities)


@needs_dev
def test_dev_group_views_are_byte_identical_across_processes(dev):
    import os
    import subprocess
    import sys

    outputs = set()
    for hash_seed in ("1", "2"):
        env = os.environ | {"PYTHONHASHSEED": hash_seed}
        result = subprocess.run([sys.executable, "-m", "analysis", "frames", "--by", "difference", "--measure", "all",
                                 *group_args(dev), "--format", "json"], capture_output=True, text=True, env=env,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1

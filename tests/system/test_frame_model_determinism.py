"""Determinism of the frame model's commands, which the generic determinism
test skips (they need codings): ``frame-model train`` prints byte-identical
JSON and writes a byte-identical model file, and ``frames --model`` prints
byte-identical JSON, across ``PYTHONHASHSEED`` values."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis import paths

WAR = "The rival armies clashed again and the opposition condemned the attack."
COST = "The damage cost $4 million and prices rose 12 percent."
CALM = "The garden was quiet in the morning light and a train left on time."


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coded")
    rows = []
    for i in range(20):
        text = " ".join([WAR if i % 2 else CALM, COST if i % 3 == 0 else CALM, f"Item {i}."])
        (folder / f"d{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
        rows += [(f"d{i:02d}", "conflict", int(i % 2 == 1)), (f"d{i:02d}", "economic_consequences", int(i % 3 == 0))]
    codings = folder.parent / "codings.csv"
    pd.DataFrame(rows, columns=["doc", "frame", "value"]).to_csv(codings, index=False)
    return folder, codings


def run(argv: list[str], hash_seed: str, cache) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, RDF_CACHE_DIR=str(cache), RDF_PROGRESS="0")
    result = subprocess.run([sys.executable, "-m", "analysis", *argv, "--format", "json"], capture_output=True,
                            cwd=paths.ROOT, env=env, timeout=600)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result.stdout


def test_train_and_apply_are_byte_identical_across_hash_seeds(coded, tmp_path):
    folder, codings = coded
    printed, files, applied = [], [], []
    for seed in ("0", "123456789"):
        model = tmp_path / f"model-{seed}.json"
        printed.append(run(["frame-model", "train", "--seeds", str(folder), "--codings", str(codings),
                            "--out", str(model), "--folds", "3", "--boot", "50"], seed, tmp_path / f"cache-{seed}"))
        files.append(model.read_bytes())
        applied.append(run(["frames", "--seeds", str(folder), "--model", str(model), "--by", "document"], seed,
                           tmp_path / f"cache-{seed}"))
    assert [r["frame"] for r in json.loads(printed[0])] == ["conflict", "economic_consequences", "mean"]
    assert len(json.loads(applied[0])) == 40
    assert printed[1] == printed[0] and files[1] == files[0] and applied[1] == applied[0]

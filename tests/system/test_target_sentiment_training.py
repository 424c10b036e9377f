"""The target-sentiment training script is reproducible: on a slice of NewsMTSC (copied to a
temporary folder, never into the repository) two runs under different ``PYTHONHASHSEED``s write
byte-identical model and scores files, and the model loads and scores the slice."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis import paths
from analysis.actors.target import load_sentiment_model
from shared_corpus import SHARED

NEWSMTSC = SHARED / "corpora" / "newsmtsc"


@pytest.mark.skipif(not (NEWSMTSC / "train.jsonl").is_file(), reason="NewsMTSC is absent (set RDF_SHARED)")
def test_training_is_byte_identical_across_hash_seeds(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name, n in (("train.jsonl", 300), ("devtest_mt.jsonl", 60)):
        lines = (NEWSMTSC / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (data / name).write_text("".join(lines[:n]), encoding="utf-8")
    outputs = []
    for seed in ("0", "987654321"):
        model, scores = tmp_path / f"model-{seed}.json", tmp_path / f"scores-{seed}.csv"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        result = subprocess.run([sys.executable, "-m", "benchmarks.train_target_sentiment", "--data", str(data),
                                 "--folds", "3", "--boot", "20", "--out", str(model), "--scores", str(scores)],
                                capture_output=True, cwd=paths.ROOT, env=env, timeout=900)
        assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
        outputs.append((model.read_bytes(), scores.read_bytes()))
    assert outputs[1] == outputs[0]
    loaded = load_sentiment_model(tmp_path / "model-0.json")
    assert loaded.meta["n_train"] > 300 and loaded.settings["folds"] == 3
    table = pd.read_csv(tmp_path / "scores-0.csv")
    assert {"train_cv", "devtest_mt"} <= set(table["split"]) and table["value"].between(0, 1).all()

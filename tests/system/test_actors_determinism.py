"""Determinism of ``actors --targets`` (the generic determinism test skips it: it needs a
targets file): the JSON and CSV it prints are byte-identical across runs and ``PYTHONHASHSEED``s."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from analysis import paths

LINES = [
    {"id": "w", "text": "Washington accused Pyongyang of supplying shells that killed civilians.", "start": 0, "end": 10},
    {"id": "p", "text": "Washington accused Pyongyang of supplying shells that killed civilians.", "start": 19, "end": 28},
    {"id": "c", "text": "Washington accused Pyongyang of supplying shells that killed civilians.", "start": 61, "end": 70},
    {"id": "k", "text": "Putin praised Kim Jong Un as a “comrade”. Shoigu, he said, was “a loyal friend.”",
     "start": 14, "end": 24},
]


def run(argv: list[str], hash_seed: str, cache) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, RDF_CACHE_DIR=str(cache), RDF_PROGRESS="0")
    result = subprocess.run([sys.executable, "-m", "analysis", *argv], capture_output=True, cwd=paths.ROOT, env=env,
                            timeout=600)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result.stdout


def test_actors_targets_is_byte_identical_across_hash_seeds(tmp_path):
    path = tmp_path / "targets.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in LINES), encoding="utf-8")
    printed = {}
    for fmt in ("json", "csv"):
        out = [run(["actors", "--targets", str(path), "--format", fmt], seed, tmp_path / f"cache-{seed}")
               for seed in ("0", "123456789", "4000000000")]
        assert out[0] and out[1] == out[0] and out[2] == out[0], f"{fmt}: output differs between hash seeds"
        printed[fmt] = out[0]
    rows = json.loads(printed["json"])
    assert [r["id"] for r in rows] == ["w", "p", "c", "k"]

"""VADER's sentence labels against the coders' polarity in NewsMTSC.

    python -m benchmarks.vader_newsmtsc [--folder PATH] [--boot N]

Reads ``devtest_mt.jsonl`` and ``train.jsonl`` of NewsMTSC (default
``../shared/corpora/newsmtsc/`` beside the repository, or ``$RDF_SHARED``),
scores every sentence with the package's VADER (``analysis.sentiment``: the
compound labelled with the neutral band of ``analysis.config``) and compares:

* ``devtest_mt``, one row per target (the sentence's label against each
  target's polarity);
* ``train``, the sentences with exactly one target (the coders' polarity is
  the closest proxy for the sentence's tone).

Macro-F1 with a 95 % bootstrap interval over sentences (seeded) and the
majority baseline, written with provenance to
``analysis/sentiment/data/newsmtsc-agreement.csv``
(:func:`analysis.sentiment.load_newsmtsc_agreement`). Nothing is written
beside the data.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.config import NEUTRAL_BAND, SEED
from analysis.sentiment import compound, polarity
from analysis.sentiment.agreement import AGREEMENT_COLUMNS, NEWSMTSC_AGREEMENT, agreement_row
from benchmarks.frame_validation import commit, sha256

DEFAULT = Path(os.environ.get("RDF_SHARED") or paths.ROOT.parent / "shared") / "corpora" / "newsmtsc"
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def rows(records: list[dict], one_target: bool) -> tuple[list, list, list]:
    """Aligned sentence ids, coders' polarities and VADER labels."""
    ids, gold, pred = [], [], []
    for r in records:
        targets = r["targets"]
        if one_target and len(targets) != 1:
            continue
        label = polarity(compound(r["sentence_normalized"]), NEUTRAL_BAND)
        for t in targets:
            ids.append(r["primary_gid"])
            gold.append(POLARITY[float(t["polarity"])])
            pred.append(label)
    return ids, gold, pred


def run(folder: Path, n_boot: int = 1000) -> pd.DataFrame:
    table = []
    for split, name, one, unit in (("devtest_mt", "devtest_mt.jsonl", False, "target (sentence label vs each target)"),
                                   ("train, one target", "train.jsonl", True, "sentence with one target")):
        path = folder / name
        row = agreement_row(split, unit, *rows(read(path), one), n_boot=n_boot, seed=SEED)
        table.append(row | {"data_file": name, "data_sha256": sha256(path)})
    out = pd.DataFrame(table)
    return out.assign(neutral_band=NEUTRAL_BAND, n_boot=n_boot, seed=SEED, commit=commit(),
                      date=datetime.now(timezone.utc).strftime("%Y-%m-%d"),
                      corpus="NewsMTSC (Hamborg & Donnay 2021), target-level polarity as a proxy for sentence tone")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.vader_newsmtsc", description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT, help="the NewsMTSC folder")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    parser.add_argument("--out", type=Path, default=NEWSMTSC_AGREEMENT, help="CSV to write")
    args = parser.parse_args(argv)
    missing = [n for n in ("devtest_mt.jsonl", "train.jsonl") if not (args.folder / n).is_file()]
    if missing:
        print(f"error: {args.folder}: {', '.join(missing)} not found (set RDF_SHARED or --folder)", file=sys.stderr)
        return 2
    table = run(args.folder, args.boot)
    print(table[AGREEMENT_COLUMNS].to_string(index=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out, index=False, lineterminator="\n")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

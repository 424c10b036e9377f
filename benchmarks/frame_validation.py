"""Nested validation of the generic frames on the Narrative Frames Corpus dev split.

    python -m benchmarks.frame_validation [--dev PATH] [--boot N] [--seeds 0 1 2] [--out CSV]

Imports ``dev.tsv`` (default ``../shared/corpora/narrative-frames/dev.tsv``
beside the repository, or ``$RDF_SHARED``) into a temporary corpus folder with
``python -m analysis import --id-column ID``, writes its ``CO/HI/EC/MO/RE``
columns as codings (``frame-model codings``) and runs
:func:`analysis.framing.validation_runs.nested_validation`: for each fold seed
(default 0, 1, 2) five folds by document; on each fold's four training folds the
candidate cues are kept (``analysis/framing/candidates.py``), the dictionary's
cuts are chosen (count and rate rules) and the model is fitted; the fifth fold
is judged. Figures are means over the seeds with bootstrap intervals (1,000
resamples of documents). The seed-written lists' "any cue" rule, which chooses
nothing, is reported beside them. The table, with provenance (the data file's
SHA-256, the commit, the date), goes to
``analysis/framing/data/external-validation.csv``, which notebook 01 reads: the
notebook never needs the data. Nothing is written beside the data file.
About 8 CPU minutes (the model: about 2.5 per seed).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.cli.main import main as cli
from analysis.framing.validation_runs import SEEDS, labelled_documents, nested_validation

DEFAULT_DEV = Path(os.environ.get("RDF_SHARED") or paths.ROOT.parent / "shared") / "corpora" / "narrative-frames" / "dev.tsv"
OUT = paths.ROOT / "analysis" / "framing" / "data" / "external-validation.csv"
PROVENANCE = ["estimate", "corpus", "data_file", "data_sha256", "commit", "folds", "seeds", "n_boot", "date"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def dev_documents(dev: Path):
    """The coded documents of ``dev`` and their labels (documents × frames
    booleans): the TSV imported into a temporary corpus folder with
    ``python -m analysis import --id-column ID`` and its frame columns written as
    codings with ``frame-model codings``; the documents are read before the
    folder goes."""
    with tempfile.TemporaryDirectory(prefix="nfc-") as tmp:
        corpus, codings = Path(tmp) / "corpus", Path(tmp) / "codings.csv"
        for argv in (["import", str(dev), "--out", str(corpus), "--id-column", "ID", "--date-column", "date"],
                     ["frame-model", "codings", "--table", str(dev), "--out", str(codings)]):
            if cli(argv) != 0:
                raise SystemExit(f"step failed: python -m analysis {' '.join(argv[:2])}")
        return labelled_documents(corpus, codings)


def run(dev: Path, n_boot: int = 1000, folds: int = 5, seeds: tuple[int, ...] = SEEDS,
        model: bool = True) -> pd.DataFrame:
    """The nested validation table with provenance columns."""
    docs, labels = dev_documents(dev)
    table = nested_validation(docs, labels, "generic", folds, seeds, n_boot, model)
    return table.assign(corpus="Narrative Frames Corpus dev split (Frermann et al. 2023)", data_file=dev.name,
                        data_sha256=sha256(dev), commit=commit(), folds=folds,
                        seeds=";".join(str(s) for s in seeds), n_boot=n_boot,
                        date=datetime.now(timezone.utc).strftime("%Y-%m-%d"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.frame_validation", description=__doc__.split("\n")[1])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the dev TSV")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS),
                        help="fold seeds (default: 0 1 2, the committed run)")
    parser.add_argument("--no-model", action="store_true", help="dictionary only (about 1 CPU minute)")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="CSV to write (default: analysis/framing/data/external-validation.csv)")
    args = parser.parse_args(argv)
    if not args.dev.is_file():
        print(f"error: {args.dev}: dev file not found (set RDF_SHARED or --dev)", file=sys.stderr)
        return 2
    table = run(args.dev, args.boot, seeds=tuple(args.seeds), model=not args.no_model)
    with pd.option_context("display.width", 220, "display.max_columns", 30):
        print(table.drop(columns=PROVENANCE).to_string(index=False))
    table.to_csv(args.out, index=False, lineterminator="\n")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

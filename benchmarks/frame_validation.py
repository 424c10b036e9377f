"""External validation of the generic frames on the Narrative Frames Corpus dev split.

    python -m benchmarks.frame_validation [--dev PATH] [--boot N] [--out CSV]

Imports ``dev.tsv`` (default ``../shared/corpora/narrative-frames/dev.tsv``
beside the repository, or ``$RDF_SHARED``) into a temporary corpus folder with
``python -m analysis import --id-column ID``, writes its ``CO/HI/EC/MO/RE``
columns as codings (``frame-model codings``), cross-validates the dictionary's
``present`` rule and the supervised model (5 folds by document, seed 0, 1,000
bootstrap resamples) and prints both tables. It writes them, with provenance
(the data file's SHA-256, the commit, the date), to
``analysis/framing/data/external-validation.csv``, which notebook 01 reads: the
notebook never needs the data. Nothing is written beside the data file.
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
from analysis.framing.validation_runs import labelled_documents, validate_dictionary, validate_model

DEFAULT_DEV = Path(os.environ.get("RDF_SHARED") or paths.ROOT.parent / "shared") / "corpora" / "narrative-frames" / "dev.tsv"
OUT = paths.ROOT / "analysis" / "framing" / "data" / "external-validation.csv"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run(dev: Path, n_boot: int = 1000, folds: int = 5, seed: int = 0) -> pd.DataFrame:
    """Both validation tables, stacked, with provenance columns."""
    with tempfile.TemporaryDirectory(prefix="nfc-") as tmp:
        corpus, codings = Path(tmp) / "corpus", Path(tmp) / "codings.csv"
        for argv in (["import", str(dev), "--out", str(corpus), "--id-column", "ID", "--date-column", "date"],
                     ["frame-model", "codings", "--table", str(dev), "--out", str(codings)]):
            if cli(argv) != 0:
                raise SystemExit(f"step failed: python -m analysis {' '.join(argv[:2])}")
        docs, labels = labelled_documents(corpus, codings)
        tables = [validate_dictionary(docs, labels, "generic", folds, seed, n_boot),
                  validate_model(docs, labels, "generic", folds, seed, n_boot)]
    table = pd.concat(tables, ignore_index=True)
    return table.assign(corpus="Narrative Frames Corpus dev split (Frermann et al. 2023)", data_file=dev.name,
                        data_sha256=sha256(dev), commit=commit(), folds=folds, seed=seed, n_boot=n_boot,
                        date=datetime.now(timezone.utc).strftime("%Y-%m-%d"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.frame_validation", description=__doc__.split("\n")[1])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the dev TSV")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="fold seed (default: 0, the committed run)")
    parser.add_argument("--out", type=Path, default=OUT,
                        help="CSV to write (default: analysis/framing/data/external-validation.csv)")
    args = parser.parse_args(argv)
    if not args.dev.is_file():
        print(f"error: {args.dev}: dev file not found (set RDF_SHARED or --dev)", file=sys.stderr)
        return 2
    table = run(args.dev, args.boot, seed=args.seed)
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(table.drop(columns=["corpus", "data_file", "data_sha256", "commit", "folds", "seed", "n_boot",
                                  "date"]).to_string(index=False))
    table.to_csv(args.out, index=False, lineterminator="\n")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

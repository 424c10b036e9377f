"""Per-voice precision and recall of the voice tagger on the hand-labelled test set.

    python -m benchmarks.voice_validation --rules before|after [--dev PATH]

Imports ``dev.tsv`` of the Narrative Frames Corpus (default
``../shared/corpora/narrative-frames/dev.tsv`` beside the repository, or
``$RDF_SHARED``) into a temporary corpus folder, tags the spans of
``analysis/framing/data/voice-test-set.csv`` with the current rules
(:mod:`analysis.framing.voice_check`) and writes the per-voice table, under
the ``--rules`` label and with provenance, into
``analysis/framing/data/voice-validation.csv`` (rows of other labels are kept,
so "before" and "after" sit side by side). Nothing is written beside the data.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from analysis import load_corpus
from analysis.cli.main import main as cli
from analysis.framing.voice_check import VOICE_VALIDATION, read_test_set, span_voices, voice_scores
from benchmarks.frame_validation import DEFAULT_DEV, commit, sha256


def run(dev: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tagged spans and the per-voice scores."""
    spans = read_test_set()
    with tempfile.TemporaryDirectory(prefix="nfc-") as tmp:
        folder = Path(tmp) / "corpus"
        if cli(["import", str(dev), "--out", str(folder), "--id-column", "ID", "--date-column", "date"]) != 0:
            raise SystemExit("step failed: python -m analysis import")
        tagged = span_voices(load_corpus(folder), spans)
    return tagged, voice_scores(tagged)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.voice_validation",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--rules", required=True, help="label of the tagger's rules measured (before, after)")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the dev TSV")
    parser.add_argument("--out", type=Path, default=VOICE_VALIDATION, help="CSV to write")
    args = parser.parse_args(argv)
    if not args.dev.is_file():
        print(f"error: {args.dev}: dev file not found (set RDF_SHARED or --dev)", file=sys.stderr)
        return 2
    tagged, scores = run(args.dev)
    scores = scores.assign(rules=args.rules, spans=len(tagged), commit=commit(), data_file=args.dev.name,
                           data_sha256=sha256(args.dev), date=datetime.now(timezone.utc).strftime("%Y-%m-%d"))
    scores = scores[["rules", *[c for c in scores.columns if c != "rules"]]]
    print(scores.drop(columns=["data_file", "data_sha256", "date"]).to_string(index=False))
    old = pd.read_csv(args.out, dtype={"commit": str}) if args.out.is_file() else pd.DataFrame()
    if len(old):
        old = old[old["rules"] != args.rules]
    pd.concat([old, scores], ignore_index=True).to_csv(args.out, index=False, lineterminator="\n")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

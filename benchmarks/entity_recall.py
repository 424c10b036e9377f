"""Recall of the entity pipeline on hand-labelled named actors of Narrative Frames Corpus dev articles.

    python -m benchmarks.entity_recall [--dev PATH]

Imports ``dev.tsv`` (default ``../shared/corpora/narrative-frames/dev.tsv`` beside
the repository, or ``$RDF_SHARED``) into a temporary corpus folder, runs
``analysis.entities.mentions`` on the ten articles of
``analysis/data/entity-recall-sample.csv`` (checking each span's hash) and
writes recall per type with Wilson intervals, with provenance, to
``analysis/data/entity-recall.csv``. The articles are held out: the alias table
was written on the seeds.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from analysis import entities, load_corpus, paths
from analysis.cli.main import main as cli
from analysis.entities.validation import load_recall_sample, recall
from benchmarks.frame_validation import DEFAULT_DEV, commit, sha256

OUT = paths.ROOT / "analysis" / "data" / "entity-recall.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.entity_recall", description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the dev TSV")
    parser.add_argument("--out", type=Path, default=OUT, help="CSV to write")
    args = parser.parse_args(argv)
    if not args.dev.is_file():
        print(f"error: {args.dev}: dev file not found (set RDF_SHARED or --dev)", file=sys.stderr)
        return 2
    gold = load_recall_sample()
    with tempfile.TemporaryDirectory(prefix="nfc-") as tmp:
        folder = Path(tmp) / "corpus"
        if cli(["import", str(args.dev), "--out", str(folder), "--id-column", "ID", "--date-column", "date"]) != 0:
            raise SystemExit("step failed: python -m analysis import")
        corpus = load_corpus(folder)
        docs = [corpus[d] for d in dict.fromkeys(gold["doc"])]
        for g in gold.itertuples():
            text = corpus[g.doc].raw[g.start:g.end]
            if hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] != g.span_sha256:
                print(f"error: {g.doc}: span {g.start}-{g.end} does not match its hash", file=sys.stderr)
                return 2
        table = recall(entities.mentions(docs), gold)
    table = table.assign(articles=gold["doc"].nunique(), commit=commit(), data_file=args.dev.name,
                         data_sha256=sha256(args.dev), date=datetime.now(timezone.utc).strftime("%Y-%m-%d"))
    print(table.drop(columns=["data_file", "data_sha256", "date"]).to_string(index=False))
    table.to_csv(args.out, index=False, lineterminator="\n")
    print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

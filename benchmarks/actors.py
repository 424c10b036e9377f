"""The actor pass's cost against the entity pass it builds on, on the shared dev corpus.

    python -m benchmarks.actors [--dev PATH] [--docs N] [--out CSV]

Imports the first ``N`` articles (default 100) of the Narrative Frames Corpus
``dev.tsv`` (``../shared/corpora/narrative-frames/dev.tsv`` or ``$RDF_SHARED``)
into a temporary corpus, then, with the disk cache off, times in CPU seconds
of this process (the entity pass kept on one process): the entity pass (:func:`analysis.entities.mentions`: spaCy's
NER and the gazetteer) and the actor pass on its mentions
(:func:`analysis.actors.actor_mentions`: spaCy's parser on the sentences that name
an actor, the features, the model, the voices) followed by the roles of every
actor in every document (:func:`analysis.actors.role_table`, from the same parses:
:mod:`analysis.actors.actor_pass`), and once more the whole actor pass on a warm
disk cache (the in-memory results forgotten first). Prints and writes one row per pass with
its ratio to the entity pass (``benchmarks/results/actors.csv`` by default).
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import paths

DEFAULT_DEV = Path(os.environ.get("RDF_SHARED") or paths.ROOT.parent / "shared") / "corpora" / "narrative-frames" / "dev.tsv"
OUT = paths.ROOT / "benchmarks" / "results" / "actors.csv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = list(csv.reader(io.StringIO(args.dev.read_text(encoding="utf-8"), newline=""), delimiter="\t"))
        buffer = io.StringIO()
        csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows(rows[:args.docs + 1])
        (tmp / "slice.tsv").write_text(buffer.getvalue(), encoding="utf-8")
        os.environ["RDF_CACHE_DIR"] = str(tmp / "cache")
        os.environ["RDF_PROGRESS"] = "0"
        from analysis.cli.main import main as cli

        if cli(["import", str(tmp / "slice.tsv"), "--out", str(tmp / "corpus"), "--id-column", "ID"]) != 0:
            return 1
        from analysis import load_corpus
        from analysis.actors.actor_pass import clear_memory
        from analysis.actors.mentions import actor_mentions
        from analysis.actors.parse import parser
        from analysis.actors.role_model import default_model
        from analysis.actors.roles import role_table
        from analysis.actors.target import load_sentiment_model
        from analysis.entities import ner as entity_model
        from analysis.entities.ner import mentions, pipeline

        entity_model.PARALLEL_CHARS = 10 ** 12                 # one process, so process_time counts all of it

        corpus = load_corpus(tmp / "corpus")
        docs = list(corpus)
        pipeline(), parser(), load_sentiment_model(), default_model()   # model loading is not the pass
        os.environ["RDF_CACHE"] = "0"
        t = time.process_time()
        found = mentions(docs)
        entity = time.process_time() - t
        t = time.process_time()
        table = actor_mentions(docs, found=found)
        sentiment = time.process_time() - t
        t = time.process_time()
        roles = role_table(docs, found)
        role = time.process_time() - t
        actor = sentiment + role
        os.environ["RDF_CACHE"] = "1"
        clear_memory()
        actor_mentions(docs, found=found), role_table(docs, found)         # fill the disk cache
        clear_memory()                                                     # read it back from disk
        t = time.process_time()
        actor_mentions(docs, found=found), role_table(docs, found)
        warm = time.process_time() - t
    result = pd.DataFrame([
        ("entity pass (NER + gazetteer)", len(docs), len(found), round(entity, 2), 1.0),
        ("actor_mentions: one parse, sentiment and roles, voices", len(docs), len(table), round(sentiment, 2),
         round(sentiment / entity, 2)),
        ("role_table after it (the same pass)", len(docs), len(table), round(role, 2), round(role / entity, 2)),
        ("actor pass (sentiment + roles), cold", len(docs), len(table), round(actor, 2), round(actor / entity, 2)),
        ("actor pass, warm disk cache", len(docs), len(table), round(warm, 2), round(warm / entity, 2)),
    ], columns=["pass", "documents", "mentions", "cpu_seconds", "ratio_to_entity_pass"])
    result["actors"] = ["", len(roles), len(roles), len(roles), len(roles)]
    print(result.to_string(index=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result.to_csv(args.out, index=False, lineterminator="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m analysis annotate``: every stage over a corpus folder, into a resumable store."""
from __future__ import annotations

import argparse

NAME = "annotate"
HELP = ("annotate every document of --seeds (cleaning, sentences, sentiment, frame cues and scores, entities) "
        "into a store of Parquet tables that every command and notebook can read with --seeds STORE; "
        "resumable: a rerun finishes what a killed run left and skips unchanged documents")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", required=True, metavar="STORE",
                        help="store folder (or fsspec URL, e.g. s3://bucket/store); never inside --seeds")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local processes (default) or Dask tasks")
    parser.add_argument("--workers", type=_positive, metavar="N",
                        help="processes (local) or LocalCluster workers (dask); default: one per core")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://host:8786")
    parser.add_argument("--chunk-size", type=_positive, default=32, metavar="N",
                        help="documents per chunk, the unit of work and of commit (default 32)")
    parser.add_argument("--on-error", choices=("stop", "skip"), default="stop",
                        help="at a bad document: stop with exit status 2 (default) or record it in the errors "
                             "table and go on")
    parser.add_argument("--force", action="store_true",
                        help="start a store in a non-empty folder that is not provably one (nothing in it is "
                             "overwritten or deleted; a same-named file stops it)")


def run(args: argparse.Namespace) -> None:
    from ...errors import InputError
    from ...paths import seeds_dir
    from ...store import annotate

    if args.scheduler and args.engine != "dask":
        raise InputError(None, "--scheduler needs --engine dask")
    summary = annotate(args.seeds or seeds_dir(), args.store, engine=args.engine, workers=args.workers,
                       scheduler=args.scheduler, chunk_size=args.chunk_size, on_error=args.on_error,
                       force=args.force)
    for line in summary.lines():
        print(line)

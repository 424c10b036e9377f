"""``python -m analysis frame-model``: frame codings, the dictionary's calibration, a supervised model.

    frame-model codings   --table dev.tsv --out codings.csv        # CO/HI/EC/MO/RE columns -> codings
    frame-model dictionary --seeds DIR --codings FILE              # cross-validated dictionary decision
    frame-model train     --seeds DIR --codings FILE --out MODEL   # cross-validated model, then saved

``dictionary`` and ``train`` print one row per frame (precision, recall, F1,
AUC, bootstrap 95 % intervals of F1 and AUC, the always-present baseline F1)
and a ``mean`` row; folds are by document.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "frame-model"
HELP = ("hand codings of frames: convert a coded table, cross-validate the dictionary's present/absent "
        "rule, or train and save a supervised frame model (train | dictionary | codings)")
PRINTS_DATA = True
ACTIONS = ("train", "dictionary", "codings")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=ACTIONS, help="what to do")
    parser.add_argument("--codings", type=Path, metavar="FILE", help="codings CSV (doc, frame, value[, sentence, coder])")
    parser.add_argument("--out", type=Path, metavar="FILE", help="model file (train) or codings CSV (codings) to write")
    parser.add_argument("--table", type=Path, metavar="FILE", help="codings: a TSV/CSV with one True/False column per frame")
    parser.add_argument("--id-column", default="ID", help="codings: the document id column (default: ID)")
    parser.add_argument("--scheme", default="generic", help="frame scheme (default: generic)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default: 5)")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples for the intervals (default: 1000; 0: none)")
    parser.add_argument("--seed", type=int, default=0, help="random seed for folds and bootstrap (default: 0)")


def _need(args: argparse.Namespace, *names: str) -> None:
    from ...errors import InputError

    missing = [f"--{n.replace('_', '-')}" for n in names if getattr(args, n) is None]
    if missing:
        raise InputError(None, f"frame-model {args.action} needs {' and '.join(missing)}")


def run(args: argparse.Namespace):
    if args.action == "codings":
        return _codings(args)
    from ...framing.validation_runs import labelled_documents, validate_dictionary, validate_model

    _need(args, "codings", *(("out",) if args.action == "train" else ()))
    docs, labels = labelled_documents(args.seeds, args.codings)
    if args.action == "dictionary":
        return validate_dictionary(docs, labels, args.scheme, args.folds, args.seed, args.boot)
    from ...framing.classifier import fit_model

    _refuse_inside_corpus(args)
    table = validate_model(docs, labels, args.scheme, args.folds, args.seed, args.boot)
    model = fit_model(docs, labels, args.scheme)
    model.save(args.out)
    print(f"model written to {args.out}", file=sys.stderr)
    return table


def _refuse_inside_corpus(args: argparse.Namespace) -> None:
    """The corpus folder is input: never write the model into it."""
    from ...errors import InputError
    from ...paths import seeds_dir

    corpus = Path(args.seeds or seeds_dir()).resolve()
    out = args.out.resolve()
    if out == corpus or corpus in out.parents:
        raise InputError(args.out, "refusing to write the model inside the corpus folder (it is input)")


def _codings(args: argparse.Namespace) -> None:
    from ...framing.codings import codings_from_table, write_codings

    _need(args, "table", "out")
    codings = codings_from_table(args.table, id_column=args.id_column)
    write_codings(codings, args.out)
    for doc, column, value in codings.attrs["skipped"]:
        print(f"note: {args.table}: {args.id_column} {doc}, column {column}: {value!r} is not True/False, skipped",
              file=sys.stderr)
    print(f"{len(codings)} codings of {codings['doc'].nunique()} documents written to {args.out}", file=sys.stderr)
    return None

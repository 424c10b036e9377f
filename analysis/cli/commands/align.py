"""``python -m analysis align``: the most similar passages of two documents (TF-IDF cosine)."""
from __future__ import annotations

import argparse

from ..options import at_least

NAME = "align"
HELP = ("passage alignment: the most similar sentence or paragraph pairs of two documents (TF-IDF cosine), "
        "the passages closest to one passage (--passage) or to a sub-topic (--query)")
PRINTS_DATA = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--left", metavar="ID", help="left document id (default: the first chapter)")
    parser.add_argument("--right", metavar="ID", help="right document id (default: the first news piece)")
    parser.add_argument("--unit", choices=("sentence", "paragraph"), default="sentence",
                        help="align sentences or paragraphs (default: sentence)")
    parser.add_argument("--top", type=at_least(1), default=10, metavar="N", help="number of rows (default 10)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--passage", type=int, metavar="K", help="passages of RIGHT closest to passage K of LEFT")
    group.add_argument("--query", metavar="TEXT", help="each document's passages closest to a sub-topic")


def run(args: argparse.Namespace):
    from ...compare.alignment import align
    from ...corpus.model import load_corpus

    corpus = load_corpus(args.seeds)
    default_left, default_right = corpus.pair()
    left = corpus[args.left] if args.left else default_left
    right = corpus[args.right] if args.right else default_right
    alignment = align(left, right, args.unit)
    if args.query is not None:
        return alignment.topic(args.query, top=args.top)
    if args.passage is not None:
        return alignment.similar(args.passage, top=args.top)
    return alignment.best_pairs(top=args.top)

"""``python -m analysis keyness``: distinctive vocabulary of one document against another."""
from __future__ import annotations

import argparse

NAME = "keyness"
HELP = ("distinctive words of document A against document B (or all other documents): counts, "
        "Dunning's G² with p-value, and Monroe et al.'s log-odds z-score with an informative Dirichlet prior")
PRINTS_DATA = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--a", required=True, metavar="ID", help="target document id")
    parser.add_argument("--b", metavar="ID", help="reference document id (default: all other documents)")
    parser.add_argument("--top", type=int, default=15, metavar="N",
                        help="N terms most typical of each side (0 = every term; default 15)")
    parser.add_argument("--min-count", type=int, default=2, metavar="N",
                        help="ignore terms seen fewer than N times in A and B together (default 2)")
    parser.add_argument("--sort", choices=("log_odds_z", "g2"), default="log_odds_z",
                        help="rank terms by z-score or by G² (default: log_odds_z)")
    parser.add_argument("--keep-stopwords", action="store_true", help="do not drop stop words")
    parser.add_argument("--alpha0", type=float, metavar="X",
                        help="total weight of the Dirichlet prior (default: the number of counted words in A and B)")


def run(args: argparse.Namespace):
    from ...corpus.model import load_corpus
    from ...errors import InputError
    from ...framing.keyness import keyness, top_terms

    if args.top < 0 or args.min_count < 1 or (args.alpha0 is not None and args.alpha0 <= 0):
        raise InputError(None, "--top must be >= 0, --min-count >= 1 and --alpha0 > 0")
    corpus = load_corpus(args.seeds)
    table = keyness(corpus, args.a, args.b, drop_stopwords=not args.keep_stopwords,
                    min_count=args.min_count, alpha0=args.alpha0)
    if args.top:
        return top_terms(table, args.top, by=args.sort)
    if args.sort == "g2":
        return table.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return table

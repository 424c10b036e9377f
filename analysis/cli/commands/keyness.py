"""``python -m analysis keyness``: distinctive vocabulary of one document against another,
or of one group of documents against another (``--group-by``)."""
from __future__ import annotations

import argparse

from ..options import at_least, positive_number

NAME = "keyness"
HELP = ("distinctive words of document A against document B (or all other documents), or of group A "
        "against group B with --group-by: counts, Dunning's G² with p-value, Monroe et al.'s log-odds z-score "
        "with an informative Dirichlet prior and, for groups, the documents of each side using the term")
PRINTS_DATA = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--group-by", metavar="C", default=None,
                        help="compare groups of documents by this catalog column (id: single documents); "
                             "--a and --b then take values V[,V...] (default: the two largest groups of kind)")
    parser.add_argument("--a", metavar="ID|V[,V...]",
                        help="target document id, or with --group-by the value(s) of side A")
    parser.add_argument("--b", metavar="ID|V[,V...]",
                        help="reference document id (default: all other documents), or with --group-by "
                             "the value(s) of side B (default: the second largest group, or every other value)")
    parser.add_argument("--min-doc-share", type=float, default=None, metavar="X",
                        help="groups: a term must occur in at least this share of its side's documents "
                             "(and never fewer than 2) to be listed (default 0.1)")
    parser.add_argument("--top", type=at_least(0), default=15, metavar="N",
                        help="N terms most typical of each side (0 = every term; default 15)")
    parser.add_argument("--min-count", type=at_least(1), default=2, metavar="N",
                        help="ignore terms seen fewer than N times in A and B together (default 2)")
    parser.add_argument("--sort", choices=("log_odds_z", "g2"), default="log_odds_z",
                        help="rank terms by z-score or by G² (default: log_odds_z)")
    parser.add_argument("--keep-stopwords", action="store_true", help="do not drop stop words")
    parser.add_argument("--alpha0", type=positive_number, metavar="X",
                        help="total weight of the Dirichlet prior (default: the number of counted words in A and B)")


def run(args: argparse.Namespace):
    from ...corpus.model import load_corpus
    from ...errors import InputError
    from ...framing.keyness import keyness, top_terms

    if args.group_by is None and args.a is not None and args.a == args.b:
        raise InputError("--b", f"is the same document as --a ({args.a!r}); compare two different documents")
    corpus = load_corpus(args.seeds)
    if args.group_by is not None or args.a is None:
        return _groups(args, corpus)
    if args.min_doc_share is not None:
        raise InputError("--min-doc-share", "applies to groups only; add --group-by")
    table = keyness(corpus, args.a, args.b, drop_stopwords=not args.keep_stopwords,
                    min_count=args.min_count, alpha0=args.alpha0)
    if args.top:
        return top_terms(table, args.top, by=args.sort)
    if args.sort == "g2":
        return table.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return table


def _groups(args: argparse.Namespace, corpus):
    """Group keyness: pooled counts, with only dispersed terms in the top lists."""
    from ...errors import InputError
    from ...groups.keyness import MIN_DOC_SHARE, group_keyness, top_dispersed
    from .group_options import comparison

    share = MIN_DOC_SHARE if args.min_doc_share is None else args.min_doc_share
    if not 0 <= share <= 1:
        raise InputError("--min-doc-share", "must be between 0 and 1")
    table = group_keyness(comparison(args, corpus), drop_stopwords=not args.keep_stopwords,
                          min_count=args.min_count, alpha0=args.alpha0, min_doc_share=share)
    if args.top:
        return top_dispersed(table, args.top, by=args.sort)
    if args.sort == "g2":
        return table.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return table

"""``python -m analysis entities``: canonical entity frequencies per document."""
from __future__ import annotations

import argparse

from ...errors import InputError
from ..options import at_least
from .group_options import add_group_arguments

NAME = "entities"
HELP = "named entities per document: canonical name, type, count and rate per 1,000 words"
PRINTS_DATA = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--doc", metavar="ID", help="only this document (default: all)")
    parser.add_argument("--top", type=at_least(1), metavar="N", help="only the N most mentioned per document")
    parser.add_argument("--by", choices=("entity", "type", "group"), default="entity",
                        help="count canonical entities (default) or entity types; group: per side of "
                             "--group-by/--a/--b, documents mentioning each entity (n_docs), its mentions, and "
                             "share = the mean over the side's documents of the entity's share of their mentions")
    parser.add_argument("--mentions", action="store_true",
                        help="list every mention (surface form, sentence, offsets, source) instead of counts")
    parser.add_argument("--all-types", action="store_true",
                        help="include numeric types (DATE, CARDINAL, MONEY ...)")
    add_group_arguments(parser, periods=False)


def run(args: argparse.Namespace):
    from ...corpus.model import load_corpus
    from ...entities import NAMED_TYPES, frequencies, mentions

    corpus = load_corpus(args.seeds)
    if args.by == "group":
        return _group_view(args, corpus)
    docs = [corpus[args.doc]] if args.doc else list(corpus)
    found = mentions(corpus, types=None if args.all_types else NAMED_TYPES)
    found = found[found["doc"].isin([d.id for d in docs])].reset_index(drop=True)
    if args.mentions:
        table = found
    else:
        table = frequencies(found, docs, by=args.by)
        if args.by == "entity":
            table = table.drop(columns="sentences")
    if args.top:
        table = table.groupby("doc", sort=False).head(args.top).reset_index(drop=True)
    return table


def _group_view(args, corpus):
    """``--by group``: entities per side, documents as units."""
    from ...entities import NAMED_TYPES, mentions
    from ...groups.measures import entity_groups
    from .group_options import comparison, refuse_doc

    refuse_doc(args)
    if args.mentions:
        raise InputError(None, "--mentions does not combine with --by group")
    cmp = comparison(args, corpus)
    found = mentions(cmp.docs, types=None if args.all_types else NAMED_TYPES)
    return entity_groups(cmp, found, top=args.top)

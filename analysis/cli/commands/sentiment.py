"""``python -m analysis sentiment``: VADER scores per sentence, paragraph or document."""
from __future__ import annotations

import argparse

from ...errors import InputError
from .group_options import GROUP_VIEWS, add_group_arguments

NAME = "sentiment"
HELP = ("VADER sentiment per sentence (with the words that drove each score), paragraph or document; "
        "paragraph and document scores are means of sentence scores")
PRINTS_DATA = True
LEVELS = ("sentence", "paragraph", "document", "word")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", choices=LEVELS + GROUP_VIEWS, default="sentence",
                        help="unit of analysis; 'word' lists every lexicon word with its valence and "
                             "the shifters that acted on it (default: sentence); group: per side, documents "
                             "as units (n_docs, mean, median, bootstrap 95%% CI); difference: A - B with CI, "
                             "permutation p-value and Cliff's delta; period: per side and --period")
    parser.add_argument("--doc", metavar="ID", default=None, help="only this document (default: all)")
    parser.add_argument("--measure", choices=("compound", "share_negative", "all"), default="compound",
                        help="for the group views: a document's mean sentence compound, or its share of "
                             "negative sentences (default: compound)")
    parser.add_argument("--voice", choices=("authorial", "quoted", "attributed"), default=None,
                        help="only words (word view) or sentences (sentence, paragraph, document views: "
                             "most of whose words are) in this voice (default: every voice)")
    add_group_arguments(parser)


def run(args: argparse.Namespace):
    from ...corpus.model import load_corpus
    from ...framing.voice import in_voice, restrict, word_voices
    from ... import sentiment

    corpus = load_corpus(args.seeds)
    if args.by in GROUP_VIEWS:
        if args.voice:
            raise InputError(None, "--voice applies to the sentence, paragraph, document and word views, not --by "
                           + args.by)
        return _group_view(args, corpus)
    docs = [corpus[args.doc]] if args.doc else list(corpus)
    if args.by == "word":
        return restrict(word_voices(sentiment.word_evidence(docs), docs), args.voice)
    scores = sentiment.sentence_scores(docs)
    if args.voice:
        scores = in_voice(scores, docs, args.voice)
    if args.by == "paragraph":
        return sentiment.paragraph_scores(scores)
    if args.by == "document":
        return sentiment.document_scores(scores)
    return scores[["doc", "sentence", "compound", "pos", "neu", "neg", "sentiment", "text", "evidence"]]


def _group_view(args, corpus):
    """``--by group|difference|period``: per-document sentiment compared between groups."""
    from ...groups.measures import sentiment_measures
    from .group_options import comparison, group_table, refuse_doc

    refuse_doc(args)
    cmp = comparison(args, corpus)
    table = sentiment_measures(cmp.docs)
    if args.measure != "all":
        table = table[table["measure"] == args.measure].reset_index(drop=True)
    return group_table(table, cmp, args.by, args.period)

"""``python -m analysis sentiment``: VADER scores per sentence, paragraph or document."""
from __future__ import annotations

import argparse

NAME = "sentiment"
HELP = ("VADER sentiment per sentence (with the words that drove each score), paragraph or document; "
        "paragraph and document scores are means of sentence scores")
PRINTS_DATA = True
LEVELS = ("sentence", "paragraph", "document", "word")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", choices=LEVELS, default="sentence",
                        help="unit of analysis; 'word' lists every lexicon word with its valence and "
                             "the shifters that acted on it (default: sentence)")
    parser.add_argument("--doc", metavar="ID", default=None, help="only this document (default: all)")


def run(args: argparse.Namespace):
    from ...corpus.model import load_corpus
    from ...sentiment import scores as sentiment

    corpus = load_corpus(args.seeds)
    docs = [corpus[args.doc]] if args.doc else list(corpus)
    if args.by == "word":
        return sentiment.word_evidence(docs)
    scores = sentiment.sentence_scores(docs)
    if args.by == "paragraph":
        return sentiment.paragraph_scores(scores)
    if args.by == "document":
        return sentiment.document_scores(scores)
    return scores[["doc", "index", "compound", "pos", "neu", "neg", "sentiment", "text", "evidence"]]

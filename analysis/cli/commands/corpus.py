"""``python -m analysis corpus``: one row per document."""
from __future__ import annotations

import argparse

NAME = "corpus"
HELP = ("list the documents of a seeds folder with counts and what cleaning removed; per_1k_base is the "
        "word count (the body's word tokens) that every per-1,000-words rate divides by")
PRINTS_DATA = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace):
    import sys

    from ...corpus.model import load_corpus
    from ...framing.keyness import term_counts

    columns = ["id", "file", "title", "kind", "label", "published", "paragraphs",
               "sentences", "tokens", "words", "content_words", "per_1k_base", "removed"]
    corpus = load_corpus(args.seeds)
    if corpus.skipped:  # hidden files are never read; say so once
        print("note: skipped " + ", ".join(f"{s.file} ({s.reason})" for s in corpus.skipped), file=sys.stderr)
    # per_1k_base: the one word count (the body's word tokens) that every "per 1,000 words" rate divides
    # by; content_words: the base of keyness's per_1k_content_words_* rates, G² and log-odds.
    table = corpus.documents().assign(content_words=[sum(term_counts(d).values()) for d in corpus])
    return table.assign(per_1k_base=table["words"])[columns]

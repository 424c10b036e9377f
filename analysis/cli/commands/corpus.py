"""``python -m analysis corpus``: one row per document."""
from __future__ import annotations

import argparse

NAME = "corpus"
HELP = "list the documents of a seeds folder with counts and what cleaning removed"
PRINTS_DATA = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace):
    import sys

    from ...corpus.model import load_corpus

    columns = ["id", "file", "title", "kind", "label", "published", "paragraphs",
               "sentences", "tokens", "words", "removed"]
    corpus = load_corpus(args.seeds)
    if corpus.skipped:  # hidden files are never read; say so once
        print("note: skipped " + ", ".join(f"{s.file} ({s.reason})" for s in corpus.skipped), file=sys.stderr)
    return corpus.documents()[columns]

"""``python -m analysis corpus``: one row per document."""
from __future__ import annotations

import argparse

NAME = "corpus"
HELP = "list the documents of a seeds folder with counts and what cleaning removed"
PRINTS_DATA = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace):
    from ...corpus.model import load_corpus

    columns = ["id", "file", "title", "kind", "label", "published", "paragraphs",
               "sentences", "tokens", "words", "removed"]
    return load_corpus(args.seeds).documents()[columns]

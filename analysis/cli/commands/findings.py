"""``python -m analysis findings``: every comparative finding with its warrant and verdict."""
from __future__ import annotations

import argparse

NAME = "findings"
HELP = ("comparative findings for two documents, each with its effect, test (where n allows), in-sample "
        "precision, robustness checks and verdict (supported | tie | not robust | none passes | descriptive | "
        "not testable)")
PRINTS_DATA = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--a", metavar="ID", default=None, help="first document (default: the first of the corpus)")
    parser.add_argument("--b", metavar="ID", default=None, help="second document (default: the second)")
    parser.add_argument("--topic", metavar="TEXT", action="append", default=None,
                        help="a sub-topic to check in both texts (repeatable; default: the three of notebook 04)")
    parser.add_argument("--verdict", choices=("supported", "tie", "not robust", "none passes", "descriptive",
                                              "not testable"), default=None,
                        help="only findings with this verdict")


def run(args: argparse.Namespace):
    from ...corpus.model import load_corpus
    from ...errors import InputError
    from ...findings import SUBTOPICS, all_findings

    corpus = load_corpus(args.seeds)
    ids = list(corpus.ids)
    a = args.a or ids[0]
    b = args.b or next((i for i in ids if i != a), None)
    if b is None or a == b:
        raise InputError(None, "findings compare two different documents: give --a ID --b ID")
    corpus[a], corpus[b]  # unknown ids raise UnknownName before any work
    table = all_findings(corpus, a, b, tuple(args.topic) if args.topic else SUBTOPICS)
    if args.verdict:
        table = table[table["verdict"] == args.verdict]
    table = table.assign(text=[f"{c} {v}".strip() for c, v in zip(table["claim"], table["caveats"])])
    return table[["id", "topic", "verdict", "text", "effect", "p_value", "precision", "margin", "checks"]].reset_index(
        drop=True)

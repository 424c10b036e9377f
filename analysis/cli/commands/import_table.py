"""``python -m analysis import``: a corpus folder from a CSV, TSV, JSONL or Parquet table."""
from __future__ import annotations

import argparse
from pathlib import Path

NAME = "import"
HELP = ("make a corpus folder from a table (CSV, TSV, JSONL, Parquet): one .txt per row from the text "
        "column, and a catalog.csv with id, file, title, published and every other column unchanged")
READS_SEEDS = False  # it writes a corpus folder (--out) instead of reading one


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the table (.csv, .tsv, .jsonl or .parquet)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="new or empty folder for the corpus (the only place anything is written)")
    parser.add_argument("--id-column", default="id", metavar="C", help="column of document ids (default: id)")
    parser.add_argument("--text-column", default="text", metavar="C", help="column of article texts (default: text)")
    parser.add_argument("--title-column", default=None, metavar="C",
                        help="column of titles (default: title if present, else the first words of the text)")
    parser.add_argument("--date-column", default=None, metavar="C",
                        help="column of publication dates YYYY[-MM[-DD]] (default: published if present, else no dates)")
    parser.add_argument("--force", action="store_true",
                        help="write into a non-empty --out: an earlier import's files are replaced, nothing else "
                             "is overwritten or deleted, and a same-named file stops it")


def run(args: argparse.Namespace) -> None:
    from ...corpus.importing import Columns, import_table

    explicit = {role for role in ("title", "date") if getattr(args, f"{role}_column") is not None}
    columns = Columns(args.id_column, args.text_column, args.title_column or "title",
                      args.date_column or "published")
    articles = import_table(args.file, args.out, columns, explicit=explicit, force=args.force)
    print(f"{len(articles)} documents written to {args.out} (one .txt each, and catalog.csv)")

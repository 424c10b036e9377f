"""``python -m analysis report``: execute the notebooks and render the HTML report."""
from __future__ import annotations

import argparse
from pathlib import Path

NAME = "report"
HELP = "execute the notebooks on a seeds folder and render the HTML report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("build/report"), metavar="DIR",
                        help="folder for the HTML site (default: build/report)")


def run(args: argparse.Namespace) -> None:
    from ..report import build_report

    index = build_report(args.seeds, args.out)
    print(f"report written to {index}")

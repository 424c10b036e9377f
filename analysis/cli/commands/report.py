"""``python -m analysis report``: execute the notebooks and render the HTML report."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...outdir import folder_argument
from ..options import at_least

NAME = "report"
HELP = "execute the notebooks on a seeds folder and render the offline HTML report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="write into an existing non-empty folder that is not an earlier output of this "
                             "command (files it wrote earlier are replaced; nothing else is overwritten, deleted or "
                             "followed, and a same-named file stops it)")
    parser.add_argument("--out", type=folder_argument, default=Path("build/report"), metavar="DIR",
                        help="folder for the HTML site, replaced on each build (default: build/report)")
    parser.add_argument("--jobs", type=at_least(1), default=None, metavar="N",
                        help="notebooks to execute at once (default: number of CPUs, at most 4)")
    parser.add_argument("--notebook", action="append", type=Path, default=None, metavar="FILE",
                        help="render only this notebook (repeatable; default: every notebooks/NN-*.ipynb)")
    parser.add_argument("--group-by", default=None, metavar="COLUMN",
                        help="catalog column whose values define the two groups the notebooks compare "
                             "(default: kind; passed to the notebooks as RDF_GROUP_BY)")
    parser.add_argument("--a", default=None, metavar="VALUE[,VALUE...]",
                        help="value(s) of that column for side A (RDF_A; default: the largest group)")
    parser.add_argument("--b", default=None, metavar="VALUE[,VALUE...]",
                        help="value(s) for side B (RDF_B; default: the second largest group)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--keep-going", dest="strict", action="store_false", default=True,
                      help="render a page even when a cell fails, showing the error")
    mode.add_argument("--strict", dest="strict", action="store_true",
                      help="stop at the first failing cell (the default)")


def run(args: argparse.Namespace) -> None:
    from ...errors import InputError
    from ...report import ReportError, build_report

    for path in args.notebook or []:
        if not path.is_file():
            raise InputError(path, "notebook not found")
    try:
        index = build_report(args.seeds, args.out, notebooks=args.notebook, jobs=args.jobs, strict=args.strict,
                             force=args.force, group_by=args.group_by, a=args.a, b=args.b)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    print(f"report written to {index}")

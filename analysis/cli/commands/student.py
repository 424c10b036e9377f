"""``python -m analysis student``: the notebooks for a class, without solutions or outputs."""
from __future__ import annotations

import argparse
from pathlib import Path

from ...outdir import folder_argument

NAME = "student"
HELP = "write student copies of the notebooks: outputs cleared, solutions left out"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="write into an existing non-empty folder that is not an earlier output of this "
                             "command (files it wrote earlier are replaced; nothing else is overwritten, deleted or "
                             "followed, and a same-named file stops it)")
    parser.add_argument("--out", type=folder_argument, default=Path("build/student"), metavar="DIR",
                        help="folder for the student notebooks (default: build/student)")
    parser.add_argument("--notebooks", type=Path, default=None, metavar="DIR",
                        help="folder of NN-name.ipynb notebooks to copy (default: the repository's notebooks/)")


def run(args: argparse.Namespace) -> None:
    from ...errors import InputError
    from ...paths import NOTEBOOKS
    from ...report.student import write_student_version

    source = args.notebooks or NOTEBOOKS
    if not source.is_dir():
        raise InputError(source, "notebooks folder not found")
    written = write_student_version(args.out, source, force=args.force)
    for path in written:
        print(path)
    print(f"{len(written)} student notebooks written to {args.out} (solutions not included)")

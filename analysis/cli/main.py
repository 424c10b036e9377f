"""The command line: ``python -m analysis SUBCOMMAND [--seeds DIR] [--format ...]``.

Bad input ends with exit status 2 and one line on stderr naming the file and
the problem, never a traceback: a bad option value is caught by the parser
(:mod:`analysis.cli.options`), anything else the library rejects raises
:class:`~analysis.InputError`. Any other exception is a bug and shows its
traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from .commands import COMMANDS
from ..corpus.files import printable_name
from ..errors import InputError
from ..outdir import folder_argument
from .output import FORMATS, emit


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other bad input, with the
    hint where help is (``python -m analysis COMMAND --help``)."""

    def error(self, message: str):
        command = self.prog if self.prog != "python -m analysis" else "python -m analysis COMMAND"
        self.exit(2, f"error: {' '.join(message.split())} (see {command} --help)\n")


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    parser = _Parser(
        prog="python -m analysis",
        description="Framing, sentiment and entity analysis of articles on Russia–North Korea relations.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    modules = {}
    for dotted in COMMANDS:
        module = importlib.import_module(dotted)
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        if getattr(module, "READS_SEEDS", True):
            cmd.add_argument("--seeds", type=folder_argument, default=None, metavar="DIR",
                             help="folder of .txt articles (default: the repository's seeds/ or $RDF_SEEDS)")
        if getattr(module, "PRINTS_DATA", False):
            cmd.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
        module.add_arguments(cmd)
        modules[module.NAME] = module
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    parser, modules = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already reported in one line
        return exc.code if isinstance(exc.code, int) else 0
    try:
        result = modules[args.command].run(args)
        if result is not None:
            emit(result, args.format)
    except InputError as exc:
        print(f"error: {printable_name(str(exc))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return 0

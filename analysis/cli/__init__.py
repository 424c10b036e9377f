"""The command line ``python -m analysis``: the parser, output formats and the commands in ``commands/``."""
from .output import render, emit

__all__ = ["render", "emit"]

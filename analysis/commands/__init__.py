"""Subcommands of ``python -m analysis``.

Each module listed in :data:`COMMANDS` defines ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args)``. ``run`` returns a DataFrame (which
the CLI prints in ``--format``) or ``None`` when it has printed or written its
own output. Modules import heavy libraries inside ``run`` so that ``--help``
stays fast.
"""
COMMANDS = [
    "analysis.commands.align",
    "analysis.commands.annotate",
    "analysis.commands.corpus",
    "analysis.commands.entities",
    "analysis.commands.frames",
    "analysis.commands.import_table",
    "analysis.commands.keyness",
    "analysis.commands.report",
    "analysis.commands.sentiment",
    "analysis.commands.student",
]

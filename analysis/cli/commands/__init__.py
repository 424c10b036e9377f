"""Subcommands of ``python -m analysis``.

Each module listed in :data:`COMMANDS` defines ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args)``. ``run`` returns a DataFrame (which
the CLI prints in ``--format``) or ``None`` when it has printed or written its
own output. Modules import heavy libraries inside ``run`` so that ``--help``
stays fast. Optional flags: ``PRINTS_DATA = True`` adds ``--format``;
``READS_SEEDS = False`` leaves out ``--seeds`` (a command that reads no corpus).
"""
COMMANDS = [
    "analysis.cli.commands.actors",
    "analysis.cli.commands.align",
    "analysis.cli.commands.annotate",
    "analysis.cli.commands.corpus",
    "analysis.cli.commands.entities",
    "analysis.cli.commands.findings",
    "analysis.cli.commands.frame_model",
    "analysis.cli.commands.frames",
    "analysis.cli.commands.import_table",
    "analysis.cli.commands.keyness",
    "analysis.cli.commands.report",
    "analysis.cli.commands.sentiment",
    "analysis.cli.commands.student",
]

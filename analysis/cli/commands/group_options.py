"""Options every comparing command shares: ``--group-by C --a V[,V...] --b V[,V...]``.

Not a command itself (it is not listed in :data:`analysis.cli.commands.COMMANDS`).
"""
from __future__ import annotations

import argparse

GROUP_VIEWS = ("group", "difference", "period")


def add_group_arguments(parser: argparse.ArgumentParser, periods: bool = True) -> None:
    """``--group-by``, ``--a``, ``--b`` (and ``--period`` for the time views)."""
    group = parser.add_argument_group("comparing groups of documents (--by group, difference, period)")
    group.add_argument("--group-by", metavar="C", default=None,
                       help="catalog column that defines the groups, e.g. kind, outlet or a column of your own; "
                            "id compares single documents (default: kind)")
    group.add_argument("--a", metavar="V[,V...]", default=None,
                       help="value(s) of side A (default: the largest group, or every value not in --b)")
    group.add_argument("--b", metavar="V[,V...]", default=None,
                       help="value(s) of side B (default: the second largest group, or every value not in --a)")
    if periods:
        group.add_argument("--period", choices=("month", "week", "year"), default="month",
                           help="time unit of --by period, from the catalog's published dates (default: month)")


def comparison(args: argparse.Namespace, corpus):
    """The :class:`analysis.groups.Comparison` the options ask for (:func:`analysis.groups.comparison.in_force`
    with the column given: the command reads no environment and falls back to no default pair)."""
    from ...groups.comparison import DEFAULT_BY, in_force

    return in_force(corpus, args.group_by or DEFAULT_BY, args.a, args.b)


def refuse_doc(args: argparse.Namespace) -> None:
    """``--doc`` picks one document; the group views compare groups."""
    from ...errors import InputError

    if getattr(args, "doc", None):
        raise InputError("--doc", f"does not combine with --by {args.by}; use --group-by id --a ID --b ID")


def group_table(measures, cmp, view: str, period: str = "month"):
    """The ``group``, ``difference`` or ``period`` table of a tidy measures table."""
    from ...groups.stats import group_differences, group_summary
    from ...groups.trends import trends

    if view == "group":
        return group_summary(measures, cmp)
    if view == "difference":
        return group_differences(measures, cmp)
    return trends(measures, cmp, period)

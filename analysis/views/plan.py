"""The teaching plan: minutes, prerequisites and learning goals of every notebook, in one place.

The plan is the data file ``analysis/data/teaching-plan.toml``: one row per notebook (notebook 01,
which takes two class periods, has two rows), and two schedules that pack the rows into class
periods of 50 and of 90 minutes. Each notebook's ``## Overview`` states its time, prerequisites and
goals with :func:`overview_markdown`; the teacher's guide (``notebooks/README.md``) shows
:func:`guide_table` and :func:`guide_schedule`. A unit test checks that both say what the plan says,
and that every schedule holds every row once without overfilling a period.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from ..paths import data_file

FILE = "teaching-plan.toml"

__all__ = ["Row", "plan", "schedules", "periods", "notebook_rows", "overview_markdown", "guide_table",
           "guide_schedule", "check_schedules"]


@dataclass(frozen=True)
class Row:
    """One row of the plan: a notebook, or a part of one, taught in one go."""

    id: str
    notebook: str  # the notebook's stem, e.g. "01-framing"
    part: str  # e.g. "§1–4" ("" for the whole notebook)
    minutes: int
    prerequisites: str
    focus: str
    goals: tuple[str, ...]


@lru_cache(maxsize=1)
def _data() -> dict:
    with data_file(FILE).open("rb") as handle:
        return tomllib.load(handle)


def plan() -> list[Row]:
    """The rows of the plan in teaching order."""
    return [Row(id=str(r["id"]), notebook=r["notebook"], part=r.get("part", ""), minutes=int(r["minutes"]),
                prerequisites=r["prerequisites"], focus=r["focus"], goals=tuple(r["goals"]))
            for r in _data()["row"]]


def periods() -> dict[str, int]:
    """The length in minutes of a ``short`` and a ``long`` class period."""
    data = _data()
    return {"short": int(data["period"]), "long": int(data["long_period"])}


def schedules() -> dict[str, list[list[str]]]:
    """Each schedule (``short``, ``long``): the row ids of each class period, in order."""
    return {name: [list(map(str, session)) for session in sessions]
            for name, sessions in _data()["schedule"].items()}


def check_schedules() -> None:
    """Raise ``ValueError`` unless every schedule holds every row once and no period is overfilled."""
    minutes = {row.id: row.minutes for row in plan()}
    for name, sessions in schedules().items():
        used = [rid for session in sessions for rid in session]
        if sorted(used) != sorted(minutes):
            raise ValueError(f"schedule {name!r} must hold every row of the plan once, holds {used}")
        for session in sessions:
            total = sum(minutes[rid] for rid in session)
            if total > periods()[name]:
                raise ValueError(f"schedule {name!r}: rows {session} take {total} min, "
                                 f"more than a period of {periods()[name]}")


def notebook_rows(notebook: str) -> list[Row]:
    """The plan's rows of one notebook (``"01-framing"``); a ``KeyError`` if it has none."""
    rows = [row for row in plan() if row.notebook == notebook]
    if not rows:
        raise KeyError(f"no row of the teaching plan for notebook {notebook!r}")
    return rows


_WORDS = {2: "two", 3: "three", 4: "four"}


def _notebook_number(notebook: str) -> str:
    return notebook.split("-", 1)[0]


def overview_markdown(notebook: str) -> str:
    """The time, prerequisites and learning goals that a notebook's ``## Overview`` states."""
    rows = notebook_rows(notebook)
    total = sum(row.minutes for row in rows)
    if len(rows) == 1:
        time = f"**Time**: about {total} minutes, with the exercises."
        prerequisites = f"**Prerequisites**: {rows[0].prerequisites}."
    else:
        parts = "; ".join(f"{row.part}: {row.minutes} min" for row in rows)
        count = _WORDS.get(len(rows), str(len(rows)))
        time = f"**Time**: about {total} minutes with the exercises, in {count} class periods ({parts})."
        prerequisites = "**Prerequisites**: " + "; ".join(f"{row.part}: {row.prerequisites}" for row in rows) + "."
    goals = [f"- {goal}" for row in rows for goal in row.goals]
    return "\n".join([time, "", prerequisites, "", "**Learning goals**", "", *goals])


def guide_table() -> str:
    """The guide's "Order and timing" table (Markdown), one line per row of the plan."""
    lines = ["| # | notebook | time | prerequisites | focus |", "|---|---|---|---|---|"]
    for row in plan():
        name = f"[`{row.notebook}.ipynb`]({row.notebook}.ipynb)" + (f" {row.part}" if row.part else "")
        lines.append(f"| {row.id} | {name} | {row.minutes} min | {row.prerequisites} | {row.focus} |")
    return "\n".join(lines)


def _session(ids: list[str], rows: dict[str, Row]) -> str:
    def name(rid: str) -> str:
        row = rows[rid]
        return _notebook_number(row.notebook) + (f" {row.part}" if row.part else "")

    minutes = sum(rows[rid].minutes for rid in ids)
    return " and ".join(name(rid) for rid in ids) + f" ({minutes} min)"


def guide_schedule() -> str:
    """The guide's sentence on how the plan fills class periods, computed from the plan."""
    check_schedules()
    rows = {row.id: row for row in plan()}
    total = sum(row.minutes for row in rows.values())
    length, sessions = periods(), schedules()
    long = "; ".join(f"**session {i}** = {_session(ids, rows)}" for i, ids in enumerate(sessions["long"], 1))
    return (f"The rows add up to {total} minutes: {len(sessions['short'])} class periods of {length['short']} "
            f"minutes (one row each), or {len(sessions['long'])} of {length['long']}: {long}. "
            f"What a period leaves over is for the discussion questions below.")

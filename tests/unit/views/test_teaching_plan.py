"""The teaching plan (analysis.views.plan): the notebooks and the teacher's guide state what it says."""
from __future__ import annotations

import nbformat
import pytest

from analysis import paths
from analysis.report import notebook_parts, notebook_paths
from analysis.views import plan

GUIDE = paths.NOTEBOOKS / "README.md"


def test_every_schedule_holds_every_row_once_within_its_period():
    plan.check_schedules()
    total = sum(row.minutes for row in plan.plan())
    for name, sessions in plan.schedules().items():
        assert sum(row.minutes for row in plan.plan() if any(row.id in s for s in sessions)) == total
        assert len(sessions) * plan.periods()[name] >= total


def test_an_overfilled_period_is_refused(monkeypatch):
    data = dict(plan._data())
    data["schedule"] = {"long": [[row.id for row in plan.plan()]]}  # every row in one 90-minute period
    monkeypatch.setattr(plan, "_data", lambda: data)
    with pytest.raises(ValueError, match="more than a period of 90"):
        plan.check_schedules()


def test_every_notebook_states_the_time_prerequisites_and_goals_of_the_plan():
    stems = {row.notebook for row in plan.plan()}
    notebooks = notebook_paths()
    assert stems == {p.stem for p in notebooks}, "the plan and the notebooks list different notebooks"
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        overview = "\n\n".join(p.text for p in notebook_parts.pieces(nb)
                               if p.section == "Overview" and p.kind == "markdown")
        assert plan.overview_markdown(path.stem) in overview, f"{path.name}: the overview does not state the plan"
        assert overview.count("**Time**") == 1, f"{path.name} states a time more than once"
        goals = [g for row in plan.notebook_rows(path.stem) for g in row.goals]
        assert notebook_parts.learning_goals(nb)[-len(goals):] == goals


def test_the_guide_shows_the_plan_and_its_sum():
    guide = GUIDE.read_text(encoding="utf-8")
    assert plan.guide_table() in guide
    assert plan.guide_schedule() in guide
    total = sum(row.minutes for row in plan.plan())
    assert f"add up to {total} minutes" in guide
    assert "five class periods of 50 minutes, or three of 90" not in guide

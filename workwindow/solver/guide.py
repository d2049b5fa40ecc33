"""What a caller may add to each week's solve without the solver knowing the caller.

A re-solve from a published plan (workwindow.replan) starts each week from
that plan and, to keep it, adds stages after the scenario's objectives; the
solver only asks the guide, so nothing in it depends on the packages above.
"""

from typing import Protocol

from workwindow.solver.lexicographic import Solution, StagedObjective
from workwindow.solver.week_model import WeekModel


class Guide(Protocol):
    """Called once per week, from the thread that solves it."""

    def stages(self, week: WeekModel) -> list[StagedObjective]:
        """Stages to optimise after the scenario's objectives (before the tie-break)."""
        ...

    def start(self, week: WeekModel) -> Solution | None:
        """A feasible solution of the week's model (stages included) to start from, or None for the greedy one."""
        ...

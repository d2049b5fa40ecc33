"""Solve several scenarios at once: what-ifs are independent full solves.

They go through the same executor as batch (local processes by default), one
task per scenario, and come back in the order given.
"""

from collections.abc import Sequence

from workwindow.errors import WorkwindowError
from workwindow.executor import Task, open_executor
from workwindow.models import Scenario, Schedule
from workwindow.solver import SolveSettings, solve_with


class SolveProcessError(WorkwindowError):
    """A solve process died before it finished: stopped from outside, or out of memory."""


def solve_all(scenarios: Sequence[Scenario], settings: SolveSettings, jobs: int) -> list[Schedule]:
    """One schedule per scenario, in the same order, solved `jobs` at a time."""
    if jobs <= 1 or len(scenarios) <= 1:
        return [solve_with(scenario, settings) for scenario in scenarios]
    schedules: dict[str, Schedule] = {}
    with open_executor(None, min(jobs, len(scenarios))) as executor:
        tasks = [Task(str(i), solve_with, (scenario, settings)) for i, scenario in enumerate(scenarios)]
        for finished in executor.run(tasks):
            if finished.error is not None:
                raise SolveProcessError(
                    f"a solve stopped before it finished ({type(finished.error).__name__}); try fewer --jobs"
                )
            schedules[finished.task.key] = finished.value
    return [schedules[str(i)] for i in range(len(scenarios))]

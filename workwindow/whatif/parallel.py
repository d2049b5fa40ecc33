"""Solve several scenarios at once: the what-ifs of compare and explain.

Scenarios whose weeks are independent are solved by the week, with a cache
(`workwindow.whatif.weeks`): a week that a variant did not change is not
solved again. A scenario whose weeks are coupled is solved whole, on the
executor (local processes), `jobs` at a time. Results come back in the
order given.

With `fill_cores` (the user gave no --workers), a batch of fewer whole
solves than `jobs` shares the idle cores out as CP-SAT workers: a lone
solve gets all of them, as `solve` would. Weeks solved apart already run
`jobs` at a time, and keep their workers so that the cache still matches.
Under `deterministic` the workers never change with the batch: the result
must not depend on what else was solved beside it.
"""

import dataclasses
from collections.abc import Sequence

from workwindow.errors import WorkwindowError
from workwindow.executor import Task, open_executor
from workwindow.models import Scenario, Schedule
from workwindow.solver import SolveSettings, solve_with, weeks_are_independent
from workwindow.whatif.weeks import WeekCache, solve_by_week


class SolveProcessError(WorkwindowError):
    """A solve process died before it finished: stopped from outside, or out of memory."""


def solve_all(
    scenarios: Sequence[Scenario],
    settings: SolveSettings,
    jobs: int,
    cache: WeekCache | None = None,
    *,
    fill_cores: bool = False,
) -> list[Schedule]:
    """One schedule per scenario, in the same order; `cache` keeps solved weeks between calls."""
    by_week = [i for i, s in enumerate(scenarios) if weeks_are_independent(s)]
    whole = [i for i in range(len(scenarios)) if i not in set(by_week)]
    schedules = dict(zip(by_week, solve_by_week([scenarios[i] for i in by_week], settings, jobs, cache), strict=True))
    together = dataclasses.replace(settings, workers=workers_each(settings, jobs, len(whole), fill_cores))
    schedules.update(zip(whole, _solve_whole([scenarios[i] for i in whole], together, jobs), strict=True))
    return [schedules[i] for i in range(len(scenarios))]


def workers_each(settings: SolveSettings, jobs: int, solves: int, fill_cores: bool) -> int:
    """CP-SAT workers for each of `solves` whole solves run `jobs` at a time (see the module's note)."""
    if not fill_cores or settings.deterministic or solves < 1:
        return settings.workers
    return max(1, jobs // min(jobs, solves))


def _solve_whole(scenarios: Sequence[Scenario], settings: SolveSettings, jobs: int) -> list[Schedule]:
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

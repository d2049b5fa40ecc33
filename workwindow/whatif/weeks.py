"""Many variants of one scenario, solved by the week: a week whose content did not change is solved once.

A what-if changes a few fields; the weeks it does not touch (the weeks
where a switched participant cannot work, say) have the base's content
again, and their result is taken from the cache instead of solved again.
The weeks left to solve run side by side in threads of this process
(CP-SAT releases the GIL while it searches), which saves what-ifs the
second each new worker process spends importing OR-Tools.

Exact by construction: a week is solved as `solve` would solve it (the same
settings and share of the time limit), and a cached result is used only for
a week with the same content and settings. A scenario whose weeks are
coupled (an objective over the whole horizon) is solved whole.
"""

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from workwindow.models import Scenario, Schedule
from workwindow.solver import SolveSettings
from workwindow.solver.content import week_key
from workwindow.solver.horizon import assemble, week_jobs

if TYPE_CHECKING:
    from workwindow.solver.weeks import WeekJob, WeekResult


class WeekCache:
    """Results of solved weeks by their content key (`workwindow.solver.content.week_key`)."""

    def __init__(self) -> None:
        self._results: dict[str, WeekResult] = {}
        self.solved = 0
        """Weeks solved through this cache."""
        self.reused = 0
        """Weeks of variants answered from it."""

    def __contains__(self, key: str) -> bool:
        return key in self._results

    def __getitem__(self, key: str) -> "WeekResult":
        return self._results[key]

    def __setitem__(self, key: str, result: "WeekResult") -> None:
        self._results[key] = result


def solve_by_week(
    scenarios: Sequence[Scenario], settings: SolveSettings, jobs: int, cache: WeekCache | None = None
) -> list[Schedule]:
    """One schedule per scenario, in order; each distinct week solved once, `jobs` weeks at a time.

    Every scenario's weeks must be independent (`solver.weeks_are_independent`).
    """
    cache = WeekCache() if cache is None else cache
    began = time.perf_counter()
    planned = [[(week_key(s, job), job) for job in week_jobs(s, settings)] for s in scenarios]
    todo: dict[str, tuple[Scenario, WeekJob]] = {}
    for scenario, weeks in zip(scenarios, planned, strict=True):
        for key, job in weeks:
            if key in cache or key in todo:
                cache.reused += 1
            else:
                todo[key] = (scenario, job)
    _solve_weeks(todo, cache, jobs)
    return [
        assemble(
            s,
            [cache[key] for key, _ in weeks],
            began=began,
            workers=settings.workers,
            seed=settings.seed,
            robust=settings.robust,
        )
        for s, weeks in zip(scenarios, planned, strict=True)
    ]


def _solve_weeks(todo: "dict[str, tuple[Scenario, WeekJob]]", cache: WeekCache, jobs: int) -> None:
    from workwindow.solver.weeks import run_week_job  # OR-Tools only when something is solved

    if not todo:
        return
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(todo))), thread_name_prefix="workwindow-what-if") as pool:
        futures = {key: pool.submit(run_week_job, scenario, job) for key, (scenario, job) in todo.items()}
        for key, future in futures.items():
            cache[key] = future.result()
            cache.solved += 1

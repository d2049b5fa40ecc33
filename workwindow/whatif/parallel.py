"""Solve several scenarios at once on local processes.

What-ifs are independent full solves, so they run side by side. This is the
one place that knows how; the team's general executor can take its place
without the callers noticing.
"""

import itertools
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from workwindow.models import Scenario, Schedule
from workwindow.solver import solve


@dataclass(frozen=True)
class SolveSettings:
    time_limit: float = 60.0
    """Seconds for each solve."""
    workers: int = 1
    """CP-SAT workers in each solve; the solves themselves already run side by side."""
    seed: int = 0
    explain: bool = False
    """Reasons for days without work: only a report needs them, and they cost a solve per day."""


def solve_all(scenarios: Sequence[Scenario], settings: SolveSettings, jobs: int) -> list[Schedule]:
    """One schedule per scenario, in the same order, solved `jobs` at a time."""
    if jobs <= 1 or len(scenarios) <= 1:
        return [solve_one(scenario, settings) for scenario in scenarios]
    # spawn: a forked child would inherit the parent's OR-Tools state and threads
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(scenarios)), mp_context=context) as pool:
        return list(pool.map(solve_one, scenarios, itertools.repeat(settings)))


def solve_one(scenario: Scenario, settings: SolveSettings) -> Schedule:
    return solve(
        scenario,
        time_limit=settings.time_limit,
        workers=settings.workers,
        seed=settings.seed,
        explain=settings.explain,
    )

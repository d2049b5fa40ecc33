"""The one public entry point: a validated scenario in, a schedule out.

OR-Tools is imported when a solve starts (`workwindow.solver.weeks`), so that
importing the solver package costs nothing to commands that never solve.
"""

import math
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import TYPE_CHECKING

from workwindow.models import Scenario
from workwindow.models.schedule import Schedule, SolverInfo, Stage, Status
from workwindow.solver.coupling import weeks_are_independent

if TYPE_CHECKING:
    from workwindow.solver.guide import Guide
    from workwindow.solver.progress import Progress, StopSignal
    from workwindow.solver.settings import SolveSettings
    from workwindow.solver.weeks import WeekJob, WeekResult

WEEKS_SIDE_BY_SIDE_UP_TO = 300
"""Participants up to which weeks are solved side by side, one CP-SAT worker
each. Larger weeks need every worker: one worker alone has no LNS, and at
3,000 participants found next to nothing in 138 s."""

EXPLANATION_SHARE = 0.1
"""Of the time limit, kept back from the search for the explanations' CP-SAT
questions (they may also use whatever the search leaves)."""

STOP_POLL_SECONDS = 0.1
"""How often the waiting thread looks for a stop while weeks still build their models."""

ASSEMBLY_SHARE = 0.005
"""Of the time limit, kept for putting the weeks together into the schedule
after the last week's explanations: 0.3–0.8 s at 3,000 participants × 4
weeks, which ended 300 s solves 0.3 s late."""


class _Clock:
    """Shares what is left until `deadline` (a `time.monotonic()` value) between the weeks still to start.

    With `lanes` weeks side by side, a week that starts gets `lanes` times
    the even share of the time left per week not yet started.
    """

    def __init__(self, deadline: float, weeks: int, lanes: int):
        self._deadline = deadline
        self._unstarted = weeks
        self._lanes = lanes
        self._lock = threading.Lock()

    def week_deadline(self) -> float:
        with self._lock:
            now = time.monotonic()
            share = (self._deadline - now) * min(1.0, self._lanes / self._unstarted)
            self._unstarted -= 1
            return now + share


def solve(
    scenario: Scenario,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    deterministic: bool = False,
    explain: bool = True,
    robust: float | None = None,
    progress: "Progress | None" = None,
    guide: "Guide | None" = None,
) -> Schedule:
    """The lexicographically best schedule, week by week, with a reason for every day without work.

    Without `fairness` weeks are independent problems (every constraint and
    objective lives within a week), so their lexicographic optima add up.
    With it, the weeks are solved together in one model with every worker
    (`together.py`; week after week at city size). With more workers
    than one and more weeks than one, weeks of up to 300 participants are
    solved side by side, one CP-SAT worker each, in threads (CP-SAT releases
    the GIL while it searches). `time_limit` covers the whole solve, counted
    from its start: the search gets all of it but EXPLANATION_SHARE, each
    week its share of what is left when it starts, building its model
    included; the explanations follow, all weeks solved, each week's with
    its share of what is left until the limit. With `deterministic`,
    CP-SAT's deterministic settings make the result depend on the input and
    seed only, and the explanations take the time they need.

    With `robust` = Q, each participant is planned ready by the group's
    start at the Q-quantile of the scenario's `uncertainty` (dose delay +
    extra observation + extra travel) instead of the nominal minute; the
    assignments still report the nominal ready time, which `verify` checks.

    `progress` hears each stage as it ends and may stop the search early
    (the workbench's Stop button, Ctrl-C); the schedule is then the best
    found so far, status feasible, explained as far as counting goes. With
    `progress.at_once`, a stop while some week has no plan yet raises
    StoppedBeforeAPlan at once: that week's model may take seconds to build.

    A `guide` gives each week a start of its own and stages after the
    objectives (`workwindow.replan.solve_from` starts from a published plan).
    """
    from workwindow.models.distributions import readiness_margins
    from workwindow.solver.lexicographic import SolverSettings
    from workwindow.solver.together import solve_fair
    from workwindow.solver.weeks import explain, solve_week

    began, started = time.perf_counter(), time.monotonic()
    working = time_limit * (1 - ASSEMBLY_SHARE)
    limit = started + working
    lanes = weeks_side_by_side(scenario, workers)
    search_seconds = working * (1 - EXPLANATION_SHARE) if explain else working
    search = _Clock(started + search_seconds, scenario.weeks, lanes)
    settings = SolverSettings(workers=max(1, workers // lanes), seed=seed, deterministic=deterministic)

    margins = readiness_margins(scenario, robust) if robust is not None else None

    stop = progress.stop if progress is not None else None
    at_once = stop if progress is not None and progress.at_once else None
    first_plans: set[int] = set()

    def one_week(week: int) -> "WeekResult":
        if at_once is not None and at_once.is_set():
            raise StoppedBeforeAPlan(f"stopped before week {week} began")
        deadline = search.week_deadline()
        budget = search_seconds / scenario.weeks
        return solve_week(scenario, week, deadline, budget, settings, margins, progress, guide, first_plans)

    pool = ThreadPoolExecutor(max_workers=lanes, thread_name_prefix="workwindow-week")
    with _left_behind_when_stopped(pool):
        if weeks_are_independent(scenario):
            results = _every_week(pool, one_week, scenario.weeks, first_plans, at_once)
        else:
            together = SolverSettings(workers=workers, seed=seed, deterministic=deterministic)
            deadline = started + search_seconds
            results = solve_fair(scenario, deadline, search_seconds, together, margins, progress, guide)
        if explain:
            explanations = _Clock(limit, scenario.weeks, lanes)

            def explained(result: "WeekResult") -> None:
                deadline = math.inf if deterministic else explanations.week_deadline()
                explain(scenario, result, settings.workers, deadline, stop)

            list(pool.map(explained, results))
    schedule = assemble(scenario, results, began=began, workers=workers, seed=seed, robust=robust)
    return schedule.model_copy(update={"status": "feasible"}) if stop is not None and stop.is_set() else schedule


class StoppedBeforeAPlan(Exception):
    """Stopped before every week had its first plan: there is nothing to keep."""


def _every_week(
    pool: ThreadPoolExecutor,
    one_week: "Callable[[int], WeekResult]",
    weeks: int,
    first_plans: set[int],
    stop: "StopSignal | None",
) -> "list[WeekResult]":
    """Each week's result, in order, or StoppedBeforeAPlan as soon as a stop finds a week without a plan."""
    futures = [pool.submit(one_week, week) for week in range(1, weeks + 1)]
    while wait(futures, timeout=STOP_POLL_SECONDS).not_done:
        if stop is not None and stop.is_set() and len(first_plans) < weeks:
            raise StoppedBeforeAPlan(f"stopped before {weeks - len(first_plans)} of {weeks} weeks had a plan")
    return [f.result() for f in futures]


@contextmanager
def _left_behind_when_stopped(pool: ThreadPoolExecutor) -> Iterator[None]:
    """Weeks still building their models are not waited for after a stop: nothing of theirs is kept."""
    try:
        yield
    except StoppedBeforeAPlan:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def weeks_side_by_side(scenario: Scenario, workers: int) -> int:
    """How many weeks one solve runs at once, each with `workers` // that many CP-SAT workers."""
    if len(scenario.participants) > WEEKS_SIDE_BY_SIDE_UP_TO:
        return 1
    return max(1, min(workers, scenario.weeks))


def week_jobs(scenario: Scenario, solve_settings: "SolveSettings", at_once: int | None = None) -> "list[WeekJob]":
    """Each week as a job to solve on its own, with the settings and share of the time `solve` gives it.

    Under `deterministic` a job's week comes out exactly as in `solve`: the
    same CP-SAT workers, seed and deterministic budget. Otherwise each job
    gets the share of the time limit that fits `at_once` weeks running side
    by side (default: as many as `solve` runs), so all weeks end within it.
    """
    from workwindow.solver.lexicographic import SolverSettings
    from workwindow.solver.weeks import WeekJob

    explain = solve_settings.explain
    working = solve_settings.time_limit * (1 - ASSEMBLY_SHARE)
    lanes = weeks_side_by_side(scenario, solve_settings.workers)
    search_seconds = working * (1 - EXPLANATION_SHARE) if explain else working
    share = min(1.0, (at_once or lanes) / scenario.weeks)
    settings = SolverSettings(
        workers=max(1, solve_settings.workers // lanes),
        seed=solve_settings.seed,
        deterministic=solve_settings.deterministic,
    )
    return [
        WeekJob(
            week=week,
            settings=settings,
            search_seconds=search_seconds * share,
            deterministic_budget=search_seconds / scenario.weeks,
            explain_seconds=(working - search_seconds) * share if explain else None,
            robust=solve_settings.robust,
        )
        for week in range(1, scenario.weeks + 1)
    ]


def assemble(
    scenario: Scenario,
    results: "list[WeekResult]",
    *,
    began: float,
    workers: int,
    seed: int,
    robust: float | None = None,
) -> Schedule:
    """The weeks put together into one schedule, with the objectives and key figures of the whole horizon.

    `began` is the `time.perf_counter()` value the solve started at.
    """
    from workwindow.models.distributions import readiness_margins
    from workwindow.solver.readback import fairness_figures, kpis, objective_values
    from workwindow.solver.standby import standbys

    read = time.perf_counter()
    assignments = [a for r in results for a in r.assignments]
    groups = [g for r in results for g in r.groups]
    stages = [s for r in results for s in r.stages]
    objectives = objective_values(scenario, assignments, groups)
    key_figures = kpis(scenario, assignments, groups)
    read_seconds = sum(r.read_seconds for r in results) + time.perf_counter() - read
    return Schedule(
        scenario=scenario.name,
        status=_overall_status(stages),
        objectives=objectives,
        fairness=fairness_figures(scenario, assignments),
        assignments=assignments,
        groups=groups,
        unassigned=[u for r in results for u in r.unassigned],
        standby=standbys(scenario, assignments, groups, readiness_margins(scenario, robust))
        if robust is not None
        else [],
        kpis=key_figures,
        solver=SolverInfo(
            wall_seconds=round(time.perf_counter() - began, 3),
            workers=workers,
            seed=seed,
            build_seconds=round(sum(r.build_seconds for r in results), 3),
            read_seconds=round(read_seconds, 3),
            explain_seconds=round(sum(r.explain_seconds for r in results), 3),
            stages=stages,
            robust=robust,
        ),
    )


def _overall_status(stages: list[Stage]) -> Status:
    """Every stage holds a feasible schedule (the greedy start at least), so optimal or feasible."""
    return "optimal" if all(s.status == "optimal" for s in stages) else "feasible"

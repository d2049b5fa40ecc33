"""The one public entry point: a validated scenario in, a schedule out."""

import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from workwindow.models import Scenario
from workwindow.models.distributions import readiness_margins
from workwindow.models.schedule import Assignment, GroupRun, Schedule, SolverInfo, Stage, Status, Unassigned
from workwindow.solver.facts import WeekFacts, week_facts
from workwindow.solver.greedy import greedy_start
from workwindow.solver.lexicographic import (
    LARGE_MODEL,
    UNWATCHED,
    Progress,
    SolverSettings,
    StagedObjective,
    solve_lexicographic,
)
from workwindow.solver.objectives import TIE_BREAK, late_places, staged
from workwindow.solver.readback import kpis, objective_values, read_week
from workwindow.solver.reasons import explain_week
from workwindow.solver.standby import standbys
from workwindow.solver.week_model import WeekModel, build_week_model, tighten_late_starts

WEEKS_SIDE_BY_SIDE_UP_TO = 300
"""Participants up to which weeks are solved side by side, one CP-SAT worker
each. Larger weeks need every worker: one worker alone has no LNS, and at
3,000 participants found next to nothing in 138 s."""

EXPLANATION_SHARE = 0.1
"""Of the time limit, kept back from the search for the explanations' CP-SAT
questions (they may also use whatever the search leaves)."""

ASSEMBLY_SHARE = 0.005
"""Of the time limit, kept for putting the weeks together into the schedule
after the last week's explanations: 0.3–0.8 s at 3,000 participants × 4
weeks, which ended 300 s solves 0.3 s late."""

BOUNDS_NEED_BUILD_TIMES = 2.0
"""Time left, in multiples of the week model's build time, below which the
late_start stage goes without the redundant bound constraints."""


@dataclass
class _WeekResult:
    assignments: list[Assignment] = field(default_factory=list)
    groups: list[GroupRun] = field(default_factory=list)
    unassigned: list[Unassigned] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    build_seconds: float = 0.0
    read_seconds: float = 0.0
    explain_seconds: float = 0.0
    facts: WeekFacts | None = None


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
    progress: Progress = UNWATCHED,
) -> Schedule:
    """The lexicographically best schedule, week by week, with a reason for every day without work.

    Weeks are independent problems (every constraint and objective lives
    within a week), so their lexicographic optima add up. With more workers
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
    (the workbench's Stop button); the schedule is then the best found so far.
    """
    began, started = time.perf_counter(), time.monotonic()
    working = time_limit * (1 - ASSEMBLY_SHARE)
    limit = started + working
    lanes = 1 if len(scenario.participants) > WEEKS_SIDE_BY_SIDE_UP_TO else max(1, min(workers, scenario.weeks))
    search_seconds = working * (1 - EXPLANATION_SHARE) if explain else working
    search = _Clock(started + search_seconds, scenario.weeks, lanes)
    settings = SolverSettings(workers=max(1, workers // lanes), seed=seed, deterministic=deterministic)

    margins = readiness_margins(scenario, robust) if robust is not None else None

    def one_week(week: int) -> _WeekResult:
        deadline = search.week_deadline()
        return _solve_week(scenario, week, deadline, search_seconds / scenario.weeks, settings, margins, progress)

    with ThreadPoolExecutor(max_workers=lanes, thread_name_prefix="workwindow-week") as pool:
        results = list(pool.map(one_week, range(1, scenario.weeks + 1)))
        if explain:
            explanations = _Clock(limit, scenario.weeks, lanes)

            def explained(result: _WeekResult) -> None:
                deadline = math.inf if deterministic else explanations.week_deadline()
                _explain_week(scenario, result, settings.workers, deadline)

            list(pool.map(explained, results))
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
        assignments=assignments,
        groups=groups,
        unassigned=[u for r in results for u in r.unassigned],
        standby=standbys(scenario, assignments, groups, margins) if margins is not None else [],
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


def _solve_week(
    scenario: Scenario,
    week: int,
    deadline: float,
    deterministic_budget: float,
    settings: SolverSettings,
    margins: dict[str, int] | None,
    progress: Progress,
) -> _WeekResult:
    """The week by `deadline`, building included; in deterministic mode by `deterministic_budget` instead."""
    result = _WeekResult()
    built = time.perf_counter()
    facts = week_facts(scenario, week, margins)
    week_model = build_week_model(scenario, facts)
    bounds = _bounds_where_they_pay(week_model, deadline, time.perf_counter() - built, settings)
    objectives = [
        staged(name, scenario, facts, week_model.v, prepare=bounds if name == "late_start" else None)
        for name in scenario.objective
    ]
    objectives.append(StagedObjective(TIE_BREAK, late_places(week_model.v)))
    start = greedy_start(week_model)
    result.build_seconds = time.perf_counter() - built
    solved = solve_lexicographic(
        week_model.model,
        objectives,
        week=week,
        deadline=deadline,
        deterministic_budget=deterministic_budget,
        settings=settings,
        start=start,
        progress=progress,
    )
    result.build_seconds += solved.prepare_seconds
    read = time.perf_counter()
    plan = read_week(week_model, solved.solution)
    result.read_seconds = time.perf_counter() - read
    result.assignments, result.groups, result.stages = plan.assignments, plan.groups, solved.stages
    result.facts = facts
    return result


def _bounds_where_they_pay(
    week_model: WeekModel, deadline: float, build_seconds: float, settings: SolverSettings
) -> Callable[[], None]:
    """The bound constraints, on a model below LARGE_MODEL variables with twice its build time left.

    They tighten the LP bound, and a large model's later stages never reach
    one in their time: at 1,000 participants late_start ended with bound 0
    in 7–9 s with them or without, and without them it found better
    schedules (2,325 vs 2,400 and 1,250 vs 1,410 minutes on seeds 1 and 2).
    They also cost 2 s of Python a week at 3,000 participants. Added with
    less than twice the build time left, they would push the week past its
    deadline; deterministic solves skip that test, as the clock decides
    nothing there.
    """
    small = len(week_model.model.proto.variables) < LARGE_MODEL

    def prepare() -> None:
        in_time = settings.deterministic or deadline - time.monotonic() >= BOUNDS_NEED_BUILD_TIMES * build_seconds
        if small and in_time:
            tighten_late_starts(week_model)

    return prepare


def _explain_week(scenario: Scenario, result: _WeekResult, workers: int, deadline: float) -> None:
    began = time.perf_counter()
    result.unassigned = explain_week(scenario, result.facts, result.assignments, result.groups, workers, deadline)
    result.explain_seconds = time.perf_counter() - began


def _overall_status(stages: list[Stage]) -> Status:
    """Every stage holds a feasible schedule (the greedy start at least), so optimal or feasible."""
    return "optimal" if all(s.status == "optimal" for s in stages) else "feasible"

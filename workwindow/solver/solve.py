"""The one public entry point: a validated scenario in, a schedule out."""

import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from workwindow.models import Scenario
from workwindow.models.schedule import Assignment, GroupRun, Schedule, SolverInfo, Stage, Status, Unassigned
from workwindow.solver.facts import WeekFacts, week_facts
from workwindow.solver.greedy import greedy_start
from workwindow.solver.lexicographic import SolverSettings, StagedObjective, solve_lexicographic
from workwindow.solver.objectives import MAXIMISED, TIE_BREAK, late_places, objective_expr
from workwindow.solver.readback import kpis, objective_values, read_week
from workwindow.solver.reasons import explain_week
from workwindow.solver.week_model import build_week_model, tighten_late_starts

WEEKS_SIDE_BY_SIDE_UP_TO = 300
"""Participants up to which weeks are solved side by side, one CP-SAT worker
each. Larger weeks need every worker: one worker alone has no LNS, and at
3,000 participants found next to nothing in 138 s."""

EXPLANATION_SHARE = 0.1
"""Of the time limit, kept back from the search for the explanations' CP-SAT
questions (they may also use whatever the search leaves)."""


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
    """Shares what is left of the time limit between the weeks still to start.

    With `lanes` weeks solved side by side, a week that starts gets `lanes`
    times the even share of the time left per week not yet started.
    """

    def __init__(self, time_limit: float, weeks: int, lanes: int):
        self.deterministic_budget = time_limit / weeks
        """Per week, in CP-SAT's deterministic time: the clock must not decide a deterministic solve."""
        self._deadline = time.monotonic() + time_limit
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
) -> Schedule:
    """The lexicographically best schedule, week by week, with a reason for every day without work.

    Weeks are independent problems (every constraint and objective lives
    within a week), so their lexicographic optima add up. With more workers
    than one and more weeks than one, weeks of up to 300 participants are
    solved side by side, one CP-SAT worker each, in threads (CP-SAT releases
    the GIL while it searches). `time_limit` covers the whole solve: the
    search gets all of it but EXPLANATION_SHARE, each week its share of what
    is left when it starts; the explanations follow, all weeks solved, and
    ask CP-SAT only until the limit. With `deterministic`, CP-SAT's
    deterministic settings make the result depend on the input and seed only.
    """
    began = time.perf_counter()
    limit = time.monotonic() + time_limit
    lanes = 1 if len(scenario.participants) > WEEKS_SIDE_BY_SIDE_UP_TO else max(1, min(workers, scenario.weeks))
    clock = _Clock(time_limit * (1 - EXPLANATION_SHARE) if explain else time_limit, scenario.weeks, lanes)
    settings = SolverSettings(workers=max(1, workers // lanes), seed=seed, deterministic=deterministic)

    def one_week(week: int) -> _WeekResult:
        return _solve_week(scenario, week, clock, settings)

    def explained(result: _WeekResult) -> None:
        _explain_week(scenario, result, settings.workers, math.inf if deterministic else limit)

    with ThreadPoolExecutor(max_workers=lanes, thread_name_prefix="workwindow-week") as pool:
        results = list(pool.map(one_week, range(1, scenario.weeks + 1)))
        if explain:
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
        kpis=key_figures,
        solver=SolverInfo(
            wall_seconds=round(time.perf_counter() - began, 3),
            workers=workers,
            seed=seed,
            build_seconds=round(sum(r.build_seconds for r in results), 3),
            read_seconds=round(read_seconds, 3),
            explain_seconds=round(sum(r.explain_seconds for r in results), 3),
            stages=stages,
        ),
    )


def _solve_week(scenario: Scenario, week: int, clock: _Clock, settings: SolverSettings) -> _WeekResult:
    deadline = clock.week_deadline()
    result = _WeekResult()
    built = time.perf_counter()
    facts = week_facts(scenario, week)
    week_model = build_week_model(scenario, facts)
    objectives = [
        StagedObjective(
            name,
            objective_expr(name, scenario, facts, week_model.v),
            -1 if name in MAXIMISED else 1,
            prepare=(lambda: tighten_late_starts(week_model)) if name == "late_start" else None,
        )
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
        deterministic_budget=clock.deterministic_budget,
        settings=settings,
        start=start,
    )
    result.build_seconds += solved.prepare_seconds
    read = time.perf_counter()
    plan = read_week(week_model, solved.solution)
    result.read_seconds = time.perf_counter() - read
    result.assignments, result.groups, result.stages = plan.assignments, plan.groups, solved.stages
    result.facts = facts
    return result


def _explain_week(scenario: Scenario, result: _WeekResult, workers: int, deadline: float) -> None:
    began = time.perf_counter()
    result.unassigned = explain_week(scenario, result.facts, result.assignments, result.groups, workers, deadline)
    result.explain_seconds = time.perf_counter() - began


def _overall_status(stages: list[Stage]) -> Status:
    """Every stage holds a feasible schedule (the greedy start at least), so optimal or feasible."""
    return "optimal" if all(s.status == "optimal" for s in stages) else "feasible"

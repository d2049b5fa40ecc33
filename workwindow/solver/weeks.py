"""One week of a scenario, solved and explained: the unit that solves are made of.

A whole solve runs its weeks side by side in threads (`solve.solve`); a
what-if solves only the weeks whose content changed, and `solve --cluster`
sends each week to a Dask worker. All of them solve a week here, so a week
comes out the same whichever way it was sent.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from workwindow.models import Scenario
from workwindow.models.schedule import Assignment, GroupRun, Stage, Unassigned
from workwindow.solver.facts import WeekFacts, week_facts
from workwindow.solver.greedy import greedy_start
from workwindow.solver.guide import Guide
from workwindow.solver.lexicographic import SolverSettings, StagedObjective, solve_lexicographic
from workwindow.solver.objectives import TIE_BREAK, late_places, staged
from workwindow.solver.portfolio import LARGE_MODEL
from workwindow.solver.progress import UNWATCHED, Progress, StopSignal
from workwindow.solver.readback import read_week
from workwindow.solver.reasons import explain_week
from workwindow.solver.week_model import WeekModel, build_week_model, tighten_late_starts

BOUNDS_NEED_BUILD_TIMES = 2.0
"""Time left, in multiples of the week model's build time, below which the
late_start stage goes without the redundant bound constraints."""


@dataclass
class WeekResult:
    assignments: list[Assignment] = field(default_factory=list)
    groups: list[GroupRun] = field(default_factory=list)
    unassigned: list[Unassigned] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    build_seconds: float = 0.0
    read_seconds: float = 0.0
    explain_seconds: float = 0.0
    facts: WeekFacts | None = None
    """Kept between the search and the explanations only; a result sent back from a task has none."""


@dataclass(frozen=True)
class WeekJob:
    """How to solve one week on its own, wherever it runs: budgets in seconds from when it starts."""

    week: int
    settings: SolverSettings
    search_seconds: float
    """Wall seconds for the search, building included (deterministic solves ignore it)."""
    deterministic_budget: float
    """The search's budget in CP-SAT's deterministic time, in deterministic mode."""
    explain_seconds: float | None
    """Wall seconds for the explanations; None: no explanations."""
    robust: float | None = None
    """Plan readiness at this quantile of the scenario's uncertainty (see `horizon.solve`)."""


def solve_week(
    scenario: Scenario,
    week: int,
    deadline: float,
    deterministic_budget: float,
    settings: SolverSettings,
    margins: dict[str, int] | None = None,
    progress: Progress | None = None,
    guide: Guide | None = None,
    first_plans: set[int] | None = None,
) -> WeekResult:
    """The week by `deadline`, building included; in deterministic mode by `deterministic_budget` instead.

    `margins`: minutes of readiness delay to plan for, by participant (robust plans).
    `progress` hears each stage as it ends and may stop the search.
    `guide` gives the week a start of its own and stages after the objectives.
    The week joins `first_plans` once it has a plan (the greedy start), which a stop keeps.
    """
    result = WeekResult()
    built = time.perf_counter()
    facts = week_facts(scenario, week, margins)
    week_model = build_week_model(scenario, facts)
    bounds = bounds_where_they_pay(week_model, deadline, time.perf_counter() - built, settings)
    objectives = [
        staged(name, scenario, facts, week_model.v, prepare=bounds if name == "late_start" else None)
        for name in scenario.objective
    ]
    if guide is not None:
        objectives += guide.stages(week_model)
    objectives.append(StagedObjective(TIE_BREAK, late_places(week_model.v)))
    guided = guide.start(week_model) if guide is not None else None
    start = guided if guided is not None else greedy_start(week_model)
    if first_plans is not None:
        first_plans.add(week)
    result.build_seconds = time.perf_counter() - built
    solved = solve_lexicographic(
        week_model.model,
        objectives,
        week=week,
        deadline=deadline,
        deterministic_budget=deterministic_budget,
        settings=settings,
        start=start,
        progress=UNWATCHED if progress is None else progress,
    )
    result.build_seconds += solved.prepare_seconds
    read = time.perf_counter()
    plan = read_week(week_model, solved.solution)
    result.read_seconds = time.perf_counter() - read
    result.assignments, result.groups, result.stages = plan.assignments, plan.groups, solved.stages
    result.facts = facts
    return result


def explain(
    scenario: Scenario, result: WeekResult, workers: int, deadline: float, stop: StopSignal | None = None
) -> None:
    """A reason for every eligible day without work in the week, by `deadline`."""
    began = time.perf_counter()
    result.unassigned = explain_week(scenario, result.facts, result.assignments, result.groups, workers, deadline, stop)
    result.explain_seconds = time.perf_counter() - began


def run_week_job(scenario: Scenario, job: WeekJob) -> WeekResult:
    """Search, then explain, within the job's budgets; the result travels without its facts."""
    from workwindow.models.distributions import readiness_margins

    began = time.monotonic()
    margins = readiness_margins(scenario, job.robust) if job.robust is not None else None
    deadline = began + job.search_seconds
    result = solve_week(scenario, job.week, deadline, job.deterministic_budget, job.settings, margins)
    if job.explain_seconds is not None:
        deadline = math.inf if job.settings.deterministic else time.monotonic() + job.explain_seconds
        explain(scenario, result, job.settings.workers, deadline)
    result.facts = None
    return result


def run_week_job_on_bytes(scenario_json: bytes, job: WeekJob) -> WeekResult:
    """`run_week_job` for a worker elsewhere: the validated scenario travels as JSON bytes."""
    return run_week_job(Scenario.model_validate_json(scenario_json), job)


def bounds_where_they_pay(
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

"""All weeks of the horizon in one CP-SAT model, for objectives that tie them together (fairness).

The weeks' models are built side by side in one model, each as it would be
alone; only the objectives span them: the `fairness` levels count days over
the whole horizon, the other objectives add up over the weeks. The start is
every week's greedy start put together, so every stage has a solution.
"""

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from workwindow.models import Scenario
from workwindow.models.schedule import Stage
from workwindow.solver import fairness
from workwindow.solver.constraints import days_worked_expr, total
from workwindow.solver.facts import week_facts
from workwindow.solver.greedy import greedy_start
from workwindow.solver.guide import Guide
from workwindow.solver.lexicographic import Solution, SolverSettings, StagedObjective, solve_lexicographic
from workwindow.solver.objectives import TIE_BREAK, late_places, staged
from workwindow.solver.progress import UNWATCHED, Progress
from workwindow.solver.readback import read_week
from workwindow.solver.week_model import WeekModel, build_week_model
from workwindow.solver.weeks import WeekResult, bounds_where_they_pay

HORIZON = 0
"""The `week` of a stage that spans every week."""


JOINT_UP_TO = 1_200
"""Participant-weeks up to which the weeks are solved together in one model, so the
leximin is exact where CP-SAT proves its stages (the pilot has 100, a 100-person
week 100). Beyond, the weeks go one after another (`_rolling`)."""


def solve_fair(
    scenario: Scenario,
    deadline: float,
    deterministic_budget: float,
    settings: SolverSettings,
    margins: dict[str, int] | None = None,
    progress: Progress | None = None,
    guide: Guide | None = None,
) -> list[WeekResult]:
    """The weeks under an objective list with `fairness`: together where that is affordable, else rolling."""
    job = _Job(deadline, deterministic_budget, settings, margins, UNWATCHED if progress is None else progress, guide)
    if len(scenario.participants) * scenario.weeks <= JOINT_UP_TO:
        return _together(scenario, job)
    return _rolling(scenario, job)


def _together(scenario: Scenario, job: "_Job") -> list[WeekResult]:
    """The horizon's lexicographic optimum by the job's deadline, read back week by week.

    The horizon's stages (week 0) and build time go with the first week's
    result, so the schedule lists each stage once.
    """
    return _solve_weeks(scenario, list(range(1, scenario.weeks + 1)), job, Counter(), HORIZON)


def _rolling(scenario: Scenario, job: "_Job") -> list[WeekResult]:
    """Best effort at city size: one week after another, each week's fairness levels counting the
    days of the weeks before as they were planned.

    Each week is as large a model as without fairness. What the weeks before
    did is fixed, so a week's optimum is not the horizon's: the fairness
    stages and every stage after them are reported `feasible`, with their
    week's bound given the weeks before.
    """
    results: list[WeekResult] = []
    prior: Counter[str] = Counter()
    for week in range(1, scenario.weeks + 1):
        now = time.monotonic()
        share = (job.deadline - now) / (scenario.weeks - week + 1)
        weekly = replace(job, deadline=now + share, deterministic_budget=job.deterministic_budget / scenario.weeks)
        [result] = _solve_weeks(scenario, [week], weekly, prior, week)
        result.stages = _unproven_from_fairness(result.stages)
        prior.update(a.participant for a in result.assignments)
        results.append(result)
    return results


@dataclass(frozen=True)
class _Job:
    deadline: float
    deterministic_budget: float
    settings: SolverSettings
    margins: dict[str, int] | None
    progress: Progress
    guide: Guide | None


def _solve_weeks(
    scenario: Scenario, numbers: list[int], job: _Job, prior: Counter, stage_week: int
) -> list[WeekResult]:
    """These weeks in one model, fairness counting `prior` days besides theirs."""
    built = time.perf_counter()
    model = cp_model.CpModel()
    weeks, spans = [], []
    for number in numbers:
        first = len(model.proto.variables)
        weeks.append(build_week_model(scenario, week_facts(scenario, number, job.margins), model=model))
        spans.append(range(first, len(model.proto.variables)))
    counts = _counts(scenario, weeks, prior)
    most = {pid: prior[pid] + fairness.most_days(scenario, [w.facts for w in weeks], pid) for pid in counts}
    levels = fairness.level_literals(model, counts, most)
    tightening = [bounds_where_they_pay(w, job.deadline, time.perf_counter() - built, job.settings) for w in weeks]
    objectives = [stage for name in scenario.objective for stage in _stages(name, scenario, weeks, levels, tightening)]
    if job.guide is not None:
        objectives += _summed([stage for w in weeks for stage in job.guide.stages(w)])
    objectives.append(StagedObjective(TIE_BREAK, sum(late_places(w.v) for w in weeks)))
    start = _start(model, weeks, spans, levels, prior, job.guide)
    build_seconds = time.perf_counter() - built
    solved = solve_lexicographic(
        model,
        objectives,
        week=stage_week,
        deadline=job.deadline,
        deterministic_budget=job.deterministic_budget,
        settings=job.settings,
        start=start,
        progress=job.progress,
    )
    results = [_read(week, solved.solution) for week in weeks]
    results[0].stages = solved.stages
    results[0].build_seconds = build_seconds + solved.prepare_seconds
    return results


def _unproven_from_fairness(stages: list[Stage]) -> list[Stage]:
    """From the first fairness stage on, a rolling week's optimum is its own, not the horizon's."""
    first = next((i for i, s in enumerate(stages) if s.objective == fairness.NAME), len(stages))
    return [*stages[:first], *(s.model_copy(update={"status": "feasible"}) for s in stages[first:])]


def _read(week: WeekModel, solution: Solution) -> WeekResult:
    began = time.perf_counter()
    plan = read_week(week, solution)
    return WeekResult(plan.assignments, plan.groups, read_seconds=time.perf_counter() - began, facts=week.facts)


def _counts(scenario: Scenario, weeks: list[WeekModel], prior: Counter) -> dict[str, cp_model.LinearExprT]:
    """Days of each participant who counts for fairness, `prior` days and these weeks', as a model expression."""
    terms: dict[str, list[cp_model.LinearExprT]] = {pid: [] for pid in fairness.could_work(scenario)}
    for week in weeks:
        for pid, days in days_worked_expr(week.facts, week.v):
            if pid in terms:
                terms[pid].append(days)
    return {pid: prior[pid] + total(parts) for pid, parts in terms.items()}


def _stages(
    name: str,
    scenario: Scenario,
    weeks: list[WeekModel],
    levels: fairness.Levels,
    tightening: list[Callable[[], None]],
) -> list[StagedObjective]:
    if name == fairness.NAME:
        return [
            StagedObjective(name, -sum(level.values()), -1, level=v) for v, level in enumerate(levels, start=1) if level
        ]
    per_week = [staged(name, scenario, w.facts, w.v) for w in weeks]

    def prepare() -> None:
        for add in tightening:
            add()

    return [
        StagedObjective(
            name, sum(s.expr for s in per_week), per_week[0].sign, prepare if name == "late_start" else None
        )
    ]


def _summed(stages: list[StagedObjective]) -> list[StagedObjective]:
    """A guide's stages of every week, one stage per name over all of them, in the order first given."""
    names = list(dict.fromkeys(s.name for s in stages))
    return [
        StagedObjective(
            name, sum(s.expr for s in stages if s.name == name), next(s.sign for s in stages if s.name == name)
        )
        for name in names
    ]


def _start(
    model: cp_model.CpModel,
    weeks: list[WeekModel],
    spans: list[range],
    levels: fairness.Levels,
    prior: Counter,
    guide: Guide | None,
) -> Solution:
    """Each week's start (the guide's, else greedy) in its own variables, and the fairness literals it makes true."""
    start = [0] * len(model.proto.variables)
    days: dict[str, int] = dict(prior)
    for week, span in zip(weeks, spans, strict=True):
        guided = guide.start(week) if guide is not None else None
        greedy = guided if guided is not None else greedy_start(week)
        start[span.start : span.stop] = greedy[span.start : span.stop]
        for i in range(spans[-1].stop, len(greedy)):  # a guide's own variables for this week, 0 in the others'
            start[i] += greedy[i]
        for option, x in week.v.assign.items():
            days[option.participant] = days.get(option.participant, 0) + greedy[x.Index()]
    for index, value in fairness.level_values(levels, days).items():
        start[index] = value
    return start

"""The one public entry point: a validated scenario in, a schedule out."""

import time

from workwindow.models import Scenario
from workwindow.models.schedule import Schedule, SolverInfo, Stage, Status
from workwindow.solver.facts import week_facts
from workwindow.solver.lexicographic import SolverSettings, StagedObjective, solve_lexicographic
from workwindow.solver.objectives import MAXIMISED, TIE_BREAK, late_places, objective_expr
from workwindow.solver.readback import kpis, objective_values, read_week
from workwindow.solver.reasons import explain_week
from workwindow.solver.week_model import build_week_model


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

    `time_limit` covers the whole solve; each week gets an equal share of what
    is left when it starts. With `deterministic`, CP-SAT's deterministic
    settings make the result depend on the input and seed only.
    """
    began = time.perf_counter()
    deadline = time.monotonic() + time_limit
    settings = SolverSettings(workers=workers, seed=seed, deterministic=deterministic)
    assignments, groups, unassigned, stages = [], [], [], []
    build_seconds = explain_seconds = 0.0
    for week in range(1, scenario.weeks + 1):
        built = time.perf_counter()
        facts = week_facts(scenario, week)
        week_model = build_week_model(scenario, facts)
        objectives = [
            StagedObjective(name, objective_expr(name, scenario, facts, week_model.v), -1 if name in MAXIMISED else 1)
            for name in scenario.objective
        ]
        objectives.append(StagedObjective(TIE_BREAK, late_places(week_model.v)))
        build_seconds += time.perf_counter() - built
        share = (deadline - time.monotonic()) / (scenario.weeks - week + 1)
        result = solve_lexicographic(
            week_model.model,
            objectives,
            week=week,
            deadline=time.monotonic() + share,
            deterministic_budget=time_limit / scenario.weeks,
            settings=settings,
        )
        stages += result.stages
        plan = read_week(week_model, result.solution)
        assignments += plan.assignments
        groups += plan.groups
        if explain:
            explained = time.perf_counter()
            unassigned += explain_week(scenario, facts, plan.assignments, plan.groups, workers)
            explain_seconds += time.perf_counter() - explained
    return Schedule(
        scenario=scenario.name,
        status=_overall_status(stages),
        objectives=objective_values(scenario, assignments, groups),
        assignments=assignments,
        groups=groups,
        unassigned=unassigned,
        kpis=kpis(scenario, assignments, groups),
        solver=SolverInfo(
            wall_seconds=round(time.perf_counter() - began, 3),
            workers=workers,
            seed=seed,
            build_seconds=round(build_seconds, 3),
            explain_seconds=round(explain_seconds, 3),
            stages=stages,
        ),
    )


def _overall_status(stages: list[Stage]) -> Status:
    if any(s.status == "unknown" for s in stages):
        return "feasible" if any(s.status != "unknown" for s in stages) else "unknown"
    return "optimal" if all(s.status == "optimal" for s in stages) else "feasible"

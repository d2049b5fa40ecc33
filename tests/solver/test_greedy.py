"""The greedy start: a feasible week of the model, minimums first, never lost by a stage without time."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from ortools.sat.python import cp_model

from tests.conftest import people, tiny
from tests.strategies import scenarios
from workwindow.models import Schedule
from workwindow.models.schedule import SolverInfo
from workwindow.solver.facts import week_facts
from workwindow.solver.greedy import greedy_start
from workwindow.solver.lexicographic import SolverSettings, solve_lexicographic
from workwindow.solver.objectives import staged
from workwindow.solver.readback import kpis, objective_values, read_week
from workwindow.solver.week_model import build_week_model
from workwindow.verify import verify


def _week(scenario):
    return build_week_model(scenario, week_facts(scenario, 1))


def _as_schedule(scenario, week, solution) -> Schedule:
    plan = read_week(week, solution)
    return Schedule(
        scenario=scenario.name,
        status="feasible",
        objectives=objective_values(scenario, plan.assignments, plan.groups),
        assignments=plan.assignments,
        groups=plan.groups,
        unassigned=[],
        kpis=kpis(scenario, plan.assignments, plan.groups),
        solver=SolverInfo(wall_seconds=0, workers=1, seed=0),
    )


def _feasible_in_the_model(week, solution) -> bool:
    for index, value in enumerate(solution):
        week.model.add(week.model.get_int_var_from_proto_index(index) == value)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(week.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(busy=True) | scenarios())
def test_the_greedy_start_is_a_solution_of_the_model_and_passes_verify(scenario):
    week = _week(scenario)
    solution = greedy_start(week)
    assert [str(v) for v in verify(scenario, _as_schedule(scenario, week, solution))] == []
    assert _feasible_in_the_model(week, solution)


def test_the_greedy_start_serves_minimums_before_extra_days():
    # one place a day for two days: P1 wants one or two days, P2 needs one
    scenario = tiny(
        participants={
            "P1": {"dose_form": "tablet", "want": [0, 2]},
            "P2": {"dose_form": "tablet", "want": [1, 1]},
        },
        **{"program.crews.street.days": ["mon", "tue"], "program.daily_cap": 1},
    )
    week = _week(scenario)
    plan = read_week(week, greedy_start(week))
    assert sorted(a.participant for a in plan.assignments) == ["P1", "P2"]


def test_the_greedy_start_gives_the_earliest_free_dose_and_starts_the_late_group_when_all_are_ready():
    # seven booths: the eighth injection patient doses ten minutes after the first seven
    scenario = tiny(participants=people(*["injection"] * 8))
    week = _week(scenario)
    plan = read_week(week, greedy_start(week))
    doses = sorted(a.dose for a in plan.assignments)
    assert doses == [8 * 60] * 7 + [8 * 60 + 10]
    [group] = plan.groups
    assert (group.group, group.start) == ("late", 9 * 60 + 15)


def test_a_stage_given_no_time_keeps_the_start_and_reports_its_value():
    scenario = tiny(participants=people("injection", "tablet", want=[1, 1]))
    week = _week(scenario)
    start = greedy_start(week)
    facts = week.facts
    objectives = [staged("late_start", scenario, facts, week.v)]
    result = solve_lexicographic(
        week.model,
        objectives,
        week=1,
        deadline=0.0,
        deterministic_budget=0.0,
        settings=SolverSettings(workers=1, deterministic=True),
        start=start,
    )
    [stage] = result.stages
    reached = objective_values(scenario, *_plan(week, result.solution))["late_start"]
    assert stage.status in ("optimal", "feasible") and stage.value == reached
    assert reached <= objective_values(scenario, *_plan(week, start))["late_start"]


def test_a_stage_reached_after_the_deadline_holds_the_start_without_asking_cp_sat():
    scenario = tiny(participants=people("injection", "tablet", want=[1, 1]))
    week = _week(scenario)
    start = greedy_start(week)
    objectives = [staged("late_start", scenario, week.facts, week.v)]
    result = solve_lexicographic(
        week.model, objectives, week=1, deadline=0.0, deterministic_budget=0.0, settings=SolverSettings(), start=start
    )
    [stage] = result.stages
    assert result.solution == start
    assert (stage.status, stage.wall_seconds) == ("feasible", 0.0)
    assert stage.value == objective_values(scenario, *_plan(week, start))["late_start"] and stage.bound == 0


def _plan(week, solution):
    plan = read_week(week, solution)
    return plan.assignments, plan.groups


@pytest.mark.parametrize("deadline_in", [1.0, 0.0], ids=["stopped-before-a-solution", "held-after-the-deadline"])
def test_a_stage_without_a_solution_of_cp_sats_reports_the_bound_of_its_domains_not_a_proof(pilot, deadline_in):
    scenario = pilot
    week = _week(scenario)
    objectives = [staged(name, scenario, week.facts, week.v) for name in ("participant_days", "late_start")]
    result = solve_lexicographic(
        week.model,
        objectives,
        week=1,
        deadline=time.monotonic() + deadline_in,
        deterministic_budget=1e-4,
        settings=SolverSettings(workers=1, deterministic=deadline_in > 0),
        start=greedy_start(week),
    )
    days, late = result.stages
    every_day_worked = sum(scenario.participants[pid].priority for pid, _date in week.facts.options)
    assert (days.status, days.bound) == ("feasible", every_day_worked) and days.gap > 0
    assert (late.status, late.bound) == ("feasible", 0)

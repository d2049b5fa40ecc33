"""The solver against the independent checks: brute-force optimum on tiny scenarios, verify on all."""

from unittest import mock

from hypothesis import HealthCheck, given, settings

from tests.brute_force import optimum
from tests.strategies import scenarios, tiny_scenarios
from workwindow.solver import portfolio, solve
from workwindow.verify import verify

SOLVE = {"time_limit": 20.0, "workers": 1, "seed": 0}


def _assert_solver_reaches_the_optimum(scenario, **solve_options):
    schedule = solve(scenario, **{**SOLVE, **solve_options})
    assert schedule.status == "optimal"
    assert tuple(reached(schedule, name) for name in scenario.objective) == optimum(scenario)
    assert [str(v) for v in verify(scenario, schedule)] == []


def reached(schedule, name: str):
    """The value the brute force gives: fairness as its whole leximin vector."""
    return tuple(schedule.fairness.days) if name == "fairness" else schedule.objectives[name]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_scenarios())
def test_the_solver_reaches_the_brute_force_optimum_on_tiny_scenarios(scenario):
    _assert_solver_reaches_the_optimum(scenario)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_scenarios(busy=True))
def test_the_solver_reaches_the_brute_force_optimum_on_busy_tiny_mornings(scenario):
    # late starts, few stations and supervisors' hours decide most of these
    _assert_solver_reaches_the_optimum(scenario)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_scenarios(busy=True))
def test_the_workers_of_a_large_week_reach_the_brute_force_optimum_too(scenario):
    # every week counts as large: two workers, and the shortfall stage's LP has the clauses
    with mock.patch.object(portfolio, "LARGE_MODEL", 0):
        _assert_solver_reaches_the_optimum(scenario, workers=2)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_every_solved_schedule_passes_verify(scenario):
    schedule = solve(scenario, **SOLVE)
    assert [str(v) for v in verify(scenario, schedule)] == []


def test_the_solved_pilot_passes_verify(solved_pilot):
    scenario, schedule = solved_pilot
    assert [str(v) for v in verify(scenario, schedule)] == []


def test_the_pilot_solved_with_another_seed_passes_verify(solved_pilot):
    scenario, _ = solved_pilot
    schedule = solve(scenario, time_limit=60.0, workers=2, seed=1)
    assert [str(v) for v in verify(scenario, schedule)] == []

"""The fairness objective: leximin over the horizon's days, checked by hand and by brute force on two weeks."""

from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.brute_force import optimum
from tests.conftest import people, tiny
from tests.strategies import scenario_data
from workwindow.models import Scenario
from workwindow.solver import solve, together, weeks_are_independent
from workwindow.verify import check_plan

SOLVE = {"time_limit": 20.0, "workers": 1, "seed": 0}


def two_mondays(objective: list[str], **participants: dict) -> Scenario:
    """Two weeks, one crew on Mondays, one place a day: two days to share in all."""
    return tiny(
        weeks=2,
        objective=objective,
        participants=participants,
        **{"program.daily_cap": 1},
    )


def test_fairness_shares_the_days_before_priorities_count():
    tablet = {"dose_form": "tablet", "want": [0, 1]}
    scenario = two_mondays(["fairness", "participant_days"], P1={**tablet, "priority": 3}, P2=tablet, P3=tablet)
    schedule = solve(scenario, **SOLVE)
    assert schedule.fairness.days == [0, 1, 1]
    assert schedule.objectives["fairness"] == 0
    assert schedule.objectives["participant_days"] == 4  # P1 (priority 3) and one other
    assert optimum(scenario) == ((0, 1, 1), 4)


def test_without_fairness_the_priorities_take_both_days():
    tablet = {"dose_form": "tablet", "want": [0, 1]}
    scenario = two_mondays(["participant_days"], P1={**tablet, "priority": 3}, P2=tablet, P3=tablet)
    schedule = solve(scenario, **SOLVE)
    assert schedule.fairness.days == [0, 0, 2]
    assert schedule.objectives["participant_days"] == 6


def test_who_cannot_work_or_wants_none_does_not_count():
    scenario = two_mondays(
        ["fairness"],
        P1={"dose_form": "tablet"},
        P2={"dose_form": "tablet", "want": [0, 0]},
        P3={"dose_form": "injection", "observation": 200},  # never ready in time
    )
    schedule = solve(scenario, **SOLVE)
    assert schedule.fairness.days == [2]
    assert schedule.objectives["fairness"] == 2


def test_fairness_ties_the_weeks_together_and_the_other_objectives_do_not():
    scenario = tiny(participants=people("tablet"))
    assert weeks_are_independent(scenario)
    assert not weeks_are_independent(scenario.model_copy(update={"objective": ["shortfall", "fairness"]}))


def test_the_horizon_stages_name_their_level_and_end_at_the_first_level_nobody_reaches():
    tablet = {"dose_form": "tablet", "want": [0, 1]}
    schedule = solve(two_mondays(["fairness"], P1=tablet, P2=tablet, P3=tablet), **SOLVE)
    levels = [(s.week, s.level, s.value, s.bound) for s in schedule.solver.stages if s.objective == "fairness"]
    assert levels == [(0, 1, 2, 2), (0, 2, 0, 0)]


@st.composite
def two_week_scenarios(draw: st.DrawFn) -> Scenario:
    """Drawn scenarios over two weeks with one working day each, fairness somewhere in the objective."""
    data = draw(scenario_data(max_participants=3, work_days=1))
    order = draw(st.permutations(["shortfall", "fairness", "participant_days", "late_start", "staff"]))
    return Scenario.model_validate({**data, "weeks": 2, "objective": order})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_week_scenarios())
def test_the_leximin_vector_matches_the_brute_force_over_two_weeks(scenario):
    schedule = solve(scenario, **SOLVE)
    assert schedule.status == "optimal"
    reached = tuple(
        tuple(schedule.fairness.days) if name == "fairness" else schedule.objectives[name]
        for name in scenario.objective
    )
    assert reached == optimum(scenario)
    found = check_plan(scenario, schedule)
    assert ([str(v) for v in found.rules], [str(v) for v in found.figures]) == ([], [])


def test_beyond_the_joint_size_the_weeks_roll_and_say_that_fairness_is_not_proven():
    tablet = {"dose_form": "tablet", "want": [0, 1]}
    scenario = two_mondays(
        ["shortfall", "fairness", "participant_days"], P1={**tablet, "priority": 3}, P2=tablet, P3=tablet
    )
    with mock.patch.object(together, "JOINT_UP_TO", 0):
        schedule = solve(scenario, **SOLVE)
    assert schedule.fairness.days == [0, 1, 1]  # week 2 goes to someone week 1 left out
    assert [(s.week, s.objective, s.status) for s in schedule.solver.stages if s.objective != "late_places"] == [
        (1, "shortfall", "optimal"),
        (1, "fairness", "feasible"),  # one level: nobody can have two days yet
        (1, "participant_days", "feasible"),
        (2, "shortfall", "optimal"),
        (2, "fairness", "feasible"),
        (2, "fairness", "feasible"),
        (2, "participant_days", "feasible"),
    ]
    assert schedule.status == "feasible"
    assert check_plan(scenario, schedule).rules == []

"""Each objective, and that their order in `objective` changes the answer where it should."""

from tests.conftest import people, tiny
from workwindow.solver import solve

TWO_DAYS_ONE_PLACE = {
    "program.daily_cap": 1,
    "program.crews.street.days": ["mon", "tue"],
}
A_NEEDS_ONE_DAY_B_COUNTS_TRIPLE = {
    "A": {"dose_form": "tablet", "want": [1, 2], "priority": 1},
    "B": {"dose_form": "tablet", "want": [0, 2], "priority": 3},
}


def days_of(schedule) -> dict[str, int]:
    days: dict[str, int] = {}
    for a in schedule.assignments:
        days[a.participant] = days.get(a.participant, 0) + 1
    return days


def test_shortfall_first_gives_everyone_their_minimum_before_extra_days():
    scenario = tiny(participants=A_NEEDS_ONE_DAY_B_COUNTS_TRIPLE, **TWO_DAYS_ONE_PLACE)
    schedule = solve(scenario)
    assert days_of(schedule) == {"A": 1, "B": 1}
    assert schedule.objectives["shortfall"] == 0 and schedule.objectives["participant_days"] == 4


def test_participant_days_first_gives_the_places_to_the_higher_priority():
    scenario = tiny(
        participants=A_NEEDS_ONE_DAY_B_COUNTS_TRIPLE,
        objective=["participant_days", "shortfall", "late_start", "staff"],
        **TWO_DAYS_ONE_PLACE,
    )
    schedule = solve(scenario)
    assert days_of(schedule) == {"B": 2}
    assert schedule.objectives["shortfall"] == 1 and schedule.objectives["participant_days"] == 6


def test_participant_days_before_late_start_waits_for_the_slow_participant():
    participants = {**people("injection"), "SLOW": {"dose_form": "injection", "observation": 75}}
    schedule = solve(tiny(participants=participants))
    [group] = schedule.groups
    assert sorted(group.participants) == ["P1", "SLOW"]
    assert schedule.objectives["late_start"] == 50  # SLOW is ready 09:50


def test_late_start_before_participant_days_starts_early_without_the_slow_participant():
    participants = {**people("injection"), "SLOW": {"dose_form": "injection", "observation": 75}}
    schedule = solve(tiny(participants=participants, objective=["late_start", "participant_days"]))
    # the earliest late start is none at all: a schedule with no late group has late_start 0
    assert schedule.objectives["late_start"] == 0
    assert schedule.assignments == []


def test_staff_objective_uses_the_fewest_supervisor_days():
    scenario = tiny(
        participants=people("injection", "injection"),
        staff={"kari": {}, "ola": {}},
        **{"program.crews.street.staff_ratio": 2},
    )
    schedule = solve(scenario)
    assert schedule.objectives["staff"] == 1
    assert len(schedule.groups[0].staff) == 1


def test_objective_left_out_is_not_optimised_but_still_reported():
    scenario = tiny(participants=people("tablet"), objective=["shortfall"])
    schedule = solve(scenario)
    assert set(schedule.objectives) == {"shortfall", "fairness", "participant_days", "late_start", "staff"}
    assert [s.objective for s in schedule.solver.stages] == ["shortfall", "late_places"]


def test_pilot_solves_to_proven_optimality(pilot):
    schedule = solve(pilot, time_limit=60)
    assert schedule.status == "optimal"
    assert all(stage.value == stage.bound for stage in schedule.solver.stages)
    assert schedule.kpis.days_worked == len(schedule.assignments) > 0

"""One small, hand-checked solve per constraint family of SPEC section 3.

In the tiny scenario a dose takes 10 min and travel 25, so an injection
(30 min observation) is ready 65 min after its dose starts and a tablet
(15 min) 50 min after: with the clinic opening at 08:00, injection is ready
at 09:05 at the earliest (too late for the 09:00 ordinary start), tablets at
08:50.
"""

from tests.conftest import people, tiny
from workwindow.models import format_time
from workwindow.solver import solve


def reasons(schedule) -> dict[str, str]:
    return {u.participant: u.reason for u in schedule.unassigned}


def test_injection_waits_for_a_late_group_that_starts_when_they_are_ready():
    schedule = solve(tiny(participants=people("injection")))
    [a] = schedule.assignments
    assert (a.group, format_time(a.dose), format_time(a.ready), format_time(a.start)) == (
        "late",
        "08:00",
        "09:05",
        "09:05",
    )
    assert schedule.objectives["late_start"] == 5


def test_tablet_joins_the_ordinary_group_rather_than_a_late_group_at_the_same_time():
    schedule = solve(tiny(participants=people("tablet")))
    [a] = schedule.assignments
    assert a.group == "ordinary" and a.start == 9 * 60 and a.ready <= a.start


def test_fixed_morning_dose_is_kept_and_sets_the_ready_time():
    schedule = solve(tiny(participants=people("injection", morning_dose="08:30")))
    [a] = schedule.assignments
    assert (format_time(a.dose), format_time(a.start)) == ("08:30", "09:35")


def test_participant_who_cannot_be_ready_by_the_latest_start_is_not_ready():
    schedule = solve(tiny(participants=people("injection", observation=90)))
    assert schedule.assignments == []
    [u] = schedule.unassigned
    assert u.reason == "not_ready" and "earliest ready 10:05" in u.detail and "10:00" in u.detail


def test_min_work_minutes_pull_the_latest_start_forward():
    scenario = tiny(participants=people("injection"), **{"program.min_work_minutes": 180})
    assert reasons(solve(scenario)) == {"P1": "not_ready"}


def test_participant_who_cannot_be_back_for_the_afternoon_dose_gets_no_work():
    scenario = tiny(participants=people("tablet"), **{"clinics.habio.afternoon": ["12:00", "12:30"]})
    schedule = solve(scenario)
    assert schedule.assignments == [] and reasons(schedule) == {"P1": "afternoon"}


def test_one_station_doses_three_in_time_and_the_fourth_finds_no_slot():
    # the late start 09:30 needs the injection dose by 08:25: slots 08:00, 08:10, 08:20
    scenario = tiny(
        participants=people("injection", "injection", "injection", "injection"),
        **{"clinics.habio.stations": 1, "program.latest_start": "09:30"},
    )
    schedule = solve(scenario)
    assert sorted(format_time(a.dose) for a in schedule.assignments) == ["08:00", "08:10", "08:20"]
    assert list(reasons(schedule).values()) == ["stations"]


def test_station_profile_gives_no_stations_outside_its_slots():
    scenario = tiny(
        participants=people("injection", "injection"),
        **{"clinics.habio.stations": [{"from": "08:10", "to": "08:20", "n": 1}]},
    )
    schedule = solve(scenario)
    assert [format_time(a.dose) for a in schedule.assignments] == ["08:10"]
    assert list(reasons(schedule).values()) == ["stations"]


def test_late_group_cap_leaves_the_third_participant_out():
    scenario = tiny(
        participants=people("injection", "injection", "injection"),
        **{"program.crews.street.late_capacity": 2},
    )
    schedule = solve(scenario)
    assert len(schedule.assignments) == 2
    assert list(reasons(schedule).values()) == ["capacity"]
    assert "street late group full (2/2)" in schedule.unassigned[0].detail


def test_ramp_up_replaces_the_daily_cap_in_its_week():
    scenario = tiny(
        participants=people("tablet", "tablet", "tablet"),
        weeks=2,
        **{"program.daily_cap": 2, "program.ramp_up": {1: 1}},
    )
    schedule = solve(scenario)
    per_week = [sum(1 for a in schedule.assignments if scenario.week_of(a.date) == w) for w in (1, 2)]
    assert per_week == [1, 2]
    assert all("ramp-up cap of week 1 full (1/1)" in u.detail for u in schedule.unassigned if u.date.day == 11)


def test_staff_ratio_limits_a_late_group_to_what_its_supervisors_can_lead():
    scenario = tiny(
        participants=people("injection", "injection", "injection"),
        staff={"kari": {}},
        **{"program.crews.street.staff_ratio": 2},
    )
    schedule = solve(scenario)
    [group] = schedule.groups
    assert len(group.participants) == 2 and group.staff == ["kari"]
    assert list(reasons(schedule).values()) == ["staff"]


def test_a_late_group_one_over_the_staff_ratio_gets_a_second_supervisor():
    scenario = tiny(
        participants=people("injection", "injection", "injection"),
        staff={"kari": {}, "ola": {}},
        **{"program.crews.street.staff_ratio": 2},
    )
    schedule = solve(scenario)
    [group] = schedule.groups
    assert len(group.participants) == 3 and group.staff == ["kari", "ola"]
    assert schedule.objectives["staff"] == 2


def test_supervisor_prep_time_and_hours_push_the_late_start():
    scenario = tiny(
        participants=people("injection"),
        staff={"kari": {"hours": ["09:30", "13:00"]}},
        **{"program.crews.street.staff_ratio": 6, "program.staff_prep_minutes": 15},
    )
    [group] = solve(scenario).groups
    assert format_time(group.start) == "09:45" and group.staff == ["kari"]


def test_supervisor_who_leaves_before_payout_cannot_lead():
    scenario = tiny(
        participants=people("injection"),
        staff={"kari": {"hours": ["08:00", "11:00"]}},
        **{"program.crews.street.staff_ratio": 6},
    )
    schedule = solve(scenario)
    assert schedule.assignments == [] and reasons(schedule) == {"P1": "staff"}


def test_supervisor_leads_one_group_a_day_and_at_most_max_days_a_week():
    scenario = tiny(
        participants=people("injection", "injection"),
        staff={"kari": {"max_days": 1}},
        sites={"street": {"travel": {"habio": 25}}, "shop": {"travel": {"habio": 25}}},
        **{
            "program.crews": {
                "street": {"site": "street", "days": ["mon", "tue"], "staff_ratio": 6},
                "shop": {"site": "shop", "days": ["mon"], "staff_ratio": 6},
            }
        },
    )
    schedule = solve(scenario)
    led = [(g.date, g.crew) for g in schedule.groups if g.staff]
    assert len(led) == 1
    assert schedule.objectives["staff"] == 1


def test_days_wanted_cap_the_week_and_the_rest_are_want_max():
    scenario = tiny(
        participants=people("tablet", want=[0, 1]),
        **{"program.crews.street.days": ["mon", "tue", "wed"]},
    )
    schedule = solve(scenario)
    assert len(schedule.assignments) == 1
    assert sorted(reasons(schedule).values()) == ["want_max"]
    assert [u.reason for u in schedule.unassigned] == ["want_max", "want_max"]


def test_no_work_on_closed_days_away_days_or_days_the_participant_does_not_come():
    scenario = tiny(
        participants={
            "P1": {"dose_form": "tablet", "away": ["2024-03-12"]},
            "P2": {"dose_form": "tablet", "days": ["wed"]},
        },
        closed=["2024-03-13"],
        **{"program.crews.street.days": ["mon", "tue", "wed"]},
    )
    schedule = solve(scenario)
    assert sorted((a.participant, a.date.isoformat()) for a in schedule.assignments) == [("P1", "2024-03-11")]
    assert schedule.unassigned == []


def test_day_that_fits_but_would_worsen_an_earlier_objective_is_a_tradeoff():
    participants = {**people("injection"), "SLOW": {"dose_form": "injection", "observation": 75}}
    scenario = tiny(participants=participants, objective=["late_start", "participant_days"])
    schedule = solve(scenario)
    assert schedule.assignments == []
    assert reasons(schedule) == {"P1": "tradeoff", "SLOW": "tradeoff"}
    assert "late_start, then participant_days" in schedule.unassigned[0].detail

"""Break one rule of a valid plan at a time: verify names exactly that rule, with the numbers."""

import pytest

from tests.verify.plans import (
    Plan,
    as_schedule,
    assignment,
    group,
    small_plan,
    small_scenario,
    small_scenario_with,
    unassigned,
    with_true_tally,
)
from workwindow.verify import verify

MON, TUE, WED = "2024-03-11", "2024-03-12", "2024-03-13"


def _dose(plan: Plan, pid: str, date: str, dose: str, ready: str) -> None:
    a = assignment(plan, pid, date)
    a["dose"], a["ready"] = dose, ready


def dose_before_window(plan: Plan) -> None:
    _dose(plan, "P05", WED, "07:55", "08:45")


def dose_off_grid(plan: Plan) -> None:
    _dose(plan, "P05", WED, "08:12", "09:02")


def fixed_dose_moved(plan: Plan) -> None:
    _dose(plan, "P03", TUE, "08:25", "09:30")


def ready_after_late_start(plan: Plan) -> None:
    _dose(plan, "P05", MON, "08:20", "09:10")


def ready_misreported(plan: Plan) -> None:
    assignment(plan, "P01", MON)["ready"] = "09:10"


def three_in_a_late_group_of_two(plan: Plan) -> None:
    a = assignment(plan, "P06", TUE)
    a["group"], a["start"] = "late", "09:35"
    plan["groups"].remove(group(plan, TUE, "gaterydding", "ordinary"))
    group(plan, TUE, "gaterydding", "late")["participants"].append("P06")
    _add(plan, "P01", TUE, "gaterydding", "late", dose="08:20", ready="09:25", start="09:35")
    group(plan, TUE, "gaterydding", "late")["participants"].append("P01")
    plan["unassigned"].remove(unassigned(plan, "P01", TUE))


def four_on_a_day_capped_at_three(plan: Plan) -> None:
    _add(plan, "P06", MON, "gaterydding", "ordinary", dose="08:10", ready="09:00", start="09:00")
    group(plan, MON, "gaterydding", "ordinary")["participants"].append("P06")
    plan["unassigned"].remove(unassigned(plan, "P06", MON))


def three_doses_on_two_stations(plan: Plan) -> None:
    _dose(plan, "P01", MON, "08:00", "09:05")


def supervisor_missing(plan: Plan) -> None:
    group(plan, MON, "gaterydding", "late")["staff"] = []


def supervisor_on_two_groups(plan: Plan) -> None:
    group(plan, MON, "verksted", "late")["staff"] = ["kari"]


def supervisor_above_max_days(plan: Plan) -> None:
    group(plan, TUE, "gaterydding", "late")["staff"] = ["kari"]


def supervisor_on_a_day_off(plan: Plan) -> None:
    group(plan, MON, "gaterydding", "late")["staff"] = ["ola"]
    group(plan, TUE, "gaterydding", "late")["staff"] = ["kari"]


def supervisor_on_an_ordinary_group(plan: Plan) -> None:
    group(plan, TUE, "gaterydding", "ordinary")["staff"] = ["kari"]


def more_days_than_wanted(plan: Plan) -> None:
    _add(plan, "P01", TUE, "gaterydding", "late", dose="08:20", ready="09:25", start="09:35")
    group(plan, TUE, "gaterydding", "late")["participants"].append("P01")
    plan["unassigned"].remove(unassigned(plan, "P01", TUE))


def work_on_a_day_away(plan: Plan) -> None:
    _add(plan, "P05", TUE, "gaterydding", "late", dose="08:10", ready="09:15", start="09:35")
    group(plan, TUE, "gaterydding", "late")["participants"].append("P05")


def late_start_after_latest(plan: Plan) -> None:
    _start(plan, TUE, "gaterydding", "10:05")


def late_start_off_grid(plan: Plan) -> None:
    _start(plan, TUE, "gaterydding", "09:37")


def ordinary_group_starts_late(plan: Plan) -> None:
    _start(plan, WED, "verksted", "09:10", kind="ordinary")


def group_ends_before_payout(plan: Plan) -> None:
    group(plan, WED, "verksted", "ordinary")["end"] = "11:30"
    assignment(plan, "P04", WED)["end"] = "11:30"


def group_leaves_out_a_member(plan: Plan) -> None:
    group(plan, WED, "verksted", "late")["participants"].remove("P05")


def group_start_differs_from_members(plan: Plan) -> None:
    group(plan, WED, "verksted", "late")["start"] = "09:10"


def group_missing(plan: Plan) -> None:
    plan["groups"].remove(group(plan, MON, "verksted", "late"))


def unassigned_but_working(plan: Plan) -> None:
    plan["unassigned"].append({"participant": "P04", "date": WED, "reason": "capacity", "detail": "full"})


def unassigned_while_away(plan: Plan) -> None:
    plan["unassigned"].append({"participant": "P05", "date": TUE, "reason": "tradeoff", "detail": "-"})


def two_assignments_one_day(plan: Plan) -> None:
    _add(plan, "P03", TUE, "gaterydding", "ordinary", dose="08:30", ready="09:35", start="09:00")


def unknown_participant(plan: Plan) -> None:
    _add(plan, "P99", WED, "verksted", "late", dose="08:40", ready="09:15", start="09:05")
    group(plan, WED, "verksted", "late")["participants"].append("P99")


def date_after_horizon(plan: Plan) -> None:
    _add(plan, "P04", "2024-03-20", "verksted", "ordinary", dose="08:00", ready="08:40", start="09:00")


def _add(plan: Plan, pid: str, date: str, crew: str, kind: str, *, dose: str, ready: str, start: str) -> None:
    plan["assignments"].append(
        {
            "participant": pid,
            "date": date,
            "crew": crew,
            "group": kind,
            "dose": dose,
            "ready": ready,
            "start": start,
            "end": "12:00",
        }
    )


def _start(plan: Plan, date: str, crew: str, start: str, kind: str = "late") -> None:
    group(plan, date, crew, kind)["start"] = start
    for a in plan["assignments"]:
        if (a["date"], a["crew"], a["group"]) == (date, crew, kind):
            a["start"] = start


MUTATIONS = [
    (dose_before_window, "dose_window", ["P05 on 2024-03-13", "07:55", "habio", "08:00–10:00"]),
    (dose_off_grid, "dose_grid", ["P05 on 2024-03-13", "08:12", "5-minute"]),
    (fixed_dose_moved, "dose_fixed", ["P03 on 2024-03-12", "08:25", "fixed at 08:30"]),
    (
        ready_after_late_start,
        "ready",
        [
            "P05 on 2024-03-11",
            "ready 09:10",
            "dose at 08:20 + 10 + 30 observation + 10 travel",
            "09:00",
        ],
    ),
    (ready_misreported, "ready_reported", ["P01 on 2024-03-11", "09:10", "makes 09:15"]),
    (four_on_a_day_capped_at_three, "daily_cap", ["2024-03-11", "4 participants", "3 (ramp_up week 1)"]),
    (
        three_doses_on_two_stations,
        "stations",
        ["habio", "2024-03-11", "08:00", "3 doses", "P01, P02, P05", "2 stations"],
    ),
    (supervisor_missing, "staff", ["gaterydding", "2024-03-11", "1 participants", "0 supervisors", "= 1"]),
    (supervisor_on_two_groups, "staff_twice", ["kari", "2024-03-11", "2 groups"]),
    (supervisor_above_max_days, "staff_max_days", ["kari", "2 days in week 1", "max_days is 1"]),
    (supervisor_on_a_day_off, "staff_eligibility", ["ola", "2024-03-11", "does not work on mon"]),
    (
        supervisor_on_an_ordinary_group,
        "staff_ordinary",
        ["kari", "ordinary group of gaterydding", "2024-03-12"],
    ),
    (more_days_than_wanted, "want_max", ["P01", "2 days in week 1", "2024-03-11, 2024-03-12", "at most 1"]),
    (work_on_a_day_away, "not_eligible", ["P05 on 2024-03-12", "away"]),
    (late_start_after_latest, "start", ["late group of gaterydding on 2024-03-12", "10:05", "10:00"]),
    (late_start_off_grid, "start_grid", ["2024-03-12", "09:37", "5-minute"]),
    (ordinary_group_starts_late, "start", ["ordinary group of verksted on 2024-03-13", "09:10", "09:00"]),
    (group_ends_before_payout, "end", ["verksted", "2024-03-13", "11:30", "12:00"]),
    (
        group_leaves_out_a_member,
        "group",
        ["P05", "late group of verksted on 2024-03-13", "does not list P05"],
    ),
    (group_start_differs_from_members, "group", ["P05 on 2024-03-13", "09:05", "09:10"]),
    (group_missing, "group", ["late group of verksted on 2024-03-11", "P05", "missing"]),
    (unassigned_but_working, "unassigned", ["P04 on 2024-03-13", "works that day"]),
    (unassigned_while_away, "unassigned", ["P05 on 2024-03-12", "away"]),
    (unknown_participant, "unknown_id", ["P99"]),
    (date_after_horizon, "outside_horizon", ["P04", "2024-03-20", "2024-03-11 to 2024-03-17"]),
]


def test_the_hand_checked_plan_is_valid():
    assert verify(small_scenario(), as_schedule(small_plan())) == []


@pytest.mark.parametrize(("mutate", "kind", "fragments"), MUTATIONS, ids=[m.__name__ for m, _, _ in MUTATIONS])
def test_one_broken_rule_is_reported_as_its_kind_with_the_numbers(mutate, kind, fragments):
    scenario = small_scenario()
    plan = small_plan()
    mutate(plan)
    violations = verify(scenario, as_schedule(with_true_tally(scenario, plan)))
    assert {v.kind for v in violations} == {kind}, [str(v) for v in violations]
    assert any(all(f in v.message for f in fragments) for v in violations), [str(v) for v in violations]


def test_too_many_in_a_late_group_is_a_group_cap_violation():
    # P01 now works two days; the scenario allows it here, so only the cap breaks
    scenario = small_scenario_with(lambda data: data["participants"]["P01"].update(want=[1, 2]))
    plan = small_plan()
    three_in_a_late_group_of_two(plan)
    violations = verify(scenario, as_schedule(with_true_tally(scenario, plan)))
    assert {v.kind for v in violations} == {"group_cap"}, [str(v) for v in violations]
    assert "has 3 participants, but gaterydding's late_capacity is 2" in violations[0].message


def test_two_assignments_on_one_day_are_reported():
    scenario = small_scenario()
    plan = small_plan()
    two_assignments_one_day(plan)
    violations = verify(scenario, as_schedule(with_true_tally(scenario, plan)))
    assert any(v.kind == "two_assignments" and "P03 on 2024-03-12 has 2 assignments" in v.message for v in violations)


def test_coming_back_after_the_afternoon_dose_closes_is_reported():
    scenario = small_scenario_with(lambda data: data["clinics"]["habio"].update(afternoon=["12:00", "12:30"]))
    # fewer people could work now, so fairness counts fewer: the figures are updated to show the rule alone
    violations = verify(scenario, as_schedule(with_true_tally(scenario, small_plan())))
    assert {v.kind for v in violations} == {"afternoon"}
    # gaterydding is 25 minutes away (12:25 > 12:20); verksted only 10 (12:10)
    assert {v.message.split(":")[0] for v in violations} == {
        "P02 on 2024-03-11 (gaterydding)",
        "P01 on 2024-03-11 (gaterydding)",
        "P06 on 2024-03-12 (gaterydding)",
        "P03 on 2024-03-12 (gaterydding)",
    }
    assert "12:25 (payout 12:00 + 25 travel)" in violations[0].message
    assert "by 12:20 (window closes 12:30 − 10 dose minutes)" in violations[0].message


def test_an_ordinary_group_too_short_for_the_minimum_work_is_reported():
    scenario = small_scenario_with(
        lambda data: data["program"].update(min_work_minutes=185, latest_start="09:00", payout="12:05")
    )
    plan = small_plan()
    for g in plan["groups"]:
        g["end"] = "12:05"
    for a in plan["assignments"]:
        a["end"] = "12:05"
    violations = verify(scenario, as_schedule(plan))
    messages = {v.message for v in violations if v.kind == "start"}
    assert (
        "The ordinary group of verksted on 2024-03-13 runs 09:00–12:05, only 185 minutes, "
        "less than min_work_minutes 185."
    ) not in messages
    scenario = small_scenario_with(lambda data: data["program"].update(min_work_minutes=181, latest_start="09:00"))
    violations = verify(scenario, as_schedule(small_plan()))
    assert (
        "The ordinary group of verksted on 2024-03-13 runs 09:00–12:00, only 180 minutes, "
        "less than min_work_minutes 181."
    ) in {v.message for v in violations if v.kind == "start"}


def test_a_station_profile_with_no_station_at_a_dose_is_reported():
    scenario = small_scenario_with(
        lambda data: data["clinics"]["habio"].update(
            stations=[{"from": "08:00", "to": "08:05", "n": 2}, {"from": "08:05", "to": "10:10", "n": 1}]
        )
    )
    violations = verify(scenario, as_schedule(small_plan()))
    messages = [v.message for v in violations if v.kind == "stations"]
    # P02 and P05 dose together at 08:00; two stations until 08:05, then one
    assert messages == ["Clinic habio on 2024-03-11 at 08:05: 2 doses in progress (P02, P05) but only 1 station free."]


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("shortfall", 1, "objectives.shortfall is 1, but the schedule gives 0"),
        ("participant_days", 11, "objectives.participant_days is 11, but the schedule gives 10"),
        ("late_start", 50, "objectives.late_start is 50, but the schedule gives 55"),
        ("staff", 3, "objectives.staff is 3, but the schedule gives 2"),
    ],
)
def test_a_misreported_objective_is_reported(field, value, fragment):
    plan = small_plan()
    plan["objectives"][field] = value
    violations = verify(small_scenario(), as_schedule(plan))
    assert [v.kind for v in violations] == ["objective"]
    assert fragment in violations[0].message


def test_a_missing_objective_is_reported():
    plan = small_plan()
    del plan["objectives"]["staff"]
    violations = verify(small_scenario(), as_schedule(plan))
    assert [(v.kind, v.message.split(";")[0]) for v in violations] == [("objective", "objectives has no 'staff'")]


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("participants_served", 5, "kpis.participants_served is 5, but the schedule gives 6"),
        ("days_worked", 9, "kpis.days_worked is 9, but the schedule gives 8"),
        ("mean_late_start_offset", 14.0, "kpis.mean_late_start_offset is 14.0, but the schedule gives 13.75"),
        ("mean_late_start_offset", None, "kpis.mean_late_start_offset is None, but the schedule gives 13.75"),
        ("station_peak", 3, "kpis.station_peak is 3, but the schedule gives 2"),
        ("shortfall", 2, "kpis.shortfall is 2, but the schedule gives 0"),
    ],
)
def test_a_misreported_kpi_is_reported(field, value, fragment):
    plan = small_plan()
    plan["kpis"][field] = value
    violations = verify(small_scenario(), as_schedule(plan))
    assert [v.kind for v in violations] == ["kpi"]
    assert fragment in violations[0].message


def test_a_plan_for_another_scenario_is_reported():
    plan = small_plan()
    plan["scenario"] = "another"
    assert [v.kind for v in verify(small_scenario(), as_schedule(plan))] == ["scenario"]


def test_shortfall_is_weighted_by_priority_and_counted_per_week():
    # without its two days P05 (priority 2, want at least 1) falls 1 day short
    scenario = small_scenario()
    plan = small_plan()
    plan["assignments"] = [a for a in plan["assignments"] if a["participant"] != "P05"]
    for g in plan["groups"]:
        g["participants"] = [p for p in g["participants"] if p != "P05"]
    plan["groups"] = [g for g in plan["groups"] if g["participants"]]
    true = with_true_tally(scenario, plan)
    assert true["objectives"] == {"shortfall": 2, "fairness": 0, "participant_days": 6, "late_start": 55, "staff": 2}
    assert true["kpis"]["shortfall"] == 1
    assert true["kpis"]["mean_late_start_offset"] == pytest.approx(55 / 3)

"""Without events a replan gives back the published plan; with --from the days before stay byte for byte."""

import datetime as dt

from hypothesis import HealthCheck, given, settings

from tests.strategies import scenarios
from workwindow.models import Scenario, Schedule
from workwindow.replan import Events, replan
from workwindow.replan.core import NOT_THERE
from workwindow.solver import solve
from workwindow.verify import verify


def _records(schedule: Schedule, dates) -> list[str]:
    chosen = [*schedule.assignments, *schedule.groups]
    return [r.model_dump_json() for r in chosen if r.date in dates]


def test_every_pilot_working_day_replanned_without_events_is_unchanged(pilot: Scenario, pilot_plan: Schedule):
    working_days = sorted({a.date for a in pilot_plan.assignments})
    for date in working_days:
        result = replan(pilot, pilot_plan, date)
        assert result.changes == ()
        assert result.schedule.assignments == pilot_plan.assignments
        assert result.schedule.groups == pilot_plan.groups


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_participants=4))
def test_a_drawn_plan_replanned_without_events_is_unchanged(scenario: Scenario):
    plan = solve(scenario, time_limit=5.0, workers=1, explain=False, deterministic=True)
    for date in sorted({a.date for a in plan.assignments})[:2]:
        result = replan(scenario, plan, date)
        assert result.changes == ()
        assert _records(result.schedule, scenario.dates) == _records(plan, scenario.dates)


def test_from_a_wednesday_keeps_the_earlier_days_byte_for_byte(pilot: Scenario, pilot_plan: Schedule):
    first = dt.date(2024, 3, 20)
    result = replan(pilot, pilot_plan, first, Events(staff_absent={"veileder2"}), to_end=True)
    earlier = [d for d in pilot.dates if d < first]
    assert _records(result.schedule, earlier) == _records(pilot_plan, earlier)
    assert result.dates == tuple(d for d in pilot.dates if d >= first)
    assert not any("veileder2" in g.staff for g in result.schedule.groups if g.date >= first)
    assert verify(pilot, result.schedule) == []


def test_replanned_days_want_max_reasons_count_the_whole_week(pilot: Scenario, pilot_plan: Schedule):
    first = dt.date(2024, 3, 12)
    new = replan(pilot, pilot_plan, first, to_end=True).schedule
    reasons = [u for u in new.unassigned if first < u.date and pilot.week_of(u.date) == 1 and u.reason == "want_max"]
    assert reasons  # someone who worked on Monday (kept as published) has the week's maximum on a later day
    for u in reasons:
        worked = sum(1 for a in new.assignments if a.participant == u.participant and pilot.week_of(a.date) == 1)
        assert (
            u.detail == f"already works {worked} of at most {pilot.participants[u.participant].want[1]} days in week 1"
        )


def test_who_was_not_there_keeps_the_published_reason_and_the_absent_are_not_listed(
    pilot: Scenario, pilot_plan: Schedule
):
    date = dt.date(2024, 3, 11)
    absent = next(a.participant for a in pilot_plan.assignments if a.date == date)
    new = replan(pilot, pilot_plan, date, Events(absent={absent})).schedule
    published = {u.participant: u for u in pilot_plan.unassigned if u.date == date}
    now = {u.participant: u for u in new.unassigned if u.date == date}
    assert published and set(now) == set(published)  # the absent one had a place, so is in neither
    for pid, u in now.items():
        assert (u.reason, u.detail) == (published[pid].reason, NOT_THERE + published[pid].detail)
    assert verify(pilot, new) == []

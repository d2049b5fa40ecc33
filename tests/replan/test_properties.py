"""Drawn plans and mornings: the new plan keeps every rule, only its day changes, least (brute force)."""

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import people, tiny
from tests.replan.brute_force_replan import least_changes
from tests.replan.plans import MONDAY
from tests.strategies import scenario_data, tiny_scenarios
from workwindow.models import Scenario
from workwindow.replan import Events, replan
from workwindow.replan.candidates import Candidate, candidates
from workwindow.solver import solve
from workwindow.verify import verify

STAGES = ("keep", "walk_ins", "dose_moves", "changes")


@st.composite
def mornings(draw: st.DrawFn):
    """A tiny one-crew scenario, its solved plan, a working day and the morning's events."""
    scenario = draw(tiny_scenarios(busy=draw(st.sampled_from([True, True, False]))))
    assume(len(scenario.program.crews) == 1)
    scenario = scenario.model_copy(update={"replan": list(STAGES)})
    plan = solve(scenario, time_limit=5.0, workers=1, explain=False, deterministic=True)
    days = sorted({a.date for a in plan.assignments})
    assume(days)
    fullest = max(days, key=lambda d: sum(1 for a in plan.assignments if a.date == d))
    date = draw(st.sampled_from([fullest, *days]))
    planned = sorted(a.participant for a in plan.assignments if a.date == date)
    others = [p for p in scenario.participants if p not in planned and scenario.eligible_crews(p, date)]
    absent = draw(st.sets(st.sampled_from(planned)))
    arrived = draw(st.sets(st.sampled_from(others))) if others else set()
    staff_absent = draw(st.sets(st.sampled_from(sorted(scenario.staff)))) if scenario.staff else set()
    present = [p for p in [*planned, *sorted(arrived)] if p not in absent]
    booked = {a.participant: a.dose for a in plan.assignments if a.date == date and a.participant not in absent}
    doses = {}
    for pid in draw(st.lists(st.sampled_from(present), max_size=2, unique=True)) if present else ():
        first, last = scenario.clinic_of(pid).morning
        others = sorted(t for q, t in booked.items() if q != pid and first <= t <= last)
        # another's booked time mostly: two doses at once at a full station force a move
        doses[pid] = draw(st.sampled_from(others or list(range(first, last + 1, scenario.time_step))))
    observed = draw(st.lists(st.sampled_from(present), max_size=1)) if present else []
    observation = {pid: draw(st.integers(0, 60)) for pid in observed}
    events = Events(absent=absent, arrived=arrived, staff_absent=staff_absent, doses=doses, observation=observation)
    return scenario, plan, date, events


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(mornings())
def test_a_replanned_day_is_valid_changes_only_that_day_and_changes_least(morning):
    _valid_only_that_day_and_least(*morning)


def _valid_only_that_day_and_least(scenario: Scenario, plan, date: dt.date, events: Events) -> None:
    result = replan(scenario, plan, date, events)
    new = result.schedule
    assert verify(scenario, new) == []
    assert [a for a in new.assignments if a.date != date] == [a for a in plan.assignments if a.date != date]
    assert not events.absent & {a.participant for a in new.assignments if a.date == date}
    reached = tuple(s.value for s in new.solver.stages if s.objective in STAGES)
    assert reached == least_changes(
        scenario,
        plan,
        date,
        set(events.absent),
        set(events.arrived),
        set(events.staff_absent),
        dict(events.doses),
        dict(events.observation),
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(tiny_scenarios(busy=True), st.integers(0, 12))
def test_nothing_before_now_changes(scenario: Scenario, steps_after_opening: int):
    plan = solve(scenario, time_limit=5.0, workers=1, explain=False, deterministic=True)
    days = sorted({a.date for a in plan.assignments})
    assume(days)
    date: dt.date = days[0]
    now = min(c.morning[0] for c in scenario.clinics.values()) + steps_after_opening * scenario.time_step
    result = replan(scenario, plan, date, Events(now=now))
    new = {a.participant: a for a in result.schedule.assignments if a.date == date}
    for a in plan.assignments:
        if a.date == date and a.dose < now:
            assert new[a.participant].dose == a.dose
    for g in plan.groups:
        if g.date == date and g.start < now:
            kept = next(h for h in result.schedule.groups if (h.crew, h.group) == (g.crew, g.group) and h.date == date)
            assert (kept.start, kept.participants) == (g.start, g.participants)
    assert verify(scenario, result.schedule) == []


@st.composite
def crowded_mornings(draw: st.DrawFn):
    """One station, a Monday crew with a late group, and a walk-in whose dose was given at someone's booked time:
    the mornings where a booked dose has to move to take the walk-in, or need not."""
    forms = draw(st.lists(st.sampled_from(["injection", "tablet"]), min_size=2, max_size=4))
    scenario = tiny(
        **{
            "clinics.habio.stations": 1,
            "clinics.habio.dose_minutes": draw(st.sampled_from([5, 10, 15])),
            "program.latest_start": draw(st.sampled_from(["09:30", "10:00"])),
            "program.daily_cap": draw(st.sampled_from([2, 3, 4])),
        },
        participants=people(*forms),
    )
    scenario = scenario.model_copy(update={"replan": list(STAGES)})
    plan = solve(scenario, time_limit=5.0, workers=1, explain=False, deterministic=True)
    planned = {a.participant: a.dose for a in plan.assignments}
    others = [p for p in scenario.participants if p not in planned]
    assume(planned and others)
    walk_in = draw(st.sampled_from(others))
    absent = draw(st.sets(st.sampled_from(sorted(planned)), max_size=1))
    events = Events(absent=absent, arrived={walk_in}, doses={walk_in: draw(st.sampled_from(sorted(planned.values())))})
    return scenario, plan, MONDAY, events


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(crowded_mornings())
def test_a_booked_dose_moves_no_more_often_than_brute_force_says_it_must(morning):
    _valid_only_that_day_and_least(*morning)


@st.composite
def two_week_mornings(draw: st.DrawFn):
    """A drawn two-week scenario, its plan, a day to re-plan from and who is away from then on."""
    data = draw(scenario_data(max_participants=4))
    scenario = Scenario.model_validate({**data, "weeks": 2})
    plan = solve(scenario, time_limit=5.0, workers=1, explain=False, deterministic=True)
    first = draw(st.sampled_from(scenario.dates))
    absent = draw(st.sets(st.sampled_from(sorted(scenario.participants)), max_size=2))
    staff_absent = draw(st.sets(st.sampled_from(sorted(scenario.staff)))) if scenario.staff else set()
    return scenario, plan, first, Events(absent=absent, staff_absent=staff_absent)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_week_mornings())
def test_from_a_day_to_the_end_keeps_the_days_before_and_the_rules(morning):
    scenario, plan, first, events = morning
    result = replan(scenario, plan, first, events, to_end=True)
    new = result.schedule
    assert verify(scenario, new) == []
    before = [*plan.assignments, *plan.groups]
    after = [*new.assignments, *new.groups]
    assert [r.model_dump_json() for r in after if r.date < first] == [
        r.model_dump_json() for r in before if r.date < first
    ]
    assert not {a.participant for a in new.assignments if a.date >= first} & events.absent
    assert not {s for g in new.groups if g.date >= first for s in g.staff} & events.staff_absent


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(mornings(), st.integers(0, 16))
def test_any_morning_at_any_now_keeps_the_rules_and_candidates_can_be_asked(morning, steps_after_opening: int):
    scenario, plan, date, events = morning
    opening = min(c.morning[0] for c in scenario.clinics.values())
    events = replace(events, now=opening + steps_after_opening * scenario.time_step)
    result = replan(scenario, plan, date, events)
    assert verify(scenario, result.schedule) == []
    for freed in result.freed:
        found, untried = candidates(scenario, result, events, freed, seconds=30.0)
        assert untried == 0 and found == sorted(found, key=Candidate.rank)

"""Every reason the solver gives for a day without work is true, checked by forcing.

The check uses the independent brute force's pieces, not the solver: the
participant-day is added to the day as scheduled (everyone else held), and
the caps, then the dosing stations, then the supervisors are tried in turn,
as the reason codes promise (SPEC section 3, `workwindow.solver.reasons`).
"""

from collections import Counter

from hypothesis import HealthCheck, given, settings

from tests import brute_force as bf
from tests.strategies import tiny_scenarios
from workwindow.models import Scenario, Schedule
from workwindow.solver import solve

FORCED_REASONS = ("capacity", "stations", "staff", "tradeoff")


def forced_verdict(scenario: Scenario, schedule: Schedule, pid: str, date) -> str:
    """The first family that refuses p on the day with everyone else held as scheduled."""
    held = {a.participant: (a.crew, a.group) for a in schedule.assignments if a.date == date}
    places = bf._places(scenario, pid, date)
    within_caps = [place for place in places if _within_caps(scenario, {**held, pid: place})]
    if not within_caps:
        return "capacity"
    doses_fit = [place for place in within_caps if _doses_can_fit(scenario, {**held, pid: place})]
    if not doses_fit:
        return "stations"
    led_elsewhere = Counter(s for g in schedule.groups if g.date != date for s in g.staff)
    for place in doses_fit:
        for supervisors, _ in bf._ways_to_run(scenario, date, {**held, pid: place}):
            if all(led_elsewhere[s] < scenario.staff[s].max_days for s in supervisors):
                return "tradeoff"
    return "staff"


def _within_caps(scenario: Scenario, plan: dict) -> bool:
    cap = scenario.program.ramp_up.get(1, scenario.program.daily_cap)
    if cap is not None and len(plan) > cap:
        return False
    return all(bf._within_capacity(scenario, place, n) for place, n in Counter(plan.values()).items())


def _doses_can_fit(scenario: Scenario, plan: dict) -> bool:
    late_crews = sorted({crew for crew, group in plan.values() if group == "late"})
    if not late_crews:
        return bf._doses_fit_at(scenario, plan, {})
    return bool(bf._start_frontier(scenario, plan, late_crews, bf._late_start_grid(scenario)))


def check_reasons(scenario: Scenario) -> None:
    schedule = solve(scenario, time_limit=30)
    assert schedule.status == "optimal"
    for u in schedule.unassigned:
        if u.reason in FORCED_REASONS:
            assert forced_verdict(scenario, schedule, u.participant, u.date) == u.reason, u


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_scenarios(busy=True))
def test_reasons_on_busy_mornings_are_true_when_forced(scenario):
    check_reasons(scenario)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_scenarios())
def test_reasons_on_plain_scenarios_are_true_when_forced(scenario):
    check_reasons(scenario)

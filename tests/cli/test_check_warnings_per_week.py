"""`check` works its warnings out once per participant and weekday; they say exactly what the
solver's facts of every single week say (the way it was done before, kept here as the oracle)."""

import datetime as dt
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import tiny
from tests.strategies import scenario_data
from workwindow import diagnostics, work_warnings
from workwindow.diagnostics import summarize
from workwindow.models import Scenario, weekday
from workwindow.solver.facts import WeekFacts, week_facts


@st.composite
def multi_week_scenarios(draw: st.DrawFn) -> Scenario:
    """Small scenarios of 1–3 weeks whose away and closed dates fall in any week, or just outside."""
    data = draw(scenario_data(max_participants=4))
    weeks = draw(st.integers(1, 3))
    start = dt.date.fromisoformat(data["start"])
    days = st.integers(-1, 7 * weeks).map(lambda i: (start + dt.timedelta(days=i)).isoformat())
    data["weeks"] = weeks
    data["closed"] = sorted(draw(st.sets(days, max_size=3)))
    for p in data["participants"].values():
        p["away"] = sorted(draw(st.sets(days, max_size=4)))
        if draw(st.booleans()):
            low = draw(st.integers(0, 4))
            p["want"] = [low, draw(st.integers(low, 5))]
    return Scenario.model_validate(data)


@settings(max_examples=150, deadline=None)
@given(multi_week_scenarios(), st.booleans())
def test_warnings_match_the_facts_of_every_week(scenario, health_details):
    assert summarize(scenario, health_details=health_details).warnings == _week_by_week(scenario, health_details)


def test_crews_without_a_supervisor_are_named_in_the_order_of_the_first_week_that_shows_it():
    crews = {name: {"site": "street", "days": ["mon"], "staff_ratio": 2} for name in ("a", "b")}
    participants = {
        "P1": {"dose_form": "injection", "crews": ["b"]},
        "P2": {"dose_form": "injection", "crews": ["a"], "away": ["2024-03-11"]},
    }
    scenario = tiny(participants=participants, weeks=2, **{"program.crews": crews, "program.staff_prep_minutes": 15})
    warnings = [w for w in summarize(scenario).warnings if "needs a supervisor" in w]
    assert [w.split("'")[0] for w in warnings] == ["crew b", "crew a"]
    assert summarize(scenario).warnings == _week_by_week(scenario, False)


def _week_by_week(scenario: Scenario, health_details: bool) -> list[str]:
    facts = [week_facts(scenario, week) for week in range(1, scenario.weeks + 1)]
    places = {c.week: c.places for c in summarize(scenario).capacity}
    return [
        *diagnostics._latest_start_above_effective(scenario),
        *work_warnings._clinics_without_stations(scenario),
        *work_warnings._minimums_above_places(scenario, places),
        *_minimums_above_eligible_days(scenario),
        *_late_groups_no_supervisor_covers(scenario, facts),
        *_crews_no_one_can_join(scenario, facts),
        *_never_able_to_work(scenario, facts, health_details),
        *diagnostics._ramp_up_past_horizon(scenario),
        *diagnostics._dates_outside_horizon(scenario),
    ]


def _minimums_above_eligible_days(scenario: Scenario) -> list[str]:
    weeks_of: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for week in range(1, scenario.weeks + 1):
        dates = scenario.dates[7 * (week - 1) : 7 * week]
        short = tuple(
            pid
            for pid, p in scenario.participants.items()
            if sum(1 for d in dates if scenario.eligible_crews(pid, d)) < p.want[0]
        )
        if short:
            weeks_of[short].append(week)
    return work_warnings._short_of_minimum_warnings(weeks_of)


def _late_groups_no_supervisor_covers(scenario: Scenario, facts: list[WeekFacts]) -> list[str]:
    uncovered: dict[str, set[str]] = defaultdict(set)
    for week in facts:
        covered = {(s.crew, s.date) for s in week.supervisions}
        for crew, date in week.start_slots:
            if scenario.program.crews[crew].staff_ratio is not None and (crew, date) not in covered:
                uncovered[crew].add(weekday(date))
    return work_warnings._no_supervisor_warnings(scenario, uncovered)


def _crews_no_one_can_join(scenario: Scenario, facts: list[WeekFacts]) -> list[str]:
    return work_warnings._no_one_can_join_warnings(scenario, {o.crew for week in facts for o in week.all_options})


def _never_able_to_work(scenario: Scenario, weeks: list[WeekFacts], health_details: bool) -> list[str]:
    blocked: dict[str, set[str]] = {}
    possible: set[str] = set()
    details: dict[str, str] = {}
    for facts in weeks:
        possible |= {pid for pid, _ in facts.options}
        for (pid, _), reason in facts.static_reasons.items():
            blocked.setdefault(pid, set()).add(reason.reason)
            details.setdefault(pid, reason.detail)
    return diagnostics._never_able_warnings(scenario, possible, blocked, details, health_details)

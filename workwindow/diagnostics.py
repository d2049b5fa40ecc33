"""What `check` tells a planner about a valid scenario before any solve.

The scenario loader refuses what cannot be used; this finds what can be used
but will surprise: people who can never work, caps that cannot be reached,
ramp-up weeks past the horizon.
"""

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass

from workwindow.horizon_facts import HorizonFacts, horizon_facts
from workwindow.models import Scenario, format_time
from workwindow.solver.facts import not_ready_detail
from workwindow.work_warnings import work_warnings


@dataclass(frozen=True)
class WeekCapacity:
    week: int
    crew_days: int
    """Crew-days that run this week."""
    daily_cap: int | None
    places: int | None
    """Most participant-days the caps allow this week (None: no cap)."""


@dataclass(frozen=True)
class ScenarioSummary:
    participants_by_form: dict[str, dict[str, int]]
    """Per clinic, participants by dose form."""
    crews: dict[str, list[str]]
    """Per crew, the dates it runs on."""
    capacity: list[WeekCapacity]
    warnings: list[str]


def summarize(scenario: Scenario, *, health_details: bool = False) -> ScenarioSummary:
    """`health_details`: the warnings name a participant's dose form and the sum behind a readiness."""
    by_form: dict[str, Counter] = {k: Counter() for k in scenario.clinics}
    for p in scenario.participants.values():
        by_form[p.clinic or ""][p.dose_form] += 1
    crews = {c: [d.isoformat() for d in scenario.dates if scenario.crew_runs(c, d)] for c in scenario.program.crews}
    capacity = [_week_capacity(scenario, w) for w in range(1, scenario.weeks + 1)]
    return ScenarioSummary(
        participants_by_form={k: dict(sorted(v.items())) for k, v in by_form.items()},
        crews=crews,
        capacity=capacity,
        warnings=scenario_warnings(scenario, capacity, health_details=health_details),
    )


def scenario_warnings(scenario: Scenario, capacity: list[WeekCapacity], *, health_details: bool = False) -> list[str]:
    facts = horizon_facts(scenario)
    return [
        *_latest_start_above_effective(scenario),
        *work_warnings(scenario, facts, {week.week: week.places for week in capacity}),
        *_never_able_to_work(scenario, facts, health_details),
        *_ramp_up_past_horizon(scenario),
        *_dates_outside_horizon(scenario),
    ]


def _week_capacity(scenario: Scenario, week: int) -> WeekCapacity:
    dates = scenario.dates[7 * (week - 1) : 7 * week]
    cap = scenario.program.daily_cap_in_week(week)
    crew_days, places = 0, 0.0
    for date in dates:
        running = [c for c in scenario.program.crews if scenario.crew_runs(c, date)]
        crew_days += len(running)
        groups = sum(_group_places(scenario, c) for c in running)
        places += min(groups, math.inf if cap is None else cap)
    return WeekCapacity(week, crew_days, cap, None if math.isinf(places) else int(places))


def _group_places(scenario: Scenario, crew_id: str) -> float:
    crew = scenario.program.crews[crew_id]
    caps = (crew.late_capacity, crew.ordinary_capacity)
    return math.inf if None in caps else sum(c for c in caps if c is not None)


def _latest_start_above_effective(scenario: Scenario) -> list[str]:
    program = scenario.program
    if program.latest_start <= program.effective_latest_start:
        return []
    return [
        f"program.latest_start {format_time(program.latest_start)} leaves less than min_work_minutes "
        f"({program.min_work_minutes}) before payout {format_time(program.payout)}; late groups start "
        f"at {format_time(scenario.latest_late_start)} at the latest"
    ]


def _never_able_to_work(scenario: Scenario, facts: HorizonFacts, health_details: bool) -> list[str]:
    """One warning per participant whose every eligible day is ruled out before solving (ids only);
    the detail is that of their first such day."""
    blocked: dict[str, set[str]] = {}
    possible = {options[0].participant for _, options in facts.options()}
    first: dict[str, tuple[dt.date, str]] = {}
    for pid, date, reason in facts.static_reasons():
        blocked.setdefault(pid, set()).add(reason.reason)
        if pid not in first or date < first[pid][0]:
            first[pid] = (date, reason.detail)
    details = {pid: detail for pid, (_, detail) in first.items()}
    return _never_able_warnings(scenario, possible, blocked, details, health_details)


def _never_able_warnings(
    scenario: Scenario, possible: set[str], blocked: dict[str, set[str]], details: dict[str, str], health_details: bool
) -> list[str]:
    """`possible`: participants with an option on some day; `blocked`: the others' reasons;
    `details`: the detail of each one's first ruled-out day."""
    warnings = []
    for pid in scenario.participants:
        if pid in possible:
            continue
        p = scenario.participants[pid]
        who = f"{pid} ({p.dose_form}, clinic {p.clinic})" if health_details else f"{pid} (clinic {p.clinic})"
        if pid not in blocked:
            warnings.append(f"{who} has no day in the horizon when a crew open to them runs")
        elif "not_ready" in blocked[pid]:
            latest = format_time(scenario.latest_late_start)
            why = not_ready_detail(scenario, pid, list(p.crews or []), health=True) if health_details else details[pid]
            warnings.append(f"{who} can never be ready before the latest start {latest}: {why}")
        else:
            warnings.append(f"{who} can never be back for the afternoon dose: {details[pid]}")
    return warnings


def _ramp_up_past_horizon(scenario: Scenario) -> list[str]:
    return [
        f"program.ramp_up week {week} is past the horizon of {scenario.weeks} week(s) and is not used"
        for week in scenario.program.ramp_up
        if week > scenario.weeks
    ]


def _dates_outside_horizon(scenario: Scenario) -> list[str]:
    first, last = scenario.dates[0], scenario.dates[-1]
    warnings = [
        f"closed date {d} is outside the horizon {first} to {last}" for d in scenario.closed if not first <= d <= last
    ]
    for pid, p in scenario.participants.items():
        warnings += [
            f"{pid}: away date {d} is outside the horizon {first} to {last}" for d in p.away if not first <= d <= last
        ]
    return warnings

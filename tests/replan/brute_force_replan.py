"""The fewest changes of a re-planned day, found by enumeration, for tiny one-crew scenarios.

It shares nothing with workwindow/solver or workwindow/replan beyond the
independent brute force of tests/brute_force.py (day plans within the caps,
dose placement). Every way to place the day's present participants, every
late start on the grid, every set of dose times kept as booked and every
set of supervisors is tried; the least (kept days lost, walk-ins sent away,
booked doses moved, other changes) is returned. No `now`: doses share one
earliest start, which `doses_fit` needs to be exact.
"""

import datetime as dt
import itertools
import math
from collections import Counter

from tests.brute_force import Dose, _day_plans, _late_start_grid, _offset, doses_fit
from workwindow.models import Scenario, Schedule


def least_changes(
    scenario: Scenario,
    plan: Schedule,
    date: dt.date,
    absent: set[str],
    arrived: set[str],
    staff_absent: set[str],
    doses: dict[str, int],
    observation: dict[str, int],
) -> tuple[int, int, int, int]:
    (crew,) = scenario.program.crews
    planned = {a.participant: a for a in plan.assignments if a.date == date}
    present = (set(planned) - absent) | arrived
    week = scenario.week_of(date)
    other_days = Counter(a.participant for a in plan.assignments if a.date != date and scenario.week_of(a.date) == week)
    led_elsewhere = Counter(
        s for g in plan.groups if g.date != date and scenario.week_of(g.date) == week for s in g.staff
    )
    planned_leads = {s for g in plan.groups if g.date == date and g.group == "late" for s in g.staff}
    today = _today(scenario, present, doses, observation)
    best = None
    for places in _day_plans(today, date):
        if any(other_days[p] + 1 > scenario.participants[p].want[1] for p in places):
            continue
        keep = sum(1 for p in set(planned) - absent if p not in places)
        walk = sum(1 for p in arrived if p not in places)
        late = [p for p, place in places.items() if place[1] == "late"]
        starts = _late_start_grid(scenario) if late else [None]
        for start in starts:
            moves = _least_dose_moves(today, places, crew, start, planned, doses)
            if moves is None:
                continue
            place_changes = sum(1 for p, pl in places.items() if p in planned and _moved(planned[p], pl, start))
            sups = _least_supervisor_changes(
                scenario, date, crew, len(late), start, planned_leads, staff_absent, led_elsewhere
            )
            if sups is None:
                continue
            value = (keep, walk, moves, place_changes + sups)
            best = value if best is None or value < best else best
    return best


def _today(scenario: Scenario, present: set[str], doses: dict[str, int], observation: dict[str, int]) -> Scenario:
    """The scenario as that morning: only those present, given doses fixed, observations as they were."""
    people = {}
    for p, q in scenario.participants.items():
        if p in present:
            people[p] = q.model_copy(
                update={"morning_dose": doses.get(p, q.morning_dose), "observation": observation.get(p, q.observation)}
            )
    return scenario.model_copy(update={"participants": people})


def _moved(a, place, start) -> bool:
    crew, group = place
    return (a.crew, a.group) != (crew, group) or (group == "late" and a.start != start)


def _least_dose_moves(today: Scenario, places: dict, crew: str, start, planned: dict, doses: dict) -> int | None:
    """Fewest booked doses moved so that every worker's dose fits the stations and their group's start."""
    movable = [p for p in places if p in planned and p not in doses]
    for moved in range(len(movable) + 1):
        for kept in itertools.combinations(movable, len(movable) - moved):
            if _doses_fit(today, places, crew, start, {p: planned[p].dose for p in kept}):
                return moved
    return None


def _doses_fit(today: Scenario, places: dict, crew: str, start, kept: dict[str, int]) -> bool:
    by_clinic: dict[str, list[Dose]] = {}
    for pid, (c, group) in places.items():
        p = today.participants[pid]
        clinic = today.clinics[p.clinic]
        deadline = today.program.ordinary_start if group == "ordinary" else start
        latest = min(clinic.morning[1], deadline - _offset(today, pid, c))
        latest -= latest % today.time_step
        fixed = kept.get(pid, p.morning_dose)
        by_clinic.setdefault(p.clinic, []).append(Dose(clinic.morning[0], latest, fixed))
    return all(doses_fit(today.clinics[k], doses, today.time_step) for k, doses in by_clinic.items())


def _least_supervisor_changes(
    scenario: Scenario,
    date: dt.date,
    crew: str,
    members: int,
    start,
    planned: set[str],
    absent: set[str],
    led_elsewhere: Counter,
) -> int | None:
    """Fewest supervisor changes among sets of at least ceil(members / ratio) who can lead the late group."""
    ratio = scenario.program.crews[crew].staff_ratio
    lost = sum(1 for s in planned if s not in absent)
    if members == 0 or ratio is None:
        return lost
    needed = math.ceil(members / ratio)
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[date.weekday()]
    able = [
        s
        for s, m in scenario.staff.items()
        if s not in absent
        and crew in m.crews
        and day in m.days
        and scenario.program.payout <= m.hours[1]
        and m.max_days - led_elsewhere[s] >= 1
        and max(m.hours[0] + scenario.program.staff_prep_minutes, scenario.program.ordinary_start) <= start
    ]
    best = None
    for size in range(needed, len(able) + 1):
        for chosen in itertools.combinations(able, size):
            changes = len(set(chosen) ^ (planned - absent))
            best = changes if best is None else min(best, changes)
    return best

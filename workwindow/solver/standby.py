"""Over-booking a robust plan: participants asked to come on standby for a full group.

Group, daily and ramp-up caps are rules of the program, so a plan never
books more people than they allow. Where attendance below 1 leaves places
free on the morning, a robust plan (`solve --robust Q`) names standbys
instead: each comes, is dosed and travels like a planned participant, and
works when a place in that group is free at the start; otherwise goes home
without the day. A standby is no assignment: caps, wants and staffing are
counted on the assignments alone, and `verify` checks those.

How it is decided, per group that is full (its own cap, or the day's cap is
reached): standbys up to the whole number of places the group is expected to
lose, Σ (1 − attendance) over its members, rounded down, so that a standby
is more likely to be needed than sent home. Candidates are eligible that day
for the crew, have no work that day, stay within `want[1]` for the week even
if every standby day is used, can be ready with the robust margin by the
group's start with a dose slot that leaves a station free, and are back for
the afternoon dose. The most likely to come go first, then the fewest days
that week, then the id.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Mapping

from workwindow.models import Scenario
from workwindow.models.schedule import Assignment, GroupRun, Standby
from workwindow.solver.facts import back_in_time, ready_offset


def standbys(
    scenario: Scenario, assignments: list[Assignment], groups: list[GroupRun], margins: Mapping[str, int]
) -> list[Standby]:
    """The standby list of a robust plan, in date order; none where everyone comes (attendance 1)."""
    attendance = scenario.uncertainty.attendance_of
    days = Counter((a.participant, scenario.week_of(a.date)) for a in assignments)
    taken = {(a.participant, a.date) for a in assignments}
    doses: dict[tuple, list[int]] = defaultdict(list)
    for a in assignments:
        doses[(scenario.participants[a.participant].clinic, a.date)].append(a.dose)
    per_day = Counter(a.date for a in assignments)
    chosen: list[Standby] = []
    for group in sorted(groups, key=lambda g: (g.date, g.crew, g.group)):
        places = math.floor(sum(1 - attendance(p) for p in group.participants) + 1e-9)
        if not places or not _full(scenario, group, per_day[group.date]):
            continue
        added = 0
        for pid in _candidates(scenario, group, taken, days):
            dose = _dose_slot(scenario, pid, group, margins.get(pid, 0), doses)
            if dose is None:
                continue
            ready = dose + ready_offset(scenario, pid, group.crew)
            chosen.append(
                Standby(participant=pid, date=group.date, crew=group.crew, group=group.group, dose=dose, ready=ready)
            )
            taken.add((pid, group.date))
            days[(pid, scenario.week_of(group.date))] += 1
            doses[(scenario.participants[pid].clinic, group.date)].append(dose)
            added += 1
            if added == places:
                break
    return chosen


def _full(scenario: Scenario, group: GroupRun, working_that_day: int) -> bool:
    crew = scenario.program.crews[group.crew]
    cap = crew.late_capacity if group.group == "late" else crew.ordinary_capacity
    daily = scenario.program.daily_cap_in_week(scenario.week_of(group.date))
    return (cap is not None and len(group.participants) >= cap) or (daily is not None and working_that_day >= daily)


def _candidates(scenario: Scenario, group: GroupRun, taken: set, days: Counter) -> list[str]:
    week = scenario.week_of(group.date)
    eligible = [
        pid
        for pid, p in scenario.participants.items()
        if (pid, group.date) not in taken
        and days[(pid, week)] < p.want[1]
        and group.crew in scenario.eligible_crews(pid, group.date)
        and back_in_time(scenario, pid, group.crew)
    ]
    attendance = scenario.uncertainty.attendance_of
    return sorted(eligible, key=lambda pid: (-attendance(pid), days[(pid, week)], pid))


def _dose_slot(
    scenario: Scenario, pid: str, group: GroupRun, margin: int, doses: Mapping[tuple, list[int]]
) -> int | None:
    """The latest dose slot that makes the group's start with the margin and leaves a station free."""
    clinic = scenario.clinic_of(pid)
    start = scenario.program.ordinary_start if group.group == "ordinary" else group.start
    latest = start - ready_offset(scenario, pid, group.crew) - margin
    fixed = scenario.participants[pid].morning_dose
    slots = [fixed] if fixed is not None else range(clinic.morning[0], clinic.morning[1] + 1, scenario.time_step)
    given = doses.get((scenario.participants[pid].clinic, group.date), [])
    for slot in sorted((t for t in slots if t <= latest), reverse=True):
        if all(
            sum(1 for d in given if d <= t < d + clinic.dose_minutes) < clinic.stations_at(t)
            for t in range(slot, slot + clinic.dose_minutes)
        ):
            return slot
    return None

"""Places that the absent or dropped left and nobody took, and why each possible taker did not.

Every reason is computed from the scenario, the new plan and the morning:
absent, not there this morning, at the week's maximum, cannot be ready in
time, or left out by the replan's stages. Only ids, groups and clock times
are said.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from workwindow.models import Scenario, Schedule, format_time
from workwindow.replan.changes import REASON_WORDS
from workwindow.replan.events import Events
from workwindow.replan.morning import Morning
from workwindow.solver.facts import earliest_dose, ready_offset

LEFT_OUT = "left out by the replan's stages: taking them would change more for others"


@dataclass(frozen=True)
class FreedPlace:
    date: dt.date
    crew: str
    group: str
    places: int
    """How many places the group has fewer than in the published plan."""
    not_taken: tuple[tuple[str, str], ...]
    """(participant, why they did not take it), for everyone the crew is open to that day who does not work."""

    def __str__(self) -> str:
        plural = "s" if self.places > 1 else ""
        return f"{self.places} place{plural} in {self.crew} {self.group} on {self.date}"


def freed_places(
    scenario: Scenario, old: Schedule, new: Schedule, first: dt.date, events: Events, mornings: list[Morning]
) -> list[FreedPlace]:
    morning_of = {d: m for m in mornings for d in m.dates}
    before = Counter((a.date, a.crew, a.group) for a in old.assignments if a.date in morning_of)
    after = Counter((a.date, a.crew, a.group) for a in new.assignments if a.date in morning_of)
    working = {(a.participant, a.date) for a in new.assignments}
    days = Counter((a.participant, scenario.week_of(a.date)) for a in new.assignments)
    reasons = {(u.participant, u.date): u.reason for u in new.unassigned}
    freed = []
    for (date, crew, group), planned in sorted(before.items()):
        left = planned - after[(date, crew, group)]
        if left <= 0:
            continue
        morning = morning_of[date]
        not_taken = tuple(
            (pid, _why_not(scenario, morning, pid, date, crew, group, days, reasons))
            for pid in scenario.participants
            if (pid, date) not in working and crew in scenario.eligible_crews(pid, date)
        )
        freed.append(FreedPlace(date, crew, group, left, not_taken))
    return freed


def _why_not(
    scenario: Scenario,
    morning: Morning,
    pid: str,
    date: dt.date,
    crew: str,
    group: str,
    days: Counter,
    reasons: dict[tuple[str, dt.date], str],
) -> str:
    events = morning.events
    if pid in events.absent:
        return "absent"
    if (crew, date, group) in morning.started:
        return "the group started before now and takes nobody new"
    if date == morning.first and not morning.works_today(pid) and pid not in events.arrived:
        return "not there this morning: neither planned nor arrived (see --candidates)"
    most = scenario.participants[pid].want[1]
    week = scenario.week_of(date)
    if days[(pid, week)] >= most:
        return f"already has {days[(pid, week)]} of at most {most} days in week {week}"
    ready = earliest_ready(morning, pid, date, crew)
    latest = scenario.program.ordinary_start if group == "ordinary" else scenario.latest_late_start
    if ready > latest:
        return f"earliest ready {format_time(ready)}, after the group's latest start {format_time(latest)}"
    return REASON_WORDS.get(reasons.get((pid, date), ""), LEFT_OUT)


def earliest_ready(morning: Morning, pid: str, date: dt.date, crew: str) -> int:
    """The earliest p can be at the crew's site that day: first dose still possible + dose, observation, travel."""
    scenario = morning.scenario
    if date == morning.first and pid in morning.events.doses:
        dose = morning.events.doses[pid]
    else:
        dose = earliest_dose(scenario, pid)
        if date == morning.first and morning.events.now is not None:
            dose = max(dose, morning.events.now)
    offset = ready_offset(scenario, pid, crew)
    if date == morning.first and pid in morning.events.observation:
        offset += morning.events.observation[pid] - scenario.observation_of(pid)
    return dose + offset

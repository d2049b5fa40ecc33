"""What changed for whom between the published plan and the re-planned one.

Each change is one line a planner reads out on the phone: ids, groups and
clock times from the plans only (never a dose form or an observation time).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from workwindow.models import Scenario, Schedule, format_time
from workwindow.models.schedule import Assignment, GroupRun
from workwindow.replan.events import Events

Kind = Literal["absent", "dropped", "walk_in", "added", "moved", "dose", "staff_absent", "staff"]
Role = Literal["participant", "supervisor"]

REASON_WORDS = {
    "not_ready": "cannot be ready in time this morning",
    "afternoon": "could not be back for the afternoon dose",
    "capacity": "a group, daily or ramp-up cap is full",
    "stations": "no dose slot left early enough",
    "staff": "no supervisor can cover the group",
}
"""The new plan's reason for a day without work, in words that name no health detail."""
DROPPED = "the morning leaves no place they can take"

DOSE_GIVEN = "given at that time"
DOSE_MOVED = "booked time moved: the only way to keep the planned days or to take the walk-ins"


@dataclass(frozen=True)
class Change:
    who: str
    role: Role
    date: dt.date
    kind: Kind
    text: str
    """What changed, e.g. "late group verksted 09:40 → 09:50"."""

    def __str__(self) -> str:
        return f"{self.who}: {self.text}"


def changes_between(
    scenario: Scenario, old: Schedule, new: Schedule, dates: list[dt.date], events: Events
) -> list[Change]:
    """Participants first, then supervisors, each by date and id."""
    first = dates[0]
    before = {(a.participant, a.date): a for a in old.assignments if a.date in dates}
    after = {(a.participant, a.date): a for a in new.assignments if a.date in dates}
    reasons = {(u.participant, u.date): u.reason for u in new.unassigned}
    changes = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[1], k[0])):
        pid, date = key
        was, now = before.get(key), after.get(key)
        walk_in = date == first and pid in events.arrived
        given = date == first and pid in events.doses
        why = REASON_WORDS.get(reasons.get(key, ""), DROPPED)
        changes += _participant_changes(
            pid, date, was, now, absent=pid in events.absent, walk_in=walk_in, given=given, why=why
        )
    changes += _supervisor_changes(old, new, dates, events)
    return changes


def people_to_tell(changes: list[Change]) -> tuple[str, ...]:
    """Everyone whose day changed, participants first; nobody needs telling of their own absence."""
    told = [c for c in changes if c.kind not in ("absent", "staff_absent")]
    participants = sorted({c.who for c in told if c.role == "participant"})
    supervisors = sorted({c.who for c in told if c.role == "supervisor"})
    return (*participants, *supervisors)


def place(a: Assignment) -> str:
    return f"{a.crew} {a.group} {format_time(a.start)}"


def _participant_changes(
    pid: str,
    date: dt.date,
    was: Assignment | None,
    now: Assignment | None,
    *,
    absent: bool,
    walk_in: bool,
    given: bool,
    why: str,
) -> list[Change]:
    def change(kind: Kind, text: str) -> Change:
        return Change(pid, "participant", date, kind, text)

    if was is None and now is not None:
        return [change("walk_in" if walk_in else "added", f"added to {place(now)}" + (" (walk-in)" if walk_in else ""))]
    if was is not None and now is None:
        if absent:
            return [change("absent", f"absent, place freed ({place(was)})")]
        return [change("dropped", f"dropped from {place(was)}: {why}")]
    if was is None or now is None:
        return []
    found = []
    if (was.crew, was.group) != (now.crew, now.group):
        found.append(change("moved", f"{place(was)} → {place(now)}"))
    elif was.start != now.start:
        found.append(
            change("moved", f"{was.group} group {was.crew} {format_time(was.start)} → {format_time(now.start)}")
        )
    if was.dose != now.dose:
        why = DOSE_GIVEN if given else DOSE_MOVED
        found.append(change("dose", f"dose {format_time(was.dose)} → {format_time(now.dose)} ({why})"))
    return found


def _supervisor_changes(old: Schedule, new: Schedule, dates: list[dt.date], events: Events) -> list[Change]:
    before, after = _leads(old.groups, dates), _leads(new.groups, dates)
    changes = []
    for staff, date in sorted(before.keys() | after.keys(), key=lambda k: (k[1], k[0])):
        was, now = before.get((staff, date)), after.get((staff, date))

        def change(kind: Kind, text: str, staff: str = staff, date: dt.date = date) -> Change:
            return Change(staff, "supervisor", date, kind, text)

        if was is not None and now is None:
            if staff in events.staff_absent:
                changes.append(change("staff_absent", f"absent, {_group(was)} needs cover"))
            else:
                changes.append(change("staff", f"no longer leads {_group(was)}"))
        elif was is None and now is not None:
            changes.append(change("staff", f"now leads {_group(now)}"))
        elif was is not None and now is not None and was.crew != now.crew:
            changes.append(change("staff", f"leads {_group(was)} → {_group(now)}"))
        elif was is not None and now is not None and was.start != now.start:
            changes.append(
                change("staff", f"leads {was.crew} late {format_time(was.start)} → {format_time(now.start)}")
            )
    return changes


def _leads(groups: list[GroupRun], dates: list[dt.date]) -> dict[tuple[str, dt.date], GroupRun]:
    return {(s, g.date): g for g in groups if g.date in dates and g.group == "late" for s in g.staff}


def _group(g: GroupRun) -> str:
    return f"{g.crew} late {format_time(g.start)}"

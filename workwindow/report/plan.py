"""Facts about a schedule that the report and every export present the same way."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from workwindow.models import Scenario, Schedule, format_time, weekday
from workwindow.models.schedule import Assignment, GroupRun, Unassigned

GROUP_ORDER = {"ordinary": 0, "late": 1}


@dataclass(frozen=True)
class Week:
    number: int
    dates: list[dt.date]
    """The dates of the week on which some crew is meant to run (closed days included)."""


@dataclass(frozen=True)
class Plan:
    """A schedule indexed for presentation: look-ups by (participant, date) and (crew, date)."""

    scenario: Scenario
    schedule: Schedule
    health_details: bool = False
    """The clinic's view: reasons and timelines with dose forms, observation and dose times."""

    @cached_property
    def weeks(self) -> list[Week]:
        work_days = {day for crew in self.scenario.program.crews.values() for day in crew.days}
        by_week: dict[int, list[dt.date]] = defaultdict(list)
        for date in self.scenario.dates:
            if weekday(date) in work_days:
                by_week[self.scenario.week_of(date)].append(date)
        return [Week(n, by_week.get(n, [])) for n in range(1, self.scenario.weeks + 1)]

    @cached_property
    def assignment_at(self) -> dict[tuple[str, dt.date], Assignment]:
        return {(a.participant, a.date): a for a in self.schedule.assignments}

    @cached_property
    def unassigned_at(self) -> dict[tuple[str, dt.date], Unassigned]:
        return {(u.participant, u.date): u for u in self.schedule.unassigned}

    @cached_property
    def _groups_by_crew_day(self) -> dict[tuple[str, dt.date], list[GroupRun]]:
        groups: dict[tuple[str, dt.date], list[GroupRun]] = defaultdict(list)
        for g in sorted(self.schedule.groups, key=lambda g: GROUP_ORDER[g.group]):
            groups[(g.crew, g.date)].append(g)
        return groups

    def groups_of(self, crew: str, date: dt.date) -> list[GroupRun]:
        return self._groups_by_crew_day.get((crew, date), [])

    def assignments_on(self, date: dt.date) -> list[Assignment]:
        on_day = [a for a in self.schedule.assignments if a.date == date]
        return sorted(on_day, key=lambda a: (a.crew, GROUP_ORDER[a.group], a.start, a.participant))

    def days_in_week(self, week: int) -> int:
        return sum(1 for a in self.schedule.assignments if self.scenario.week_of(a.date) == week)

    def cap_in_week(self, week: Week) -> int | None:
        """Most participant-days the week allows by the daily cap, counting open days only."""
        cap = self.scenario.program.daily_cap_in_week(week.number)
        if cap is None:
            return None
        return cap * sum(1 for d in week.dates if d not in self.scenario.closed)

    def site_of(self, crew: str) -> str:
        return self.scenario.program.crews[crew].site

    def arrival(self, group: GroupRun) -> int:
        """When a late group's supervisors are to be there: staff_prep_minutes before it starts."""
        return group.start - self.scenario.program.staff_prep_minutes

    def staff_of(self, assignment: Assignment) -> list[str]:
        groups = self.groups_of(assignment.crew, assignment.date)
        return next((g.staff for g in groups if g.group == assignment.group), [])


def work_label(assignment: Assignment) -> str:
    """The words a planner reads in a cell: crew, group and start, e.g. "gaterydding late 09:35"."""
    return f"{assignment.crew} {assignment.group} {format_time(assignment.start)}"


def without_work_label(unassigned: Unassigned) -> str:
    """An eligible day without work, as a cell reads: "no work: capacity (daily cap full (6/6))"."""
    return f"no work: {unassigned.reason.replace('_', ' ')} ({unassigned.detail})"


def day_label(date: dt.date) -> str:
    return f"{weekday(date).capitalize()} {date:%d.%m}"

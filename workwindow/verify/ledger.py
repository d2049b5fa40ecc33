"""The schedule's entries sorted by day and group, for the checks to read.

Only entries whose ids and dates the scenario knows get in; the others are
reported once by the identity checks and left out of the rest, so one typo
gives one sentence instead of a cascade.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Assignment, GroupRun, Schedule
from workwindow.models.times import format_time
from workwindow.verify.facts import in_horizon

GroupKey = tuple[dt.date, str, str]
"""(date, crew, "ordinary" | "late")."""


@dataclass(frozen=True)
class Ledger:
    assignments: list[Assignment]
    groups: list[GroupRun]
    members: dict[GroupKey, list[Assignment]]
    records: dict[GroupKey, list[GroupRun]]
    dose_given: frozenset[tuple[str, dt.date]] = frozenset()
    """(participant, date) whose dose a replan took as given at the time shown (ids only)."""
    observed: frozenset[tuple[str, dt.date]] = frozenset()
    """(participant, date) whose observation that morning was not the scenario's: ready as the plan gives it."""

    def start_of(self, key: GroupKey) -> int:
        """The group's start as its record gives it, else as its first member gives it."""
        if self.records.get(key):
            return self.records[key][0].start
        return self.members[key][0].start

    def late_groups_that_run(self) -> list[GroupKey]:
        return sorted(key for key, members in self.members.items() if key[2] == "late" and members)

    def days_worked(self) -> dict[str, set[dt.date]]:
        days: dict[str, set[dt.date]] = defaultdict(set)
        for a in self.assignments:
            days[a.participant].add(a.date)
        return days


def build_ledger(scenario: Scenario, schedule: Schedule) -> Ledger:
    assignments = [a for a in schedule.assignments if assignment_is_known(scenario, a)]
    groups = [g for g in schedule.groups if group_is_known(scenario, g)]
    members: dict[GroupKey, list[Assignment]] = defaultdict(list)
    for a in assignments:
        members[(a.date, a.crew, a.group)].append(a)
    records: dict[GroupKey, list[GroupRun]] = defaultdict(list)
    for g in groups:
        records[(g.date, g.crew, g.group)].append(g)
    mornings = schedule.morning or []
    return Ledger(
        assignments,
        groups,
        dict(members),
        dict(records),
        dose_given=frozenset((pid, m.date) for m in mornings for pid in m.dose_given),
        observed=frozenset((pid, m.date) for m in mornings for pid in m.observation),
    )


def assignment_is_known(scenario: Scenario, a: Assignment) -> bool:
    return a.participant in scenario.participants and a.crew in scenario.program.crews and in_horizon(scenario, a.date)


def group_is_known(scenario: Scenario, g: GroupRun) -> bool:
    return g.crew in scenario.program.crews and in_horizon(scenario, g.date)


def group_name(key: GroupKey) -> str:
    date, crew, group = key
    return f"the {group} group of {crew} on {date}"


def capital(text: str) -> str:
    """Upper-case only the first letter, so ids inside keep their spelling."""
    return text[:1].upper() + text[1:]


def hm(minutes: int) -> str:
    return format_time(minutes)

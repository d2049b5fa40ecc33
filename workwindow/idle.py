"""Who got no work at all in the horizon, and who stayed below their minimum in which week.

A planner reading a plan asks these two questions first; the terminal, the
report and the workbook answer them from the same figures.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from workwindow.models import Scenario, Schedule
from workwindow.models.schedule import REASONS

NO_ELIGIBLE_DAY = "no_eligible_day"
"""Not a solver reason: no day of the horizon has a crew open to them (days, crews, away, closed)."""
WANTS_NONE = "wants_none"
"""Not a solver reason: want[1] is 0."""
NOT_RECORDED = "not_recorded"
"""Not a solver reason: the solve ran out of time before explaining their days."""
IDLE_TEXT = {
    NO_ELIGIBLE_DAY: "no eligible day (their days, crews and away dates leave none)",
    WANTS_NONE: "wants no days (want[1] is 0)",
    NOT_RECORDED: "no reason recorded (the solve ran out of time)",
}
"""What the reasons that are not the solver's mean, in words."""


@dataclass(frozen=True)
class Idle:
    """A participant without a single work day, and the reason on most of their eligible days."""

    participant: str
    reason: str
    days: int
    """Eligible days with that reason."""
    eligible: int
    """Eligible days in all."""


@dataclass(frozen=True)
class Short:
    """A participant below their minimum (want[0]) in one week."""

    participant: str
    week: int
    worked: int
    minimum: int


def idle_participants(scenario: Scenario, schedule: Schedule) -> list[Idle]:
    """Everyone with no work day, in scenario order, each with their dominant reason."""
    served = {a.participant for a in schedule.assignments}
    reasons: dict[str, Counter] = defaultdict(Counter)
    for u in schedule.unassigned:
        reasons[u.participant][u.reason] += 1
    idle = []
    for pid, p in scenario.participants.items():
        if pid in served:
            continue
        eligible = sum(1 for d in scenario.dates if scenario.eligible_crews(pid, d))
        idle.append(Idle(pid, *_dominant(reasons[pid], eligible, p.want[1]), eligible))
    return idle


def short_weeks(scenario: Scenario, schedule: Schedule) -> list[Short]:
    """Every (participant, week) below want[0], by week and then scenario order."""
    worked: Counter = Counter((a.participant, scenario.week_of(a.date)) for a in schedule.assignments)
    return [
        Short(pid, week, worked[(pid, week)], p.want[0])
        for week in range(1, scenario.weeks + 1)
        for pid, p in scenario.participants.items()
        if worked[(pid, week)] < p.want[0]
    ]


def _dominant(counts: Counter, eligible: int, most_wanted: int) -> tuple[str, int]:
    """The most frequent reason (ties: the earlier in REASONS), or why there is none."""
    if counts:
        reason = min(counts, key=lambda r: (-counts[r], REASONS.index(r)))
        return reason, counts[reason]
    if most_wanted == 0:
        return WANTS_NONE, 0
    if eligible == 0:
        return NO_ELIGIBLE_DAY, 0
    return NOT_RECORDED, 0

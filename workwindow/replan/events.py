"""What happened on the morning being re-planned, and the checks that it can be used.

The events are plain ids and minutes, so a caller (the command line, a web
form, a simulation drawing mornings) builds them without touching files.
An event that does not fit the scenario or the plan is an `InputError` named
after the command-line option that gives it, so every caller can say which
input is wrong; values are never echoed beyond the ids.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from workwindow.errors import InputError, Problem
from workwindow.models import Scenario, Schedule, format_time


@dataclass(frozen=True)
class Events:
    """The morning as it is: who is away, who walked in, which doses were given when.

    `absent` and `staff_absent` hold on every day re-planned (with
    `--from`, the rest of the horizon); `arrived`, `doses`, `observation`
    and `now` concern the first day re-planned, the morning at hand.
    """

    absent: frozenset[str] = frozenset()
    """Participants who will not come."""
    arrived: frozenset[str] = frozenset()
    """Walk-ins: participants without a place that day who came and want to work."""
    staff_absent: frozenset[str] = frozenset()
    """Supervisors who are away."""
    doses: Mapping[str, int] = field(default_factory=dict)
    """Morning doses given (or booked) at another time than planned, minutes since midnight."""
    observation: Mapping[str, int] = field(default_factory=dict)
    """A longer (or shorter) observation than usual today, minutes."""
    now: int | None = None
    """Minutes since midnight: doses before it are given and groups that started keep their start and members."""

    def __post_init__(self) -> None:
        for name in ("absent", "arrived", "staff_absent"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        object.__setattr__(self, "doses", dict(self.doses))
        object.__setattr__(self, "observation", dict(self.observation))


NO_EVENTS = Events()


def check_events(scenario: Scenario, plan: Schedule, first: dt.date, events: Events) -> None:
    """Refuse events that name unknown people, contradict each other or fall outside the clinic's hours."""
    problems: list[tuple[str, str]] = []
    problems += _unknown(events.absent, scenario.participants, "--absent", "participant")
    problems += _unknown(events.arrived, scenario.participants, "--arrived", "participant")
    problems += _unknown(events.staff_absent, scenario.staff, "--staff-absent", "supervisor")
    problems += _unknown(events.doses, scenario.participants, "--dose", "participant")
    problems += _unknown(events.observation, scenario.participants, "--observation", "participant")
    if not problems:
        problems += _contradictions(scenario, plan, first, events)
        problems += _dose_times(scenario, events)
    if events.now is not None and events.now % scenario.time_step:
        problems.append(
            ("--now", f"{format_time(events.now)} is off the scenario's {scenario.time_step}-minute grid (time_step)")
        )
    problems += [
        ("--observation", f"{pid}: a negative observation time") for pid, m in events.observation.items() if m < 0
    ]
    if len(problems) == 1:
        option, message = problems[0]
        raise InputError(option, [Problem("", message)])
    if problems:
        raise InputError("the morning's events", [Problem(option, message) for option, message in problems])


def check_dates(scenario: Scenario, first: dt.date, option: str) -> None:
    last = scenario.dates[-1]
    if not scenario.start <= first <= last:
        raise InputError(option, [Problem("", f"{first} is outside the scenario's horizon {scenario.start} to {last}")])


def _unknown(ids: Iterable[str], known: Mapping, option: str, kind: str) -> list[tuple[str, str]]:
    return [(option, f"{i} is not a {kind} of the scenario") for i in sorted(ids) if i not in known]


def _contradictions(scenario: Scenario, plan: Schedule, first: dt.date, events: Events) -> list[tuple[str, str]]:
    planned = {a.participant for a in plan.assignments if a.date == first}
    problems = [
        ("--arrived", f"{pid} is also given as --absent; a participant is one or the other")
        for pid in sorted(events.arrived & events.absent)
    ]
    problems += [
        ("--arrived", f"{pid} already has a place on {first}; --arrived is for people who came without one")
        for pid in sorted((events.arrived & planned) - events.absent)  # both at once is said above, once
    ]
    problems += [
        ("--arrived", f"{pid} cannot work on {first} (not one of their days, away, or no crew of theirs runs)")
        for pid in sorted(events.arrived - planned)
        if not scenario.eligible_crews(pid, first)
    ]
    present = (planned | events.arrived) - events.absent
    for option, given in (("--dose", events.doses), ("--observation", events.observation)):
        problems += [
            (option, f"{pid} neither has a place on {first} nor is given as --arrived")
            for pid in sorted(given)
            if pid not in present
        ]
    return problems


def _dose_times(scenario: Scenario, events: Events) -> list[tuple[str, str]]:
    problems = []
    for pid, minute in sorted(events.doses.items()):
        first, last = scenario.clinic_of(pid).morning
        if not first <= minute <= last:
            window = f"{format_time(first)}–{format_time(last)}"
            problems.append(("--dose", f"{pid}: the time is outside the clinic's morning window {window}"))
        elif minute % scenario.time_step:
            problems.append(("--dose", f"{pid}: the time is off the scenario's {scenario.time_step}-minute grid"))
    return problems

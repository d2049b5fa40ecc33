"""What can ever happen in a week, worked out before any solver variable exists.

Each participant-day gets its *options* (crew, group) that some dose time can
make ready for, and from which the participant is back for the afternoon
dose; everything else is ruled out here, with the numbers kept for the
explanation. This keeps the CP-SAT model small: variables exist only for
options that can really be taken.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workwindow.models import Scenario, format_time, weekday

if TYPE_CHECKING:  # not loaded for `check`, which needs no schedule models
    from workwindow.models.schedule import Group

ParticipantDay = tuple[str, dt.date]
CrewDay = tuple[str, dt.date]


@dataclass(frozen=True)
class Option:
    """One way a participant can work on a date: a crew and a group."""

    participant: str
    date: dt.date
    crew: str
    group: "Group"
    offset: int
    """Minutes from the start of the dose to ready at the site, the readiness margin included."""
    deadline: int
    """Latest dose start that still makes this group's latest possible start."""
    margin: int = 0
    """Minutes planned on top of the nominal readiness (`solve --robust`); the plan reports ready without them."""


@dataclass(frozen=True)
class StaticReason:
    """Why a participant-day can never work, whatever the others do."""

    reason: str
    detail: str


@dataclass(frozen=True)
class Supervision:
    """A supervisor who could lead a crew's late group on a date."""

    staff: str
    crew: str
    date: dt.date
    earliest_start: int
    """The late group may start no earlier, so the supervisor has prep time."""


@dataclass
class WeekFacts:
    week: int
    dates: list[dt.date]
    options: dict[ParticipantDay, list[Option]] = field(default_factory=dict)
    dose_slots: dict[ParticipantDay, list[int]] = field(default_factory=dict)
    start_slots: dict[CrewDay, list[int]] = field(default_factory=dict)
    supervisions: list[Supervision] = field(default_factory=list)
    static_reasons: dict[ParticipantDay, StaticReason] = field(default_factory=dict)

    @property
    def all_options(self) -> list[Option]:
        return [o for opts in self.options.values() for o in opts]


def week_facts(scenario: Scenario, week: int, margins: Mapping[str, int] | None = None) -> WeekFacts:
    """`margins`: minutes per participant to be ready before the group starts (none: no margin)."""
    first = scenario.start + dt.timedelta(days=7 * (week - 1))
    facts = WeekFacts(week, [first + dt.timedelta(days=i) for i in range(7)])
    for date in facts.dates:
        for pid in scenario.participants:
            _add_participant_day(scenario, facts, pid, date, (margins or {}).get(pid, 0))
    for crew_day in sorted({(o.crew, o.date) for o in facts.all_options if o.group == "late"}):
        facts.start_slots[crew_day] = late_start_slots(scenario)
    facts.supervisions = _supervisions(scenario, facts)
    return facts


def day_facts(facts: WeekFacts, date: dt.date) -> WeekFacts:
    """The part of a week that happens on one date."""
    day = WeekFacts(facts.week, [date])
    day.options = {key: options for key, options in facts.options.items() if key[1] == date}
    day.dose_slots = {key: slots for key, slots in facts.dose_slots.items() if key[1] == date}
    day.start_slots = {key: slots for key, slots in facts.start_slots.items() if key[1] == date}
    day.supervisions = [s for s in facts.supervisions if s.date == date]
    day.static_reasons = {key: r for key, r in facts.static_reasons.items() if key[1] == date}
    return day


def late_start_slots(scenario: Scenario) -> list[int]:
    program = scenario.program
    return list(range(program.ordinary_start, scenario.latest_late_start + 1, scenario.time_step))


def earliest_dose(scenario: Scenario, pid: str) -> int:
    fixed = scenario.participants[pid].morning_dose
    return fixed if fixed is not None else scenario.clinic_of(pid).morning[0]


def ready_offset(scenario: Scenario, pid: str, crew: str) -> int:
    clinic = scenario.clinic_of(pid)
    return clinic.dose_minutes + scenario.observation_of(pid) + scenario.travel(pid, crew)


def back_in_time(scenario: Scenario, pid: str, crew: str) -> bool:
    clinic = scenario.clinic_of(pid)
    return scenario.program.payout + scenario.travel(pid, crew) <= clinic.afternoon[1] - clinic.dose_minutes


def _add_participant_day(scenario: Scenario, facts: WeekFacts, pid: str, date: dt.date, margin: int) -> None:
    crews = scenario.eligible_crews(pid, date)
    if not crews:
        return
    key = (pid, date)
    reachable = [c for c in crews if _can_be_ready(scenario, pid, c, margin)]
    back = [c for c in reachable if back_in_time(scenario, pid, c)]
    if not reachable:
        facts.static_reasons[key] = StaticReason("not_ready", not_ready_detail(scenario, pid, crews, margin=margin))
        return
    if not back:
        facts.static_reasons[key] = StaticReason("afternoon", _afternoon_detail(scenario, pid, reachable))
        return
    options = [o for c in back for o in _crew_options(scenario, pid, date, c, margin)]
    facts.options[key] = options
    facts.dose_slots[key] = _dose_slots(scenario, pid, max(o.deadline for o in options))


def _crew_options(scenario: Scenario, pid: str, date: dt.date, crew: str, margin: int) -> list[Option]:
    program = scenario.program
    offset = ready_offset(scenario, pid, crew) + margin
    first = earliest_dose(scenario, pid)
    options = []
    if program.payout - program.ordinary_start >= program.min_work_minutes:
        deadline = program.ordinary_start - offset
        if first <= deadline:
            options.append(Option(pid, date, crew, "ordinary", offset, deadline, margin))
    deadline = scenario.latest_late_start - offset
    if scenario.latest_late_start >= program.ordinary_start and first <= deadline:
        options.append(Option(pid, date, crew, "late", offset, deadline, margin))
    return options


def _can_be_ready(scenario: Scenario, pid: str, crew: str, margin: int) -> bool:
    program = scenario.program
    latest = scenario.latest_late_start
    if latest < program.ordinary_start:
        return False
    return earliest_dose(scenario, pid) + ready_offset(scenario, pid, crew) + margin <= latest


def _dose_slots(scenario: Scenario, pid: str, deadline: int) -> list[int]:
    fixed = scenario.participants[pid].morning_dose
    if fixed is not None:
        return [fixed]
    first, last = scenario.clinic_of(pid).morning
    return list(range(first, min(last, deadline) + 1, scenario.time_step))


def not_ready_detail(scenario: Scenario, pid: str, crews: list[str], *, health: bool = False, margin: int = 0) -> str:
    """The earliest ready time against the latest start; with `health`, the sum that makes it
    (dose time, observation and dose form: the clinic's to know, not the work program's).
    `margin`: the readiness margin of a robust solve, counted in the ready time."""
    crew = min(crews, key=lambda c: ready_offset(scenario, pid, c))
    first = earliest_dose(scenario, pid)
    ready = format_time(first + ready_offset(scenario, pid, crew) + margin)
    latest = format_time(scenario.latest_late_start)
    if not health:
        return f"earliest ready {ready} > latest start {latest}"
    p = scenario.participants[pid]
    dose = f"fixed dose at {format_time(first)}" if p.morning_dose is not None else f"dose at {format_time(first)}"
    parts = (
        f"{dose} + {scenario.clinic_of(pid).dose_minutes} + {scenario.observation_of(pid)} observation "
        f"({p.dose_form}) + {scenario.travel(pid, crew)} travel to {crew}"
        + (f" + {margin} readiness margin" if margin else "")
    )
    return f"earliest ready {ready} ({parts}) > latest start {latest}"


def _afternoon_detail(scenario: Scenario, pid: str, crews: list[str]) -> str:
    crew = min(crews, key=lambda c: scenario.travel(pid, c))
    clinic = scenario.clinic_of(pid)
    back = scenario.program.payout + scenario.travel(pid, crew)
    last_start = clinic.afternoon[1] - clinic.dose_minutes
    return (
        f"back at the clinic {format_time(back)} (payout {format_time(scenario.program.payout)} + "
        f"{scenario.travel(pid, crew)} travel from {crew}) > {format_time(last_start)}, the last "
        f"afternoon dose start that ends by {format_time(clinic.afternoon[1])}"
    )


def _supervisions(scenario: Scenario, facts: WeekFacts) -> list[Supervision]:
    program = scenario.program
    result = []
    for crew, date in sorted(facts.start_slots):
        if program.crews[crew].staff_ratio is None:
            continue
        for sid, member in scenario.staff.items():
            earliest = max(member.hours[0] + program.staff_prep_minutes, program.ordinary_start)
            if (
                crew in (member.crews or [])
                and weekday(date) in member.days
                and member.max_days > 0
                and program.payout <= member.hours[1]
                and earliest <= scenario.latest_late_start
            ):
                result.append(Supervision(sid, crew, date, earliest))
    return result

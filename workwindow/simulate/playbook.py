"""A fixed plan turned into arrays, one `Day` per date, ready to be played on many mornings.

Participants, dates and supervisors are numbered by their place in the
scenario, not in the plan: two plans for one scenario then read the same
random numbers for the same person on the same morning.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from workwindow.models import Scenario, Schedule
from workwindow.models.distributions import GridDistribution, on_grid

ATTEND, DELAY, OBSERVE, TRAVEL = range(4)
DRAWN_PER_PARTICIPANT = 4
"""Uniform numbers per participant and morning: coming, dose delay, extra observation, extra travel."""


@dataclass(frozen=True)
class LateGroup:
    """A late group's members (positions in the day's assignments) and its supervisors."""

    index: int
    """In the plan's `groups`."""
    members: tuple[int, ...]
    staff: tuple[int, ...]
    ratio: int | None
    supervised_minutes: int
    """From the supervisor's prep before the start to the payout."""


@dataclass(frozen=True)
class Day:
    date_index: int
    week: int
    participants: tuple[int, ...]
    """Scenario index of each assignment's participant, then of each standby's; the other
    tuples of a participant follow the same order."""
    planned: int
    """How many of `participants` are assignments; the rest are standbys."""
    clinics: tuple[int, ...]
    doses: tuple[int, ...]
    offsets: tuple[int, ...]
    """Dose minutes + observation + travel, as the scenario gives them."""
    starts: tuple[int, ...]
    """The start of each assignment's group."""
    group_of: tuple[int, ...]
    """Index into the plan's `groups` of each assignment's group."""
    late_groups: tuple[LateGroup, ...]
    walk_in_candidates: tuple[int, ...]
    """Participants eligible that day who have no work in the plan."""


@dataclass(frozen=True)
class Playbook:
    """Everything a morning needs, in plain picklable values."""

    participant_ids: tuple[str, ...]
    staff_ids: tuple[str, ...]
    weeks: int
    days: tuple[Day, ...]
    groups: tuple[tuple[dt.date, str, str], ...]
    group_sizes: tuple[int, ...]
    planned_by_participant: tuple[int, ...]
    attendance: tuple[float, ...]
    walk_ins: float
    staff_absence: float
    dose_delay: GridDistribution
    travel_extra: GridDistribution
    observation_extra: tuple[GridDistribution, ...]
    """Per participant."""
    dose_minutes: tuple[int, ...]
    """Per clinic."""
    next_free_station: tuple[tuple[tuple[int, ...], ...], ...]
    """Per clinic and station: for each minute of the day, the first minute from it the station is open."""
    late_supervision: dict[str, tuple[int | None, int]] = field(default_factory=dict)
    """Per crew: staff_ratio, and payout + prep (so a group starting at t is supervised for that − t minutes)."""
    planned_days: int = field(default=0)


def playbook(scenario: Scenario, schedule: Schedule) -> Playbook:
    participants = list(scenario.participants)
    staff = list(scenario.staff)
    clinics = list(scenario.clinics)
    index = {pid: i for i, pid in enumerate(participants)}
    staff_index = {sid: i for i, sid in enumerate(staff)}
    groups = [(g.date, g.crew, g.group) for g in schedule.groups]
    group_index = {key: i for i, key in enumerate(groups)}
    uncertainty = scenario.uncertainty
    step = scenario.time_step
    planned = [0] * len(participants)
    for a in schedule.assignments:
        planned[index[a.participant]] += 1
    days = tuple(
        _day(scenario, schedule, date, i, index, staff_index, group_index, clinics)
        for i, date in enumerate(scenario.dates)
        if any(scenario.crew_runs(crew, date) for crew in scenario.program.crews)
    )
    return Playbook(
        participant_ids=tuple(participants),
        staff_ids=tuple(staff),
        weeks=scenario.weeks,
        days=days,
        groups=tuple(groups),
        group_sizes=tuple(len(g.participants) for g in schedule.groups),
        planned_by_participant=tuple(planned),
        attendance=tuple(uncertainty.attendance_of(pid) for pid in participants),
        walk_ins=uncertainty.walk_ins,
        staff_absence=uncertainty.staff_absence,
        dose_delay=on_grid(uncertainty.dose_delay, step),
        travel_extra=on_grid(uncertainty.travel_extra, step),
        observation_extra=tuple(
            on_grid(uncertainty.observation_extra_of(pid, p.dose_form), step)
            for pid, p in scenario.participants.items()
        ),
        dose_minutes=tuple(scenario.clinics[k].dose_minutes for k in clinics),
        next_free_station=tuple(_station_openings(scenario, k) for k in clinics),
        late_supervision={
            c: (crew.staff_ratio, scenario.program.payout + scenario.program.staff_prep_minutes)
            for c, crew in scenario.program.crews.items()
        },
        planned_days=len(schedule.assignments),
    )


def _day(
    scenario: Scenario,
    schedule: Schedule,
    date: dt.date,
    date_index: int,
    index: dict[str, int],
    staff_index: dict[str, int],
    group_index: dict[tuple, int],
    clinics: list[str],
) -> Day:
    assignments = sorted((a for a in schedule.assignments if a.date == date), key=lambda a: index[a.participant])
    standbys = [s for s in schedule.standby if s.date == date]
    starts_of = {(g.crew, g.group): g.start for g in schedule.groups if g.date == date}
    position = {a.participant: i for i, a in enumerate(assignments)}
    program = scenario.program
    late = []
    for g in schedule.groups:
        if g.date != date or g.group != "late":
            continue
        late.append(
            LateGroup(
                index=group_index[(date, g.crew, g.group)],
                members=tuple(position[pid] for pid in g.participants if pid in position),
                staff=tuple(staff_index[s] for s in g.staff),
                ratio=program.crews[g.crew].staff_ratio,
                supervised_minutes=program.payout - (g.start - program.staff_prep_minutes),
            )
        )
    working = {a.participant for a in (*assignments, *standbys)}
    everyone = [*assignments, *standbys]
    return Day(
        date_index=date_index,
        week=scenario.week_of(date),
        participants=tuple(index[a.participant] for a in everyone),
        planned=len(assignments),
        clinics=tuple(clinics.index(scenario.participants[a.participant].clinic) for a in everyone),
        doses=tuple(a.dose for a in everyone),
        offsets=tuple(_offset(scenario, a.participant, a.crew) for a in everyone),
        starts=tuple(_group_start(scenario, starts_of, a.crew, a.group, a.start) for a in assignments)
        + tuple(_group_start(scenario, starts_of, s.crew, s.group, s.ready) for s in standbys),
        group_of=tuple(group_index.get((date, a.crew, a.group), -1) for a in everyone),
        late_groups=tuple(late),
        walk_in_candidates=tuple(
            index[pid] for pid in scenario.participants if pid not in working and scenario.eligible_crews(pid, date)
        ),
    )


def _offset(scenario: Scenario, pid: str, crew: str) -> int:
    return scenario.clinic_of(pid).dose_minutes + scenario.observation_of(pid) + scenario.travel(pid, crew)


def _group_start(scenario: Scenario, starts_of: dict, crew: str, group: str, own_start: int) -> int:
    if group == "ordinary":
        return scenario.program.ordinary_start
    return starts_of.get((crew, group), own_start)


def _station_openings(scenario: Scenario, clinic: str) -> tuple[tuple[int, ...], ...]:
    """Station k is open at minute t when the clinic has more than k stations then; a dose that
    starts while its station is open keeps it to the dose's end."""
    stations = scenario.clinics[clinic]
    minutes = range(24 * 60 + 1)
    most = max((stations.stations_at(t) for t in minutes), default=0)
    openings = []
    for k in range(most):
        following, nxt = [0] * len(minutes), math.inf
        for t in reversed(minutes):
            if stations.stations_at(t) > k:
                nxt = t
            following[t] = int(nxt) if nxt != math.inf else 24 * 60
        openings.append(tuple(following))
    return tuple(openings)

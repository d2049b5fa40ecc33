"""A good feasible week, built greedily, for the lexicographic search to start from.

At a thousand participants and more, CP-SAT spends most of a stage improving
the empty schedule by large neighbourhood search: after 30 s the shortfall of
a generated 1,000-participant week was still three times its bound. Placing
people one at a time, the ones with a minimum first, in the option that
costs least (an ordinary group, a late group that already runs, a new one),
with the earliest dose the stations leave free, gives a schedule near the
first two optima in well under a second, and CP-SAT improves from there.

Every rule of SPEC section 3 is kept as people are placed, so the result is
a feasible solution of the week's model; `tests/solver/test_greedy.py`
checks that against CP-SAT and the independent checker.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from workwindow.models import Scenario
from workwindow.solver.facts import CrewDay, Option, ParticipantDay, Supervision, WeekFacts
from workwindow.solver.lexicographic import Solution
from workwindow.solver.week_model import WeekModel, empty_schedule


@dataclass
class _LateGroup:
    members: list[ParticipantDay] = field(default_factory=list)
    leaders: list[Supervision] = field(default_factory=list)
    ready: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Choice:
    option: Option
    dose: int
    leader: Supervision | None
    """A supervisor the late group needs in addition to its leaders, if any."""

    def cost(self) -> tuple[int, int, int]:
        """Ordinary before late, no new supervisor before one, then the earliest ready."""
        return (self.option.group == "late", self.leader is not None, self.dose + self.option.offset)


class _Week:
    """The week as placed so far, and whether one more person fits."""

    def __init__(self, scenario: Scenario, facts: WeekFacts):
        self.scenario, self.facts = scenario, facts
        self.cap = scenario.program.daily_cap_in_week(facts.week)
        self.dose: dict[ParticipantDay, int] = {}
        self.chosen: dict[ParticipantDay, Option] = {}
        self.days = Counter[str]()
        self.on_date = Counter[dt.date]()
        self.ordinary = Counter[CrewDay]()
        self.late: dict[CrewDay, _LateGroup] = defaultdict(_LateGroup)
        self.in_progress: dict[tuple[str, dt.date], Counter[int]] = defaultdict(Counter)
        self.leading: set[tuple[str, dt.date]] = set()
        self.days_led = Counter[str]()
        self.keys_of: dict[str, list[ParticipantDay]] = defaultdict(list)
        for key in facts.options:
            self.keys_of[key[0]].append(key)
        self.supervisions: dict[CrewDay, list[Supervision]] = defaultdict(list)
        for s in sorted(facts.supervisions, key=lambda s: (s.earliest_start, s.staff)):
            self.supervisions[(s.crew, s.date)].append(s)

    def best_choice(self, pid: str) -> _Choice | None:
        choices = (
            choice
            for key in self.keys_of[pid]
            if key not in self.chosen
            for option in self.facts.options[key]
            if (choice := self._choice(option)) is not None
        )
        return min(choices, key=_Choice.cost, default=None)

    def place(self, choice: _Choice) -> None:
        o = choice.option
        key = (o.participant, o.date)
        self.chosen[key] = o
        self.dose[key] = choice.dose
        self.days[o.participant] += 1
        self.on_date[o.date] += 1
        clinic = self.scenario.clinic_of(o.participant)
        busy = self.in_progress[(self.scenario.participants[o.participant].clinic, o.date)]
        for minute in range(choice.dose, choice.dose + clinic.dose_minutes):
            busy[minute] += 1
        if o.group == "ordinary":
            self.ordinary[(o.crew, o.date)] += 1
            return
        group = self.late[(o.crew, o.date)]
        group.members.append(key)
        group.ready.append(choice.dose + o.offset)
        if choice.leader is not None:
            group.leaders.append(choice.leader)
            self.leading.add((choice.leader.staff, o.date))
            self.days_led[choice.leader.staff] += 1

    def _choice(self, o: Option) -> _Choice | None:
        if not self._room(o):
            return None
        leader = None
        if o.group == "late" and (ratio := self.scenario.program.crews[o.crew].staff_ratio) is not None:
            group = self.late[(o.crew, o.date)]
            if len(group.members) + 1 > ratio * len(group.leaders):
                leader = self._free_supervisor(o)
                if leader is None:
                    return None
        dose = self._earliest_dose(o)
        return None if dose is None else _Choice(o, dose, leader)

    def _room(self, o: Option) -> bool:
        p = self.scenario.participants[o.participant]
        crew = self.scenario.program.crews[o.crew]
        if self.days[o.participant] >= p.want[1] or (self.cap is not None and self.on_date[o.date] >= self.cap):
            return False
        if o.group == "ordinary":
            return crew.ordinary_capacity is None or self.ordinary[(o.crew, o.date)] < crew.ordinary_capacity
        return crew.late_capacity is None or len(self.late[(o.crew, o.date)].members) < crew.late_capacity

    def _free_supervisor(self, o: Option) -> Supervision | None:
        return next(
            (
                s
                for s in self.supervisions[(o.crew, o.date)]
                if (s.staff, o.date) not in self.leading
                and self.days_led[s.staff] < self.scenario.staff[s.staff].max_days
            ),
            None,
        )

    def _earliest_dose(self, o: Option) -> int | None:
        """The earliest dose slot with a station free throughout that still makes this option."""
        clinic_id = self.scenario.participants[o.participant].clinic
        clinic = self.scenario.clinics[clinic_id]
        busy = self.in_progress[(clinic_id, o.date)]
        for t in self.facts.dose_slots[(o.participant, o.date)]:
            if t > o.deadline:
                return None
            minutes = range(t, t + clinic.dose_minutes)
            if all(busy[m] < clinic.stations_at(m) for m in minutes):
                return t
        return None


def greedy_start(week: WeekModel) -> Solution:
    """A feasible solution of the week's model: minimums first, then more days, by priority."""
    placed = _Week(week.scenario, week.facts)
    people = _by_priority(week.scenario, {pid for pid, _ in week.facts.options})
    for pid in people:
        for _ in range(week.scenario.participants[pid].want[0]):
            if not _place_one(placed, pid):
                break
    wanting = list(people)
    while wanting:
        wanting = [pid for pid in wanting if _place_one(placed, pid)]
    return _solution(week, placed)


def _by_priority(scenario: Scenario, people: set[str]) -> list[str]:
    return sorted(people, key=lambda pid: (-scenario.participants[pid].priority, pid))


def _place_one(placed: _Week, pid: str) -> bool:
    choice = placed.best_choice(pid)
    if choice is not None:
        placed.place(choice)
    return choice is not None


def _solution(week: WeekModel, placed: _Week) -> Solution:
    values = empty_schedule(week)
    v, scenario = week.v, week.scenario
    for key, option in placed.chosen.items():
        values[v.assign[option].Index()] = 1
        for t, literal in v.dose_from[key].items():
            values[literal.Index()] = int(t <= placed.dose[key])
    for crew_day, group in placed.late.items():
        if not group.members:
            continue
        values[v.runs[crew_day].Index()] = 1
        start = _late_start(week.facts, crew_day, group)
        for t, literal in v.later[crew_day].items():
            values[literal.Index()] = int(t <= start)
        for leader in group.leaders:
            values[v.lead[leader].Index()] = 1
        ratio = scenario.program.crews[crew_day[0]].staff_ratio
        for k, step in enumerate(v.more_leaders.get(crew_day, []), start=1):
            values[step.Index()] = int(len(group.members) > k * ratio)
    for pid, shortfall in v.shortfall.items():
        values[shortfall.Index()] = max(0, scenario.participants[pid].want[0] - placed.days[pid])
    return values


def _late_start(facts: WeekFacts, crew_day: CrewDay, group: _LateGroup) -> int:
    """The first start slot that every member is ready for and every leader has prepared for."""
    needed = max([*group.ready, *(s.earliest_start for s in group.leaders)])
    slots = facts.start_slots[crew_day]
    return next(t for t in slots if t >= needed) if needed > slots[0] else slots[0]

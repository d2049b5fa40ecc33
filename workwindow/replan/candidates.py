"""Who could take a freed place now: the call a planner makes with someone on the phone.

Each possible taker is tried for real, on one model: the re-planned day
with all of them as possible walk-ins. A trial fixes who is taken (that
person in, the others out) and minimises, in one CP-SAT solve, the replan's
stages weighted so that they keep their order: planned days lost, then booked
doses moved, then other changes, then the late start. "What it would change"
is thus the solver's fewest changes, not a guess. People who cannot be ready
for the group's latest start, or have their week's maximum, are not tried.
"""

import time
from collections import Counter
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from workwindow.models import Scenario, Schedule
from workwindow.replan.changes import Change, changes_between, place
from workwindow.replan.core import Replanned, ReplanSettings
from workwindow.replan.events import Events
from workwindow.replan.freed import FreedPlace, earliest_ready
from workwindow.replan.model import build_pinned_week, stage_expr, works
from workwindow.replan.morning import Morning, morning_of_week
from workwindow.solver.objectives import objective_expr
from workwindow.solver.readback import read_week
from workwindow.solver.week_model import WeekModel

WEIGHTS = {"keep": 10**9, "dose_moves": 10**6, "changes": 10**3}
"""Each count stays below 1,000 on one day (planned people, supervisors; the late start
in minutes summed over a day's groups, weighted 1), so the weighted sum orders trials as
the stages would."""

TRIAL_SECONDS = 0.8
"""Trials stop being started after this long, so the call answers within a second. People
are tried in order of their earliest ready time."""

TRIAL_SETTINGS = ReplanSettings(workers=1)
"""One worker and no presolve: on a 100-participant day 35 trials took 1.7 s so, 2.9 s with
presolve and 1.9 s with two workers (the small portfolio)."""


@dataclass(frozen=True)
class Candidate:
    participant: str
    earliest_ready: int
    """Minutes since midnight: at the crew's site with the first dose time still possible."""
    place: str | None
    """Where they would work ("gaterydding late 09:40"), None when no re-plan can take them."""
    changes: tuple[Change, ...]
    """What taking them changes for the others."""
    dose_moves: int

    def rank(self) -> tuple:
        return (self.place is None, self.dose_moves, len(self.changes), self.earliest_ready, self.participant)


def candidates(
    scenario: Scenario,
    replanned: Replanned,
    events: Events,
    freed: FreedPlace,
    settings: ReplanSettings = TRIAL_SETTINGS,
    seconds: float = TRIAL_SECONDS,
) -> tuple[list[Candidate], int]:
    """The people who could take `freed` in the re-planned schedule, best first (fewest changes, earliest ready),
    and how many more could but were not tried within `seconds`."""
    began = time.monotonic()
    new, date = replanned.schedule, freed.date
    today = events if date == replanned.dates[0] else Events(absent=events.absent, staff_absent=events.staff_absent)
    possible = _possible_takers(
        scenario, new, freed, morning_of_week(scenario, new, scenario.week_of(date), [date], date, today)
    )
    if not possible:
        return [], 0
    trial_events = replace(today, arrived=frozenset(pid for _, pid in possible))
    trials = _Trials(scenario, new, morning_of_week(scenario, new, scenario.week_of(date), [date], date, trial_events))
    found = []
    for ready, pid in possible:
        left = seconds - (time.monotonic() - began)
        if left <= 0:
            break
        found.append(trials.take(pid, ready, replace(today, arrived=frozenset({pid})), settings, left))
    return sorted(found, key=Candidate.rank), len(possible) - len(found)


def _possible_takers(scenario: Scenario, new: Schedule, freed: FreedPlace, morning: Morning) -> list[tuple[int, str]]:
    """(earliest ready, id) of everyone who could be ready for the group and has a day left that week;
    nobody for a group that started before `now`."""
    date = freed.date
    latest = scenario.program.ordinary_start if freed.group == "ordinary" else scenario.latest_late_start
    now = morning.events.now
    if (freed.crew, date, freed.group) in morning.started or (
        freed.group == "ordinary" and now is not None and latest < now
    ):
        return []
    working = {a.participant for a in new.assignments if a.date == date}
    days = Counter(a.participant for a in new.assignments if scenario.week_of(a.date) == scenario.week_of(date))
    possible = []
    for pid in scenario.participants:
        if pid in working or pid in morning.events.absent or freed.crew not in scenario.eligible_crews(pid, date):
            continue
        ready = earliest_ready(morning, pid, date, freed.crew)
        if ready <= latest and days[pid] < scenario.participants[pid].want[1]:
            possible.append((ready, pid))
    return sorted(possible)


class _Trials:
    """One model of the day with every possible taker as a walk-in; each trial lets exactly one in."""

    def __init__(self, scenario: Scenario, new: Schedule, morning: Morning):
        self.scenario, self.new, self.morning = scenario, new, morning
        self.week: WeekModel = build_pinned_week(morning)
        terms = [weight * stage_expr(name, self.week, morning) for name, weight in WEIGHTS.items()]
        terms.append(objective_expr("late_start", morning.scenario, morning.facts, self.week.v))
        self.week.model.minimize(sum(terms))
        self.taken = {pid: works(self.week, (pid, morning.first)) for pid in morning.events.arrived}

    def take(self, pid: str, ready: int, events: Events, settings: ReplanSettings, seconds: float) -> Candidate:
        if isinstance(self.taken[pid], int):
            return Candidate(pid, ready, None, (), 0)
        proto = self.week.model.proto
        saved = []
        for other, literal in self.taken.items():
            if not isinstance(literal, int):
                variable = proto.variables[literal.Index()]  # a boolean: its domain is [0, 1]
                saved.append(variable)
                variable.domain[0] = variable.domain[1] = int(other == pid)
        try:
            solution = self._solve(settings, seconds)
        finally:
            for variable in saved:
                variable.domain[0], variable.domain[1] = 0, 1
        if solution is None:
            return Candidate(pid, ready, None, (), 0)
        return self._candidate(pid, ready, events, solution)

    def _solve(self, settings: ReplanSettings, seconds: float) -> list[int] | None:
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = settings.workers
        solver.parameters.random_seed = settings.seed
        solver.parameters.max_time_in_seconds = max(0.05, seconds)
        solver.parameters.catch_sigint_signal = False
        solver.parameters.cp_model_presolve = False  # a trial differs from the last by two fixed literals
        status = solver.solve(self.week.model)
        return list(solver.response_proto.solution) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None

    def _candidate(self, pid: str, ready: int, events: Events, solution: list[int]) -> Candidate:
        date = self.morning.first
        day = read_week(self.week, solution)
        trial = self.new.model_copy(
            update={
                "assignments": [a for a in self.new.assignments if a.date != date] + day.assignments,
                "groups": [g for g in self.new.groups if g.date != date] + day.groups,
            }
        )
        taken = next(a for a in day.assignments if a.participant == pid)
        others = tuple(c for c in changes_between(self.scenario, self.new, trial, [date], events) if c.who != pid)
        dose_moves = sum(1 for c in others if c.kind == "dose")
        return Candidate(pid, ready, place(taken), others, dose_moves)

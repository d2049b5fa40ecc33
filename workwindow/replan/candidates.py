"""Who could take a freed place now: the call a planner makes with someone on the phone.

Each possible taker is tried for real: the re-planned day is re-planned once
more with that person as a walk-in (walk-ins first, then keeping everyone's
day, then the fewest dose moves and changes), so "what it would change" is
the solver's fewest changes, not a guess. People who cannot be ready for
the group's latest start, or have their week's maximum, are not tried.
"""

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass

from workwindow.models import Scenario, Schedule
from workwindow.replan.changes import Change, place
from workwindow.replan.core import Replanned, ReplanSettings, replan_checked
from workwindow.replan.events import Events
from workwindow.replan.freed import FreedPlace, earliest_ready
from workwindow.replan.morning import morning_of_week

CANDIDATE_STAGES = ["walk_ins", "keep", "dose_moves", "changes"]
"""A candidate is taken if at all possible; what that costs the others is then kept least."""

TRIAL_SECONDS = 0.8
"""Trials stop being started after this long, so the call answers within a second. People are
tried in order of their earliest ready time; a 100-participant day's trial takes about 0.3 s."""


TRIAL_SETTINGS = ReplanSettings(explain=False)
"""A trial needs the changes, not reasons for the days without work."""


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
    new = replanned.schedule
    first = replanned.dates[0]
    date = freed.date
    morning = morning_of_week(scenario, new, scenario.week_of(date), [date], first, events)
    latest = scenario.program.ordinary_start if freed.group == "ordinary" else scenario.latest_late_start
    working = {a.participant for a in new.assignments if a.date == date}
    days = Counter(a.participant for a in new.assignments if scenario.week_of(a.date) == scenario.week_of(date))
    possible = []
    for pid in scenario.participants:
        if pid in working or pid in events.absent or freed.crew not in scenario.eligible_crews(pid, date):
            continue
        ready = earliest_ready(morning, pid, date, freed.crew)
        if ready <= latest and days[pid] < scenario.participants[pid].want[1]:
            possible.append((ready, pid))
    order = scenario.model_copy(update={"replan": CANDIDATE_STAGES})
    found = []
    for ready, pid in sorted(possible):
        if time.monotonic() - began > seconds:
            break
        found.append(_tried(order, new, date, first, events, pid, ready, settings))
    return sorted(found, key=Candidate.rank), len(possible) - len(found)


def _tried(
    scenario: Scenario,
    new: Schedule,
    date: dt.date,
    first: dt.date,
    events: Events,
    pid: str,
    ready: int,
    settings: ReplanSettings,
) -> Candidate:
    today = date == first
    trial_events = Events(
        absent=events.absent,
        arrived={pid},
        staff_absent=events.staff_absent,
        doses=events.doses if today else {},
        observation=events.observation if today else {},
        now=events.now if today else None,
    )
    trial = replan_checked(scenario, new, date, trial_events, settings=settings)
    taken = next((a for a in trial.schedule.assignments if a.participant == pid and a.date == date), None)
    if taken is None:
        return Candidate(pid, ready, None, (), 0)
    others = tuple(c for c in trial.changes if c.who != pid)
    dose_moves = sum(1 for c in others if c.kind == "dose")
    return Candidate(pid, ready, place(taken), others, dose_moves)

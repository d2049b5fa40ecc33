"""`--recourse replan`: each sampled morning re-planned as `workwindow replan` would, then counted.

The planner is taken to know the morning at sign-in: who did not come, who
walked in (standbys who came are walk-ins to the re-plan), which supervisors
are away, when each dose was given and how long each person needs until
ready (extra observation and extra travel are given to the re-plan together,
as a longer observation). The re-plan changes as little as it can and takes
walk-ins where places are free; what it plans is what the morning delivers,
since it was planned on the morning's own numbers.

Each plan is checked once, before any draw (`check_plans`); a plan that breaks
a rule of the scenario cannot be re-planned and is refused.

A morning where everyone planned came ready in time, nobody walked in and no
supervisor is away needs no re-plan: it is played as the plan (recourse none).
Re-plans are deterministic (one CP-SAT worker), so the numbers are the same on
any number of processes.
"""

import math
from collections.abc import Sequence
from typing import Any

from workwindow.models import Scenario, Schedule
from workwindow.simulate.morning import (
    COLUMN,
    ChunkOutcome,
    Morning,
    PlayedDay,
    add_day,
    empty_outcome,
    play_day,
    sample_morning,
)
from workwindow.simulate.playbook import ATTEND, Day, Playbook

REPLAN_SECONDS = 10.0
"""Time limit of one morning's re-plan; a pilot day is proven optimal in well under one second."""


def replan_chunk(
    scenario: Scenario,
    plans: Sequence[Schedule],
    books: Sequence[Playbook],
    seed: int,
    chunk: int,
    size: int,
    first_draw: int,
    end_draw: int,
) -> list[ChunkOutcome]:
    """`play_chunk` for draws [first_draw, end_draw) of a chunk of `size`, re-planning each morning that needs it."""
    import numpy as np

    first = books[0]
    draws = end_draw - first_draw
    outcomes = [empty_outcome(book, draws) for book in books]
    for i, day in enumerate(first.days):
        whole = sample_morning(seed, chunk, day.date_index, size, len(first.participant_ids), len(first.staff_ids))
        morning = Morning(whole.participants[first_draw:end_draw], whole.staff[first_draw:end_draw])
        for plan, book, outcome in zip(plans, books, outcomes, strict=True):
            own = book.days[i]
            played = play_day(book, own, morning)
            arrived = morning.participants[:, list(own.walk_in_candidates), ATTEND] < book.walk_ins
            standbys = np.asarray(own.participants[own.planned :], dtype=np.int64)
            for draw in range(draws):
                walk_ins = [own.walk_in_candidates[k] for k in np.flatnonzero(arrived[draw])]
                walk_ins += [int(p) for p in standbys[played.attend[draw, own.planned :]]]
                if _needs_replan(played, draw, walk_ins):
                    _replanned(scenario, plan, book, book.days[i], played, draw, walk_ins)
            add_day(outcome, day.week, played)
    return outcomes


def check_plans(scenario: Scenario, plans: Sequence[tuple[str, Schedule]]) -> None:
    """What `replan` checks of a plan, once for all its mornings."""
    from workwindow.verify.fit import refuse_unusable_plan

    for label, plan in plans:
        refuse_unusable_plan(scenario, plan, label)


def _needs_replan(played: PlayedDay, draw: int, walk_ins: list[int]) -> bool:
    return bool(walk_ins) or bool(played.lost[draw].any()) or not bool(played.staff_present[draw].all())


def _replanned(
    scenario: Scenario, plan: Schedule, book: Playbook, day: Day, played: PlayedDay, draw: int, walk_ins: list[int]
) -> None:
    """Re-plan one draw's morning and write its figures over those of playing the plan as it is."""
    from workwindow.replan import Events, ReplanSettings
    from workwindow.replan.core import replan_checked
    from workwindow.replan.events import check_events

    date = scenario.dates[day.date_index]
    ids = book.participant_ids
    absent, doses, observation = set(), {}, {}
    for column, pid in enumerate(day.participants[: day.planned]):
        person = ids[pid]
        dosed = _on_grid(int(played.dosed[draw, column]), scenario.time_step)
        if not played.attend[draw, column] or dosed > scenario.clinic_of(person).morning[1]:
            absent.add(person)
            continue
        if dosed != day.doses[column]:
            doses[person] = dosed
        observation[person] = scenario.observation_of(person) + int(played.extra[draw, column])
    staff_absent = {book.staff_ids[s] for s in range(len(book.staff_ids)) if not played.staff_present[draw, s]}
    events = Events(
        absent=frozenset(absent),
        arrived=frozenset(ids[p] for p in walk_ins),
        staff_absent=frozenset(staff_absent),
        doses=doses,
        observation=observation,
    )
    settings = ReplanSettings(time_limit=REPLAN_SECONDS, workers=1, deterministic=True, explain=False)
    check_events(scenario, plan, date, events)
    new = replan_checked(scenario, plan, date, events, settings=settings).schedule
    _count(book, day, played, draw, [a for a in new.assignments if a.date == date], new, date, events)


def _count(
    book: Playbook, day: Day, played: PlayedDay, draw: int, kept: list, new: Schedule, date: Any, events: Any
) -> None:
    ids = book.participant_ids
    working = {a.participant for a in kept}
    planned = [ids[pid] for pid in day.participants[: day.planned]]
    came = [pid not in events.absent for pid in planned]
    lost = [pid not in working for pid in planned]
    figures = played.figures[draw]
    placed = len(working & events.arrived)
    figures[COLUMN["delivered_days"]] = len(kept)
    figures[COLUMN["lost_late"]] = sum(c and lost_ for c, lost_ in zip(came, lost, strict=True))
    figures[COLUMN["lost_absent"]] = len(planned) - sum(came)
    figures[COLUMN["lost_supervisor"]] = 0
    standbys = {ids[pid] for pid in day.participants[day.planned :]}
    figures[COLUMN["walk_ins_placed"]] = placed - len(working & standbys)
    figures[COLUMN["standby_worked"]] = len(working & standbys)
    figures[COLUMN["standby_sent_home"]] = len((events.arrived & standbys) - working)
    figures[COLUMN["payouts_missed"]] = figures[COLUMN["lost_late"]] + len(events.arrived) - placed
    figures[COLUMN["groups_without_supervisor"]] = 0
    figures[COLUMN["idle_supervisor_hours"]] = _idle_hours(book, new, date)
    played.lost[draw] = lost
    members = {(g.crew, g.group): len(g.participants) for g in new.groups if g.date == date}
    for k, g in enumerate(played.short_groups):
        _, crew, group = book.groups[g]
        played.short[draw, k] = members.get((crew, group), 0) < book.group_sizes[g]
    figures[COLUMN["groups_short"]] = played.short[draw].sum()


def _idle_hours(book: Playbook, new: Schedule, date: Any) -> float:
    """Supervisors beyond what the re-planned late groups need, for the hours they were booked."""
    hours = 0.0
    for g in new.groups:
        if g.date != date or g.group != "late" or not g.staff:
            continue
        ratio, minutes = book.late_supervision[g.crew]
        needed = math.ceil(len(g.participants) / ratio) if ratio else 0
        hours += max(0, len(g.staff) - needed) * (minutes - g.start) / 60
    return hours


def _on_grid(minute: int, step: int) -> int:
    return -(-minute // step) * step

"""Sample mornings and play a fixed plan on them, vectorised over draws and people.

Each date of a chunk of draws gets its own random generator, seeded from the
master seed, the chunk's number and the date's number, and draws one uniform
number per draw for every participant of the scenario (and every supervisor),
planned or not. So a chunk gives the same mornings whichever process runs it,
and two plans meet the same mornings.

What a morning does to the plan (recourse "none"):
- a planned participant comes with their attendance probability;
- their dose starts at the slot plus the dose delay, or later when every
  station is taken (first come, first served);
- ready = dose start + dose minutes + observation + extra observation +
  travel + extra travel; later than the group's start loses the day ("late");
- a late group works with the supervisors who come, each for `staff_ratio`
  members; members past that, in the order they were ready, lose the day
  ("supervisor");
- who came but lost the day also misses the payout.
"""

from dataclasses import dataclass
from typing import Any

from workwindow.simulate.playbook import ATTEND, DELAY, DRAWN_PER_PARTICIPANT, OBSERVE, TRAVEL, Day, Playbook

METRICS = (
    "delivered_days",
    "lost_absent",
    "lost_late",
    "lost_supervisor",
    "payouts_missed",
    "groups_short",
    "groups_without_supervisor",
    "idle_supervisor_hours",
    "walk_ins",
    "walk_ins_placed",
    "standby_worked",
    "standby_sent_home",
    "dose_wait_minutes",
    "longest_dose_wait",
)
"""Figures of a draw, per week; each is a sum over the week's days except the longest wait (a maximum)."""
COLUMN = {name: i for i, name in enumerate(METRICS)}
MAXIMA = ("longest_dose_wait",)


@dataclass(frozen=True)
class Morning:
    """The sampled uniform numbers of one date for a chunk of draws."""

    participants: Any
    """(draws, participants, DRAWN_PER_PARTICIPANT)"""
    staff: Any
    """(draws, staff)"""


@dataclass
class ChunkOutcome:
    """What a chunk of draws did to one plan."""

    weekly: Any
    """(draws, weeks, metrics)"""
    lost_by_participant: Any
    """(participants,) planned days lost, summed over the draws"""
    short_by_group: Any
    """(groups,) draws in which the group started with fewer members than planned"""


def sample_morning(seed: int, chunk: int, date_index: int, draws: int, participants: int, staff: int) -> Morning:
    import numpy as np

    rng = np.random.default_rng(np.random.SeedSequence([seed, chunk, date_index]))
    return Morning(
        participants=rng.random((draws, participants, DRAWN_PER_PARTICIPANT)),
        staff=rng.random((draws, staff)),
    )


def play_chunk(books: tuple[Playbook, ...], seed: int, chunk: int, draws: int) -> list[ChunkOutcome]:
    """Play every plan of `books` on the same `draws` mornings of chunk number `chunk`."""
    first = books[0]
    outcomes = [empty_outcome(book, draws) for book in books]
    for i, day in enumerate(first.days):
        morning = sample_morning(seed, chunk, day.date_index, draws, len(first.participant_ids), len(first.staff_ids))
        for book, outcome in zip(books, outcomes, strict=True):
            add_day(outcome, day.week, play_day(book, book.days[i], morning))
    return outcomes


def add_day(outcome: "ChunkOutcome", week_number: int, played: "PlayedDay") -> None:
    """Count a played day into its week: sums, and the maxima's maximum."""
    import numpy as np

    maxima = [COLUMN[name] for name in MAXIMA]
    summed = [COLUMN[name] for name in METRICS if name not in MAXIMA]
    week = outcome.weekly[:, week_number - 1, :]
    week[:, summed] += played.figures[:, summed]
    week[:, maxima] = np.maximum(week[:, maxima], played.figures[:, maxima])
    np.add.at(outcome.lost_by_participant, played.participants, played.lost.sum(axis=0))
    np.add.at(outcome.short_by_group, played.short_groups, played.short.sum(axis=0))


@dataclass(frozen=True)
class PlayedDay:
    figures: Any
    """(draws, metrics)"""
    participants: Any
    lost: Any
    """(draws, assignments) planned day lost"""
    short_groups: Any
    short: Any
    """(draws, groups of the plan on that day) started short"""
    ready: Any
    """(draws, assignments) the minute each was ready (also for who did not come)"""
    attend: Any
    """(draws, assignments) came"""
    dosed: Any
    """(draws, assignments) the minute each dose started"""
    extra: Any
    """(draws, assignments) extra observation + extra travel"""
    staff_present: Any
    """(draws, staff)"""


def play_day(book: Playbook, day: Day, morning: Morning) -> PlayedDay:
    """The planned columns of the day come first, then its standbys (`day.planned` tells them apart)."""
    import numpy as np

    draws = morning.participants.shape[0]
    people = np.asarray(day.participants, dtype=np.int64)
    drawn = morning.participants[:, people, :]
    attend = drawn[:, :, ATTEND] < np.asarray(book.attendance)[people]
    requested = np.asarray(day.doses) + book.dose_delay.draw(drawn[:, :, DELAY])
    dosed = _dose_starts(book, day, requested, attend)
    extra = _observation_extra(book, people, drawn[:, :, OBSERVE]) + book.travel_extra.draw(drawn[:, :, TRAVEL])
    ready = dosed + np.asarray(day.offsets) + extra
    on_time = attend & (ready <= np.asarray(day.starts))
    n = day.planned
    kept, staff_figures, places = _late_groups(book, day, morning, on_time[:, :n], ready[:, :n])
    worked = _standbys_fill(book, day, kept, on_time[:, n:], places)
    short, short_groups = _short_groups(book, day, kept, worked)
    figures = np.zeros((draws, len(METRICS)))
    figures[:, COLUMN["delivered_days"]] = kept.sum(axis=1) + worked.sum(axis=1)
    figures[:, COLUMN["lost_absent"]] = (~attend[:, :n]).sum(axis=1)
    figures[:, COLUMN["lost_late"]] = (attend[:, :n] & ~on_time[:, :n]).sum(axis=1)
    figures[:, COLUMN["lost_supervisor"]] = (on_time[:, :n] & ~kept).sum(axis=1)
    figures[:, COLUMN["standby_worked"]] = worked.sum(axis=1)
    figures[:, COLUMN["standby_sent_home"]] = (attend[:, n:] & ~worked).sum(axis=1)
    figures[:, COLUMN["payouts_missed"]] = (attend[:, :n] & ~kept).sum(axis=1) + (attend[:, n:] & ~worked).sum(axis=1)
    figures[:, COLUMN["groups_short"]] = short.sum(axis=1)
    figures[:, COLUMN["idle_supervisor_hours"]] = _idle_supervisor_hours(day, places, kept, worked)
    for name, values in staff_figures.items():
        figures[:, COLUMN[name]] = values
    waits = np.where(attend, dosed - requested, 0)
    figures[:, COLUMN["dose_wait_minutes"]] = waits.sum(axis=1)
    figures[:, COLUMN["longest_dose_wait"]] = waits.max(axis=1, initial=0)
    figures[:, COLUMN["walk_ins"]] = _walk_ins(book, day, morning)
    present = morning.staff >= book.staff_absence
    return PlayedDay(figures, people[:n], ~kept, short_groups, short, ready, attend, dosed, extra, present)


def _standbys_fill(book: Playbook, day: Day, kept: Any, on_time: Any, places: dict[int, Any]) -> Any:
    """Standbys ready by the start take, in their listed order, the group's places left free."""
    import numpy as np

    worked = np.zeros(on_time.shape, dtype=bool)
    planned_groups = np.asarray(day.group_of[: day.planned])
    standby_groups = np.asarray(day.group_of[day.planned :])
    for g in sorted(set(standby_groups.tolist())):
        columns = np.flatnonzero(standby_groups == g)
        members = kept[:, planned_groups == g].sum(axis=1)
        free = book.group_sizes[g] - members
        if g in places:
            free = np.minimum(free, places[g] - members)
        ready = on_time[:, columns]
        worked[:, columns] = ready & (np.cumsum(ready, axis=1) <= free[:, None])
    return worked


def _short_groups(book: Playbook, day: Day, kept: Any, worked: Any) -> tuple[Any, Any]:
    """(draws, groups of the day): fewer members at the start than planned, standbys counted."""
    import numpy as np

    groups = np.asarray(day.group_of)
    working = np.concatenate([kept, worked], axis=1)
    indices = [g for g in sorted(set(day.group_of)) if g >= 0]
    if not indices:
        return np.zeros((working.shape[0], 0), dtype=bool), np.zeros(0, dtype=np.int64)
    short = np.stack([working[:, groups == g].sum(axis=1) < book.group_sizes[g] for g in indices], axis=1)
    return short, np.asarray(indices, dtype=np.int64)


def _observation_extra(book: Playbook, people: Any, uniform: Any) -> Any:
    import numpy as np

    extra = np.zeros(uniform.shape, dtype=np.int64)
    by_distribution: dict[Any, list[int]] = {}
    for column, pid in enumerate(people):
        by_distribution.setdefault(book.observation_extra[pid], []).append(column)
    for distribution, columns in by_distribution.items():
        extra[:, columns] = distribution.draw(uniform[:, columns])
    return extra


def _dose_starts(book: Playbook, day: Day, requested: Any, attend: Any) -> Any:
    """First come, first served at each clinic's stations; who does not come takes none."""
    import numpy as np

    draws = requested.shape[0]
    started = requested.copy()
    rows = np.arange(draws)
    for clinic in sorted(set(day.clinics)):
        columns = np.flatnonzero(np.asarray(day.clinics) == clinic)
        openings = np.asarray(book.next_free_station[clinic], dtype=np.int64)
        if len(openings) == 0:
            continue
        last = openings.shape[1] - 1
        free = np.zeros((draws, openings.shape[0]), dtype=np.int64)
        order = np.argsort(np.where(attend[:, columns], requested[:, columns], np.iinfo(np.int64).max), axis=1)
        for rank in range(len(columns)):
            column = columns[order[:, rank]]
            asked = np.maximum(requested[rows, column], 0)
            earliest = np.minimum(np.maximum(asked[:, None], free), last)
            candidates = openings[np.arange(openings.shape[0])[None, :], earliest]
            station = candidates.argmin(axis=1)
            start = candidates[rows, station]
            coming = attend[rows, column]
            started[rows, column] = np.where(coming, start, requested[rows, column])
            free[rows, station] = np.where(coming, start + book.dose_minutes[clinic], free[rows, station])
    return started


def _late_groups(book: Playbook, day: Day, morning: Morning, on_time: Any, ready: Any) -> tuple:
    """Members kept by the supervisors who come, the groups' figures, and each supervised group's places."""
    import numpy as np

    draws = on_time.shape[0]
    kept = on_time.copy()
    unsupervised = np.zeros(draws)
    places: dict[int, Any] = {}
    present = morning.staff >= book.staff_absence
    for group in day.late_groups:
        if group.ratio is None or not group.members:
            continue
        members = np.asarray(group.members)
        came = on_time[:, members]
        leaders = present[:, list(group.staff)].sum(axis=1) if group.staff else np.zeros(draws, dtype=np.int64)
        places[group.index] = leaders * group.ratio
        by_ready = np.argsort(np.where(came, ready[:, members], np.iinfo(np.int64).max), axis=1, kind="stable")
        rank = np.empty_like(by_ready)
        np.put_along_axis(rank, by_ready, np.arange(len(members))[None, :], axis=1)
        kept[:, members] = came & (rank < places[group.index][:, None])
        arrived = came.sum(axis=1)
        needed = -(-arrived // group.ratio)
        unsupervised += leaders < needed
    figures = {"groups_without_supervisor": unsupervised}
    return kept, figures, places


def _idle_supervisor_hours(day: Day, places: dict[int, Any], kept: Any, worked: Any) -> Any:
    """Supervisors beyond what the members who work need, for the hours they were booked."""
    import numpy as np

    groups = np.asarray(day.group_of)
    working = np.concatenate([kept, worked], axis=1)
    idle = np.zeros(working.shape[0])
    for group in day.late_groups:
        if group.index not in places:
            continue
        leaders = places[group.index] // group.ratio
        members = working[:, groups == group.index].sum(axis=1)
        idle += np.maximum(leaders - -(-members // group.ratio), 0) * group.supervised_minutes / 60
    return idle


def _walk_ins(book: Playbook, day: Day, morning: Morning) -> Any:
    if not day.walk_in_candidates:
        return 0
    candidates = list(day.walk_in_candidates)
    return (morning.participants[:, candidates, ATTEND] < book.walk_ins).sum(axis=1)


def empty_outcome(book: Playbook, draws: int) -> ChunkOutcome:
    import numpy as np

    return ChunkOutcome(
        weekly=np.zeros((draws, book.weeks, len(METRICS))),
        lost_by_participant=np.zeros(len(book.participant_ids), dtype=np.int64),
        short_by_group=np.zeros(len(book.groups), dtype=np.int64),
    )

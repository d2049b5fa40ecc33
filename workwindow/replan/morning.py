"""What the re-plan of one week may still decide, given the plan and the morning's events.

Days of the week that are not re-planned stay as published, so they leave
the model: what they use of the week's rules (days worked against `want`,
days led against `max_days`) is taken off the scenario, which leaves a
*residual* scenario whose week-level rules hold for the re-planned days
alone. The re-planned days get the solver's own facts, worked out from the
residual scenario with the morning's events folded in (an absent person is
away, a given dose is a fixed dose, a longer observation is the person's own),
then cut down to what is still possible at `now`.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from workwindow.models import Scenario, Schedule
from workwindow.models.schedule import Assignment
from workwindow.replan.events import Events
from workwindow.solver.facts import CrewDay, ParticipantDay, StaticReason, WeekFacts, day_facts, week_facts

TOO_LATE = StaticReason("not_ready", "no dose time and group left that can still be reached this morning")


@dataclass(frozen=True)
class Morning:
    """One week to re-plan: the residual scenario, what may happen on its re-planned days, and the plan."""

    week: int
    dates: list[dt.date]
    first: dt.date
    """The morning at hand (the first day re-planned); it may lie in an earlier week."""
    events: Events
    scenario: Scenario
    facts: WeekFacts
    planned: dict[ParticipantDay, Assignment]
    """The published assignments of the re-planned days."""
    planned_leads: dict[tuple[str, dt.date], str]
    """(supervisor, date) → crew whose late group they lead in the plan."""
    planned_starts: dict[CrewDay, int]
    """Late groups of the plan and their starts."""
    started: frozenset[tuple[str, dt.date, str]]
    """(crew, date, group) of the plan that started before `now`: start and members kept."""

    def works_today(self, pid: str) -> bool:
        return (pid, self.first) in self.planned and pid not in self.events.absent


def morning_of_week(
    scenario: Scenario, plan: Schedule, week: int, dates: list[dt.date], first: dt.date, events: Events
) -> Morning:
    """The week's re-planned `dates` (a non-empty part of week `week`), from `first` on."""
    residual = _residual_scenario(scenario, plan, week, dates, events)
    planned = {(a.participant, a.date): a for a in plan.assignments if a.date in dates}
    late = [g for g in plan.groups if g.date in dates and g.group == "late"]
    started = _started_groups(plan, first, events) if first in dates else frozenset()
    morning = Morning(
        week=week,
        dates=dates,
        first=first,
        events=events,
        scenario=residual,
        facts=_facts(residual, week, dates, first, events),
        planned=planned,
        planned_leads={(s, g.date): g.crew for g in late for s in g.staff},
        planned_starts={(g.crew, g.date): g.start for g in late},
        started=started,
    )
    if first in dates:
        _cut_to_what_is_left(morning)
    return morning


def _residual_scenario(scenario: Scenario, plan: Schedule, week: int, dates: list[dt.date], events: Events) -> Scenario:
    fixed = [a for a in plan.assignments if scenario.week_of(a.date) == week and a.date not in dates]
    fixed_days = Counter(a.participant for a in fixed)
    fixed_leads = Counter(
        s
        for g in plan.groups
        if g.group == "late" and scenario.week_of(g.date) == week and g.date not in dates
        for s in g.staff
    )
    participants = {
        pid: p.model_copy(
            update={
                "want": (max(0, p.want[0] - fixed_days[pid]), max(0, p.want[1] - fixed_days[pid])),
                "away": [*p.away, *dates] if pid in events.absent else p.away,
            }
        )
        for pid, p in scenario.participants.items()
    }
    staff = {
        sid: s.model_copy(update={"max_days": max(0, s.max_days - fixed_leads[sid])})
        for sid, s in scenario.staff.items()
        if sid not in events.staff_absent
    }
    return scenario.model_copy(update={"participants": participants, "staff": staff})


def _facts(residual: Scenario, week: int, dates: list[dt.date], first: dt.date, events: Events) -> WeekFacts:
    """The solver's facts of the re-planned dates; the morning at hand sees its doses and observations."""
    source = {}
    if first in dates:
        source[first] = week_facts(_with_todays_times(residual, events), week)
    others = [d for d in dates if d != first]
    if others:
        later = week_facts(residual, week)
        source |= {d: later for d in others}
    merged = WeekFacts(week, dates)
    for date in dates:
        part = day_facts(source[date], date)
        merged.options |= part.options
        merged.dose_slots |= part.dose_slots
        merged.start_slots |= part.start_slots
        merged.supervisions += part.supervisions
        merged.static_reasons |= part.static_reasons
    return merged


def _with_todays_times(residual: Scenario, events: Events) -> Scenario:
    participants = dict(residual.participants)
    for pid, minute in events.doses.items():
        participants[pid] = participants[pid].model_copy(update={"morning_dose": minute})
    for pid, minutes in events.observation.items():
        participants[pid] = participants[pid].model_copy(update={"observation": minutes})
    return residual.model_copy(update={"participants": participants})


def _started_groups(plan: Schedule, first: dt.date, events: Events) -> frozenset:
    if events.now is None:
        return frozenset()
    return frozenset(
        (g.crew, g.date, g.group)
        for g in plan.groups
        if g.date == first and g.start < events.now and set(g.participants) - events.absent
    )


def _cut_to_what_is_left(morning: Morning) -> None:
    """On the morning at hand only those present may work, doses given stay, and started groups are closed."""
    facts, first, events = morning.facts, morning.first, morning.events
    for key in [k for k in facts.options if k[1] == first]:
        pid = key[0]
        if not morning.works_today(pid) and pid not in events.arrived:
            _drop(facts, key, None)
            continue
        options = [o for o in facts.options[key] if _may_join(morning, pid, (o.crew, o.date, o.group))]
        slots = _dose_slots_left(morning, key, facts.dose_slots[key])
        options = [o for o in options if slots and o.deadline >= slots[0]]
        if not options:
            _drop(facts, key, TOO_LATE)
            continue
        latest = max(o.deadline for o in options)
        facts.options[key] = options
        facts.dose_slots[key] = [t for t in slots if t <= latest]
    for key in [k for k in facts.static_reasons if k[1] == first]:
        if not morning.works_today(key[0]) and key[0] not in events.arrived:
            del facts.static_reasons[key]


def _may_join(morning: Morning, pid: str, group: tuple[str, dt.date, str]) -> bool:
    """A started group keeps its members and takes nobody new; its members stay in it."""
    planned = morning.planned.get((pid, morning.first))
    own = planned is not None and (planned.crew, planned.date, planned.group) in morning.started
    if own:
        return group == (planned.crew, planned.date, planned.group)
    now = morning.events.now
    ordinary_started = now is not None and morning.scenario.program.ordinary_start < now
    return group not in morning.started and not (group[2] == "ordinary" and ordinary_started)


def _dose_slots_left(morning: Morning, key: ParticipantDay, slots: list[int]) -> list[int]:
    """A dose given (before `now`, or as an event) keeps its time; the others come at `now` or later."""
    now, pid = morning.events.now, key[0]
    if pid in morning.events.doses or now is None:
        return slots
    planned = morning.planned.get(key)
    if planned is not None and planned.dose < now:
        return [planned.dose] if planned.dose in slots else []
    return [t for t in slots if t >= now]


def _drop(facts: WeekFacts, key: ParticipantDay, reason: StaticReason | None) -> None:
    del facts.options[key]
    del facts.dose_slots[key]
    if reason is not None:
        facts.static_reasons[key] = reason

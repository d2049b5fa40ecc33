"""Re-plan a day (or the rest of the horizon) of a published plan with the fewest changes."""

import datetime as dt
import itertools
import time
from collections import Counter
from dataclasses import dataclass

from workwindow.errors import InputError, Problem
from workwindow.models import Scenario, Schedule
from workwindow.models.schedule import Assignment, GroupRun, MorningFacts, SolverInfo, Stage, Unassigned
from workwindow.replan.changes import Change, changes_between, people_to_tell
from workwindow.replan.events import NO_EVENTS, Events, check_dates, check_events
from workwindow.replan.freed import FreedPlace, freed_places
from workwindow.replan.model import build_replan_model
from workwindow.replan.morning import Morning, morning_of_week
from workwindow.solver.lexicographic import SolverSettings, solve_lexicographic
from workwindow.solver.readback import kpis, objective_values, read_week
from workwindow.solver.reasons import explain_week
from workwindow.solver.week_model import empty_schedule
from workwindow.verify.fit import refuse_unusable_plan, rule_violations


@dataclass(frozen=True)
class ReplanSettings:
    time_limit: float = 10.0
    """Seconds for the whole re-plan; a pilot day is proven optimal in well under one."""
    workers: int = 2
    seed: int = 0
    deterministic: bool = False
    explain: bool = True
    """Reasons for the re-planned days without work; a simulation that only counts days can skip them."""


@dataclass(frozen=True)
class Replanned:
    """The new plan, and what the planner must tell whom."""

    schedule: Schedule
    """The whole horizon; days not re-planned are the published plan's records, unchanged."""
    dates: tuple[dt.date, ...]
    changes: tuple[Change, ...]
    to_tell: tuple[str, ...]
    """Participants, then supervisors, whose day changed (the absent excepted)."""
    freed: tuple[FreedPlace, ...]
    """Places the absent or dropped left that nobody took, with who could have and why not."""


def replan(
    scenario: Scenario,
    plan: Schedule,
    first: dt.date,
    events: Events = NO_EVENTS,
    *,
    to_end: bool = False,
    repair: bool = False,
    settings: ReplanSettings = ReplanSettings(),
    plan_name: str = "the plan",
) -> Replanned:
    """Re-plan `first` (with `to_end`, every day from `first` to the end of the horizon).

    Call it with the scenario the plan was solved for (with the same
    overrides), the published plan and the morning's `Events`; it returns
    the new plan with its changes, never changing `plan`. Stages follow the
    scenario's `replan` order (default: keep, walk_ins, dose_moves, changes,
    objective). Raises `InputError` for events or a plan that do not fit the
    scenario, and for a plan that breaks a rule unless `repair` is given;
    `plan_name` names the plan in those errors.
    """
    check_dates(scenario, first, "--from" if to_end else "--date")
    refuse_unusable_plan(scenario, plan, plan_name, repair=repair, remedy="give --repair to re-plan it anyway")
    check_events(scenario, plan, first, events)
    result = replan_checked(scenario, plan, first, events, to_end=to_end, settings=settings)
    if repair:
        _still_broken(scenario, result.schedule, plan_name)
    return result


def replan_checked(
    scenario: Scenario,
    plan: Schedule,
    first: dt.date,
    events: Events,
    *,
    to_end: bool = False,
    settings: ReplanSettings = ReplanSettings(),
) -> Replanned:
    """`replan` for a plan and events already checked against the scenario."""
    began = time.perf_counter()
    dates = [d for d in scenario.dates if d >= first] if to_end else [first]
    deadline = time.monotonic() + settings.time_limit
    parts = [
        _replan_week(scenario, plan, week, list(days), first, events, settings, deadline)
        for week, days in itertools.groupby(dates, key=scenario.week_of)
    ]
    schedule = _assembled(scenario, plan, set(dates), parts, settings, time.perf_counter() - began)
    facts = _morning_facts(scenario, plan, schedule, set(dates), first, events)
    schedule = schedule.model_copy(update={"morning": facts})
    changes = changes_between(scenario, plan, schedule, dates, events)
    return Replanned(
        schedule=schedule,
        dates=tuple(dates),
        changes=tuple(changes),
        to_tell=people_to_tell(changes),
        freed=tuple(freed_places(scenario, plan, schedule, first, events, [p.morning for p in parts])),
    )


@dataclass
class _WeekPart:
    morning: Morning
    assignments: list[Assignment]
    groups: list[GroupRun]
    unassigned: list[Unassigned]
    stages: list[Stage]


def _replan_week(
    scenario: Scenario,
    plan: Schedule,
    week: int,
    dates: list[dt.date],
    first: dt.date,
    events: Events,
    settings: ReplanSettings,
    deadline: float,
) -> _WeekPart:
    morning = morning_of_week(scenario, plan, week, dates, first, events)
    built = build_replan_model(morning)
    solver = SolverSettings(workers=settings.workers, seed=settings.seed, deterministic=settings.deterministic)
    solved = solve_lexicographic(
        built.week.model,
        built.stages,
        week=week,
        deadline=deadline,
        deterministic_budget=settings.time_limit,
        settings=solver,
        start=empty_schedule(built.week),
    )
    read = read_week(built.week, solved.solution)
    unassigned = (
        explain_week(morning.scenario, morning.facts, read.assignments, read.groups, settings.workers, deadline)
        if settings.explain
        else []
    )
    return _WeekPart(morning, read.assignments, read.groups, unassigned, solved.stages)


def _assembled(
    scenario: Scenario,
    plan: Schedule,
    dates: set[dt.date],
    parts: list[_WeekPart],
    settings: ReplanSettings,
    seconds: float,
) -> Schedule:
    """The published records of the other days, in their order, with the re-planned days put in by date."""

    def by_date(records: list, new: list) -> list:
        return sorted([r for r in records if r.date not in dates] + new, key=lambda r: r.date)

    assignments = by_date(plan.assignments, [a for p in parts for a in p.assignments])
    groups = by_date(plan.groups, [g for p in parts for g in p.groups])
    stages = [s for p in parts for s in p.stages]
    return Schedule(
        scenario=scenario.name,
        status="optimal" if all(s.status == "optimal" for s in stages) else "feasible",
        objectives=objective_values(scenario, assignments, groups),
        assignments=assignments,
        groups=groups,
        unassigned=by_date(
            plan.unassigned, [*_whole_week_counts(scenario, assignments, parts), *_not_there(plan, parts)]
        ),
        standby=[s for s in plan.standby if s.date not in dates],
        kpis=kpis(scenario, assignments, groups),
        solver=SolverInfo(wall_seconds=round(seconds, 3), workers=settings.workers, seed=settings.seed, stages=stages),
    )


NOT_THERE = "not there on the morning re-planned; as published: "


def _not_there(plan: Schedule, parts: list[_WeekPart]) -> list[Unassigned]:
    """The published reason of each who neither had a place nor came in on the morning.

    The re-plan leaves them out of the day (it only moves those present), so their
    day without work is still the one the published plan gave them; the detail
    says so. The absent are away for the day and are not listed.
    """
    events, first = parts[0].morning.events, parts[0].morning.first
    return [
        u.model_copy(update={"detail": NOT_THERE + u.detail})
        for u in plan.unassigned
        if u.date == first and u.participant not in events.arrived and u.participant not in events.absent
    ]


def _whole_week_counts(scenario: Scenario, assignments: list[Assignment], parts: list[_WeekPart]) -> list[Unassigned]:
    """The re-planned days' reasons, with `want_max` counted over the whole week again.

    The explanations saw the residual scenario, whose `want` is net of the days
    kept; the planner should read the week's own figures.
    """
    days = Counter((a.participant, scenario.week_of(a.date)) for a in assignments)
    reasons = []
    for u in (u for p in parts for u in p.unassigned):
        if u.reason == "want_max":
            week, most = scenario.week_of(u.date), scenario.participants[u.participant].want[1]
            detail = f"already works {days[(u.participant, week)]} of at most {most} days in week {week}"
            u = u.model_copy(update={"detail": detail})
        reasons.append(u)
    return reasons


def _morning_facts(
    scenario: Scenario, plan: Schedule, new: Schedule, dates: set[dt.date], first: dt.date, events: Events
) -> list[MorningFacts] | None:
    """The published plan's facts of the days kept, and this morning's doses and observations of those who work."""
    kept = [m for m in plan.morning or [] if m.date not in dates]
    working = {a.participant for a in new.assignments if a.date == first}
    today = MorningFacts(
        date=first,
        dose_given=sorted(working & set(events.doses)),
        observation=sorted(
            p for p, m in events.observation.items() if p in working and m != scenario.observation_of(p)
        ),
    )
    facts = sorted([*kept, today] if today.dose_given or today.observation else kept, key=lambda m: m.date)
    return facts or None


def _still_broken(scenario: Scenario, schedule: Schedule, plan_name: str) -> None:
    left = rule_violations(scenario, schedule)
    if left:
        raise InputError(
            f"{plan_name} breaks rules on days that were not re-planned (re-plan from an earlier day with --from)",
            [Problem("", v.message) for v in left],
        )

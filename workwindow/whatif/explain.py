"""One participant's days: where they work, why not, and what would change it.

Every answer to "what would change it" is the schedule a full re-solve of
the scenario with one change gives, so it accounts for everyone else too (a
place given to this participant may be taken from another); only the weeks
the change touches are solved again (`workwindow.whatif.weeks`). The changes are written as
`--set PATH=VALUE` overrides (`workwindow.whatif.changes`), so a planner can
solve them again by hand.

The days are those of a fresh solve of the scenario, or of a plan the
planner already holds (`explain --plan`): then nothing is solved but the
what-ifs, and their gains and losses are counted against that plan. Nor is
the scenario solved for someone whose every day the facts decide (never
ready by the latest start, say): every plan gives them the same days.
"""

import dataclasses
import datetime as dt
import math
import time
from collections import Counter
from collections.abc import Iterator

from workwindow.errors import WorkwindowError
from workwindow.models import Scenario, Schedule, override_scenario
from workwindow.solver import SolveSettings
from workwindow.solver.facts import week_facts
from workwindow.verify.fit import refuse_unusable_plan
from workwindow.whatif import changes
from workwindow.whatif.explanation import DayStatus, Explanation, WhatIf
from workwindow.whatif.parallel import solve_all, workers_each
from workwindow.whatif.weeks import WeekCache


class UnknownParticipant(WorkwindowError):
    """The participant asked about is not in the scenario."""


def explain_participant(
    scenario: Scenario,
    pid: str,
    settings: SolveSettings,
    jobs: int,
    *,
    health_details: bool = False,
    plan: Schedule | None = None,
    plan_name: str = "the plan",
    fill_cores: bool = False,
) -> Explanation:
    """Solve the scenario (or take `plan`), then each what-if (side by side), and line up this participant's days.

    The tablets question names the participant's dose form, so it is asked only for the
    clinic (`health_details`). A `plan` the planner holds is explained instead of a fresh
    solve: it must belong to the scenario and keep its rules (`InputError` naming
    `plan_name` otherwise); the reasons for their days without work are worked out from
    it, whatever it lists, and the what-ifs are compared with it. Without a plan, someone
    whose every eligible day the facts decide (never ready, never back for the afternoon
    dose) needs no solve of the scenario: no plan gives them work, and a solve would
    repeat the facts' reasons. `fill_cores`: see `workwindow.whatif.parallel.solve_all`."""
    if pid not in scenario.participants:
        raise UnknownParticipant(_unknown(scenario, pid))
    explained = dataclasses.replace(settings, explain=True)
    cache = WeekCache()
    base: Schedule | None = None
    if plan is not None:
        refuse_unusable_plan(scenario, plan, plan_name)
        base = _with_reasons(scenario, plan, pid, settings, workers_each(settings, jobs, 1, fill_cores))
        days = tuple(_day_statuses(scenario, base, pid))
    elif (decided := _decided_by_facts(scenario, pid)) is not None:
        days = decided  # no plan can give them work: the base would only repeat these reasons
    else:
        [base] = solve_all([scenario], explained, jobs, cache, fill_cores=fill_cores)
        days = tuple(_day_statuses(scenario, base, pid))
    plans = [
        changes.tablets(scenario, pid, health_details=health_details),
        changes.later_start(scenario, pid, days),
        changes.one_more_place(scenario, base, pid, days),
        changes.one_more_supervisor(scenario, pid, days),
    ]
    tried = [plan for plan in plans if plan.overrides]
    variants = [override_scenario(scenario, plan.overrides) for plan in tried]
    solved = solve_all(variants, explained, jobs, cache, fill_cores=fill_cores)
    schedules = {plan.kind: schedule for plan, schedule in zip(tried, solved, strict=True)}
    worked = {d.date for d in days if d.works}
    what_ifs = tuple(
        _answered(plan, schedules[plan.kind], pid, worked) if plan.kind in schedules else plan for plan in plans
    )
    return Explanation(pid, scenario.name, days, what_ifs)


def _decided_by_facts(scenario: Scenario, pid: str) -> tuple[DayStatus, ...] | None:
    """Their days when the facts alone decide every one (never ready, or never back for the afternoon dose).

    On such a day no plan gives them work, and the reason a solve gives is the
    facts' own; None as soon as a day could go either way.
    """
    days: list[DayStatus] = []
    facts = {}
    for date in scenario.dates:
        if not scenario.eligible_crews(pid, date):
            continue
        week = scenario.week_of(date)
        if week not in facts:
            facts[week] = week_facts(scenario, week)
        if (reason := facts[week].static_reasons.get((pid, date))) is None:
            return None
        days.append(DayStatus(date, reason=reason.reason, detail=reason.detail))
    return tuple(days)


def _with_reasons(scenario: Scenario, plan: Schedule, pid: str, settings: SolveSettings, workers: int) -> Schedule:
    """The plan with the reasons for every day without work in the weeks where `pid` has one, worked out from it.

    A plan edited by hand may list none, or reasons of the plan it was before;
    the reasons come from its assignments and groups, as `solve` gives them.
    """
    from workwindow.solver.reasons import explain_week  # OR-Tools only once something is worked out

    worked = {a.date for a in plan.assignments if a.participant == pid}
    weeks = sorted({scenario.week_of(d) for d in scenario.dates if d not in worked and scenario.eligible_crews(pid, d)})
    deadline = math.inf if settings.deterministic else time.monotonic() + settings.time_limit
    reasons = []
    for week in weeks:
        assignments = [a for a in plan.assignments if scenario.week_of(a.date) == week]
        groups = [g for g in plan.groups if scenario.week_of(g.date) == week]
        reasons += explain_week(scenario, week_facts(scenario, week), assignments, groups, workers, deadline)
    return plan.model_copy(update={"unassigned": reasons})


def _day_statuses(scenario: Scenario, schedule: Schedule, pid: str) -> Iterator[DayStatus]:
    assigned = {a.date: a for a in schedule.assignments if a.participant == pid}
    unassigned = {u.date: u for u in schedule.unassigned if u.participant == pid}
    for date in scenario.dates:
        if not scenario.eligible_crews(pid, date):
            continue
        if (a := assigned.get(date)) is not None:
            yield DayStatus(date, crew=a.crew, group=a.group, start=a.start)
        elif (u := unassigned.get(date)) is not None:
            yield DayStatus(date, reason=u.reason, detail=u.detail)
        else:
            yield DayStatus(date, detail="no reason recorded (the solve ran out of time)")


def _answered(plan: WhatIf, schedule: Schedule, pid: str, worked: set[dt.date]) -> WhatIf:
    days = {a.date for a in schedule.assignments if a.participant == pid}
    return dataclasses.replace(
        plan,
        days=tuple(sorted(days)),
        gained=tuple(sorted(days - worked)),
        lost=tuple(sorted(worked - days)),
        still_without=dict(Counter(u.reason for u in schedule.unassigned if u.participant == pid)),
    )


def _unknown(scenario: Scenario, pid: str) -> str:
    known = list(scenario.participants)
    listed = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    return f"there is no participant '{pid}' in '{scenario.name}' (participants: {listed or 'none'})"

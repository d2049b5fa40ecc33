"""One participant's days: where they work, why not, and what would change it.

Every answer to "what would change it" is the schedule a full re-solve of
the scenario with one change gives, so it accounts for everyone else too (a
place given to this participant may be taken from another); only the weeks
the change touches are solved again (`workwindow.whatif.weeks`). The changes are written as
`--set PATH=VALUE` overrides, so a planner can solve them again by hand:

- tablets instead of injection (for someone who injects);
- a later latest start: the smallest on the grid that makes them ready on
  the days they cannot make it, worked out from the numbers; where
  min_work_minutes is what stops a later start, it is lowered too, and said so;
- one more place: every cap that is full on a day they lost to capacity,
  raised by one (that week's daily cap, or their crews' group caps);
- one more supervisor: a copy of the supervisor who could lead the most of
  the late groups they could join on their days without work, or one free
  every day, all day, for every crew when no one could.

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
from dataclasses import dataclass
from typing import Literal

from workwindow.errors import WorkwindowError
from workwindow.models import Scenario, Schedule, format_time, override_scenario
from workwindow.models.overrides import override_text
from workwindow.models.schedule import Group, Reason
from workwindow.solver import SolveSettings
from workwindow.solver.facts import back_in_time, earliest_dose, ready_offset, week_facts
from workwindow.verify.fit import refuse_unusable_plan
from workwindow.whatif.parallel import solve_all, workers_each
from workwindow.whatif.weeks import WeekCache

WhatIfKind = Literal["tablets", "later_start", "one_more_place", "one_more_supervisor"]
HELPED_BY = {
    "later_start": ("not_ready", "stations", "staff"),
    "one_more_place": ("capacity",),
    "one_more_supervisor": ("staff", "tradeoff"),
}
"""The reasons for a day without work that each change can remove; it is tried only for such days.
(A later start gives dose times and supervisors room; a supervisor-day spared may be a trade-off.)"""


class UnknownParticipant(WorkwindowError):
    """The participant asked about is not in the scenario."""


@dataclass(frozen=True)
class DayStatus:
    """An eligible day: the work they got, or the reason they got none."""

    date: dt.date
    crew: str | None = None
    group: Group | None = None
    start: int | None = None
    reason: Reason | None = None
    detail: str | None = None

    @property
    def works(self) -> bool:
        return self.crew is not None


@dataclass(frozen=True)
class WhatIf:
    kind: WhatIfKind
    question: str
    overrides: tuple[str, ...] = ()
    """The change, as overrides; empty when the change was not tried (see `note`)."""
    note: str | None = None
    days: tuple[dt.date, ...] | None = None
    """The days they would work; None when not tried."""
    gained: tuple[dt.date, ...] = ()
    lost: tuple[dt.date, ...] = ()
    still_without: dict[str, int] = dataclasses.field(default_factory=dict)
    """Their eligible days still without work, counted by reason."""

    @property
    def tried(self) -> bool:
        return self.days is not None

    @property
    def change(self) -> int:
        return len(self.gained) - len(self.lost)


@dataclass(frozen=True)
class Explanation:
    participant: str
    scenario: str
    days: tuple[DayStatus, ...]
    """Every eligible day, in date order."""
    what_ifs: tuple[WhatIf, ...]

    @property
    def worked(self) -> tuple[dt.date, ...]:
        return tuple(d.date for d in self.days if d.works)


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
        _tablets(scenario, pid) if health_details else WhatIf("tablets", ANOTHER_FORM, note=CLINICS_QUESTION),
        _later_start(scenario, pid, days),
        _one_more_place(scenario, base, pid, days),
        _one_more_supervisor(scenario, pid, days),
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


# -- (a) tablets ------------------------------------------------------------------


TABLETS = "with tablets instead of injection"
ANOTHER_FORM = "with another dose form"
CLINICS_QUESTION = "the clinic's question, as its answer names the dose form: ask with --health-details"


def _tablets(scenario: Scenario, pid: str) -> WhatIf:
    question = TABLETS
    p = scenario.participants[pid]
    if p.dose_form == "tablet":
        return WhatIf("tablets", question, note="already takes tablets")
    if p.observation is not None:
        note = (
            f"their own observation time ({p.observation} min) applies to either dose form, "
            "so tablets change nothing in the plan"
        )
        return WhatIf("tablets", question, note=note)
    return WhatIf("tablets", question, (override_text(["participants", pid, "dose_form"], "tablet"),))


# -- (b) a later latest start ---------------------------------------------------------


def _later_start(scenario: Scenario, pid: str, days: tuple[DayStatus, ...]) -> WhatIf:
    """The smallest grid time that makes them ready where they are not; else one step, for stations and staff."""
    question = "with a later latest start"
    if (unhelped := _not_helped(days, "later_start")) is not None:
        return WhatIf("later_start", question, note=unhelped)
    program = scenario.program
    not_ready = [d.date for d in days if d.reason == "not_ready"]
    ready_times = [t for date in not_ready if (t := _earliest_ready(scenario, pid, date)) is not None]
    if not_ready and not ready_times:
        return WhatIf(
            "later_start", question, note="from no crew open to them could they be back for the afternoon dose"
        )
    if ready_times:
        ready = max(ready_times)
        start = _on_grid(ready, scenario.time_step)
        why = f"ready at {format_time(ready)} at the earliest"
    else:
        start = program.effective_latest_start + scenario.time_step
        why = "one grid step later, for more room for dose times and supervisors"
    if start > program.payout:
        return WhatIf("later_start", question, note=f"{why}, after the payout {format_time(program.payout)}")
    return _later_start_plan(scenario, start, why)


def _not_helped(days: tuple[DayStatus, ...], kind: WhatIfKind) -> str | None:
    """Why a change is not tried: none of their days without work has a reason it removes."""
    without = Counter(d.reason for d in days if not d.works)
    if any(reason in HELPED_BY[kind] for reason in without):
        return None
    if not without:
        return "they work every eligible day"
    counted = ", ".join(f"{reason} {n}" for reason, n in without.items())
    return f"it cannot help with their days without work ({counted})"


def _later_start_plan(scenario: Scenario, start: int, why: str) -> WhatIf:
    """Latest start `start`; min_work_minutes lowered too where it, not latest_start, is what binds."""
    program = scenario.program
    overrides, notes = [], [why]
    if start > program.latest_start:
        overrides.append(override_text(["program", "latest_start"], format_time(start)))
    work = program.payout - start
    if work < program.min_work_minutes:
        overrides.append(override_text(["program", "min_work_minutes"], work))
        notes.append(
            f"min_work_minutes binds: a group that starts at {format_time(start)} works {work} min before the payout "
            f"{format_time(program.payout)}, less than min_work_minutes {program.min_work_minutes}, "
            f"so this lowers it to {work} as well"
        )
    return WhatIf("later_start", f"with a latest start of {format_time(start)}", tuple(overrides), "; ".join(notes))


def _earliest_ready(scenario: Scenario, pid: str, date: dt.date) -> int | None:
    """Earliest ready time at any crew open to them that day from which they are back in time."""
    crews = [c for c in scenario.eligible_crews(pid, date) if back_in_time(scenario, pid, c)]
    if not crews:
        return None
    return earliest_dose(scenario, pid) + min(ready_offset(scenario, pid, c) for c in crews)


def _on_grid(minutes: int, step: int) -> int:
    return -(-minutes // step) * step


# -- (c) one more place ------------------------------------------------------------


def _one_more_place(scenario: Scenario, schedule: Schedule | None, pid: str, days: tuple[DayStatus, ...]) -> WhatIf:
    """`schedule` is the plan explained, None when the facts decided every day (then no day is lost to capacity)."""
    question = "with one more place"
    if (unhelped := _not_helped(days, "one_more_place")) is not None or schedule is None:
        return WhatIf("one_more_place", question, note=unhelped)
    capacity_days = [d.date for d in days if d.reason == "capacity"]
    raised: dict[tuple[str, ...], int] = {}
    for date in capacity_days:
        raised.update(_full_caps_raised(scenario, schedule, pid, date))
    overrides = tuple(override_text(path, value) for path, value in sorted(raised.items()))
    names = ", ".join(_cap_name(path) for path in sorted(raised))
    return WhatIf("one_more_place", f"{question} ({names})", overrides)


def _full_caps_raised(scenario: Scenario, schedule: Schedule, pid: str, date: dt.date) -> dict[tuple[str, ...], int]:
    """The caps that refuse them on a date, each raised by one.

    A full daily cap is raised alone when one of their groups has room; the
    group caps are raised when all of their groups are full.
    """
    week = scenario.week_of(date)
    sizes = Counter({(g.crew, g.group): len(g.participants) for g in schedule.groups if g.date == date})
    raised: dict[tuple[str, ...], int] = {}
    cap = scenario.program.daily_cap_in_week(week)
    if cap is not None and sizes.total() >= cap:
        raised[("program", "ramp_up", str(week))] = cap + 1
    full = {}
    for option in week_facts(scenario, week).options.get((pid, date), []):
        crew = scenario.program.crews[option.crew]
        group_cap = crew.late_capacity if option.group == "late" else crew.ordinary_capacity
        if group_cap is None or sizes[(option.crew, option.group)] < group_cap:
            return raised
        full[("program", "crews", option.crew, f"{option.group}_capacity")] = group_cap + 1
    return {**raised, **full}


def _cap_name(path: tuple[str, ...]) -> str:
    if path[1] == "ramp_up":
        return f"daily cap of week {path[2]}"
    return f"{path[2]} {path[3].removesuffix('_capacity')} group"


# -- (d) one more supervisor -----------------------------------------------------------


def _one_more_supervisor(scenario: Scenario, pid: str, days: tuple[DayStatus, ...]) -> WhatIf:
    question = "with one more supervisor"
    if (unhelped := _not_helped(days, "one_more_supervisor")) is not None:
        return WhatIf("one_more_supervisor", question, note=unhelped)
    open_days = [d.date for d in days if d.reason in HELPED_BY["one_more_supervisor"]]
    wanted = {
        (o.crew, o.date)
        for date in open_days
        for o in week_facts(scenario, scenario.week_of(date)).options.get((pid, date), [])
        if o.group == "late" and scenario.program.crews[o.crew].staff_ratio is not None
    }
    if not wanted:
        return WhatIf("one_more_supervisor", question, note="no late group they could join needs a supervisor")
    sid = _best_supervisor(scenario, wanted)
    new_id = _free_id(scenario, f"{sid}-copy" if sid else "extra-supervisor")
    if sid is None:
        value: dict = {}
        question += " (free every day, all day, for every crew; no one now can lead their late groups)"
    else:
        value = scenario.staff[sid].model_dump(mode="json")
        question += f" (a copy of {sid})"
    return WhatIf("one_more_supervisor", question, (override_text(["staff", new_id], value),))


def _best_supervisor(scenario: Scenario, wanted: set[tuple[str, dt.date]]) -> str | None:
    """The supervisor who could lead the most of these late groups (first in the file on a tie)."""
    covered: Counter = Counter()
    for week in sorted({scenario.week_of(date) for _, date in wanted}):
        for s in week_facts(scenario, week).supervisions:
            if (s.crew, s.date) in wanted:
                covered[s.staff] += 1
    ranked = sorted(covered, key=lambda sid: (-covered[sid], list(scenario.staff).index(sid)))
    return ranked[0] if ranked else None


def _free_id(scenario: Scenario, wanted: str) -> str:
    candidate, n = wanted, 1
    while candidate in scenario.staff:
        n += 1
        candidate = f"{wanted}{n}"
    return candidate


def _unknown(scenario: Scenario, pid: str) -> str:
    known = list(scenario.participants)
    listed = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    return f"there is no participant '{pid}' in '{scenario.name}' (participants: {listed or 'none'})"

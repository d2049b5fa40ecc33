"""The what-ifs `explain` tries for one participant, each as `--set` overrides of the scenario.

- tablets instead of injection (for someone who injects);
- a later latest start: the smallest on the grid that makes them ready on
  the days they cannot make it, worked out from the numbers; where
  min_work_minutes is what stops a later start, it is lowered too, and said so;
- one more place: every cap that is full on a day they lost to capacity,
  raised by one (that week's daily cap, or their crews' group caps);
- one more supervisor: a copy of the supervisor who could lead the most of
  the late groups they could join on their days without work, or one free
  every day, all day, for every crew when no one could.

Each is tried only for days it could help with (`HELPED_BY`); otherwise its
note says why not.
"""

import datetime as dt
from collections import Counter

from workwindow.models import Scenario, Schedule, format_time
from workwindow.models.overrides import override_text
from workwindow.solver.facts import back_in_time, earliest_dose, ready_offset, week_facts
from workwindow.whatif.explanation import HELPED_BY, DayStatus, WhatIf, WhatIfKind

# -- (a) tablets ------------------------------------------------------------------


TABLETS = "with tablets instead of injection"
ANOTHER_FORM = "with another dose form"
CLINICS_QUESTION = "the clinic's question, as its answer names the dose form: ask with --health-details"


def tablets(scenario: Scenario, pid: str, *, health_details: bool) -> WhatIf:
    """Asked only for the clinic: the answer names the participant's dose form."""
    if not health_details:
        return WhatIf("tablets", ANOTHER_FORM, note=CLINICS_QUESTION)
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


def later_start(scenario: Scenario, pid: str, days: tuple[DayStatus, ...]) -> WhatIf:
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


def one_more_place(scenario: Scenario, schedule: Schedule | None, pid: str, days: tuple[DayStatus, ...]) -> WhatIf:
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


def one_more_supervisor(scenario: Scenario, pid: str, days: tuple[DayStatus, ...]) -> WhatIf:
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

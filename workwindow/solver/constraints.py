"""The constraints of SPEC section 3, one function per family.

Three families can be switched off by a guard literal (capacity, stations,
staff): the explanation of an empty participant-day asks which of them
blocks it. In the schedule's own solve every guard is on.
"""

import bisect
from collections import defaultdict
from collections.abc import Iterable

from ortools.sat.python import cp_model

from workwindow.models import Scenario
from workwindow.solver.facts import WeekFacts
from workwindow.solver.variables import WeekVars

GUARDED_FAMILIES = ("capacity", "stations", "staff")
Guards = dict[str, cp_model.IntVar]


def add_constraints(model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, guards: Guards) -> None:
    _one_option_a_day_with_one_dose(model, facts, v)
    _ready_for_the_ordinary_start(model, facts, v)
    _ready_for_the_late_start(model, facts, v)
    _late_group_runs_with_participants(model, facts, v)
    _days_wanted(model, scenario, facts, v)
    _dosing_stations(model, scenario, facts, v, guards.get("stations"))
    _group_caps(model, scenario, facts, v, guards.get("capacity"))
    _daily_cap(model, scenario, facts, v, guards.get("capacity"))
    _supervisors_cover_late_groups(model, scenario, facts, v, guards.get("staff"))
    _supervisor_days(model, scenario, facts, v, guards.get("staff"))


def _guarded(constraint: cp_model.Constraint, guard: cp_model.IntVar | None) -> None:
    if guard is not None:
        constraint.OnlyEnforceIf(guard)


def _one_option_a_day_with_one_dose(model: cp_model.CpModel, facts: WeekFacts, v: WeekVars) -> None:
    for key, options in facts.options.items():
        chosen = [v.assign[o] for o in options]
        model.AddAtMostOne(chosen)
        model.Add(sum(v.dose[key].values()) == sum(chosen))


def _ready_for_the_ordinary_start(model: cp_model.CpModel, facts: WeekFacts, v: WeekVars) -> None:
    for o in facts.all_options:
        if o.group == "ordinary":
            too_late = [z for t, z in v.dose[(o.participant, o.date)].items() if t > o.deadline]
            if too_late:
                model.AddAtMostOne([v.assign[o], *too_late])


def _ready_for_the_late_start(model: cp_model.CpModel, facts: WeekFacts, v: WeekVars) -> None:
    """x ∧ dose at t ⇒ start ≥ t + offset, in cumulative form for a tight relaxation.

    For each start slot τ_i: x + Σ{dose slots needing a start ≥ τ_i} ≤ 1 + Σ{j ≥ i} s_j.
    """
    for o in facts.all_options:
        if o.group != "late":
            continue
        starts = v.start[(o.crew, o.date)]
        slots = sorted(starts)
        needs: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for t, z in v.dose[(o.participant, o.date)].items():
            needs[bisect.bisect_left(slots, t + o.offset)].append(z)
        if impossible := needs.pop(len(slots), []):
            model.AddAtMostOne([v.assign[o], *impossible])
        for i in range(1, len(slots)):
            late_doses = [z for index, zs in needs.items() if index >= i for z in zs]
            if late_doses:
                model.Add(v.assign[o] + sum(late_doses) <= 1 + sum(starts[t] for t in slots[i:]))


def _late_group_runs_with_participants(model: cp_model.CpModel, facts: WeekFacts, v: WeekVars) -> None:
    members = _late_members(facts, v)
    for crew_day, runs in v.runs.items():
        model.Add(sum(v.start[crew_day].values()) == runs)
        for x in members[crew_day]:
            model.AddImplication(x, runs)
        model.Add(runs <= sum(members[crew_day]))
    for supervision, lead in v.lead.items():
        model.AddImplication(lead, v.runs[(supervision.crew, supervision.date)])


def _days_wanted(model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars) -> None:
    days = _days_worked(facts, v)
    for pid, worked in days.items():
        most = scenario.participants[pid].want[1]
        if len(worked) > most:
            model.Add(sum(worked) <= most)
    for pid, shortfall in v.shortfall.items():
        least = scenario.participants[pid].want[0]
        model.Add(shortfall >= least - sum(days.get(pid, [])))


def _dosing_stations(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, guard: cp_model.IntVar | None
) -> None:
    """At every moment a dose may be in progress, doses in progress ≤ free stations.

    Load only rises at a dose start and capacity only drops at a profile
    breakpoint, so checking those moments checks every minute.
    """
    for (clinic_id, _date), doses in _doses_by_clinic_day(scenario, v).items():
        clinic = scenario.clinics[clinic_id]
        length = clinic.dose_minutes
        moments = {t for t, _ in doses}
        if isinstance(clinic.stations, list):
            first, last = min(moments), max(moments) + length
            moments |= {s.from_ for s in clinic.stations if first <= s.from_ < last}
            moments |= {s.to for s in clinic.stations if first <= s.to < last}
        for moment in sorted(moments):
            in_progress = [z for t, z in doses if t <= moment < t + length]
            free = clinic.stations_at(moment)
            if len(in_progress) > free:
                _guarded(model.Add(sum(in_progress) <= free), guard)


def _group_caps(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, guard: cp_model.IntVar | None
) -> None:
    members: dict[tuple, list[cp_model.IntVar]] = defaultdict(list)
    for o in facts.all_options:
        members[(o.crew, o.date, o.group)].append(v.assign[o])
    for (crew_id, _date, group), xs in members.items():
        crew = scenario.program.crews[crew_id]
        cap = crew.late_capacity if group == "late" else crew.ordinary_capacity
        if cap is not None and len(xs) > cap:
            _guarded(model.Add(sum(xs) <= cap), guard)


def _daily_cap(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, guard: cp_model.IntVar | None
) -> None:
    cap = scenario.program.daily_cap_in_week(facts.week)
    if cap is None:
        return
    by_date: dict = defaultdict(list)
    for o in facts.all_options:
        by_date[o.date].append(v.assign[o])
    for xs in by_date.values():
        if len(xs) > cap:
            _guarded(model.Add(sum(xs) <= cap), guard)


def _supervisors_cover_late_groups(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, guard: cp_model.IntVar | None
) -> None:
    """ratio × supervisors ≥ participants, and each supervisor's prep time fits."""
    members = _late_members(facts, v)
    for crew_day, xs in members.items():
        ratio = scenario.program.crews[crew_day[0]].staff_ratio
        if ratio is None:
            continue
        leads = [lead for s, lead in v.lead.items() if (s.crew, s.date) == crew_day]
        _guarded(model.Add(ratio * sum(leads) >= sum(xs)), guard)
    for supervision, lead in v.lead.items():
        starts = v.start[(supervision.crew, supervision.date)]
        too_early = [s for t, s in starts.items() if t < supervision.earliest_start]
        if too_early:
            _guarded(model.Add(lead + sum(too_early) <= 1), guard)


def _supervisor_days(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, guard: cp_model.IntVar | None
) -> None:
    """One group a day and at most max_days a week for each supervisor."""
    by_day: dict[tuple, list[cp_model.IntVar]] = defaultdict(list)
    by_staff: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for supervision, lead in v.lead.items():
        by_day[(supervision.staff, supervision.date)].append(lead)
        by_staff[supervision.staff].append(lead)
    for leads in by_day.values():
        if len(leads) > 1:
            _guarded(model.Add(sum(leads) <= 1), guard)
    for sid, leads in by_staff.items():
        if len(leads) > scenario.staff[sid].max_days:
            _guarded(model.Add(sum(leads) <= scenario.staff[sid].max_days), guard)


def _late_members(facts: WeekFacts, v: WeekVars) -> dict[tuple, list[cp_model.IntVar]]:
    members: dict[tuple, list[cp_model.IntVar]] = {crew_day: [] for crew_day in v.runs}
    for o in facts.all_options:
        if o.group == "late":
            members[(o.crew, o.date)].append(v.assign[o])
    return members


def _days_worked(facts: WeekFacts, v: WeekVars) -> dict[str, list[cp_model.IntVar]]:
    """Per participant, one expression per day they may work (0 or 1)."""
    days: dict[str, list] = defaultdict(list)
    for (pid, _date), options in facts.options.items():
        days[pid].append(sum(v.assign[o] for o in options))
    return days


def _doses_by_clinic_day(scenario: Scenario, v: WeekVars) -> dict[tuple, list[tuple[int, cp_model.IntVar]]]:
    doses: dict[tuple, list] = defaultdict(list)
    for (pid, date), slots in v.dose.items():
        clinic = scenario.participants[pid].clinic
        doses[(clinic, date)].extend(slots.items())
    return doses


def days_worked_expr(facts: WeekFacts, v: WeekVars) -> Iterable[tuple[str, cp_model.LinearExpr]]:
    for pid, worked in _days_worked(facts, v).items():
        yield pid, sum(worked)

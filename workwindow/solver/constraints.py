"""The constraints of SPEC section 3, one function per family.

Three families can be switched off by a guard literal (capacity, stations,
staff): the explanation of an empty participant-day asks which of them
blocks it. In the schedule's own solve every guard is on, and redundant
constraints that only tighten CP-SAT's bound (`workwindow.solver.bounds`)
are added on top; the explanation's model leaves them out, since they lean
on the guarded families.
"""

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from workwindow.models import Scenario
from workwindow.solver.facts import CrewDay, Option, ParticipantDay, WeekFacts
from workwindow.solver.variables import WeekVars, chain

GUARDED_FAMILIES = ("capacity", "stations", "staff")
Guards = dict[str, cp_model.IntVar]
total = cp_model.LinearExpr.sum


@dataclass(frozen=True)
class Readiness:
    """One readiness rule of a late option: [dose ≥ θ] ≤ [start ≥ τ] + Σ{p's other options taking such a dose}.

    Built once per week: the rule is a constraint, and summed over a group it
    is one of the bound constraints (`bounds._late_doses_fill_late_groups`).
    """

    option: Option
    late_dose: cp_model.IntVar
    later: cp_model.IntVar
    others: cp_model.LinearExprT


def readiness_rules(facts: WeekFacts, v: WeekVars) -> list[Readiness]:
    rules = []
    for option, needing in late_thresholds(facts, v):
        key = (option.participant, option.date)
        accepts = {v.assign[o]: accepts_up_to(v, o) for o in facts.options[key] if o != option}
        for first, later in needing:
            others = total([x for x, a in accepts.items() if a >= first])
            rules.append(Readiness(option, v.dose_from[key][first], later, others))
    return rules


def add_constraints(
    model: cp_model.CpModel,
    scenario: Scenario,
    facts: WeekFacts,
    v: WeekVars,
    guards: Guards,
    readiness: list[Readiness],
) -> None:
    _one_option_a_day_with_one_dose(model, facts, v)
    _doses_serve_the_options_that_take_them(model, facts, v)
    _ready_for_the_late_start(model, readiness)
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


def dose_from(facts: WeekFacts, v: WeekVars, key: ParticipantDay, minute: int) -> cp_model.IntVar | int:
    """ "p's dose on d starts at `minute` or later" (0 when no slot is that late)."""
    slots = facts.dose_slots[key]
    i = bisect.bisect_left(slots, minute)
    return v.dose_from[key][slots[i]] if i < len(slots) else 0


def accepts_up_to(v: WeekVars, option: Option) -> int:
    """The latest dose start this option can take at all."""
    if option.group == "ordinary":
        return option.deadline
    return next(reversed(v.later[(option.crew, option.date)]), option.deadline + option.offset) - option.offset


def _one_option_a_day_with_one_dose(model: cp_model.CpModel, facts: WeekFacts, v: WeekVars) -> None:
    """At most one option a day; the dose's first literal is "works"; dose literals form a chain."""
    for key, options in facts.options.items():
        chosen = [v.assign[o] for o in options]
        model.add_at_most_one(chosen)
        doses = list(v.dose_from[key].values())
        model.add(doses[0] == total(chosen))
        for earlier, later in chain(doses):
            model.add_implication(later, earlier)


def _doses_serve_the_options_that_take_them(model: cp_model.CpModel, facts: WeekFacts, v: WeekVars) -> None:
    """A dose after `cut` serves only an option that accepts such a dose.

    For every cut: [dose > cut] ≤ Σ{options that accept a dose after cut}.
    Nested over all of a day's options at once, this is what the linear
    relaxation needs when a day is split fractionally between crews and
    groups, and it makes each ordinary group's deadline hold.
    """
    for key, options in facts.options.items():
        accepts = {v.assign[o]: accepts_up_to(v, o) for o in options}
        for cut in sorted(set(accepts.values())):
            late_dose = dose_from(facts, v, key, cut + 1)
            if isinstance(late_dose, int):
                break
            model.add(late_dose <= total([x for x, a in accepts.items() if a > cut]))


def _ready_for_the_late_start(model: cp_model.CpModel, readiness: list[Readiness]) -> None:
    """x ∧ dose at t ⇒ start ≥ t + offset, disaggregated for a tight relaxation.

    For each start slot τ, with θ the first dose slot that needs a start ≥ τ
    in this option: [dose ≥ θ] ≤ [start ≥ τ] + Σ{p's other options that day
    that accept a dose ≥ θ}. Thresholds at which no new dose slot starts to
    need τ follow from the next one up through the order encoding.
    """
    for rule in readiness:
        model.add(rule.late_dose <= rule.later + rule.others)


def late_thresholds(facts: WeekFacts, v: WeekVars) -> Iterable[tuple[Option, list[tuple[int, cp_model.IntVar]]]]:
    """Each late option with, per start threshold, the first dose slot that needs it."""
    for option in facts.all_options:
        if option.group != "late":
            continue
        later = v.later[(option.crew, option.date)]
        ordinary_start, *slots = facts.start_slots[(option.crew, option.date)]
        firsts: dict[int, int] = {}
        for t in facts.dose_slots[(option.participant, option.date)]:
            i = bisect.bisect_left(slots, t + option.offset)
            if t + option.offset > ordinary_start and i < len(slots):
                firsts.setdefault(i, t)
        yield option, [(t, later[slots[i]]) for i, t in sorted(firsts.items())]


def _late_group_runs_with_participants(model: cp_model.CpModel, facts: WeekFacts, v: WeekVars) -> None:
    """A late group runs exactly when someone is in it; its start literals form a chain."""
    members = late_members(facts, v)
    for crew_day, runs in v.runs.items():
        for x in members[crew_day]:
            model.add_implication(x, runs)
        model.add(runs <= total(members[crew_day]))
        for earlier, later in chain([runs, *v.later[crew_day].values()]):
            model.add_implication(later, earlier)
    for supervision, lead in v.lead.items():
        model.add_implication(lead, v.runs[(supervision.crew, supervision.date)])


def _days_wanted(model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars) -> None:
    days = _days_worked(facts, v)
    for pid, worked in days.items():
        most = scenario.participants[pid].want[1]
        if len(worked) > most:
            model.add(total(worked) <= most)
    for pid, shortfall in v.shortfall.items():
        least = scenario.participants[pid].want[0]
        model.add(shortfall >= least - total(days.get(pid, [])))


def _dosing_stations(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, guard: cp_model.IntVar | None
) -> None:
    """At every moment a dose may be in progress, doses in progress ≤ free stations.

    Load only rises at a dose start and capacity only drops at a profile
    breakpoint, so checking those moments checks every minute. A dose is in
    progress at m when it starts in (m − length, m]: the difference of two
    order literals.
    """
    for (clinic_id, _date), keys in _participant_days_by_clinic_day(scenario, facts).items():
        clinic = scenario.clinics[clinic_id]
        length = clinic.dose_minutes
        moments = {t for key in keys for t in facts.dose_slots[key]}
        if isinstance(clinic.stations, list):
            first, last = min(moments), max(moments) + length
            moments |= {s.from_ for s in clinic.stations if first <= s.from_ < last}
            moments |= {s.to for s in clinic.stations if first <= s.to < last}
        for moment in sorted(moments):
            in_progress = [
                (dose_from(facts, v, key, moment - length + 1), dose_from(facts, v, key, moment + 1))
                for key in keys
                if _has_slot_within(facts.dose_slots[key], moment - length + 1, moment)
            ]
            free = clinic.stations_at(moment)
            if len(in_progress) > free:
                started, ended = zip(*in_progress, strict=True)
                _guarded(model.add(total(started) - total(ended) <= free), guard)


def _has_slot_within(slots: Sequence[int], first: int, last: int) -> bool:
    i = bisect.bisect_left(slots, first)
    return i < len(slots) and slots[i] <= last


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
            _guarded(model.add(total(xs) <= cap), guard)


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
            _guarded(model.add(total(xs) <= cap), guard)


def _supervisors_cover_late_groups(
    model: cp_model.CpModel, scenario: Scenario, facts: WeekFacts, v: WeekVars, guard: cp_model.IntVar | None
) -> None:
    """ceil(participants / ratio) supervisors, and each supervisor's prep time fits.

    The ceiling is written with its steps as literals (runs, then "needs a
    second", …): participants ≤ Σ places × steps ≤ ratio × supervisors. A
    group of one then needs a whole supervisor in the linear relaxation too,
    not 1 / ratio of one; that proved the staff stage of generated
    100-participant weeks that stayed 14 % from their bound before.
    """
    members = late_members(facts, v)
    leads: dict[tuple, list[cp_model.IntVar]] = defaultdict(list)
    for supervision, lead in v.lead.items():
        leads[(supervision.crew, supervision.date)].append(lead)
    for crew_day, steps in v.more_leaders.items():
        ratio = scenario.program.crews[crew_day[0]].staff_ratio
        needed = [v.runs[crew_day], *steps]
        for earlier, later in chain(needed):
            model.add_implication(later, earlier)
        if guard is None:
            most = most_members(scenario, crew_day[0], len(members[crew_day]), facts.week)
            places = _places_per_step(ratio, most, len(needed))
        else:  # the explanations' model: its caps can be switched off, so every step keeps the full ratio
            places = [ratio] * len(needed)
        _guarded(model.add(total(members[crew_day]) <= cp_model.LinearExpr.weighted_sum(needed, places)), guard)
        _guarded(model.add(total(leads[crew_day]) >= total(needed)), guard)
    for supervision, lead in v.lead.items():
        if supervision.earliest_start > scenario.program.ordinary_start:
            late_enough = starts_from(scenario, v, (supervision.crew, supervision.date), supervision.earliest_start)
            _guarded(model.add(lead <= (0 if late_enough is None else late_enough)), guard)


def _places_per_step(ratio: int, most: int, steps: int) -> list[int]:
    """Members each supervisor step makes room for: `ratio`, but the last only what the group has left.

    With a cap of 5 and a ratio of 4 the second supervisor adds one place, so
    a full group needs two whole supervisors in the linear relaxation as well
    (with 4 places, 1.25 would do). Day-sets that the relaxation staffed that
    way could not be staffed at all; on generated 100-participant weeks the
    late_start LP rose 370 → 389, 126 → 142 and 264 → 273 (seeds 1, 4, 5).
    `most` counts the week's daily cap too: in the pilot's ramp-up weeks (3-5
    a day under a late capacity of 6) a late group had room for 6 per
    supervisor in the relaxation, and the staff stage's root bound was 8
    supervisor-days against the optimum of 11 (10 with the cap).
    """
    return [max(0, min(ratio, most - ratio * k)) for k in range(steps)]


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
            _guarded(model.add(total(leads) <= 1), guard)
    for sid, leads in by_staff.items():
        if len(leads) > scenario.staff[sid].max_days:
            _guarded(model.add(total(leads) <= scenario.staff[sid].max_days), guard)


def most_members(scenario: Scenario, crew: str, candidates: int, week: int | None = None) -> int:
    """The most of `candidates` who can be in the crew's late group on one day (in `week`, also
    no more than that week's daily cap)."""
    caps = [scenario.program.crews[crew].late_capacity, candidates]
    if week is not None:
        caps.append(scenario.program.daily_cap_in_week(week))
    return min(cap for cap in caps if cap is not None)


def starts_from(scenario: Scenario, v: WeekVars, crew_day: CrewDay, minute: int) -> cp_model.IntVar | None:
    """ "The late group starts at `minute` or later": the group running, up to the ordinary
    start; else the first start slot's literal; None when no slot is that late."""
    if minute <= scenario.program.ordinary_start:
        return v.runs[crew_day]
    later = v.later[crew_day]
    slots = list(later)
    i = bisect.bisect_left(slots, minute)
    return later[slots[i]] if i < len(slots) else None


def late_members(facts: WeekFacts, v: WeekVars) -> dict[tuple, list[cp_model.IntVar]]:
    members: dict[tuple, list[cp_model.IntVar]] = {crew_day: [] for crew_day in v.runs}
    for o in facts.all_options:
        if o.group == "late":
            members[(o.crew, o.date)].append(v.assign[o])
    return members


def _days_worked(facts: WeekFacts, v: WeekVars) -> dict[str, list[cp_model.IntVar]]:
    """Per participant, the literal "works that day" for each day they may work."""
    days: dict[str, list] = defaultdict(list)
    for pid, date in facts.options:
        days[pid].append(v.dose_from[(pid, date)][facts.dose_slots[(pid, date)][0]])
    return days


def _participant_days_by_clinic_day(scenario: Scenario, facts: WeekFacts) -> dict[tuple, list[ParticipantDay]]:
    keys: dict[tuple, list[ParticipantDay]] = defaultdict(list)
    for pid, date in facts.options:
        keys[(scenario.participants[pid].clinic, date)].append((pid, date))
    return keys


def days_worked_expr(facts: WeekFacts, v: WeekVars) -> Iterable[tuple[str, cp_model.LinearExpr]]:
    for pid, worked in _days_worked(facts, v).items():
        yield pid, total(worked)

"""Why an eligible participant got no work on a day: one reason, and a true one.

The first reason that applies, in SPEC order:
- `not_ready`, `afternoon`: no dose time or crew can ever work (from the facts);
- `want_max`: the participant already has their maximum that week;
- then the participant-day is *forced* into the week with everyone else's
  assignments held as scheduled (dose times, late starts and supervisors may
  move), with one more constraint family in force at each step:
  `capacity` if the caps alone refuse it, else `stations` if caps and
  stations refuse it, else `staff` if caps, stations and staffing refuse it;
- `tradeoff` when it fits with all of them: it was left out because it would
  worsen an objective (a later start, one more supervisor-day, …).

The stations and staff questions are CP-SAT solves with assumption literals
on one model per week, so each costs one small solve and no rebuild.
"""

from collections import Counter, defaultdict

from ortools.sat.python import cp_model

from workwindow.models import Scenario, format_time, weekday
from workwindow.models.schedule import Assignment, GroupRun, Unassigned
from workwindow.solver.facts import ParticipantDay, WeekFacts
from workwindow.solver.week_model import WeekModel, build_week_model

QUERY_SECONDS = 5.0
CASCADE = (("capacity", "stations"), ("capacity", "stations", "staff"))


def explain_week(
    scenario: Scenario, facts: WeekFacts, assignments: list[Assignment], groups: list[GroupRun], workers: int
) -> list[Unassigned]:
    """A reason for every eligible participant-day of the week without work."""
    working = {(a.participant, a.date) for a in assignments}
    days_in_week = Counter(a.participant for a in assignments)
    explained = [_unassigned(key, s.reason, s.detail) for key, s in facts.static_reasons.items()]
    open_days: list[ParticipantDay] = []
    for key in facts.options:
        if key in working:
            continue
        most = scenario.participants[key[0]].want[1]
        if days_in_week[key[0]] >= most:
            detail = f"already works {days_in_week[key[0]]} of at most {most} days in week {facts.week}"
            explained.append(_unassigned(key, "want_max", detail))
        else:
            open_days.append(key)
    explained += _forced_reasons(scenario, facts, assignments, groups, open_days, workers)
    return sorted(explained, key=lambda u: (u.date, u.participant))


def _forced_reasons(
    scenario: Scenario,
    facts: WeekFacts,
    assignments: list[Assignment],
    groups: list[GroupRun],
    open_days: list[ParticipantDay],
    workers: int,
) -> list[Unassigned]:
    reasons, undecided = [], []
    for key in open_days:
        full = _full_caps(scenario, facts, groups, key)
        if full is None:
            undecided.append(key)
        else:
            reasons.append(_unassigned(key, "capacity", full))
    if undecided:
        week = build_week_model(scenario, facts, explainable=True)
        chosen = {(a.participant, a.date, a.crew, a.group) for a in assignments}
        held = [
            ((o.participant, o.date), x if (o.participant, o.date, o.crew, o.group) in chosen else x.Not())
            for o, x in week.v.assign.items()
        ]
        reasons += [_solved_reason(week, held, key, workers) for key in undecided]
    return reasons


def _full_caps(scenario: Scenario, facts: WeekFacts, groups: list[GroupRun], key: ParticipantDay) -> str | None:
    """The full caps when every option of the day is behind one, else None.

    With everyone else held as scheduled and only the caps in force, dose
    times and late starts can always be moved to fit one more person whose
    option exists at all, so counting decides the capacity question exactly.
    """
    date = key[1]
    size = Counter({(g.crew, g.group): len(g.participants) for g in groups if g.date == date})
    cap, total = scenario.program.daily_cap_in_week(facts.week), size.total()
    if cap is not None and total >= cap:
        name = f"ramp-up cap of week {facts.week}" if facts.week in scenario.program.ramp_up else "daily cap"
        return f"{name} full ({total}/{cap})"
    full = []
    for option in facts.options[key]:
        crew = scenario.program.crews[option.crew]
        group_cap = crew.late_capacity if option.group == "late" else crew.ordinary_capacity
        taken = size[(option.crew, option.group)]
        if group_cap is None or taken < group_cap:
            return None
        full.append(f"{option.crew} {option.group} group full ({taken}/{group_cap})")
    return "; ".join(full)


def _solved_reason(
    week: WeekModel, held: list[tuple[ParticipantDay, cp_model.IntVar]], key: ParticipantDay, workers: int
) -> Unassigned:
    """Force the day in, everyone else held as scheduled, one more family in force each step."""
    others = [literal for day, literal in held if day != key]
    for families in CASCADE:
        fits = _fits(week, [*others, week.forced[key], *(week.guards[f] for f in families)], workers)
        if fits is None:
            return _unassigned(key, "tradeoff", "not decided in the time for explanations; taken as a trade-off")
        if not fits:
            family = families[-1]
            detail = _stations_detail(week, key) if family == "stations" else _staff_detail(week, key)
            return _unassigned(key, family, detail)
    return _unassigned(key, "tradeoff", _tradeoff_detail(week, key))


def _fits(week: WeekModel, assumptions: list, workers: int) -> bool | None:
    """Feasible with these assumptions: True, False, or None when undecided."""
    week.model.clear_assumptions()
    week.model.add_assumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = QUERY_SECONDS
    status = solver.solve(week.model)
    week.model.clear_assumptions()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if status == cp_model.INFEASIBLE else None


def _stations_detail(week: WeekModel, key: ParticipantDay) -> str:
    clinic_id = week.scenario.participants[key[0]].clinic
    clinic = week.scenario.clinics[clinic_id]
    slots = week.facts.dose_slots[key]
    stations = clinic.stations if isinstance(clinic.stations, int) else "the listed"
    return (
        f"no dose slot at {clinic_id} between {format_time(slots[0])} and {format_time(slots[-1])} is free "
        f"({stations} stations, {clinic.dose_minutes} min a dose) beside the others' doses"
    )


def _staff_detail(week: WeekModel, key: ParticipantDay) -> str:
    date = key[1]
    late_crews = sorted({o.crew for o in week.facts.options[key] if o.group == "late"})
    possible = defaultdict(list)
    for s in week.facts.supervisions:
        if s.date == date:
            possible[s.crew].append(s.staff)
    parts = []
    for crew in late_crews:
        if names := possible.get(crew):
            parts.append(
                f"the supervisors who could lead {crew} ({', '.join(names)}) "
                "lead other groups that day or have reached max_days"
            )
        else:
            parts.append(f"no supervisor's crews, days and hours cover {crew}'s late group on {weekday(date)}")
    return "; ".join(parts) or "no supervisor can cover"


def _tradeoff_detail(week: WeekModel, key: ParticipantDay) -> str:
    crews = " or ".join(sorted({o.crew for o in week.facts.options[key]}))
    order = ", then ".join(week.scenario.objective) or "no objective"
    return f"could work in {crews}, but the place went to a better use under the objectives ({order})"


def _unassigned(key: ParticipantDay, reason: str, detail: str) -> Unassigned:
    return Unassigned(participant=key[0], date=key[1], reason=reason, detail=detail)

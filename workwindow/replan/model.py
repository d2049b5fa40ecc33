"""The week model of the solver over the re-planned days, with history pinned and change terms.

The replan adds no second model: it is the solver's week model built from
the residual scenario and facts (`workwindow.replan.morning`), plus the
constraints of what already happened at `now`, plus the replan stages as
linear terms over the same variables. Each stage counts something the
planner would have to undo or tell someone, so the lexicographic solve
changes as little as the stage order allows.
"""

from dataclasses import dataclass

from ortools.sat.python import cp_model

from workwindow.replan.morning import Morning
from workwindow.solver.constraints import dose_from, starts_from
from workwindow.solver.facts import Option, ParticipantDay
from workwindow.solver.lexicographic import StagedObjective
from workwindow.solver.objectives import TIE_BREAK, late_places, staged
from workwindow.solver.week_model import WeekModel, build_week_model

total = cp_model.LinearExpr.sum


@dataclass
class ReplanModel:
    week: WeekModel
    morning: Morning
    stages: list[StagedObjective]


def build_replan_model(morning: Morning) -> ReplanModel:
    week = build_pinned_week(morning)
    stages = []
    for name in morning.scenario.replan:
        if name == "objective":
            stages += [staged(o, morning.scenario, morning.facts, week.v) for o in morning.scenario.objective]
        else:
            stages.append(StagedObjective(name, stage_expr(name, week, morning)))
    stages.append(StagedObjective(TIE_BREAK, late_places(week.v)))
    return ReplanModel(week, morning, stages)


def build_pinned_week(morning: Morning) -> WeekModel:
    """The solver's week model of the re-planned days, with what happened before `now` pinned."""
    week = build_week_model(morning.scenario, morning.facts)
    _pin_history(week, morning)
    return week


def stage_expr(name: str, week: WeekModel, morning: Morning) -> cp_model.LinearExprT:
    """A replan stage (keep, walk_ins, dose_moves, changes) as CP-SAT minimises it."""
    return _STAGES[name](week, morning)


def works(week: WeekModel, key: ParticipantDay) -> cp_model.LinearExprT:
    """ "p works on d", or 0 when nothing is left for p that day."""
    if key not in week.facts.options:
        return 0
    return week.v.dose_from[key][week.facts.dose_slots[key][0]]


# -- what already happened ---------------------------------------------------------


def _pin_history(week: WeekModel, morning: Morning) -> None:
    """A group that started keeps its start and supervisors; any other starts at `now` or later."""
    now = morning.events.now
    if now is None or morning.first not in morning.dates:
        return
    model, v = week.model, week.v
    for crew_day, runs in v.runs.items():
        if crew_day[1] != morning.first:
            continue
        if (crew_day[0], crew_day[1], "late") in morning.started:
            start = morning.planned_starts[crew_day]
            for slot, later in v.later[crew_day].items():
                model.add(later == (runs if slot <= start else 0))
        else:
            late_enough = starts_from(morning.scenario, v, crew_day, now)
            model.add_implication(runs, late_enough) if late_enough is not None else model.add(runs == 0)
    for supervision, lead in v.lead.items():
        crew_day = (supervision.crew, supervision.date)
        if (crew_day[0], crew_day[1], "late") in morning.started and morning.planned_leads.get(
            (supervision.staff, supervision.date)
        ) == supervision.crew:
            model.add(lead == v.runs[crew_day])


# -- the replan stages ---------------------------------------------------------------


def _keep(week: WeekModel, morning: Morning) -> cp_model.LinearExprT:
    """Planned participant-days that are lost, the absent aside."""
    return total([1 - works(week, key) for key in morning.planned if key[0] not in morning.events.absent])


def _walk_ins(week: WeekModel, morning: Morning) -> cp_model.LinearExprT:
    """Walk-ins sent away."""
    return total([1 - works(week, (pid, morning.first)) for pid in sorted(morning.events.arrived)])


def _dose_moves(week: WeekModel, morning: Morning) -> cp_model.LinearExprT:
    """Booked dose times moved for people who still work; a dose given at another time is a fact, not a move."""
    moved = []
    for key, a in morning.planned.items():
        if key not in week.facts.options or (key[1] == morning.first and key[0] in morning.events.doses):
            continue
        at_or_after, after = dose_from(week.facts, week.v, key, a.dose), dose_from(week.facts, week.v, key, a.dose + 1)
        moved.append(_at_least(week.model, works(week, key) - at_or_after + after, f"dose_moved[{key}]"))
    return total(moved)


def _changes(week: WeekModel, morning: Morning) -> cp_model.LinearExprT:
    """Other changes people were told of: crew, group or start moved, added, a supervisor's group."""
    terms = []
    for key, a in morning.planned.items():
        if key in week.facts.options:
            terms.append(_place_changed(week, morning, key, a.crew, a.group, a.start))
    walk_ins = {(pid, morning.first) for pid in morning.events.arrived}
    terms += [works(week, key) for key in week.facts.options if key not in morning.planned and key not in walk_ins]
    for supervision, lead in week.v.lead.items():
        planned = morning.planned_leads.get((supervision.staff, supervision.date)) == supervision.crew
        terms.append(1 - lead if planned else lead)
    led = {(s.staff, s.date, s.crew) for s in week.v.lead}
    terms += [
        1
        for (staff, date), crew in morning.planned_leads.items()
        if (staff, date, crew) not in led and staff not in morning.events.staff_absent
    ]
    return total(terms)


def _place_changed(week: WeekModel, morning: Morning, key: ParticipantDay, crew: str, group: str, start: int):
    option = _option(week, key, crew, group)
    name = f"place_changed[{key}]"
    if option is None:
        return works(week, key)
    x = week.v.assign[option]
    changed = _at_least(week.model, works(week, key) - x, name)
    if group == "late":
        crew_day = (crew, key[1])
        at_or_after = starts_from(morning.scenario, week.v, crew_day, start)
        after = starts_from(morning.scenario, week.v, crew_day, start + 1)
        week.model.add(
            changed >= x - (at_or_after if at_or_after is not None else 0) + (after if after is not None else 0)
        )
    return changed


def _option(week: WeekModel, key: ParticipantDay, crew: str, group: str) -> Option | None:
    return next((o for o in week.facts.options[key] if o.crew == crew and o.group == group), None)


def _at_least(model: cp_model.CpModel, expr: cp_model.LinearExprT, name: str) -> cp_model.IntVar:
    """A boolean that is 1 whenever `expr` is 1; minimised, it is exactly that."""
    flag = model.new_bool_var(name)
    model.add(flag >= expr)
    return flag


_STAGES = {"keep": _keep, "walk_ins": _walk_ins, "dose_moves": _dose_moves, "changes": _changes}

"""One week as a CP-SAT model.

Every constraint of SPEC section 3 lives within a week (caps, stations and
staffing per day; wants and supervisor days per week), and so does every
objective but `fairness`: without it weeks are independent problems and
their lexicographic optima add up.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from workwindow.models import Scenario
from workwindow.solver.bounds import add_bound_constraints
from workwindow.solver.constraints import (
    GUARDED_FAMILIES,
    Guards,
    Readiness,
    add_constraints,
    most_members,
    readiness_rules,
)
from workwindow.solver.facts import CrewDay, ParticipantDay, WeekFacts
from workwindow.solver.lexicographic import Solution
from workwindow.solver.variables import WeekVars, new_week_vars


@dataclass
class WeekModel:
    scenario: Scenario
    facts: WeekFacts
    model: cp_model.CpModel
    v: WeekVars
    guards: Guards = field(default_factory=dict)
    forced: dict[ParticipantDay, cp_model.IntVar] = field(default_factory=dict)
    readiness: list[Readiness] = field(default_factory=list)


def build_week_model(
    scenario: Scenario, facts: WeekFacts, *, explainable: bool = False, model: cp_model.CpModel | None = None
) -> WeekModel:
    """The week's model; `explainable` adds guard literals and per-day forcing literals.

    Given a `model`, the week is added to it beside the weeks already there
    (the horizon's model, when an objective ties the weeks together).
    """
    model = cp_model.CpModel() if model is None else model
    minimum_days = {pid: p.want[0] for pid, p in scenario.participants.items()}
    v = new_week_vars(model, facts, minimum_days, most_leaders(scenario, facts))
    guards = {family: model.NewBoolVar(f"guard[{family}]") for family in GUARDED_FAMILIES} if explainable else {}
    readiness = readiness_rules(facts, v)
    add_constraints(model, scenario, facts, v, guards, readiness)
    forced = _forcing_literals(model, facts, v) if explainable else {}
    return WeekModel(scenario, facts, model, v, guards, forced, readiness)


def most_leaders(scenario: Scenario, facts: WeekFacts) -> dict[CrewDay, int]:
    """Supervisors a supervised late group needs when it is as full as it can be."""
    members: dict[CrewDay, int] = defaultdict(int)
    for o in facts.all_options:
        if o.group == "late":
            members[(o.crew, o.date)] += 1
    most = {}
    for (crew_id, date), count in members.items():
        ratio = scenario.program.crews[crew_id].staff_ratio
        if ratio is not None:
            most[(crew_id, date)] = math.ceil(most_members(scenario, crew_id, count) / ratio)
    return most


def _forcing_literals(model: cp_model.CpModel, facts: WeekFacts, v: WeekVars) -> dict[ParticipantDay, cp_model.IntVar]:
    forced = {}
    for key, options in facts.options.items():
        literal = model.NewBoolVar(f"force[{key[0]},{key[1]}]")
        model.add_bool_or([v.assign[o] for o in options]).only_enforce_if(literal)
        forced[key] = literal
    return forced


def tighten_late_starts(week: WeekModel) -> None:
    """The redundant bound constraints of `workwindow.solver.bounds`, for the late_start stage on.

    Never on an explainable model: they lean on the guarded families.
    """
    if week.guards:
        raise ValueError("bound constraints need every constraint family in force")
    add_bound_constraints(week.model, week.scenario, week.facts, week.v, week.readiness)


def empty_schedule(week: WeekModel) -> Solution:
    """Nobody works: always feasible, so every stage has a solution to start from."""
    values = [0] * len(week.model.proto.variables)
    for pid, shortfall in week.v.shortfall.items():
        values[shortfall.index] = week.scenario.participants[pid].want[0]
    return values


def value(solution: Solution, var: cp_model.IntVar) -> int:
    return solution[var.Index()]

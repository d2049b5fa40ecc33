"""The objectives of SPEC section 3 as linear expressions over a week's variables.

Every objective is handed to CP-SAT as a minimisation; `participant_days` and
`fairness` are maximised by minimising their negation, and reported with
their natural sign. Over the horizon `fairness` is leximin, one stage per
level (`fairness.py`, `together.py`); here it is only its one-day form.
"""

from collections.abc import Callable

from ortools.sat.python import cp_model

from workwindow.models import Scenario
from workwindow.solver.constraints import days_worked_expr
from workwindow.solver.facts import WeekFacts
from workwindow.solver.fairness import could_work
from workwindow.solver.lexicographic import StagedObjective
from workwindow.solver.variables import WeekVars

MAXIMISED = frozenset({"participant_days", "fairness"})
TIE_BREAK = "late_places"
"""A last stage, after the scenario's objectives: among equally good
schedules, put people in the ordinary group when they can make it, rather
than in a late group that happens to start at the ordinary time."""


def objective_expr(name: str, scenario: Scenario, facts: WeekFacts, v: WeekVars) -> cp_model.LinearExprT:
    """The objective as CP-SAT minimises it."""
    if name == "shortfall":
        return sum(scenario.participants[p].priority * s for p, s in v.shortfall.items())
    if name == "participant_days":
        return -sum(scenario.participants[p].priority * days for p, days in days_worked_expr(facts, v))
    if name == "fairness":
        return -_days_of_who_counts(scenario, facts, v)
    if name == "late_start":
        return sum(_late_start_minutes(scenario, later) for later in v.later.values())
    if name == "staff":
        return sum(v.lead.values())
    raise ValueError(f"unknown objective {name!r}")


def _days_of_who_counts(scenario: Scenario, facts: WeekFacts, v: WeekVars) -> cp_model.LinearExprT:
    """Fairness inside one model of a day (`replan`), where nobody has more than one day: how many
    of those who count for it work. The horizon's leximin needs the weeks together (`together.py`)."""
    counted = set(could_work(scenario))
    return sum(days for p, days in days_worked_expr(facts, v) if p in counted)


def staged(
    name: str, scenario: Scenario, facts: WeekFacts, v: WeekVars, prepare: Callable[[], None] | None = None
) -> StagedObjective:
    """The objective as a lexicographic stage, with the sign that turns what is minimised into what is reported."""
    return StagedObjective(name, objective_expr(name, scenario, facts, v), -1 if name in MAXIMISED else 1, prepare)


def _late_start_minutes(scenario: Scenario, later: dict[int, cp_model.IntVar]) -> cp_model.LinearExprT:
    """start − ordinary start, summed step by step over the order encoding."""
    before = [scenario.program.ordinary_start, *later][:-1]
    return cp_model.LinearExpr.weighted_sum(list(later.values()), [t - b for t, b in zip(later, before, strict=True)])


def reported(name: str, minimised_value: int) -> int:
    """The value as the schedule file reports it (participant_days positive)."""
    return -minimised_value if name in MAXIMISED else minimised_value


def late_places(v: WeekVars) -> cp_model.LinearExprT:
    return sum(x for option, x in v.assign.items() if option.group == "late")

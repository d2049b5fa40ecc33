"""Solve a scenario again from a published plan: start from it, and optionally keep it.

`solve --start-from LAST.json` gives each week the last plan as its start
(completed by CP-SAT into a full solution of the week's model, or the greedy
start when the scenario no longer allows it). With `--keep-changes-few` the
replan's `keep`, `dose_moves` and `changes` stages follow the scenario's objectives,
so a re-solve after a small change to the scenario moves as few people as
the objectives allow. A plan for other weeks (last week's) is moved onto the
horizon by whole weeks.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from workwindow.models import Scenario, Schedule
from workwindow.models.schedule import Assignment, GroupRun
from workwindow.replan.events import NO_EVENTS
from workwindow.replan.model import stage_expr
from workwindow.replan.morning import Morning
from workwindow.solver.lexicographic import Solution, StagedObjective
from workwindow.solver.settings import SolveSettings, solve_with
from workwindow.solver.week_model import WeekModel

KEEPING_STAGES = ("keep", "dose_moves", "changes")
"""After the objectives: fewest people of the last plan dropped, then dose times moved, then other changes."""

COMPLETION_SECONDS = 2.0
"""For CP-SAT to fill in what the plan does not say (shortfalls, supervisor steps, change flags)."""


def solve_from(
    scenario: Scenario, last: Schedule, settings: SolveSettings, *, keep_changes_few: bool = False
) -> Schedule:
    """The scenario's schedule, solved from `last`; with `keep_changes_few`, changing it least after the objectives."""
    guide = LastPlan(scenario, last, keep_changes_few=keep_changes_few, workers=settings.workers)
    return solve_with(scenario, settings, guide=guide)


@dataclass
class _Week:
    assignments: list[Assignment]
    groups: list[GroupRun]


class LastPlan:
    """A published plan as each week's start and, when asked, the stages that keep it (a solver `Guide`)."""

    def __init__(self, scenario: Scenario, last: Schedule, *, keep_changes_few: bool, workers: int = 1):
        self.scenario, self.keep, self.workers = scenario, keep_changes_few, workers
        shift = _shift_onto_horizon(scenario, last)
        self.weeks: dict[int, _Week] = defaultdict(lambda: _Week([], []))
        for a in last.assignments:
            a = a.model_copy(update={"date": a.date + shift})
            if _known(scenario, a.participant, a.crew, a.date):
                self.weeks[scenario.week_of(a.date)].assignments.append(a)
        for g in last.groups:
            g = g.model_copy(update={"date": g.date + shift})
            if _known(scenario, None, g.crew, g.date):
                self.weeks[scenario.week_of(g.date)].groups.append(g)

    def stages(self, week: WeekModel) -> list[StagedObjective]:
        if not self.keep:
            return []
        morning = self._morning(week)
        return [StagedObjective(name, stage_expr(name, week, morning)) for name in KEEPING_STAGES]

    def start(self, week: WeekModel) -> Solution | None:
        """The last plan completed to a solution of this week's model, or None when the model refuses it."""
        trial = week.model.clone()
        last = self.weeks[week.facts.week]
        for variable, value in _plan_values(week, last):
            domain = trial.proto.variables[variable.Index()].domain
            domain[0] = domain[1] = value
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = COMPLETION_SECONDS
        solver.parameters.num_workers = self.workers
        solver.parameters.catch_sigint_signal = False
        status = solver.solve(trial)
        return list(solver.response_proto.solution) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None

    def _morning(self, week: WeekModel) -> Morning:
        last = self.weeks[week.facts.week]
        late = [g for g in last.groups if g.group == "late"]
        return Morning(
            week=week.facts.week,
            dates=week.facts.dates,
            first=week.facts.dates[0],
            events=NO_EVENTS,
            scenario=week.scenario,
            facts=week.facts,
            planned={(a.participant, a.date): a for a in last.assignments},
            planned_leads={(s, g.date): g.crew for g in late for s in g.staff},
            planned_starts={(g.crew, g.date): g.start for g in late},
            started=frozenset(),
        )


def _plan_values(week: WeekModel, last: _Week) -> list[tuple[cp_model.IntVar, int]]:
    """Values the plan gives: who works where, dose times, late starts and leaders; what the model lacks is left out."""
    v, facts = week.v, week.facts
    values: list[tuple[cp_model.IntVar, int]] = []
    working = set()
    for a in last.assignments:
        key = (a.participant, a.date)
        option = next((o for o in facts.options.get(key, []) if (o.crew, o.group) == (a.crew, a.group)), None)
        if option is None or a.dose not in facts.dose_slots[key]:
            continue
        working.add(key)
        values += [(v.assign[o], int(o == option)) for o in facts.options[key]]
        values += [(literal, int(t <= a.dose)) for t, literal in v.dose_from[key].items()]
    values += [(literal, 0) for key, slots in v.dose_from.items() if key not in working for literal in slots.values()]
    leads = {(s.staff, s.date, s.crew): lead for s, lead in v.lead.items()}
    running = {(g.crew, g.date): g for g in last.groups if g.group == "late"}
    for crew_day, runs in v.runs.items():
        g = running.get(crew_day)
        values.append((runs, int(g is not None)))
        values += [(later, int(g is not None and t <= g.start)) for t, later in v.later[crew_day].items()]
        led = set(g.staff) if g is not None else set()
        values += [(lead, int(s in led)) for (s, d, c), lead in leads.items() if (c, d) == crew_day]
    return values


def _shift_onto_horizon(scenario: Scenario, last: Schedule) -> dt.timedelta:
    """Whole weeks that move a plan for other dates (last week's) onto the horizon; none for a plan within it."""
    dates = [a.date for a in last.assignments] or [g.date for g in last.groups]
    if not dates or all(scenario.start <= d <= scenario.dates[-1] for d in dates):
        return dt.timedelta(0)
    first_monday = min(dates) - dt.timedelta(days=min(dates).weekday())
    return scenario.start - first_monday


def _known(scenario: Scenario, participant: str | None, crew: str, date: dt.date) -> bool:
    in_horizon = scenario.start <= date <= scenario.dates[-1]
    return (
        in_horizon and crew in scenario.program.crews and (participant is None or participant in scenario.participants)
    )

"""The `staff` family: whether the week's supervisors can lead one more late group member."""

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.graph.python import max_flow
from ortools.sat.python import cp_model

from workwindow.models import Scenario, weekday
from workwindow.models.schedule import GroupRun
from workwindow.solver.constraints import total
from workwindow.solver.facts import Option, ParticipantDay, WeekFacts
from workwindow.solver.lexicographic import SolverFailure
from workwindow.solver.week_model import WeekModel


@dataclass
class Staffing:
    """The late groups of a week as scheduled, and the supervisors they need."""

    scenario: Scenario
    facts: WeekFacts
    date: dt.date
    groups: list[GroupRun]
    _staffed: dict[tuple[tuple, int], bool] = field(default_factory=dict)
    """The flow's answer by (crew, date) and its supervisors needed: the same for everyone
    who would join that group, and a flow over the week's supervisions costs ~1 ms."""

    def __post_init__(self) -> None:
        self.members = {(g.crew, g.group): len(g.participants) for g in self.groups if g.date == self.date}
        self.needed = {
            (g.crew, g.date): math.ceil(len(g.participants) / ratio)
            for g in self.groups
            if g.group == "late" and (ratio := self.scenario.program.crews[g.crew].staff_ratio) is not None
        }

    def suffice(self, option: Option) -> bool:
        """Whether the week's supervisors can staff every late group with this option taken.

        Exact for the staff family: any late group may start at its latest
        slot (everyone is ready by then), which lets the most supervisors
        lead it, and supervisors may move between groups on every day. What
        is left is a flow: supervisors (max_days) → their days (one group a
        day) → groups they can lead → each group's ceil(n / staff_ratio).
        """
        ratio = self.scenario.program.crews[option.crew].staff_ratio
        if option.group == "ordinary" or ratio is None:
            return True
        crew_day = (option.crew, option.date)
        need = math.ceil((self.members.get((option.crew, "late"), 0) + 1) / ratio)
        if (crew_day, need) not in self._staffed:
            self._staffed[(crew_day, need)] = staffable(self.scenario, self.facts, {**self.needed, crew_day: need})
        return self._staffed[(crew_day, need)]

    def detail(self, key: ParticipantDay) -> str:
        late_crews = sorted({o.crew for o in self.facts.options[key] if o.group == "late"})
        possible = defaultdict(list)
        for s in self.facts.supervisions:
            if s.date == self.date:
                possible[s.crew].append(s.staff)
        parts = []
        for crew in late_crews:
            if names := possible.get(crew):
                parts.append(
                    f"the supervisors who could lead {crew} ({', '.join(names)}) "
                    "lead other groups that day or have reached max_days"
                )
            else:
                parts.append(f"no supervisor's crews, days and hours cover {crew}'s late group on {weekday(self.date)}")
        return "; ".join(parts) or "no supervisor can cover"


def staffable(scenario: Scenario, facts: WeekFacts, needs: dict[tuple, int]) -> bool:
    """Max flow: supervisors → (supervisor, date) → late groups they can lead at their latest start."""
    flow = max_flow.SimpleMaxFlow()
    nodes: dict[object, int] = {}

    def node(name: object) -> int:
        return nodes.setdefault(name, len(nodes))

    source, sink = node("source"), node("sink")
    for crew_day, need in needs.items():
        flow.add_arc_with_capacity(node(crew_day), sink, need)
    for s in facts.supervisions:
        crew_day = (s.crew, s.date)
        if crew_day in needs and s.earliest_start <= facts.start_slots[crew_day][-1]:
            if ("staff", s.staff) not in nodes:
                flow.add_arc_with_capacity(source, node(("staff", s.staff)), scenario.staff[s.staff].max_days)
            if ("day", s.staff, s.date) not in nodes:
                flow.add_arc_with_capacity(node(("staff", s.staff)), node(("day", s.staff, s.date)), 1)
            flow.add_arc_with_capacity(node(("day", s.staff, s.date)), node(crew_day), 1)
    if flow.solve(source, sink) != flow.OPTIMAL:
        raise SolverFailure("the max flow of the supervisors' question failed")
    return flow.optimal_flow() == sum(needs.values())


def supervisors_other_days(day: WeekModel, facts: WeekFacts, groups: list[GroupRun], date: dt.date) -> None:
    """The supervisors' other days, as a side problem of the day's model.

    The other days' late groups keep their members, but their starts may move
    to the latest slot (always possible: everyone is ready by then) and their
    supervisors may change, so a supervisor's max_days is shared between
    this date and whatever the other days still need of them.
    """
    scenario, guard = day.scenario, day.guards["staff"]
    model = day.model
    elsewhere: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    per_day: dict[tuple, list[cp_model.IntVar]] = defaultdict(list)
    for g in groups:
        ratio = scenario.program.crews[g.crew].staff_ratio
        if g.date == date or g.group != "late" or ratio is None:
            continue
        last = facts.start_slots[(g.crew, g.date)][-1]
        leads = []
        for s in facts.supervisions:
            if (s.crew, s.date) == (g.crew, g.date) and s.earliest_start <= last:
                lead = model.new_bool_var(f"lead_elsewhere[{s.staff},{s.date},{s.crew}]")
                leads.append(lead)
                elsewhere[s.staff].append(lead)
                per_day[(s.staff, s.date)].append(lead)
        model.add(total(leads) >= math.ceil(len(g.participants) / ratio)).only_enforce_if(guard)
    for leads in per_day.values():
        model.add_at_most_one(leads)
    today: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for supervision, lead in day.v.lead.items():
        today[supervision.staff].append(lead)
    for sid, leads in elsewhere.items():
        model.add(total(leads) + total(today[sid]) <= scenario.staff[sid].max_days).only_enforce_if(guard)

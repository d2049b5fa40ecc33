"""One date as scheduled: the cascade of questions about adding one more person to it.

The witnesses and proofs of `stations` and `staff` answer most questions;
CP-SAT, on a model of the one date, settles the rest (the `tradeoff` family
is what fits with every constraint family in force).
"""

import datetime as dt
import math
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from workwindow.models import Scenario
from workwindow.models.schedule import Assignment, GroupRun, Unassigned
from workwindow.solver.facts import Option, ParticipantDay, WeekFacts, day_facts
from workwindow.solver.progress import StopSignal, search
from workwindow.solver.reasons.caps import group_capacity
from workwindow.solver.reasons.staff import Staffing, supervisors_other_days
from workwindow.solver.reasons.stations import Stations, stations_detail
from workwindow.solver.week_model import WeekModel, build_week_model

QUERY_SECONDS = 5.0
CASCADE = (("capacity", "stations"), ("capacity", "stations", "staff"))
UNDECIDED = "not decided in the time for explanations; taken as a trade-off"


@dataclass
class Day:
    """One date as scheduled, and the questions about adding one more person to it."""

    scenario: Scenario
    facts: WeekFacts
    date: dt.date
    assignments: list[Assignment]
    groups: list[GroupRun]
    workers: int
    deadline: float
    stop: StopSignal | None = None
    _model: WeekModel | None = field(default=None)

    def __post_init__(self) -> None:
        self.held = [a for a in self.assignments if a.date == self.date]
        self.stations = Stations(self.scenario, self.facts, self.date, self.held)
        self.staffing = Staffing(self.scenario, self.facts, self.date, self.groups)

    def reason(self, key: ParticipantDay, *, ask: bool) -> Unassigned | None:
        """The first reason that applies; None when only CP-SAT can settle it and `ask`
        is off, or when CP-SAT could not settle it in the time left."""
        options = [o for o in self.facts.options[key] if self._within_caps(o)]
        dosed = [o for o in options if self.stations.fit(o)]
        if not dosed:
            if self.stations.refuse(key, options):
                return unassigned(key, "stations", stations_detail(self.scenario, key))
            fits = self._solver_fits(key, CASCADE[0]) if ask else None
            if fits is None:
                return None
            if not fits:
                return unassigned(key, "stations", stations_detail(self.scenario, key))
        staffable = [o for o in options if self.staffing.suffice(o)]
        if not staffable:
            return unassigned(key, "staff", self.staffing.detail(key))
        if any(o in staffable for o in dosed):
            return unassigned(key, "tradeoff", self._tradeoff_detail(key))
        fits = self._solver_fits(key, CASCADE[1]) if ask else None
        if fits is None:
            return None
        if not fits:
            return unassigned(key, "staff", self.staffing.detail(key))
        return unassigned(key, "tradeoff", self._tradeoff_detail(key))

    def _within_caps(self, option: Option) -> bool:
        cap = group_capacity(self.scenario, option)
        return cap is None or self.staffing.members.get((option.crew, option.group), 0) < cap

    def _solver_fits(self, key: ParticipantDay, families: tuple[str, ...]) -> bool | None:
        """Feasible with these families and everyone else held: True, False, or None when undecided."""
        if past(self.deadline, self.stop):
            return None
        day = self._day_model()
        if past(self.deadline, self.stop):
            return None
        chosen = {(a.participant, a.crew, a.group) for a in self.held}
        held = [
            x if (o.participant, o.crew, o.group) in chosen else x.Not()
            for o, x in day.v.assign.items()
            if (o.participant, o.date) != key
        ]
        model = day.model
        model.clear_assumptions()
        model.add_assumptions([*held, day.forced[key], *(day.guards[f] for f in families)])
        status = search(self._query_solver(), model, self.stop)
        model.clear_assumptions()
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return True
        return False if status == cp_model.INFEASIBLE else None

    def _query_solver(self) -> cp_model.CpSolver:
        """QUERY_SECONDS of wall time, up to the deadline; with no deadline, of deterministic
        time, so that a deterministic solve's reasons do not depend on how busy the machine is."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = self.workers
        params.catch_sigint_signal = False  # as in the stages: Ctrl-C belongs to the program
        if math.isinf(self.deadline):
            params.interleave_search = True
            params.max_deterministic_time = QUERY_SECONDS
        else:
            params.max_time_in_seconds = max(0.0, min(QUERY_SECONDS, self.deadline - time.monotonic()))
        return solver

    def _day_model(self) -> WeekModel:
        if self._model is None:
            self._model = build_week_model(self.scenario, day_facts(self.facts, self.date), explainable=True)
            supervisors_other_days(self._model, self.facts, self.groups, self.date)
        return self._model

    def _tradeoff_detail(self, key: ParticipantDay) -> str:
        crews = " or ".join(sorted({o.crew for o in self.facts.options[key]}))
        order = ", then ".join(self.scenario.objective) or "no objective"
        return f"could work in {crews}, but the place went to a better use under the objectives ({order})"


def past(deadline: float, stop: StopSignal | None) -> bool:
    """No more than counting from here: the deadline has passed, or the solve was stopped."""
    return (stop is not None and stop.is_set()) or time.monotonic() >= deadline


def undecided(key: ParticipantDay) -> Unassigned:
    return unassigned(key, "tradeoff", UNDECIDED)


def unassigned(key: ParticipantDay, reason: str, detail: str) -> Unassigned:
    return Unassigned(participant=key[0], date=key[1], reason=reason, detail=detail)

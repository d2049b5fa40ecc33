"""Lexicographic optimisation: the objectives in order, each stage held at what it reached.

Each CP-SAT call minimises one objective, or in a small model several
consecutive ones weighted into one (`joint.py`), with the earlier ones held
at what the earlier stages reached, and starts from the previous solution as
a hint. A stage that runs out of time keeps its best solution; its bound and
status are reported as they are, and the next stage holds the value reached.
"""

import logging
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ortools.sat.python import cp_model

from workwindow.errors import WorkwindowError
from workwindow.models.schedule import Stage
from workwindow.solver import portfolio
from workwindow.solver.joint import Joint, Linear, joint_of, linear_of
from workwindow.solver.progress import UNWATCHED, Progress, StageName, watched_search

log = logging.getLogger(__name__)

JOINT_TRY = 5.0
"""Seconds (CP-SAT's work units in deterministic mode) a joint solve of several stages may take
before it gives way to one stage per solve. On the pilot with fairness the joint solves took
0.2-3.4 s (seeds 0-13). On generated 100-participant weeks, where late_start is not proven in
a minute, participant_days weighted above it was still 1 % from its bound after 26 s, where
alone it is proven in about a second."""

Solution = list[int]
"""Values of every model variable, by proto index."""


@dataclass(frozen=True)
class SolverSettings:
    workers: int = 2
    seed: int = 0
    deterministic: bool = False


@dataclass(frozen=True)
class StagedObjective:
    name: str
    expr: cp_model.LinearExprT
    """As minimised."""
    sign: int = 1
    """+1, or -1 where the reported value is the negation of what is minimised."""
    prepare: Callable[[], None] | None = None
    """Adds what only this stage and later ones need (redundant constraints), before it is solved."""
    level: int | None = None
    """A stage of a family of levels (fairness): once one level is proven to reach 0, none above
    can reach more, and the family's later stages are skipped."""


@dataclass
class LexicographicResult:
    solution: Solution
    stages: list[Stage]
    prepare_seconds: float = 0.0
    """Time spent adding stage constraints in Python, not in CP-SAT."""


class SolverFailure(WorkwindowError):
    """CP-SAT rejected a model this program built: a bug, never the user's input."""


def solve_lexicographic(
    model: cp_model.CpModel,
    objectives: list[StagedObjective],
    *,
    week: int,
    deadline: float,
    deterministic_budget: float,
    settings: SolverSettings,
    start: Solution,
    progress: Progress = UNWATCHED,
) -> LexicographicResult:
    """Solve stage by stage until `deadline` (a `time.monotonic()` value), from a feasible `start`.

    In a small model consecutive stages are solved as one where their
    weights allow (`joint.py`), each joint solve given `JOINT_TRY` at most.
    One that ends with its first stage proven settles that stage, and the
    others are solved again after it; one that does not settles nothing,
    and from then on every stage is solved on its own. In
    deterministic mode the clock must not decide anything, so the budget is
    `deterministic_budget` in CP-SAT's deterministic time, shared out evenly
    over the stages, instead of what the wall clock has left.
    """
    plan = objectives or [StagedObjective("feasibility", 0)]
    run = _Run(model, week, deadline, deterministic_budget, settings, progress, len(plan), start)
    pending = list(enumerate(plan))
    run.joints = len(model.proto.variables) < portfolio.LARGE_MODEL
    while pending := [(i, o) for i, o in pending if o.level is None or o.name not in run.exhausted]:
        joint = joint_of(_linears(model, [o for _, o in pending], run.joints))
        members, pending = pending[: len(joint.linears)], pending[len(joint.linears) :]
        settled = run.solve(members, joint)
        pending = members[settled:] + pending
    model.clear_objective()
    return LexicographicResult(run.solution, run.stages, run.prepared)


def _linears(model: cp_model.CpModel, objectives: list[StagedObjective], joints: bool) -> Iterator[Linear]:
    """The objectives' terms, one at a time as the joint asks; only the first's without joint solves."""
    for objective in objectives if joints else objectives[:1]:
        yield linear_of(model, objective.expr)


class _Run:
    """What the stages share: the solution so far, the stages reported, the time and the work units left."""

    def __init__(
        self,
        model: cp_model.CpModel,
        week: int,
        deadline: float,
        deterministic_budget: float,
        settings: SolverSettings,
        progress: Progress,
        planned: int,
        start: Solution,
    ):
        self.model, self.week, self.deadline, self.settings, self.progress = model, week, deadline, settings, progress
        self.planned = planned
        self._units = [deterministic_budget / planned] * planned
        """Each stage's even share of the deterministic work units, until a CP-SAT call spends it."""
        self.solution: Solution = start
        self.stages: list[Stage] = []
        self.prepared = 0.0
        self.exhausted: set[str] = set()
        self.joints = True
        """Whether stages may still be solved together: not in a large model, nor after a joint solve failed."""
        self._ready: set[int] = set()
        self._given_up = 0.0
        """Seconds of a joint solve that settled nothing: they count with the next stage."""

    def solve(self, members: list[tuple[int, StagedObjective]], joint: Joint) -> int:
        """Solve `members` as one and report what is settled; how many of them (from the first) are."""
        self._prepare(members)
        objectives = [o for _, o in members]
        if self.joints:
            self.model.clear_objective()
            self.model.minimize(joint.expr([o.expr for o in objectives]))
        if self.progress.stopped() or (not self.settings.deterministic and time.monotonic() >= self.deadline):
            first = joint.linears[0]
            self._settle(objectives[0], first.at(self.solution), first.least, "feasible", 0.0)
            return 1
        share = self._budget(members)
        tried = len(members) > 1 and share > JOINT_TRY
        budget = JOINT_TRY if tried else share
        solver = portfolio.cp_solver(self.settings, budget, objectives[0].name, len(self.model.proto.variables))
        _hint(self.model, self.solution)
        began = time.perf_counter()
        first = StageName(self.week, objectives[0].name, objectives[0].sign)
        status = watched_search(solver, self.model, self.progress, first, joint.first_of)
        seconds = time.perf_counter() - began + self._given_up
        self._given_up = 0.0
        if status in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            said = solver.status_name(status)
            raise SolverFailure(f"week {self.week}, stage {objectives[0].name}: CP-SAT says {said}")
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            self.solution = list(solver.response_proto.solution)
        settled = self._settle_searched(objectives, joint, solver, status, seconds, tried)
        self._spend(members, settled, solver.deterministic_time)
        return settled

    def _settle_searched(
        self,
        objectives: list[StagedObjective],
        joint: Joint,
        solver: cp_model.CpSolver,
        status: int,
        seconds: float,
        tried: bool,
    ) -> int:
        """Settle what CP-SAT proved: every member, the first only, or (a joint try that proved
        nothing) none, after which stages go one per call."""
        values = joint.values(self.solution)
        if status == cp_model.OPTIMAL:
            for k, (objective, value) in enumerate(zip(objectives, values, strict=True)):
                if not (objective.level is not None and objective.name in self.exhausted):
                    solved_with = _name_of(objectives[0]) if k else None
                    self._settle(objective, value, value, "optimal", seconds if k == 0 else 0.0, solved_with)
            return len(objectives)
        bound = solver.best_objective_bound
        # CP-SAT's bound counts only with a solution of its own: stopped before its first (UNKNOWN)
        # it reports 0, which for participant_days (minimised as a negative) read as a proof.
        searched = status == cp_model.FEASIBLE and math.isfinite(bound)
        least = joint.first_of(math.ceil(bound - 1e-6)) if searched else joint.linears[0].least
        proven = len(objectives) > 1 and least >= values[0]
        if tried and not proven and not self.progress.stopped():
            self.joints = False
            self._given_up = seconds
            return 0
        self._settle(objectives[0], values[0], least, "optimal" if proven else "feasible", seconds)
        return 1

    def _prepare(self, members: list[tuple[int, StagedObjective]]) -> None:
        """Each member's redundant constraints, once (the bounds cost seconds at city size)."""
        for index, objective in members:
            if objective.prepare is not None and index not in self._ready and not self.progress.stopped():
                began = time.perf_counter()
                objective.prepare()
                self.prepared += time.perf_counter() - began
                self._ready.add(index)

    def _budget(self, members: list[tuple[int, StagedObjective]]) -> float:
        """Seconds for a joint solve: the share its first stage would have had. In deterministic mode,
        the work units of all its stages: the pilot's joint call of participant_days, late_start and
        staff needs more than one stage's 2.9 units, and proves all three within its 5."""
        if self.settings.deterministic:
            return max(0.01, sum(self._units[index] for index, _ in members))
        return max(0.01, _share_of_what_is_left(members[0][0], self.planned) * (self.deadline - time.monotonic()))

    def _spend(self, members: list[tuple[int, StagedObjective]], settled: int, units: float) -> None:
        """What a call used comes out of its stages' units; those it did not settle share what is left.

        Even shares that a call can only spend, never borrow, keep the total within the budget. (The
        units left shared over the stages to come starved the last stages of a generated 250 x 4
        scenario instead: CP-SAT overshoots its deterministic limit.)
        """
        left = max(0.0, sum(self._units[index] for index, _ in members) - units)
        for index, _ in members[:settled]:
            self._units[index] = 0.0
        for index, _ in members[settled:]:
            self._units[index] = left / (len(members) - settled)

    def _settle(
        self,
        objective: StagedObjective,
        value: int,
        bound: int,
        status: str,
        seconds: float,
        solved_with: str | None = None,
    ) -> None:
        """Hold the objective at `value` from now on, and report its stage."""
        self.model.add(objective.expr <= value)
        self.stages.append(_record(self.week, objective, status, value, bound, seconds, solved_with))
        _tell(self.progress, self.stages[-1])
        if objective.level is not None and status == "optimal" and value == 0:
            self.exhausted.add(objective.name)
        log.debug("week %d stage %s: %s in %.2fs", self.week, objective.name, status, seconds)


def _name_of(objective: StagedObjective) -> str:
    return objective.name if objective.level is None else f"{objective.name} level {objective.level}"


def _tell(progress: Progress, stage: Stage) -> None:
    if progress.on_stage is not None:
        progress.on_stage(stage)


def _share_of_what_is_left(index: int, stages: int) -> float:
    """Half for each stage but the last, which takes the rest.

    Stages are in order of importance: on a week too large to prove, an
    earlier objective gains more from the time than a later one (at 1,000
    participants, equal fifths left participant_days 12 % from its bound).
    A stage proven early leaves its time to the next.
    """
    return 1.0 if index == stages - 1 else 0.5


def _hint(model: cp_model.CpModel, solution: Solution) -> None:
    """The previous stage's solution, written straight into the proto (add_hint per variable is slow)."""
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(solution)))
    hint.values.extend(solution)


def _record(
    week: int, objective: StagedObjective, status: str, value: int, bound: int, seconds: float, solved_with: str | None
) -> Stage:
    bound = min(value, bound)
    return Stage(
        week=week,
        objective=objective.name,
        level=objective.level,
        solved_with=solved_with,
        status=status,
        value=objective.sign * value,
        bound=objective.sign * bound,
        wall_seconds=round(seconds, 4),
        gap=round(abs(value - bound) / max(1, abs(value)), 4),
    )

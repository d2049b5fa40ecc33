"""Lexicographic optimisation: one CP-SAT solve per objective, in order.

Each stage minimises its objective with the earlier ones held at what the
earlier stages reached, and starts from the previous stage's solution as a
hint. A stage that runs out of time keeps its best solution; its bound and
status are reported as they are, and the next stage holds the value reached.
"""

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ortools.sat.python import cp_model

from workwindow.errors import WorkwindowError
from workwindow.models.schedule import Stage

log = logging.getLogger(__name__)

SMALL_PORTFOLIO = ("max_lp_sym", "core")
"""Full-problem workers when only two are allowed. CP-SAT's default pair
(default_lp + first-solution/LNS helpers) could not prove the pilot's
participant_days stage in 10 s; the LP with symmetry handling plus the
core-based lower bound proves every pilot stage in about 0.1 s."""

LARGE_MODEL = 20_000
"""Variables from which the small portfolio gives way to one LP worker with
CP-SAT's neighbourhood search beside it. At 1,000 participants (56k
variables) CP-SAT's default pair of that kind proved the shortfall stage in
9.5 s where the small portfolio ended 12 s at a 10 % gap. From this size on
the week also goes without the bound constraints
(`weeks.bounds_where_they_pay`)."""

LEVEL_TWO_LP = "max_lp"
"""The shortfall stage's LP worker in a large week: CP-SAT's linearization
level 2, which puts clauses and implications in the LP. Presolve turns most
of this model's rules into clauses ("a late group that runs has a
supervisor"), and CP-SAT's default LP worker (level 1) leaves every clause
out. On generated 1,000-participant weeks the default worker's shortfall
bound was then the optimum without supervisors: 36 on seed 2, where 106 is a
lower bound with them (68 % gap). With level 2, in three runs, that stage
ended at a 5-10 % gap there and was proven in 12-17 s and 6-9 s on seeds 1
and 3 (20-21 s and 13-14 s before). With one worker, as in batch solves, the
bound after 30 s was 103 against 36 on seed 2, the schedules alike."""

LEVEL_TWO_STAGES = frozenset({"shortfall"})
"""Where the level-2 LP pays. Elsewhere neither LP settles in a large week's
time: participant_days, with level 2, reported gaps of 39 and 29 % on seeds 1
and 2 (17 and 12 % with level 1), and late_start and staff ended without a
bound with either."""

LEVEL_TWO_MOST = 100_000
"""Variables from which the level-2 LP is too heavy for the shortfall stage
too: at 3,000 participants (169k variables a week) it ended at shortfall 358
and 290 on the two seeds, where level 1 reached 354 and 288."""

Solution = list[int]
"""Values of every model variable, by proto index."""


class StopSignal(Protocol):
    """Set from outside (a `threading.Event`, or a `multiprocessing.Event` of the process that waits)."""

    def is_set(self) -> bool: ...


STOP_POLL_SECONDS = 0.1
"""How often a running stage looks whether it was asked to stop."""


@dataclass(frozen=True)
class Searching:
    """A running stage's best value and bound so far, signed as its Stage will report them."""

    week: int
    objective: str
    value: int | None
    """None until CP-SAT has a solution of its own in this stage."""
    bound: int


@dataclass(frozen=True)
class Progress:
    """Who hears of each stage as it ends (and, with `on_search`, of each improvement while it runs),
    and the signal that stops the solve early.

    A stopped solve keeps what its stages have found: the running stage ends
    at once with its best solution, and the stages after it hold that value.
    """

    on_stage: Callable[[Stage], None] | None = None
    stop: StopSignal | None = None
    on_search: Callable[[Searching], None] | None = None
    at_once: bool = False
    """A stop ends the solve at once even while some week still builds its model, with no plan
    to keep (Ctrl-C: `horizon.StoppedBeforeAPlan`); otherwise such a week goes on to its first plan."""

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()


UNWATCHED = Progress()


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

    In deterministic mode the clock must not decide anything, so each stage
    gets an equal share of `deterministic_budget` in CP-SAT's deterministic
    time instead of what the wall clock has left.
    """
    solution: Solution = start
    stages: list[Stage] = []
    prepared = 0.0
    plan = objectives or [StagedObjective("feasibility", 0)]
    exhausted: set[str] = set()
    for index, objective in enumerate(plan):
        if objective.level is not None and objective.name in exhausted:
            continue
        if objective.prepare is not None and not progress.stopped():  # the bounds cost seconds at city size
            began = time.perf_counter()
            objective.prepare()
            prepared += time.perf_counter() - began
        model.clear_objective()
        model.minimize(objective.expr)
        if progress.stopped() or (not settings.deterministic and time.monotonic() >= deadline):
            stages.append(_held(week, objective, model, solution))
            _tell(progress, stages[-1])
            continue
        if settings.deterministic:
            budget = deterministic_budget / len(plan)
        else:
            budget = max(0.01, _share_of_what_is_left(index, len(plan)) * (deadline - time.monotonic()))
        _hint(model, solution)
        began = time.perf_counter()
        solver = _solver(settings, budget, objective.name, len(model.proto.variables))
        status = _search(solver, model, progress, week, objective)
        seconds = time.perf_counter() - began
        if status in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            raise SolverFailure(f"week {week}, stage {objective.name}: CP-SAT says {solver.status_name(status)}")
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            solution = list(solver.response_proto.solution)
        value = _value_of(model, solution)
        model.add(objective.expr <= value)
        stages.append(_stage(week, objective, solver, status, value, _trivial_bound(model), seconds))
        _tell(progress, stages[-1])
        if objective.level is not None and status == cp_model.OPTIMAL and value == 0:
            exhausted.add(objective.name)
        log.debug("week %d stage %s: %s in %.2fs", week, objective.name, solver.status_name(status), seconds)
    model.clear_objective()
    return LexicographicResult(solution, stages, prepared)


def _search(
    solver: cp_model.CpSolver, model: cp_model.CpModel, progress: Progress, week: int, objective: StagedObjective
) -> int:
    """CP-SAT's solve, telling `progress` of each improvement and ended early by its stop."""
    heard = _Improvements(week, objective, progress.on_search) if progress.on_search is not None else None
    if heard is not None:
        solver.best_bound_callback = heard.bound_improved
    return search(solver, model, progress.stop, heard)


def search(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    stop: StopSignal | None,
    heard: cp_model.CpSolverSolutionCallback | None = None,
) -> int:
    """CP-SAT's solve, ended early (keeping its best solution) when `stop` is set meanwhile."""
    if stop is None:
        return solver.solve(model, heard)
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(STOP_POLL_SECONDS):
            if stop.is_set():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, name="workwindow-stop", daemon=True)
    watcher.start()
    try:
        return solver.solve(model, heard)
    finally:
        finished.set()
        watcher.join()


class _Improvements(cp_model.CpSolverSolutionCallback):
    """Tells of each solution and each better bound CP-SAT finds in a stage, in the Stage's signs."""

    def __init__(self, week: int, objective: StagedObjective, hear: Callable[[Searching], None]):
        super().__init__()
        self._week, self._objective, self._hear = week, objective, hear
        self._value: int | None = None

    def on_solution_callback(self) -> None:
        self._value = round(self.objective_value)
        self._tell(self.best_objective_bound)

    def bound_improved(self, bound: float) -> None:
        self._tell(bound)

    def _tell(self, bound: float) -> None:
        sign = self._objective.sign
        lowest = math.ceil(bound - 1e-6)
        value = None if self._value is None else sign * self._value
        bound = lowest if self._value is None else min(lowest, self._value)
        self._hear(Searching(self._week, self._objective.name, value, sign * bound))


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


def _solver(settings: SolverSettings, budget: float, stage: str, variables: int) -> cp_model.CpSolver:
    """One presolve pass, and no probing in a large model: both cost more than they give here.

    Later passes took 6 of 12 s at 1,000 participants. Probing took 4 s of
    each stage's 9 s presolve there; without it the search starts sooner,
    and on three generated 1,000-participant weeks (60 s solves) the
    participant_days stage ended with gaps of 21/28/15 % instead of
    40/134/28 %, the shortfall as good or proven sooner.
    """
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = settings.workers
    params.random_seed = settings.seed
    params.max_presolve_iterations = 1
    params.catch_sigint_signal = False  # Ctrl-C belongs to the program (batch, Dask workers), not CP-SAT
    if settings.workers <= len(SMALL_PORTFOLIO):
        params.subsolvers.extend(_few_workers_portfolio(settings.workers, stage, variables))
    if variables >= LARGE_MODEL:
        params.cp_model_probing_level = 0
    if settings.deterministic:
        params.interleave_search = True
        params.max_deterministic_time = budget
    else:
        params.max_time_in_seconds = budget
    return solver


def _few_workers_portfolio(workers: int, stage: str, variables: int) -> list[str]:
    """Full-problem workers to name when only one or two run; none leaves the choice to CP-SAT."""
    if variables < LARGE_MODEL:
        return list(SMALL_PORTFOLIO[:workers])
    if stage in LEVEL_TWO_STAGES and variables < LEVEL_TWO_MOST:
        return [LEVEL_TWO_LP]
    return []


def _hint(model: cp_model.CpModel, solution: Solution) -> None:
    """The previous stage's solution, written straight into the proto (add_hint per variable is slow)."""
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(solution)))
    hint.values.extend(solution)


def _value_of(model: cp_model.CpModel, solution: Solution) -> int:
    """The model's objective at `solution`: what a stage holds when CP-SAT found nothing better in time."""
    objective = model.proto.objective
    return round(objective.offset + sum(c * solution[i] for i, c in zip(objective.vars, objective.coeffs, strict=True)))


def _trivial_bound(model: cp_model.CpModel) -> int:
    """The least the objective can be over its variables' domains: the bound when CP-SAT gave none.

    A domain's last value is read by its length: the proto's repeated field
    answers `domain[-1]` with 0, which made this bound 0 for participant_days.
    """
    objective, variables = model.proto.objective, model.proto.variables
    least = sum(
        c * (variables[i].domain[0] if c > 0 else variables[i].domain[len(variables[i].domain) - 1])
        for i, c in zip(objective.vars, objective.coeffs, strict=True)
    )
    return round(objective.offset + least)


def _held(week: int, objective: StagedObjective, model: cp_model.CpModel, solution: Solution) -> Stage:
    """A stage reached after the deadline: CP-SAT is not asked (loading alone takes a second at
    3,000 participants), the schedule so far is held and reported with the trivial bound."""
    value = _value_of(model, solution)
    model.add(objective.expr <= value)
    return _record(week, objective, "feasible", value, _trivial_bound(model), 0.0)


def _stage(
    week: int,
    objective: StagedObjective,
    solver: cp_model.CpSolver,
    status: int,
    value: int,
    trivial_bound: int,
    seconds: float,
) -> Stage:
    """Every stage has a solution (the start is feasible), so its status is optimal or feasible.

    CP-SAT's bound counts only with a solution of its own: stopped before its
    first (status UNKNOWN) it reports a bound of 0, which for participant_days
    (minimised as a negative) read as "proven" with a gap of 0.
    """
    bound = solver.best_objective_bound
    searched = status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and math.isfinite(bound)
    bound = math.ceil(bound - 1e-6) if searched else trivial_bound
    return _record(week, objective, "optimal" if status == cp_model.OPTIMAL else "feasible", value, bound, seconds)


def _record(week: int, objective: StagedObjective, status: str, value: int, bound: int, seconds: float) -> Stage:
    bound = min(value, bound)
    return Stage(
        week=week,
        objective=objective.name,
        level=objective.level,
        status=status,
        value=objective.sign * value,
        bound=objective.sign * bound,
        wall_seconds=round(seconds, 4),
        gap=round(abs(value - bound) / max(1, abs(value)), 4),
    )

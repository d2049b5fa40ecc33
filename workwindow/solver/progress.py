"""Who hears of a solve as it runs, and the signal that stops it: shared by every caller of CP-SAT."""

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ortools.sat.python import cp_model

from workwindow.models.schedule import Stage


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
class StageName:
    """A running stage as its Searching reports name it: the week, the objective, and the sign that
    turns what is minimised into what is reported."""

    week: int
    name: str
    sign: int


def watched_search(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    progress: Progress,
    stage: StageName,
    first_of: Callable[[int], int],
) -> int:
    """CP-SAT's solve, telling `progress` of each improvement (in the first stage's terms, `first_of`
    reading it from a joint solve's sum) and ended early by its stop."""
    heard = _Improvements(stage, progress.on_search, first_of) if progress.on_search is not None else None
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

    def __init__(self, stage: StageName, hear: Callable[[Searching], None], first_of: Callable[[int], int]):
        super().__init__()
        self._stage, self._hear, self._first_of = stage, hear, first_of
        self._value: int | None = None

    def on_solution_callback(self) -> None:
        self._value = round(self.objective_value)
        self._tell(self.best_objective_bound)

    def bound_improved(self, bound: float) -> None:
        self._tell(bound)

    def _tell(self, bound: float) -> None:
        sign, first_of = self._stage.sign, self._first_of
        lowest = first_of(math.ceil(bound - 1e-6))
        value = None if self._value is None else first_of(self._value)
        bound = lowest if value is None else min(lowest, value)
        value = None if value is None else sign * value
        self._hear(Searching(self._stage.week, self._stage.name, value, sign * bound))

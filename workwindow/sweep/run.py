"""Solve every variant of a sweep (once per seed) side by side, on local processes or Dask."""

import dataclasses
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from workwindow.executor import Executor, Task, open_executor
from workwindow.models import Schedule
from workwindow.solver import SolveSettings, solve_with
from workwindow.solver.objectives import MAXIMISED
from workwindow.sweep.load import Sweep, Variant


@dataclass(frozen=True)
class Outcome:
    """One solve: a variant with one seed, and its schedule or why it has none."""

    variant: Variant
    seed: int
    schedule: Schedule | None
    error: str | None = None
    """Why a solve did not finish, when it did not."""

    @property
    def status(self) -> str:
        return self.schedule.status if self.schedule is not None else "error"

    @property
    def solved(self) -> bool:
        """A schedule was found (optimal or feasible)."""
        return self.status in ("optimal", "feasible")


Listener = Callable[[Outcome], None]


@dataclass(frozen=True)
class SweepResult:
    sweep: Sweep
    outcomes: tuple[Outcome, ...]
    """By variant, then seed."""
    wall_seconds: float
    ran_on: str
    settings: SolveSettings
    """As given; each solve used its own seed."""

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(outcome for outcome in self.outcomes if not outcome.solved)


def run_sweep(
    sweep: Sweep,
    settings: SolveSettings,
    *,
    jobs: int | None = None,
    cluster: str | None = None,
    listener: Listener | None = None,
) -> SweepResult:
    """Solve each variant once per seed of the sweep; `settings.seed` is replaced by each of them.

    `jobs` defaults to the number of cores. With no cluster and one job (or
    one solve) everything runs in this process; otherwise on the shared
    executor (local processes, or Dask when `cluster` is given).
    """
    began = time.perf_counter()
    work = [(variant, seed) for variant in sweep.variants for seed in sweep.seeds]
    local_jobs = min(jobs or os.cpu_count() or 1, len(work))
    if cluster is None and local_jobs == 1:
        ran_on = "this process"
        outcomes = list(_here(work, settings, listener))
    else:
        with open_executor(cluster, jobs if cluster else local_jobs) as executor:
            ran_on = executor.description
            outcomes = list(_elsewhere(executor, work, settings, listener))
    outcomes.sort(key=lambda outcome: (outcome.variant.number, sweep.seeds.index(outcome.seed)))
    return SweepResult(sweep, tuple(outcomes), time.perf_counter() - began, ran_on, settings)


def _here(work: list[tuple[Variant, int]], settings: SolveSettings, listener: Listener | None) -> Iterator[Outcome]:
    for variant, seed in work:
        outcome = Outcome(variant, seed, solve_with(variant.scenario, dataclasses.replace(settings, seed=seed)))
        _tell(listener, outcome)
        yield outcome


def _elsewhere(
    executor: Executor, work: list[tuple[Variant, int]], settings: SolveSettings, listener: Listener | None
) -> Iterator[Outcome]:
    by_key = {f"{variant.number}-{seed}": (variant, seed) for variant, seed in work}
    tasks = [
        Task(key, solve_with, (variant.scenario, dataclasses.replace(settings, seed=seed)))
        for key, (variant, seed) in by_key.items()
    ]
    for finished in executor.run(tasks):
        variant, seed = by_key[finished.task.key]
        if finished.error is not None:
            error = f"the solve stopped before it finished ({type(finished.error).__name__}: {finished.error})"
            outcome = Outcome(variant, seed, None, error)
        else:
            outcome = Outcome(variant, seed, finished.value)
        _tell(listener, outcome)
        yield outcome


def _tell(listener: Listener | None, outcome: Outcome) -> None:
    if listener is not None:
        listener(outcome)


def objective_vector(objective: Sequence[str], schedule: Schedule) -> tuple[int, ...]:
    """The objectives in the scenario's order, each as minimised (participant_days negated)."""
    return tuple(-schedule.objectives[name] if name in MAXIMISED else schedule.objectives[name] for name in objective)


def best(result: SweepResult) -> list[Outcome]:
    """The solves with the best objectives (lexicographically, in the base's order), in sweep order."""
    order = result.sweep.base.objective
    vectors = [(o, objective_vector(order, o.schedule)) for o in result.outcomes if o.schedule is not None and o.solved]
    top = min((vector for _, vector in vectors), default=None)
    return [o for o, vector in vectors if vector == top]

"""Split the draws into chunks, play them here or on workers, and put them back in order.

Chunks have a fixed size and each is seeded from the master seed and its own
number, so the numbers do not depend on how many processes (or which Dask
workers) play them: `--jobs 1`, `--jobs 2` and `--cluster` agree draw for draw.
"""

import time
from dataclasses import dataclass
from typing import Any, Literal

from workwindow.errors import WorkwindowError
from workwindow.executor import Task, open_executor
from workwindow.models import Scenario, Schedule
from workwindow.simulate.morning import ChunkOutcome, play_chunk
from workwindow.simulate.playbook import Playbook, playbook
from workwindow.simulate.recourse import check_plans, replan_chunk

CHUNK_DRAWS = 100
"""Draws per chunk: small enough to spread 1,000 draws over workers, large enough for numpy to pay."""
REPLAN_SLICE = 4
"""Draws per task with --recourse replan: a re-planned draw takes seconds, so chunks are shared
out in slices; each slice samples its whole chunk and keeps its rows, so the mornings are those
of --recourse none with the same seed."""
Recourse = Literal["none", "replan"]
RECOURSES: tuple[str, ...] = ("none", "replan")


class SimulationError(WorkwindowError):
    """A chunk of draws failed on a worker."""


@dataclass(frozen=True)
class PlanOutcome:
    """One plan's figures over every draw."""

    label: str
    book: Playbook
    weekly: Any
    """(draws, weeks, metrics)"""
    lost_by_participant: Any
    short_by_group: Any


@dataclass(frozen=True)
class Simulation:
    draws: int
    seed: int
    recourse: str
    ran_on: str
    seconds: float
    plans: tuple[PlanOutcome, ...]
    """The plan, then the one it is compared `--against` (if any)."""


def simulate(
    scenario: Scenario,
    plans: list[tuple[str, Schedule]],
    *,
    draws: int,
    seed: int,
    recourse: Recourse = "none",
    jobs: int = 1,
    cluster: str | None = None,
) -> Simulation:
    """Play each (label, plan) on the same `draws` sampled mornings."""
    began = time.perf_counter()
    books = tuple(playbook(scenario, schedule) for _, schedule in plans)
    sizes = chunk_sizes(draws)
    if recourse == "replan":
        check_plans(scenario, plans)
        schedules = tuple(schedule for _, schedule in plans)
        tasks = [
            Task(
                f"chunk-{i}-{lo}", replan_chunk, (scenario, schedules, books, seed, i, n, lo, min(n, lo + REPLAN_SLICE))
            )
            for i, n in enumerate(sizes)
            for lo in range(0, n, REPLAN_SLICE)
        ]
    else:
        tasks = [Task(f"chunk-{i}", play_chunk, (books, seed, i, n)) for i, n in enumerate(sizes)]
    if cluster is None and jobs == 1:
        ran_on = "this process"
        results = [task.function(*task.args) for task in tasks]
    else:
        ran_on, results = _on_workers(tasks, jobs, cluster)
    outcomes = tuple(
        _joined(label, book, [chunk[k] for chunk in results])
        for k, (book, (label, _)) in enumerate(zip(books, plans, strict=True))
    )
    return Simulation(draws, seed, recourse, ran_on, time.perf_counter() - began, outcomes)


def chunk_sizes(draws: int, size: int = CHUNK_DRAWS) -> list[int]:
    full, rest = divmod(draws, size)
    return [size] * full + ([rest] if rest else [])


def _on_workers(tasks: list[Task], jobs: int, cluster: str | None) -> tuple[str, list[list[ChunkOutcome]]]:
    by_key: dict[str, list[ChunkOutcome]] = {}
    with open_executor(cluster, jobs) as executor:
        for finished in executor.run(tasks):
            if finished.error is not None:
                raise SimulationError(f"{finished.task.key} of the draws failed: {finished.error}")
            by_key[finished.task.key] = finished.value
        ran_on = executor.description
    return ran_on, [by_key[task.key] for task in tasks]


def _joined(label: str, book: Playbook, chunks: list[ChunkOutcome]) -> PlanOutcome:
    import numpy as np

    return PlanOutcome(
        label=label,
        book=book,
        weekly=np.concatenate([c.weekly for c in chunks], axis=0),
        lost_by_participant=sum(c.lost_by_participant for c in chunks),
        short_by_group=sum(c.short_by_group for c in chunks),
    )

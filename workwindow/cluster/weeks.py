"""Send the weeks of one scenario to Dask workers and put the schedule together here.

Each week is a task of its own (`workwindow.solver.weeks.run_week_job_on_bytes`)
that receives the validated scenario as JSON bytes and the week's settings,
as batch sends its files: the workers need workwindow installed, but no file
of ours. A week is solved there exactly as `solve` solves it here, so under
`deterministic` the schedule is the one a local solve gives. Otherwise each
week gets the share of the time limit that lets the cluster's worker threads
finish every week within it. A scenario whose weeks are coupled (an
objective over the whole horizon) goes as one task.
"""

import contextlib
import os
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from workwindow.errors import WorkwindowError
from workwindow.executor import Executor, Finished, Task, open_executor
from workwindow.models import Scenario, Schedule
from workwindow.solver import SolveSettings, weeks_are_independent
from workwindow.solver.horizon import assemble, week_jobs, weeks_side_by_side

if TYPE_CHECKING:
    from workwindow.solver.progress import Progress


class ClusterSolveError(WorkwindowError):
    """A week could not be solved on the cluster (a worker lost, or workwindow missing there)."""


def solve_scenario(
    scenario: Scenario, settings: SolveSettings, cluster: str | None = None, progress: "Progress | None" = None
) -> Schedule:
    """The schedule, solved here when `cluster` is None, else on the Dask cluster it names ("local" or an address).
    `progress` (a local solve only) hears each stage and may stop the solve."""
    from workwindow.solver import solve_with

    if cluster is None:
        return solve_with(scenario, settings, progress)
    if not weeks_are_independent(scenario):
        return _whole_on_cluster(scenario, settings, cluster)
    return _weeks_on_cluster(scenario, settings, cluster)


def _weeks_on_cluster(scenario: Scenario, settings: SolveSettings, cluster: str) -> Schedule:
    began = time.perf_counter()
    threads = max(1, settings.workers // weeks_side_by_side(scenario, settings.workers))
    with _started_meanwhile(cluster, local_workers(threads)) as starting:
        from workwindow.solver.weeks import run_week_job_on_bytes  # OR-Tools, while the workers start

        data = scenario.model_dump_json(by_alias=True).encode("utf-8")
        executor = starting.result()
        jobs = week_jobs(scenario, settings, at_once=executor.slots)
        tasks = [Task(f"week-{job.week}", run_week_job_on_bytes, (data, job)) for job in jobs]
        results = {finished.task.key: _value(finished) for finished in executor.run(tasks)}
    weeks = [results[f"week-{job.week}"] for job in jobs]
    return assemble(scenario, weeks, began=began, workers=settings.workers, seed=settings.seed, robust=settings.robust)


def _whole_on_cluster(scenario: Scenario, settings: SolveSettings, cluster: str) -> Schedule:
    with _started_meanwhile(cluster, 1) as starting:  # one task: a LocalCluster of one worker
        data = scenario.model_dump_json(by_alias=True).encode("utf-8")
        [finished] = starting.result().run([Task("horizon", solve_json, (data, settings))])
    return _value(finished)


@contextlib.contextmanager
def _started_meanwhile(cluster: str, jobs: int) -> "Iterator[Future[Executor]]":
    """The executor, started in a thread while this one gets the tasks ready (importing the
    solver, writing the scenario's JSON); closed on leaving, its tasks stopped after an error."""
    starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workwindow-cluster-start")
    starting = starter.submit(open_executor, cluster, jobs)
    starter.shutdown(wait=False)
    failed = True
    try:
        yield starting
        failed = False
    finally:
        if starting.exception() is None:
            starting.result().close(abort=failed)


def local_workers(threads: int) -> int:
    """Worker processes of a LocalCluster that keep one CP-SAT thread per core: each week solves
    with `threads` of them, as in a local solve (fewer would change the schedule).

    Four CP-SAT threads on two cores (two weeks of two threads at once) cost more CPU for the
    same weeks: a generated 320-participant 4-week scenario without fairness, --deterministic
    (benchmarks/records/2026-12-03-overhead.json), took 51.6 s against 38.0 s for the local
    solve on a machine loaded by other work (load 6, 40 % more CPU time), and in four turns
    each at load 3-4 the same wall (27.5 s against 26.9 s on one worker) for 10 % more CPU
    time. On an otherwise idle machine two weeks at once can be faster (once 8.5 s against
    11.4 s for the local solve); this keeps to what a loaded machine can afford. An address's
    workers are as its cluster made them.
    """
    return max(1, (os.cpu_count() or 1) // max(1, threads))


def solve_json(scenario_json: bytes, settings: SolveSettings) -> Schedule:
    """A whole solve on a worker, from the validated scenario's JSON bytes."""
    from workwindow.solver import solve_with

    return solve_with(Scenario.model_validate_json(scenario_json), settings)


def _value(finished: Finished) -> object:
    if finished.error is not None:
        raise ClusterSolveError(
            f"{finished.task.key} could not be solved on the cluster "
            f"({type(finished.error).__name__}: {finished.error}); do its workers have workwindow installed?"
        )
    return finished.value

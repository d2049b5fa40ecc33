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

import time
from typing import TYPE_CHECKING

from workwindow.errors import WorkwindowError
from workwindow.executor import Finished, Task, open_executor
from workwindow.models import Scenario, Schedule
from workwindow.solver import SolveSettings, weeks_are_independent
from workwindow.solver.horizon import assemble, week_jobs

if TYPE_CHECKING:
    from workwindow.solver.lexicographic import Progress


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
    from workwindow.solver.weeks import run_week_job_on_bytes

    began = time.perf_counter()
    data = scenario.model_dump_json(by_alias=True).encode("utf-8")
    with open_executor(cluster) as executor:
        jobs = week_jobs(scenario, settings, at_once=executor.slots)
        tasks = [Task(f"week-{job.week}", run_week_job_on_bytes, (data, job)) for job in jobs]
        results = {finished.task.key: _value(finished) for finished in executor.run(tasks)}
    weeks = [results[f"week-{job.week}"] for job in jobs]
    return assemble(scenario, weeks, began=began, workers=settings.workers, seed=settings.seed, robust=settings.robust)


def _whole_on_cluster(scenario: Scenario, settings: SolveSettings, cluster: str) -> Schedule:
    data = scenario.model_dump_json(by_alias=True).encode("utf-8")
    with open_executor(cluster) as executor:
        [finished] = executor.run([Task("horizon", solve_json, (data, settings))])
    return _value(finished)


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

"""Read what `workwindow simulate` is given, refuse what does not fit, and run it.

A plan for another scenario would be played with the wrong people and crews,
so every plan is checked against the scenario before a single draw.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workwindow.models import Schedule, load_scenario, load_schedule
from workwindow.report.inputs import check_schedule_fits
from workwindow.simulate.run import Recourse, Simulation, simulate


@dataclass(frozen=True)
class SimulateRequest:
    scenario: Path
    plan: Path
    draws: int
    seed: int
    overrides: Sequence[str] = ()
    against: Path | None = None
    recourse: Recourse = "none"
    jobs: int = 1
    cluster: str | None = None

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Files no output may be written over."""
        return (self.scenario, self.plan, *([self.against] if self.against is not None else []))


def run_simulation(request: SimulateRequest) -> Simulation:
    scenario = load_scenario(request.scenario, request.overrides)
    files = [request.plan, *([request.against] if request.against is not None else [])]
    plans: list[tuple[str, Schedule]] = []
    for path, label in zip(files, plan_labels(files), strict=True):
        plan = load_schedule(path)
        check_schedule_fits(scenario, plan, str(path))
        plans.append((label, plan))
    return simulate(
        scenario,
        plans,
        draws=request.draws,
        seed=request.seed,
        recourse=request.recourse,
        jobs=request.jobs,
        cluster=request.cluster,
    )


def plan_labels(files: list[Path]) -> list[str]:
    """The file names without .json; the whole paths when two names are the same."""
    stems = [path.stem for path in files]
    return stems if len(set(stems)) == len(stems) else [str(path) for path in files]

"""Everything besides the scenario that decides a schedule, in one picklable value.

Batch, compare, sweeps and explain all send solves to other processes; they
share this so a setting means the same everywhere.
"""

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `check` reads facts of this package and builds no schedule models
    from workwindow.models import Scenario, Schedule
    from workwindow.solver.guide import Guide
    from workwindow.solver.progress import Progress


@dataclass(frozen=True)
class SolveSettings:
    time_limit: float = 60.0
    """Seconds for the whole solve of one scenario."""
    workers: int = 1
    """CP-SAT workers per solve; the solves themselves run side by side."""
    seed: int = 0
    deterministic: bool = False
    explain: bool = True
    """Reasons for days without work; what-ifs that only compare numbers skip them."""
    robust: float | None = None
    """Plan readiness at this quantile of the scenario's uncertainty (`solve --robust`)."""

    def as_dict(self) -> dict[str, float | int | bool]:
        """The settings, without `robust` when it is not asked for (earlier batch stamps stay valid)."""
        return {name: value for name, value in asdict(self).items() if value is not None}


def solve_with(
    scenario: "Scenario", settings: SolveSettings, progress: "Progress | None" = None, guide: "Guide | None" = None
) -> "Schedule":
    """`progress` hears each stage and may stop the solve; `guide` starts it from a plan (see `horizon.solve`)."""
    from workwindow.solver.horizon import solve  # OR-Tools only once a solve starts

    return solve(
        scenario,
        time_limit=settings.time_limit,
        workers=settings.workers,
        seed=settings.seed,
        deterministic=settings.deterministic,
        explain=settings.explain,
        robust=settings.robust,
        progress=progress,
        guide=guide,
    )

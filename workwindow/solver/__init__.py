"""The CP-SAT model of the scenario's rules and its lexicographic solve.

`solve` (in `horizon.py`) is imported on first use, so that reading settings or
facts, as `check` does, does not load OR-Tools.
"""

from typing import TYPE_CHECKING, Any

from workwindow.solver.coupling import weeks_are_independent
from workwindow.solver.settings import SolveSettings, solve_with

if TYPE_CHECKING:
    from workwindow.solver.horizon import solve

__all__ = ["SolveSettings", "solve", "solve_with", "weeks_are_independent"]


def __getattr__(name: str) -> Any:
    if name == "solve":
        from workwindow.solver.horizon import solve

        return solve
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

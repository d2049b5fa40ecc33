"""The CP-SAT model of the scenario's rules and its lexicographic solve.

Each name loads with its module on first use: `solve` (in `horizon.py`) so that
reading facts, as `check` does, does not load OR-Tools, and the settings so
that `check` does not build what only a solve needs.
"""

from typing import TYPE_CHECKING

from workwindow.lazy_names import lazy_names

if TYPE_CHECKING:
    from workwindow.solver.coupling import weeks_are_independent
    from workwindow.solver.horizon import solve
    from workwindow.solver.settings import SolveSettings, solve_with

__all__ = ["SolveSettings", "solve", "solve_with", "weeks_are_independent"]

_WHERE = {
    "SolveSettings": "settings",
    "solve": "horizon",
    "solve_with": "settings",
    "weeks_are_independent": "coupling",
}


__getattr__, __dir__ = lazy_names(__name__, _WHERE)

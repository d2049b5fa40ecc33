"""The CP-SAT model of SPEC section 3 and its lexicographic solve."""

from workwindow.solver.settings import SolveSettings, solve_with
from workwindow.solver.solve import solve

__all__ = ["SolveSettings", "solve", "solve_with"]

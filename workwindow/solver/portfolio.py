"""Which CP-SAT parameters a stage gets, by the size of its model and the workers allowed.

Measured on the pilot and on generated weeks of 100 to 3,000 participants;
each constant says what it was chosen against.
"""

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from workwindow.solver.lexicographic import SolverSettings

SMALL_PORTFOLIO = ("max_lp_sym", "core")
"""Full-problem workers when only two are allowed. CP-SAT's default pair
(default_lp + first-solution/LNS helpers) could not prove the pilot's
participant_days stage in 10 s; the LP with symmetry handling plus the
core-based lower bound proves every pilot stage in about 0.1 s."""

LARGE_MODEL = 20_000
"""Variables from which the small portfolio gives way to one LP worker with
CP-SAT's neighbourhood search beside it. At 1,000 participants (56k
variables) CP-SAT's default pair of that kind proved the shortfall stage in
9.5 s where the small portfolio ended 12 s at a 10 % gap. From this size on
the week also goes without the bound constraints
(`weeks.bounds_where_they_pay`), and every stage is solved on its own
(`joint.py`)."""

LEVEL_TWO_LP = "max_lp"
"""The shortfall stage's LP worker in a large week: CP-SAT's linearization
level 2, which puts clauses and implications in the LP. Presolve turns most
of this model's rules into clauses ("a late group that runs has a
supervisor"), and CP-SAT's default LP worker (level 1) leaves every clause
out. On generated 1,000-participant weeks the default worker's shortfall
bound was then the optimum without supervisors: 36 on seed 2, where 106 is a
lower bound with them (68 % gap). With level 2, in three runs, that stage
ended at a 5-10 % gap there and was proven in 12-17 s and 6-9 s on seeds 1
and 3 (20-21 s and 13-14 s before). With one worker, as in batch solves, the
bound after 30 s was 103 against 36 on seed 2, the schedules alike."""

LEVEL_TWO_STAGES = frozenset({"shortfall"})
"""Where the level-2 LP pays. Elsewhere neither LP settles in a large week's
time: participant_days, with level 2, reported gaps of 39 and 29 % on seeds 1
and 2 (17 and 12 % with level 1), and late_start and staff ended without a
bound with either."""

LEVEL_TWO_MOST = 100_000
"""Variables from which the level-2 LP is too heavy for the shortfall stage
too: at 3,000 participants (169k variables a week) it ended at shortfall 358
and 290 on the two seeds, where level 1 reached 354 and 288."""


def cp_solver(settings: "SolverSettings", budget: float, stage: str, variables: int) -> cp_model.CpSolver:
    """One presolve pass, and no probing in a large model: both cost more than they give here.

    Later passes took 6 of 12 s at 1,000 participants. Probing took 4 s of
    each stage's 9 s presolve there; without it the search starts sooner,
    and on three generated 1,000-participant weeks (60 s solves) the
    participant_days stage ended with gaps of 21/28/15 % instead of
    40/134/28 %, the shortfall as good or proven sooner.
    """
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = settings.workers
    params.random_seed = settings.seed
    params.max_presolve_iterations = 1
    params.catch_sigint_signal = False  # Ctrl-C belongs to the program (batch, Dask workers), not CP-SAT
    if settings.workers <= len(SMALL_PORTFOLIO):
        params.subsolvers.extend(_few_workers(settings.workers, stage, variables))
    if variables >= LARGE_MODEL:
        params.cp_model_probing_level = 0
    if settings.deterministic:
        params.interleave_search = True
        params.max_deterministic_time = budget
    else:
        params.max_time_in_seconds = budget
    return solver


def _few_workers(workers: int, stage: str, variables: int) -> list[str]:
    """Full-problem workers to name when only one or two run; none leaves the choice to CP-SAT."""
    if variables < LARGE_MODEL:
        return list(SMALL_PORTFOLIO[:workers])
    if stage in LEVEL_TWO_STAGES and variables < LEVEL_TWO_MOST:
        return [LEVEL_TWO_LP]
    return []

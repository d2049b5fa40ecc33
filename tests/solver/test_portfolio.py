"""Which CP-SAT workers each stage gets, small week or large, as the lexicographic solve asks them.

That the large week's workers still reach the optimum is checked against the
brute force in tests/verify/test_solver_against_checks.py.
"""

import time

from ortools.sat.python import cp_model

from tests.conftest import people, tiny
from workwindow.solver import portfolio
from workwindow.solver.facts import week_facts
from workwindow.solver.greedy import greedy_start
from workwindow.solver.lexicographic import SolverSettings, solve_lexicographic
from workwindow.solver.objectives import staged
from workwindow.solver.week_model import build_week_model

STAGES = ("shortfall", "participant_days", "late_start", "staff")


def _workers_asked(scenario, monkeypatch, *, large: bool = False, huge: bool = False) -> list[list[str]]:
    """Solve week 1 of `scenario` stage by stage, noting the full-problem workers each CP-SAT call names."""
    if large or huge:
        monkeypatch.setattr(portfolio, "LARGE_MODEL", 0)
    if huge:
        monkeypatch.setattr(portfolio, "LEVEL_TWO_MOST", 0)
    asked: list[list[str]] = []
    original = cp_model.CpSolver.solve

    def noting(solver, model, *args, **kwargs):
        asked.append(list(solver.parameters.subsolvers))
        return original(solver, model, *args, **kwargs)

    monkeypatch.setattr(cp_model.CpSolver, "solve", noting)
    week = build_week_model(scenario, week_facts(scenario, 1))
    objectives = [staged(name, scenario, week.facts, week.v) for name in STAGES]
    solve_lexicographic(
        week.model,
        objectives,
        week=1,
        deadline=time.monotonic() + 30,
        deterministic_budget=0.0,
        settings=SolverSettings(workers=2),
        start=greedy_start(week),
    )
    return asked


def _workers_per_stage(scenario, monkeypatch, **size: bool) -> dict[str, list[str]]:
    """As `_workers_asked`, in a model large enough that each stage has a CP-SAT call of its own."""
    return dict(zip(STAGES, _workers_asked(scenario, monkeypatch, **size), strict=True))


SCENARIO = tiny(participants=people("injection", "tablet", "injection", want=[1, 2]))


def test_a_small_week_runs_the_lp_with_symmetries_beside_the_core_search_in_every_solve(monkeypatch):
    asked = _workers_asked(SCENARIO, monkeypatch)
    assert asked and all(workers == ["max_lp_sym", "core"] for workers in asked)


def test_a_large_week_puts_clauses_in_the_lp_of_the_shortfall_stage_only(monkeypatch):
    asked = _workers_per_stage(SCENARIO, monkeypatch, large=True)
    assert asked == {"shortfall": ["max_lp"], "participant_days": [], "late_start": [], "staff": []}


def test_a_huge_week_leaves_every_stage_to_cp_sats_own_choice(monkeypatch):
    asked = _workers_per_stage(SCENARIO, monkeypatch, huge=True)
    assert asked == {stage: [] for stage in STAGES}

"""The checker stands on its own: no solver, no shared convenience methods."""

import ast
import subprocess
import sys
from pathlib import Path

import workwindow.verify

PACKAGE = Path(workwindow.verify.__file__).parent

SHARED_WITH_THE_SOLVER = {
    "observation_of",
    "travel",
    "eligible_crews",
    "effective_latest_start",
    "stations_at",
    "daily_cap_in_week",
    "crew_runs",
    "week_of",
    "clinic_of",
    "dates",
}


def _trees():
    for path in sorted(PACKAGE.glob("*.py")):
        yield path.name, ast.parse(path.read_text(encoding="utf-8"))


def test_no_module_of_the_checker_imports_the_solver():
    for name, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("workwindow.solver"), name
            if isinstance(node, ast.Import):
                assert not any(alias.name.startswith("workwindow.solver") for alias in node.names), name


def test_the_checker_reads_no_scenario_convenience_method():
    for name, tree in _trees():
        used = {
            node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "scenario"
        }
        assert not used & SHARED_WITH_THE_SOLVER, (name, used & SHARED_WITH_THE_SOLVER)


def test_importing_the_checker_loads_no_solver():
    code = "import sys, workwindow.verify; print(any(m.startswith('workwindow.solver') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""Commands that solve nothing start fast: the heavy libraries load where they are used.

Each check runs in a fresh interpreter, since this test session has long
imported everything.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
HEAVY = ("ortools", "pandas", "pyarrow", "numpy", "matplotlib", "dask", "distributed", "openpyxl", "icalendar")
BELOW_THE_CLI = (
    "workwindow.models",
    "workwindow.errors",
    "workwindow.diagnostics",
    "workwindow.console",
    "workwindow.solver",
    "workwindow.verify",
    "workwindow.export",
    "workwindow.report",
    "workwindow.executor",
    "workwindow.batch",
    "workwindow.whatif.run",
)


def heavy_modules_after(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    loaded = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()[-1]
    return sorted({name.split(".")[0] for name in json.loads(loaded)} & set(HEAVY))


@pytest.mark.parametrize("module", BELOW_THE_CLI)
def test_importing_the_core_loads_no_solver_plotting_or_export_library(module):
    assert heavy_modules_after(f"import {module}") == []

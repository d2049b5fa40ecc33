"""The commands a planner types most start without the heavy libraries."""

import subprocess
import sys

import pytest

from tests.conftest import PILOT, ROOT

HEAVY = (
    *("ortools", "pandas", "pyarrow", "dask", "distributed", "matplotlib", "openpyxl", "icalendar"),
    *("fastapi", "starlette", "uvicorn", "selenium", "ruamel"),
)

RUN_AND_LIST_MODULES = """
import sys
from workwindow.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize("args", [["--help"], ["schema"], ["check", str(PILOT)]], ids=["help", "schema", "check"])
def test_quick_commands_import_no_heavy_library(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = set(done.stdout.split())
    assert not [name for name in HEAVY if name in loaded]

from pathlib import Path

import pytest

from workwindow.models import Scenario, Schedule, load_scenario
from workwindow.solver import solve

PILOT = Path(__file__).parents[2] / "scenarios" / "pilot.yaml"


@pytest.fixture(scope="session")
def pilot() -> tuple[Scenario, Schedule]:
    """The bundled pilot and its solved schedule, solved once per test run."""
    scenario = load_scenario(PILOT)
    return scenario, solve(scenario, time_limit=60.0, workers=2, seed=0)

import pytest

from workwindow.models import Scenario, Schedule
from workwindow.solver import solve


@pytest.fixture(scope="session")
def pilot_plan(pilot: Scenario) -> Schedule:
    """The bundled pilot's published plan, solved once per test run."""
    return solve(pilot, time_limit=30.0, workers=2, seed=0, explain=False)

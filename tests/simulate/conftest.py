import pytest

from workwindow.models import Scenario, Schedule
from workwindow.solver import solve


@pytest.fixture(scope="session")
def pilot_plan(pilot: Scenario) -> Schedule:
    """The bundled pilot's nominal plan, solved once per run; the figures need any valid plan, not the best."""
    return solve(pilot, time_limit=20.0, workers=2, seed=0, deterministic=True, explain=False)

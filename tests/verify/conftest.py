import pytest

from workwindow.models import Scenario, Schedule
from workwindow.solver import solve


@pytest.fixture(scope="session")
def solved_pilot(pilot: Scenario) -> tuple[Scenario, Schedule]:
    """The bundled pilot and its schedule, solved once per test run."""
    return pilot, solve(pilot, time_limit=60.0, workers=2, seed=0)

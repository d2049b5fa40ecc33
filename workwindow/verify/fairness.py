"""The `fairness` objective recomputed from the scenario's raw fields: who counts, and their days."""

import datetime as dt

from workwindow.models.scenario import Scenario
from workwindow.verify.facts import (
    clinic_of,
    eligible_crews,
    last_date,
    latest_late_start,
    observation_minutes,
    travel_minutes,
)


def leximin_vector(scenario: Scenario, days: dict[str, int]) -> list[int]:
    """Days over the horizon of each participant who wants work and could work, ascending."""
    return sorted(days.get(pid, 0) for pid in scenario.participants if counts_for_fairness(scenario, pid))


def counts_for_fairness(scenario: Scenario, pid: str) -> bool:
    """want[1] > 0, and some day of the horizon has a crew open to p where p can be ready by the
    latest late start on the grid and back for the afternoon dose."""
    if scenario.participants[pid].want[1] <= 0:
        return False
    latest = _latest_grid_start(scenario)
    if latest is None:
        return False
    return any(
        _ready_and_back(scenario, pid, crew, latest)
        for date in _horizon(scenario)
        for crew in eligible_crews(scenario, pid, date)
    )


def _latest_grid_start(scenario: Scenario) -> int | None:
    """The last start on the time_step grid a late group may have, None when none is left."""
    program = scenario.program
    span = latest_late_start(program) - program.ordinary_start
    if span < 0:
        return None
    return program.ordinary_start + span // scenario.time_step * scenario.time_step


def _ready_and_back(scenario: Scenario, pid: str, crew: str, latest: int) -> bool:
    p = scenario.participants[pid]
    _, clinic = clinic_of(scenario, pid)
    travel = travel_minutes(scenario, pid, crew)
    if travel is None:
        return False
    first_dose = p.morning_dose if p.morning_dose is not None else clinic.morning[0]
    ready = first_dose + clinic.dose_minutes + observation_minutes(scenario, pid) + travel
    return ready <= latest and scenario.program.payout + travel <= clinic.afternoon[1] - clinic.dose_minutes


def _horizon(scenario: Scenario) -> list[dt.date]:
    days = (last_date(scenario) - scenario.start).days + 1
    return [scenario.start + dt.timedelta(days=i) for i in range(days)]

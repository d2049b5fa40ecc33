"""Shared fixtures: the bundled pilot, and a tiny scenario builder for hand-checked cases."""

import copy
from pathlib import Path

import pytest

from workwindow.models import Scenario, load_scenario

ROOT = Path(__file__).resolve().parent.parent
PILOT = ROOT / "scenarios" / "pilot.yaml"

TINY = {
    "name": "tiny",
    "start": "2024-03-11",
    "clinics": {
        "habio": {
            "morning": ["08:00", "10:00"],
            "afternoon": ["14:30", "17:00"],
            "stations": 7,
            "dose_minutes": 10,
            "observation": {"injection": 30, "tablet": 15},
        }
    },
    "sites": {"street": {"travel": {"habio": 25}}},
    "program": {
        "ordinary_start": "09:00",
        "latest_start": "10:00",
        "payout": "12:00",
        "crews": {"street": {"site": "street", "days": ["mon"]}},
    },
    "participants": {},
}
"""One clinic, one crew on Mondays: injection ready 09:05 at the earliest, tablets 08:50."""


def tiny(**changes: object) -> Scenario:
    """The tiny scenario with dotted-path changes, e.g. tiny(**{"program.daily_cap": 1})."""
    data = copy.deepcopy(TINY)
    for path, value in changes.items():
        *parents, leaf = path.split(".")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return Scenario.model_validate(data)


def people(*forms: str, **fields: object) -> dict:
    """Participants P1, P2, … with these dose forms and the same extra fields."""
    return {f"P{i}": {"dose_form": form, **fields} for i, form in enumerate(forms, start=1)}


@pytest.fixture(scope="session")
def pilot() -> Scenario:
    return load_scenario(PILOT)

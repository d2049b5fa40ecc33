"""The redundant bound constraints are added only where the week can gain from them."""

import sys
import time

import pytest

from workwindow.models import Scenario
from workwindow.solver.facts import week_facts
from workwindow.solver.horizon import _bounds_where_they_pay
from workwindow.solver.lexicographic import SolverSettings
from workwindow.solver.week_model import build_week_model


def constraints_added(scenario: Scenario, seconds_left: float, *, deterministic: bool) -> int:
    week = build_week_model(scenario, week_facts(scenario, 1))
    before = len(week.model.proto.constraints)
    settings = SolverSettings(deterministic=deterministic)
    _bounds_where_they_pay(week, time.monotonic() + seconds_left, 1.0, settings)()
    return len(week.model.proto.constraints) - before


@pytest.mark.parametrize(
    ("seconds_left", "deterministic", "added"),
    [(60.0, False, True), (1.0, False, False), (-1.0, False, False), (-1.0, True, True)],
)
def test_the_bounds_need_twice_the_build_time_left_unless_deterministic(pilot, seconds_left, deterministic, added):
    assert (constraints_added(pilot, seconds_left, deterministic=deterministic) > 0) is added


def test_a_large_model_goes_without_the_bounds_whatever_the_time(pilot, monkeypatch):
    # the package exports a function named `solve`, so the module is found in sys.modules
    monkeypatch.setattr(sys.modules["workwindow.solver.horizon"], "LARGE_MODEL", 100)
    assert constraints_added(pilot, 60.0, deterministic=False) == 0
    assert constraints_added(pilot, 60.0, deterministic=True) == 0

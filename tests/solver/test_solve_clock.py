"""The redundant bound constraints are added only where the week can gain from them."""

import sys
import time

import pytest

from workwindow.models import Scenario
from workwindow.solver.facts import week_facts
from workwindow.solver.lexicographic import SolverSettings
from workwindow.solver.week_model import build_week_model
from workwindow.solver.weeks import bounds_where_they_pay


def constraints_added(scenario: Scenario, seconds_left: float, *, deterministic: bool) -> int:
    week = build_week_model(scenario, week_facts(scenario, 1))
    before = len(week.model.proto.constraints)
    settings = SolverSettings(deterministic=deterministic)
    bounds_where_they_pay(week, time.monotonic() + seconds_left, 1.0, settings)()
    return len(week.model.proto.constraints) - before


@pytest.mark.parametrize(
    ("seconds_left", "deterministic", "added"),
    [(60.0, False, True), (1.0, False, False), (-1.0, False, False), (-1.0, True, True)],
)
def test_the_bounds_need_twice_the_build_time_left_unless_deterministic(pilot, seconds_left, deterministic, added):
    assert (constraints_added(pilot, seconds_left, deterministic=deterministic) > 0) is added


def test_a_large_model_goes_without_the_bounds_whatever_the_time(pilot, monkeypatch):
    monkeypatch.setattr(sys.modules["workwindow.solver.weeks"], "LARGE_MODEL", 100)
    assert constraints_added(pilot, 60.0, deterministic=False) == 0
    assert constraints_added(pilot, 60.0, deterministic=True) == 0

"""The scenario strategy draws only valid scenarios, and the tiny ones fit the brute force."""

import datetime as dt

from hypothesis import given, settings

from tests.strategies import scenario_data, tiny_scenarios
from workwindow.models import Scenario


@settings(max_examples=150, deadline=None)
@given(scenario_data())
def test_every_drawn_scenario_validates(data):
    scenario = Scenario.model_validate(data)
    assert scenario.weeks == 1
    assert 1 <= len(scenario.participants) <= 5
    assert 1 <= len(scenario.clinics) <= 2 and 1 <= len(scenario.program.crews) <= 2


@settings(max_examples=100, deadline=None)
@given(tiny_scenarios())
def test_tiny_scenarios_have_at_most_four_participants_and_two_working_days(scenario):
    assert len(scenario.participants) <= 4
    days = {day for crew in scenario.program.crews.values() for day in crew.days}
    assert len(days) <= 2
    assert scenario.start + dt.timedelta(days=6) == scenario.dates[-1]

"""Which scenarios may be solved (and re-solved) one week at a time."""

from workwindow.solver import weeks_are_independent


def test_weeks_are_independent_under_the_default_objectives(pilot):
    assert weeks_are_independent(pilot.model_copy(update={"objective": ["shortfall", "participant_days"]}))

"""What-ifs solved by the week give what a full re-solve gives, and solve again only the weeks they change.

On the pilot the proven objective values are compared (a 60 s limit proves
every stage); on drawn scenarios, with deterministic settings, the whole plan.
"""

import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import START, scenario_data
from workwindow.models import Scenario, override_scenario
from workwindow.solver import SolveSettings, solve_with
from workwindow.whatif.parallel import solve_all
from workwindow.whatif.weeks import WeekCache

PILOT_SETTINGS = SolveSettings(time_limit=60, workers=1)
"""Every pilot stage is proven in well under its share, so full and cached solves must reach the same values."""

WEEK_TWO = [START + dt.timedelta(days=7 + i) for i in range(7)]


def proven_values(schedule) -> dict[str, int]:
    assert schedule.status == "optimal"
    return schedule.objectives


def same_plan(mine, theirs) -> bool:
    return (
        mine.objectives == theirs.objectives
        and mine.assignments == theirs.assignments
        and mine.groups == theirs.groups
        and mine.unassigned == theirs.unassigned
    )


def weekly(scenario: Scenario) -> Scenario:
    """The scenario without `fairness`, whose weeks are solved apart (with it they are solved together)."""
    return scenario.model_copy(update={"objective": [o for o in scenario.objective if o != "fairness"]})


def test_the_pilots_what_if_equals_its_full_re_solve(pilot):
    pilot = weekly(pilot)
    variant = override_scenario(pilot, ["participants.P09.dose_form=tablet", "program.ramp_up.1=4"])
    cache = WeekCache()
    solve_all([pilot], PILOT_SETTINGS, jobs=2, cache=cache)
    [schedule] = solve_all([variant], PILOT_SETTINGS, jobs=2, cache=cache)
    assert proven_values(schedule) == proven_values(solve_with(variant, PILOT_SETTINGS))
    assert (cache.solved, cache.reused) == (4 + 4, 0)  # P09 can work every week


def test_a_change_to_someone_away_all_week_takes_that_week_from_the_base(pilot):
    pilot = weekly(pilot)
    away = override_scenario(pilot, [f"participants.P09.away=[{', '.join(d.isoformat() for d in pilot.dates[7:])}]"])
    cache = WeekCache()
    solve_all([away], PILOT_SETTINGS, jobs=2, cache=cache)
    switch = override_scenario(away, ["participants.P09.dose_form=tablet"])
    [switched] = solve_all([switch], PILOT_SETTINGS, jobs=2, cache=cache)
    assert (cache.solved, cache.reused) == (4 + 1, 3)
    assert proven_values(switched) == proven_values(solve_with(switch, PILOT_SETTINGS))


@st.composite
def scenario_and_variant(draw: st.DrawFn) -> tuple[Scenario, Scenario]:
    """A drawn two-week scenario, and the same with one participant changed (sometimes away in week 2)."""
    data = draw(scenario_data(max_participants=4))
    data["weeks"] = 2
    data["objective"] = [o for o in data["objective"] if o != "fairness"] or ["shortfall"]
    if not data["participants"]:
        data["participants"]["P0"] = {"dose_form": "injection"}
    pid = draw(st.sampled_from(sorted(data["participants"])))
    if draw(st.booleans()):
        person = data["participants"][pid]
        person["away"] = [*person.get("away", []), *(d.isoformat() for d in WEEK_TWO)]
    changed = copy.deepcopy(data)
    person = changed["participants"][pid]
    person["dose_form"] = "tablet" if person["dose_form"] == "injection" else "injection"
    person["want"] = [0, draw(st.integers(0, 3))]
    return Scenario.model_validate(data), Scenario.model_validate(changed)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_and_variant())
def test_a_drawn_what_if_solved_by_the_week_equals_its_full_re_solve(pair):
    base, variant = pair
    settings_ = SolveSettings(time_limit=10, workers=1, deterministic=True)
    cache = WeekCache()
    solve_all([base], settings_, jobs=1, cache=cache)
    [schedule] = solve_all([variant], settings_, jobs=1, cache=cache)
    assert same_plan(schedule, solve_with(variant, settings_))
    assert cache.solved + cache.reused == 4

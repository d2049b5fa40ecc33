"""solve --robust: readiness at a quantile of the uncertainty, and what it buys on sampled mornings."""

import numpy as np
import pytest

from tests.conftest import people, tiny
from workwindow.generate import generate_scenario
from workwindow.models import Scenario
from workwindow.models.distributions import on_grid, readiness_delay
from workwindow.models.uncertainty import Triangular
from workwindow.simulate.figures import delivered, difference, horizon
from workwindow.simulate.morning import ATTEND, COLUMN, sample_morning
from workwindow.simulate.run import simulate
from workwindow.solver import solve
from workwindow.verify import verify

HIGH_UNCERTAINTY = {
    "attendance": 0.85,
    "observation_extra": {"injection": [0, 20], "tablet": [0, 10]},
    "dose_delay": {"triangular": [0, 5, 20]},
    "travel_extra": [0, 10],
}


def test_uniform_and_triangular_take_grid_values_with_the_right_weights():
    uniform = on_grid((0, 10), 5)
    assert uniform.values == (0, 5, 10)
    assert uniform.cumulative == pytest.approx((1 / 3, 2 / 3, 1))
    triangle = on_grid(Triangular(triangular=(0, 5, 20)), 5)
    assert triangle.values == (5, 10, 15)  # the density is zero at both ends
    assert triangle.cumulative == pytest.approx((1 / 2, 5 / 6, 1))  # weights 1, 2/3, 1/3


def test_the_margin_is_the_quantile_of_the_summed_delays():
    scenario = tiny(
        participants=people("injection", "tablet"),
        uncertainty={"dose_delay": [0, 10], "observation_extra": {"injection": [0, 5]}},
    )
    # injection: {0,5,10} + {0,5} → 0:1/6, 5:2/6, 10:2/6, 15:1/6; tablet: {0,5,10} alone
    injection = readiness_delay(scenario, "P1")
    assert injection.values == (0, 5, 10, 15)
    assert injection.cumulative == pytest.approx((1 / 6, 3 / 6, 5 / 6, 1))
    assert [injection.quantile(q) for q in (0.1, 0.5, 0.8, 0.9)] == [0, 5, 10, 15]
    assert readiness_delay(scenario, "P2").quantile(0.9) == 10


def test_a_robust_plan_leaves_the_margin_before_the_start_and_reports_the_nominal_ready():
    scenario = tiny(participants=people("injection", "tablet"), uncertainty={"dose_delay": [0, 10]})
    plan = solve(scenario, time_limit=10, workers=1, deterministic=True, robust=0.9)
    assert plan.solver.robust == 0.9
    assert verify(scenario, plan) == []
    for a in plan.assignments:
        assert a.ready == a.dose + 10 + scenario.observation_of(a.participant) + 25
        assert a.ready + 10 <= a.start


@pytest.fixture(scope="module")
def uncertain() -> Scenario:
    data = generate_scenario(participants=14, crews=2, clinics=1, weeks=1, seed=4)
    return Scenario.model_validate({**data, "uncertainty": HIGH_UNCERTAINTY})


def test_the_robust_plan_delivers_more_in_paired_simulation(uncertain):
    nominal = solve(uncertain, time_limit=10, workers=1, deterministic=True, explain=False)
    robust = solve(uncertain, time_limit=10, workers=1, deterministic=True, explain=False, robust=0.9)
    assert verify(uncertain, nominal) == [] and verify(uncertain, robust) == []
    result = simulate(uncertain, [("robust", robust), ("nominal", nominal)], draws=400, seed=11)
    gap = difference(result)
    assert gap.low > 0, (delivered(result.plans[0]), delivered(result.plans[1]), gap)


def test_a_full_group_gets_standbys_for_its_expected_absences_and_they_fill_only_free_places():
    """Daily cap 2 of three tablets, each coming half the time: the plan books two and, with 2 × 0.5 = 1
    expected absence, names the third as standby; the standby works exactly when it came and a planned one did not."""
    scenario = tiny(
        participants=people("tablet", "tablet", "tablet"),
        **{"program.daily_cap": 2, "uncertainty": {"attendance": 0.5}},
    )
    plan = solve(scenario, time_limit=10, workers=1, deterministic=True, robust=0.9)
    assert verify(scenario, plan) == []
    assert len(plan.assignments) == 2
    (standby,) = plan.standby
    assert standby.participant not in {a.participant for a in plan.assignments}
    assert standby.ready <= 9 * 60
    result = simulate(scenario, [("plan", plan)], draws=300, seed=5)
    totals = horizon(result.plans[0])
    book = result.plans[0].book
    day = next(d for d in book.days if d.participants)
    morning = sample_morning(5, 0, day.date_index, 100, 3, 0)
    came = morning.participants[:, list(day.participants), ATTEND] < 0.5
    worked = came[:, 2] & ~came[:, :2].all(axis=1)
    np.testing.assert_array_equal(totals[:100, COLUMN["standby_worked"]], worked)
    np.testing.assert_array_equal(totals[:100, COLUMN["standby_sent_home"]], came[:, 2] & ~worked)
    np.testing.assert_array_equal(totals[:100, COLUMN["delivered_days"]], came[:, :2].sum(axis=1) + worked)


def test_no_standbys_where_everyone_comes(pilot):
    plan = solve(pilot, time_limit=10, workers=2, deterministic=True, explain=False, robust=0.9)
    assert plan.standby == [] and "standby" not in plan.to_json()


def test_the_report_lists_standbys_and_a_replan_of_their_day_takes_them_as_walk_ins():
    from workwindow.replan import Events, ReplanSettings, replan
    from workwindow.report.html import render_report

    scenario = tiny(
        participants=people("tablet", "tablet", "tablet"),
        **{"program.daily_cap": 2, "uncertainty": {"attendance": 0.5}},
    )
    plan = solve(scenario, time_limit=10, workers=1, deterministic=True, robust=0.9)
    (standby,) = plan.standby
    page = render_report(scenario, plan)
    assert "On standby" in page and f'<span class="pid">{standby.participant}</span>' in page
    absent = plan.assignments[0].participant
    events = Events(absent=frozenset({absent}), arrived=frozenset({standby.participant}))
    settings = ReplanSettings(time_limit=10, workers=1, deterministic=True, explain=False)
    new = replan(scenario, plan, standby.date, events, settings=settings).schedule
    assert new.standby == []
    assert standby.participant in {a.participant for a in new.assignments}

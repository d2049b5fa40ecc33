"""solve --robust: readiness at a quantile of the uncertainty, and what it buys on sampled mornings."""

import pytest

from tests.conftest import people, tiny
from workwindow.generate import generate_scenario
from workwindow.models import Scenario
from workwindow.models.distributions import on_grid, readiness_delay
from workwindow.models.uncertainty import Triangular
from workwindow.simulate.figures import delivered, difference
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

"""On drawn scenarios: robust plans and their standbys keep every rule, and certain mornings deliver the plan."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import scenarios
from workwindow.models import Scenario
from workwindow.simulate.figures import horizon
from workwindow.simulate.morning import COLUMN
from workwindow.simulate.run import simulate
from workwindow.solver import solve
from workwindow.verify import verify


@st.composite
def uncertain_scenarios(draw: st.DrawFn) -> Scenario:
    scenario = draw(scenarios(busy=True))
    step = scenario.time_step
    spread = st.integers(0, 3).map(lambda k: [0, k * step])
    block = {
        "attendance": draw(st.sampled_from([0.3, 0.6, 0.9, 1.0])),
        "dose_delay": draw(spread),
        "travel_extra": draw(spread),
        "observation_extra": {"injection": draw(spread), "tablet": draw(spread)},
    }
    return Scenario.model_validate({**scenario.model_dump(by_alias=True), "uncertainty": block})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(uncertain_scenarios(), st.sampled_from([0.5, 0.9, 1.0]))
def test_every_robust_plan_passes_verify_and_its_standbys_have_no_other_work(scenario, quantile):
    plan = solve(scenario, time_limit=5, workers=1, deterministic=True, explain=False, robust=quantile)
    assert verify(scenario, plan) == []
    working = {(a.participant, a.date) for a in plan.assignments}
    assert all((s.participant, s.date) not in working for s in plan.standby)
    assert len({(s.participant, s.date) for s in plan.standby}) == len(plan.standby)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(busy=True))
def test_certain_mornings_deliver_every_planned_day(scenario):
    plan = solve(scenario, time_limit=5, workers=1, deterministic=True, explain=False)
    totals = horizon(simulate(scenario, [("plan", plan)], draws=20, seed=0).plans[0])
    assert (totals[:, COLUMN["delivered_days"]] == len(plan.assignments)).all()
    assert (totals[:, COLUMN["payouts_missed"]] == 0).all()

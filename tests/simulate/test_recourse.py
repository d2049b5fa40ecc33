"""--recourse replan: a morning re-planned as `workwindow replan` would, with walk-ins in freed places."""

import numpy as np

from tests.conftest import people, tiny
from workwindow.simulate.figures import horizon
from workwindow.simulate.morning import COLUMN
from workwindow.simulate.run import simulate
from workwindow.solver import solve


def test_a_walk_in_takes_the_place_of_who_did_not_come():
    """Daily cap 1; the one planned comes half the time; the other always walks in.
    Played as it is, the day is delivered when the planned one comes; re-planned, always."""
    scenario = tiny(
        participants=people("tablet", "tablet"),
        **{"program.daily_cap": 1, "uncertainty": {"attendance": 0.5, "walk_ins": 1.0}},
    )
    plan = solve(scenario, time_limit=10, workers=1, deterministic=True, explain=False)
    assert len(plan.assignments) == 1
    none = horizon(simulate(scenario, [("plan", plan)], draws=12, seed=3).plans[0])
    replanned = horizon(simulate(scenario, [("plan", plan)], draws=12, seed=3, recourse="replan").plans[0])
    came = none[:, COLUMN["lost_absent"]] == 0
    assert 0 < came.sum() < 12
    np.testing.assert_array_equal(none[:, COLUMN["delivered_days"]], came)
    np.testing.assert_array_equal(replanned[:, COLUMN["lost_absent"]], none[:, COLUMN["lost_absent"]])
    assert (replanned[:, COLUMN["delivered_days"]] == 1).all()
    np.testing.assert_array_equal(replanned[:, COLUMN["walk_ins_placed"]], ~came)
    np.testing.assert_array_equal(replanned[:, COLUMN["payouts_missed"]], came)


def test_two_plans_re_planned_on_the_same_mornings_each_take_their_own_walk_ins():
    """Plan A books P1, plan B books P2 (daily cap 1); whoever is not booked walks in and takes a free place."""
    scenario = tiny(
        participants=people("tablet", "tablet"),
        **{"program.daily_cap": 1, "uncertainty": {"attendance": 0.5, "walk_ins": 1.0}},
    )
    first = solve(scenario, time_limit=10, workers=1, deterministic=True, explain=False)
    (booked,) = first.assignments
    other = "P2" if booked.participant == "P1" else "P1"
    swapped = first.model_copy(
        update={
            "assignments": [booked.model_copy(update={"participant": other})],
            "groups": [g.model_copy(update={"participants": [other]}) for g in first.groups],
        }
    )
    result = simulate(scenario, [("a", first), ("b", swapped)], draws=8, seed=2, recourse="replan")
    for plan in result.plans:
        assert (horizon(plan)[:, COLUMN["delivered_days"]] == 1).all()

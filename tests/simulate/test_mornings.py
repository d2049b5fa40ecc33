"""Playing a fixed plan on sampled mornings: exact where nothing varies, and each rule hand-checked."""

import itertools
from dataclasses import replace

import numpy as np
import pytest

from tests.conftest import people, tiny
from workwindow.simulate.figures import delivered, horizon
from workwindow.simulate.morning import COLUMN, OBSERVE, play_day, sample_morning
from workwindow.simulate.playbook import playbook
from workwindow.simulate.run import simulate
from workwindow.solver import solve


def _solved(scenario):
    return solve(scenario, time_limit=10, workers=1, deterministic=True, explain=False)


@pytest.fixture(scope="module")
def tight():
    """One tablet participant ready 08:50 for the ordinary 09:00 start, with ten minutes to spare; one minute grid."""
    return tiny(
        time_step=1,
        participants={"P1": {"dose_form": "tablet", "morning_dose": "08:00"}},
        **{"clinics.habio.observation": {"injection": 30, "tablet": 25}},
    )


def test_no_uncertainty_delivers_exactly_the_plan(pilot, pilot_plan):
    result = simulate(pilot, [("pilot", pilot_plan)], draws=150, seed=3)
    days = horizon(result.plans[0])[:, COLUMN["delivered_days"]]
    assert (days == len(pilot_plan.assignments)).all()
    estimate = delivered(result.plans[0])
    assert estimate.low == estimate.high == len(pilot_plan.assignments)


def test_one_minute_more_observation_loses_the_day_exactly_when_drawn(tight):
    """P1: dose 08:00 + 10 + 25 tablet observation + 25 travel = ready 09:00, the ordinary start, to the minute."""
    scenario = tight.model_copy(
        update={
            "uncertainty": tight.uncertainty.model_copy(
                update={"observation_extra": tight.uncertainty.observation_extra.model_copy(update={"tablet": (0, 1)})}
            )
        }
    )
    plan = _solved(scenario)
    (a,) = plan.assignments
    assert (a.group, a.ready, a.start) == ("ordinary", 9 * 60, 9 * 60)
    book = playbook(scenario, plan)
    day = next(d for d in book.days if d.participants)
    morning = sample_morning(seed=5, chunk=0, date_index=day.date_index, draws=400, participants=1, staff=0)
    played = play_day(book, day, morning)
    extra_minute = book.observation_extra[0].draw(morning.participants[:, 0, OBSERVE]) == 1
    assert 100 < extra_minute.sum() < 300
    np.testing.assert_array_equal(played.lost[:, 0], extra_minute)
    np.testing.assert_array_equal(played.ready[:, 0], 9 * 60 + extra_minute)
    np.testing.assert_array_equal(played.figures[:, COLUMN["lost_late"]], extra_minute)


def test_a_late_group_without_its_supervisor_does_not_work():
    scenario = tiny(
        participants=people("injection", "injection"),
        staff={"kari": {}},
        **{"program.crews.street.staff_ratio": 6, "uncertainty": {"staff_absence": 0.5}},
    )
    plan = _solved(scenario)
    assert [len(g.participants) for g in plan.groups] == [2]
    result = simulate(scenario, [("plan", plan)], draws=300, seed=1)
    totals = horizon(result.plans[0])
    absent = totals[:, COLUMN["groups_without_supervisor"]] == 1
    assert 100 < absent.sum() < 200
    np.testing.assert_array_equal(totals[:, COLUMN["delivered_days"]], np.where(absent, 0, 2))
    np.testing.assert_array_equal(totals[:, COLUMN["lost_supervisor"]], np.where(absent, 2, 0))
    np.testing.assert_array_equal(totals[:, COLUMN["payouts_missed"]], np.where(absent, 2, 0))


def test_doses_queue_first_come_first_served_at_one_station():
    """Three tablets booked 08:00, 08:10, 08:20 at one station, each dose 10 minutes; every dose delayed 15:
    they ask at 08:15, 08:25, 08:35 and are served on time, no queue. Booked all at 08:00 they would wait."""
    scenario = tiny(
        participants=people("tablet", "tablet", "tablet"),
        **{"clinics.habio.stations": 1, "uncertainty": {"dose_delay": [15, 15]}},
    )
    plan = _solved(scenario)
    book = playbook(scenario, plan)
    day = next(d for d in book.days if d.participants)
    morning = sample_morning(seed=0, chunk=0, date_index=day.date_index, draws=5, participants=3, staff=0)
    doses = sorted(day.doses)
    played = play_day(book, day, morning)
    waits = played.figures[:, COLUMN["dose_wait_minutes"]]
    spaced = all(b - a >= 10 for a, b in itertools.pairwise(doses))
    assert (waits == 0).all() == spaced
    crowded = replace(book, days=(replace(day, doses=(480, 480, 480)),))
    played = play_day(crowded, crowded.days[0], morning)
    assert (played.figures[:, COLUMN["dose_wait_minutes"]] == 10 + 20).all()
    assert (played.figures[:, COLUMN["longest_dose_wait"]] == 20).all()

"""The solve's progress: every stage heard as it ends, and a stop that keeps the plan found so far."""

import threading

import pytest

from workwindow.models.schedule import Stage
from workwindow.solver import solve
from workwindow.solver.progress import Progress, Searching
from workwindow.verify import verify


@pytest.fixture
def pilot(pilot):
    """The pilot without `fairness`: its weeks are solved apart, each stage heard per week."""
    return pilot.model_copy(update={"objective": [o for o in pilot.objective if o != "fairness"]})


def test_every_stage_of_every_week_is_heard_once_in_order(pilot):
    heard: list[Stage] = []
    schedule = solve(pilot, time_limit=20, workers=2, progress=Progress(on_stage=heard.append))
    assert sorted(heard, key=lambda s: s.week) == sorted(schedule.solver.stages, key=lambda s: s.week)
    for week in range(1, pilot.weeks + 1):
        assert [s.objective for s in heard if s.week == week] == [
            s.objective for s in schedule.solver.stages if s.week == week
        ]


def test_a_stop_before_the_search_holds_the_greedy_start_and_still_gives_a_valid_schedule(pilot):
    stop = threading.Event()
    stop.set()
    heard: list[Stage] = []
    schedule = solve(pilot, time_limit=20, workers=2, progress=Progress(on_stage=heard.append, stop=stop))
    assert len(heard) == len(schedule.solver.stages) > 0
    assert all(s.wall_seconds == 0.0 for s in schedule.solver.stages)
    assert schedule.status == "feasible"
    assert verify(pilot, schedule) == []


def test_a_stop_during_the_solve_holds_every_later_stage_and_keeps_a_valid_schedule(pilot):
    stop = threading.Event()
    schedule = solve(pilot, time_limit=20, workers=2, progress=Progress(on_stage=lambda _stage: stop.set(), stop=stop))
    searched = [s for s in schedule.solver.stages if s.wall_seconds > 0]
    assert len(searched) <= 2  # the stage that asked to stop, and one running beside it in the other lane
    assert len(schedule.solver.stages) == pilot.weeks * (len(pilot.objective) + 1)
    assert verify(pilot, schedule) == []


def test_improvements_while_a_stage_runs_are_heard_with_the_stages_signs(pilot):
    heard: list[Searching] = []
    schedule = solve(pilot, time_limit=20, workers=2, progress=Progress(on_search=heard.append))
    assert heard
    final = {(s.week, s.objective): s for s in schedule.solver.stages}
    for searching in heard:
        stage = final[(searching.week, searching.objective)]
        if stage.objective == "participant_days":  # maximised: the bound is above every value found
            assert searching.bound >= stage.value >= (searching.value or 0)
        else:
            assert searching.bound <= stage.value <= (searching.value if searching.value is not None else stage.value)

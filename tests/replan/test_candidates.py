"""`--candidates`: each ranked taker is what a re-plan with them as the one walk-in gives."""

import datetime as dt
from dataclasses import replace

from workwindow.models import Scenario, parse_time
from workwindow.replan import Events, replan
from workwindow.replan.candidates import Candidate, candidates
from workwindow.replan.changes import place
from workwindow.solver import solve

DAY = dt.date(2024, 3, 26)


def test_each_candidate_is_what_a_replan_with_them_as_the_walk_in_gives(pilot: Scenario):
    # the week-by-week plan the day was chosen on (with fairness the freed places found no candidate)
    pilot = pilot.model_copy(update={"objective": [o for o in pilot.objective if o != "fairness"]})
    pilot_plan = solve(pilot, time_limit=30.0, workers=2, seed=0, explain=False)
    planned = sorted(a.participant for a in pilot_plan.assignments if a.date == DAY)
    events = Events(absent=set(planned[:2]), now=parse_time("08:15"))
    result = replan(pilot, pilot_plan, DAY, events)
    found, untried = candidates(pilot, result, events, result.freed[0], seconds=60.0)
    assert found and untried == 0
    assert found == sorted(found, key=Candidate.rank)
    one_by_one = pilot.model_copy(
        update={"replan": ["walk_ins", "keep", "dose_moves", "changes", "objective"], "objective": ["late_start"]}
    )
    for candidate in found:
        trial = replan(one_by_one, result.schedule, DAY, replace(events, arrived={candidate.participant}))
        taken = next(
            (a for a in trial.schedule.assignments if a.participant == candidate.participant and a.date == DAY), None
        )
        assert candidate.place == (place(taken) if taken else None)
        others = [c for c in trial.changes if c.who != candidate.participant]
        assert len(candidate.changes) == len(others)
        assert candidate.earliest_ready >= parse_time("08:15")

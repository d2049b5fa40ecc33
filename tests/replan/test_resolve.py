"""`solve --start-from LAST.json [--keep-changes-few]`: a re-solve that starts from a plan and keeps it."""

import datetime as dt
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings

from tests.conftest import PILOT
from tests.strategies import scenarios
from workwindow.cli import main
from workwindow.models import Scenario, Schedule
from workwindow.models.fields import DEFAULT_OBJECTIVE
from workwindow.replan.resolve import KEEPING_STAGES, solve_from
from workwindow.solver import SolveSettings, solve
from workwindow.verify import verify


def _places(schedule: Schedule) -> list:
    return [(a.participant, a.date, a.crew, a.group, a.dose, a.start) for a in schedule.assignments]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_participants=4))
def test_resolving_an_optimal_plan_with_few_changes_gives_it_back(scenario: Scenario):
    plan = solve(scenario, time_limit=5.0, workers=1, explain=False, deterministic=True)
    assume(plan.status == "optimal")
    again = solve_from(scenario, plan, SolveSettings(time_limit=10.0, workers=1), keep_changes_few=True)
    assert verify(scenario, again) == []
    assert again.objectives == plan.objectives
    assert [s.value for s in again.solver.stages if s.objective in KEEPING_STAGES] == [0, 0, 0]
    assert _places(again) == _places(plan)
    assert [(g.date, g.crew, g.group, g.staff) for g in again.groups] == [
        (g.date, g.crew, g.group, g.staff) for g in plan.groups
    ]


def test_keep_changes_few_needs_a_plan_to_keep():
    result = CliRunner().invoke(main, ["solve", str(PILOT), "--keep-changes-few"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: --keep-changes-few: needs --start-from")


def test_last_weeks_plan_is_moved_onto_this_horizon(tmp_path: Path, pilot: Scenario):
    # without fairness: a fair share over four weeks is not one over the week after, which fairness would redo
    weekly = pilot.model_copy(update={"objective": list(DEFAULT_OBJECTIVE)})
    pilot_plan = solve(weekly, time_limit=30.0, workers=2, seed=0, explain=False)
    fourth_week = pilot_plan.model_copy(
        update={
            "assignments": [a for a in pilot_plan.assignments if pilot.week_of(a.date) == 4],
            "groups": [g for g in pilot_plan.groups if pilot.week_of(g.date) == 4],
        }
    )
    last = tmp_path / "last.json"
    last.write_text(fourth_week.to_json(), encoding="utf-8")
    week_after = tmp_path / "next.yaml"
    week_after.write_text(
        PILOT.read_text(encoding="utf-8")
        .replace("start: 2024-03-11", "start: 2024-04-08")
        .replace("weeks: 4 ", "weeks: 1 ")
        .replace("[shortfall, fairness, participant_days", "[shortfall, participant_days"),
        encoding="utf-8",
    )
    out = tmp_path / "next.json"
    same_cap = ["--set", "program.ramp_up={}"]  # the pilot's fourth week had a cap of 6: so has this one
    options = ["--start-from", str(last), "--keep-changes-few", "-o", str(out)]
    result = CliRunner().invoke(main, ["solve", str(week_after), *same_cap, *options])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["verify", str(week_after), *same_cap, str(out)]).exit_code == 0
    again = Schedule.model_validate_json(out.read_text(encoding="utf-8"))
    assert [s.value for s in again.solver.stages if s.objective in KEEPING_STAGES] == [0, 0, 0]
    shifted = [(p, d + dt.timedelta(days=7), c, g, dose, start) for p, d, c, g, dose, start in _places(fourth_week)]
    assert _places(again) == shifted

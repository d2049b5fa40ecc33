"""A report of a city-size plan sums up what a grid or a timeline of every person would make unreadable."""

import json

from click.testing import CliRunner

from workwindow.cli import main
from workwindow.generate import generated_scenario
from workwindow.models import Schedule, load_scenario
from workwindow.report.html import week_part
from workwindow.report.large import GRID_PARTICIPANTS, TIMELINE_PEOPLE, UNASSIGNED_ROWS
from workwindow.report.plan import Plan

PEOPLE = GRID_PARTICIPANTS + 1


def _city(tmp_path):
    path = tmp_path / "city.yaml"
    path.write_text(generated_scenario(PEOPLE, 2, 1, 1, 0))
    return path, load_scenario(path)


def _plan(scenario, at_work: int) -> Schedule:
    """Everyone at work on the first day (as many as asked), and every other day without work."""
    first, crew = scenario.dates[0], next(iter(scenario.program.crews))
    people = list(scenario.participants)
    assignments = [
        {"participant": pid, "date": str(first), "crew": crew, "group": "ordinary"}
        | {"dose": "08:00", "ready": "08:50", "start": "09:00", "end": "12:00"}
        for pid in people[:at_work]
    ]
    unassigned = [
        {"participant": pid, "date": str(date), "reason": "capacity", "detail": "the daily cap is full"}
        for date in scenario.dates[1:5]
        for pid in people
    ]
    group = {"date": str(first), "crew": crew, "group": "ordinary", "start": "09:00", "end": "12:00"}
    data = {
        "scenario": scenario.name,
        "assignments": assignments,
        "groups": [group | {"participants": people[:at_work]}],
    }
    return Schedule.model_validate(data | {"unassigned": unassigned})


def test_a_report_of_more_participants_than_a_grid_holds_counts_them_by_day(tmp_path):
    path, scenario = _city(tmp_path)
    schedule = tmp_path / "plan.json"
    schedule.write_text(json.dumps(json.loads(_plan(scenario, 3).to_json())))
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(schedule), "--scenario", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert f"{PEOPLE:,} participants: the grid is summed up by day" in html
    assert 'data-participant="P0001"' not in html.split('class="without-work"')[0]
    rest = 4 * PEOPLE - UNASSIGNED_ROWS
    assert f"and {rest:,} more participant-days" in html
    assert html.count("<tr data-participant=") == UNASSIGNED_ROWS


def test_a_day_with_more_at_work_than_a_timeline_holds_is_counted_per_crew_and_group(tmp_path):
    _, scenario = _city(tmp_path)
    plan = Plan(scenario, _plan(scenario, TIMELINE_PEOPLE + 1))
    html = week_part(plan, plan.weeks[0], "s")
    crew = next(iter(scenario.program.crews))
    assert f"{TIMELINE_PEOPLE + 1} at work: a timeline is drawn for up to {TIMELINE_PEOPLE} people" in html
    assert f"{crew} ordinary {TIMELINE_PEOPLE + 1}" in html and "<svg" not in html
    small = Plan(scenario, _plan(scenario, TIMELINE_PEOPLE))
    assert "<svg" in week_part(small, small.weeks[0], "s")

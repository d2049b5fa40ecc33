"""solve, check and schema as a user runs them."""

import json
import re
from collections import Counter

import jsonschema
import yaml
from click.testing import CliRunner
from rich.console import Console

from tests.conftest import PILOT, ROOT, people, tiny
from workwindow import console as console_module
from workwindow.cli import main
from workwindow.console import print_schedule
from workwindow.models import Schedule
from workwindow.solver import solve


def test_solve_prints_the_week_the_days_without_work_and_the_kpis_and_writes_json(tmp_path):
    out = tmp_path / "schedule.json"
    result = CliRunner().invoke(main, ["solve", str(PILOT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "optimal" in text and "Week 4" in text and "veileder1" in text
    assert "No work on an eligible day, and why" in text and "not_ready" in text and "P07" in text
    assert "participants served" in text and "station peak" in text
    schedule = Schedule.from_json(out.read_text())
    assert schedule.status == "optimal" and schedule.assignments


def test_solve_refuses_to_write_the_schedule_over_the_scenario(tmp_path):
    scenario = tmp_path / "pilot.yaml"
    scenario.write_text(PILOT.read_text())
    result = CliRunner().invoke(main, ["solve", str(scenario), "-o", str(scenario)])
    assert result.exit_code == 2 and "refusing to write the output over the input" in result.stderr
    assert scenario.read_text() == PILOT.read_text()


def test_solve_options_reach_the_solver(tmp_path):
    out = tmp_path / "s.json"
    result = CliRunner().invoke(
        main, ["solve", str(PILOT), "-o", str(out), "--workers", "1", "--seed", "7", "--time-limit", "30"]
    )
    assert result.exit_code == 0
    info = json.loads(out.read_text())["solver"]
    assert (info["workers"], info["seed"]) == (1, 7)


def test_check_summarises_and_warns_about_who_can_never_work():
    result = CliRunner().invoke(main, ["check", str(PILOT)])
    assert result.exit_code == 0
    assert "participants at habio: 25" in result.output
    assert "crew gaterydding: runs mon, tue" in result.output
    text = " ".join(result.output.split())
    assert "P07 (clinic habio) can never be ready before the latest start 10:00" in text


def test_check_warns_when_latest_start_leaves_too_little_work(tmp_path):
    data = yaml.safe_load(PILOT.read_text())
    data["program"]["latest_start"] = "10:30"
    path = tmp_path / "late.yaml"
    path.write_text(yaml.safe_dump(data))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "late groups start at 10:00 at the latest" in " ".join(result.output.split())


def test_schema_validates_the_pilot_and_matches_the_committed_file():
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.output)
    pilot = yaml.load(PILOT.read_text(), Loader=yaml.BaseLoader)  # strings, as an editor sees them
    jsonschema.validate(_with_numbers(pilot), schema)
    assert (ROOT / "scenario.schema.json").read_text() == result.output, (
        "run: python -m workwindow.schema_copy > scenario.schema.json"
    )


def test_schema_rejects_an_unknown_field():
    schema = json.loads(CliRunner().invoke(main, ["schema"]).output)
    pilot = _with_numbers(yaml.load(PILOT.read_text(), Loader=yaml.BaseLoader))
    pilot["participants"]["P01"]["colour"] = "red"
    try:
        jsonschema.validate(pilot, schema)
    except jsonschema.ValidationError as error:
        assert "colour" in error.message
    else:
        raise AssertionError("the schema let an unknown field through")


def test_schedule_json_round_trip_is_identity():
    schedule = _solved_tiny()
    text = schedule.to_json()
    again = Schedule.from_json(text)
    assert again == schedule and again.to_json() == text


def _solved_tiny() -> Schedule:
    return solve(tiny(participants=people("injection", "tablet")))


def _with_numbers(node):
    """YAML 1.2 as editors read it: plain numbers are numbers, times stay strings."""
    if isinstance(node, dict):
        return {key: _with_numbers(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_numbers(value) for value in node]
    if isinstance(node, str) and node.isdigit():
        return int(node)
    return node


def test_solve_output_gives_the_bound_and_gap_of_an_objective_not_proven_optimal():
    scenario = tiny()
    schedule = solve(scenario, time_limit=10, workers=1)
    late = next(s for s in schedule.solver.stages if s.objective == "late_start")
    unproven = late.model_copy(update={"status": "feasible", "bound": late.value - 5})
    stages = [unproven if s is late else s for s in schedule.solver.stages]
    schedule = schedule.model_copy(update={"solver": schedule.solver.model_copy(update={"stages": stages})})
    console = Console(record=True, width=200)
    print_schedule(console, scenario, schedule)
    text = console.export_text()
    value = schedule.objectives["late_start"]
    assert f"late_start {value} (not proven: bound {value - 5}, gap {5 / max(1, value):.0%})" in text
    assert f"participant_days {schedule.objectives['participant_days']} ·" in text


def test_solve_output_sums_up_the_days_without_work_per_reason_when_there_are_too_many_to_list(pilot, monkeypatch):
    schedule = solve(pilot, time_limit=30)
    monkeypatch.setattr(console_module, "MOST_REASON_ROWS", 1)
    console = Console(record=True, width=200)
    print_schedule(console, pilot, schedule)
    text = console.export_text()
    assert "No work on an eligible day, by reason" in text and "No work on an eligible day, and why" not in text
    for reason, days in Counter(u.reason for u in schedule.unassigned).items():
        people = len({u.participant for u in schedule.unassigned if u.reason == reason})
        assert re.search(rf"│ {reason} +│ +{days} │ +{people} │", text), reason
    assert "(solve -o FILE)" in text

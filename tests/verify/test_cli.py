"""`workwindow verify SCENARIO SCHEDULE`: valid (0), violations (1), unreadable (2)."""

import json

from click.testing import CliRunner

from tests.verify.plans import SCENARIO_FILE, SCHEDULE_FILE, small_plan
from workwindow.cli import main


def run(*args: str):
    return CliRunner().invoke(main, ["verify", *map(str, args)])


def test_a_valid_plan_prints_its_objectives_and_exits_0():
    result = run(SCENARIO_FILE, SCHEDULE_FILE)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "valid: shortfall 0, participant_days 10, late_start 55, staff 2 (8 days worked by 6 participants)\n"
    )


def test_each_violation_is_printed_on_its_own_line_with_exit_1(tmp_path):
    plan = small_plan()
    plan["assignments"][1]["ready"] = "09:10"
    plan["objectives"]["staff"] = 3
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    result = run(SCENARIO_FILE, path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "P01 on 2024-03-11: ready is given as 09:10, but injection at 08:10 + 10 dose + 30 observation"
        " + 25 travel makes 09:15.",
        "objectives.staff is 3, but the schedule gives 2 (supervisor-days).",
    ]


def test_an_unreadable_schedule_exits_2_with_one_paragraph(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"scenario": "x",\n  "status": }', encoding="utf-8")
    result = run(SCENARIO_FILE, path)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: line 2, is not valid JSON: Expecting value.\n"
    assert "Traceback" not in result.output


def test_an_unreadable_scenario_exits_2(tmp_path):
    result = run(tmp_path / "missing.yaml", SCHEDULE_FILE)
    assert result.exit_code == 2
    assert "missing.yaml" in result.stderr

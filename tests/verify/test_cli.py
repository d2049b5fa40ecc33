"""`workwindow verify SCENARIO SCHEDULE`: valid (0), broken rules (1), figures to update (0, or 1 with
--strict), unreadable (2)."""

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
        "valid: shortfall 0, participant_days 10, late_start 55, staff 2, fairness 1"
        " (8 days worked by 6 participants)\n"
    )


def written(tmp_path, plan: dict, name: str = "edited.json"):
    path = tmp_path / name
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


def test_broken_rules_and_figures_to_update_are_listed_apart_with_exit_1(tmp_path):
    plan = small_plan()
    plan["assignments"][1]["ready"] = "09:10"
    plan["objectives"]["staff"] = 3
    result = run(SCENARIO_FILE, written(tmp_path, plan))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "1 rule broken:",
        "  P01 on 2024-03-11: ready is given as 09:10, but dose at 08:10 + 10 + 30 observation + 25 travel"
        " makes 09:15.",
        "1 figure to update (the plan's entries give other values):",
        "  objectives.staff is 3, but the schedule gives 2 (supervisor-days).",
    ]


def test_figures_that_no_longer_match_exit_0_and_1_with_strict(tmp_path):
    plan = small_plan()
    plan["objectives"]["staff"] = 3
    plan["kpis"]["days_worked"] = 9
    path = written(tmp_path, plan)
    result = run(SCENARIO_FILE, path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "2 figures to update (the plan's entries give other values):",
        "  objectives.staff is 3, but the schedule gives 2 (supervisor-days).",
        "  kpis.days_worked is 9, but the schedule gives 8.",
    ]
    assert run(SCENARIO_FILE, path, "--strict").exit_code == 1


def test_a_plan_of_only_assignments_and_groups_is_valid_and_told_how_to_add_its_figures(tmp_path):
    plan = small_plan()
    path = written(tmp_path, {"assignments": plan["assignments"], "groups": plan["groups"]})
    result = run(SCENARIO_FILE, path, "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "valid: shortfall 0, participant_days 10, late_start 55, staff 2, fairness 1 (8 days worked by 6 participants)",
        "The plan gives no objectives or kpis; --write-figures OUT.json writes them in.",
    ]


def test_write_figures_gives_a_plan_that_passes_strict(tmp_path):
    plan = small_plan()
    plan["objectives"]["staff"] = 3
    fixed = tmp_path / "fixed.json"
    result = run(SCENARIO_FILE, written(tmp_path, plan), "--write-figures", fixed)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"Wrote {fixed} with the recomputed figures."
    assert json.loads(fixed.read_text(encoding="utf-8"))["objectives"]["staff"] == 2
    assert run(SCENARIO_FILE, fixed, "--strict").exit_code == 0


def test_write_figures_keeps_an_existing_file_unless_forced(tmp_path):
    plan = small_plan()
    plan["objectives"]["staff"] = 3
    path = written(tmp_path, plan)
    before = path.read_text(encoding="utf-8")
    refused = run(SCENARIO_FILE, path, "--write-figures", path)
    assert refused.exit_code == 2
    assert refused.stderr == f"Error: {path}: already exists; give --force to write over it, or another file name\n"
    assert path.read_text(encoding="utf-8") == before
    assert run(SCENARIO_FILE, path, "--write-figures", path, "--force").exit_code == 0
    assert run(SCENARIO_FILE, path, "--strict").exit_code == 0


def test_write_figures_never_writes_over_the_scenario(tmp_path):
    scenario = tmp_path / "small.yaml"
    scenario.write_text(SCENARIO_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(scenario, SCHEDULE_FILE, "--write-figures", scenario, "--force")
    assert result.exit_code == 2
    assert scenario.read_text(encoding="utf-8") == SCENARIO_FILE.read_text(encoding="utf-8")


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

"""Schedule files that cannot be read become one clear InputError, never a traceback."""

import json

import pytest

from tests.verify.plans import SCHEDULE_FILE, small_plan
from workwindow.errors import InputError
from workwindow.verify import load_schedule, parse_schedule


def test_the_fixture_schedule_loads():
    schedule = load_schedule(SCHEDULE_FILE)
    assert len(schedule.assignments) == 8
    assert schedule.assignments[0].dose == 8 * 60


def test_broken_json_names_the_file_and_line():
    text = SCHEDULE_FILE.read_text(encoding="utf-8").replace('"status": "feasible",', '"status": "feasible"')
    with pytest.raises(InputError) as caught:
        parse_schedule(text, "plan.json")
    assert caught.value.paragraph() == "plan.json: line 4, is not valid JSON: Expecting ',' delimiter."


def test_a_wrong_field_names_its_path_and_line():
    plan = small_plan()
    plan["assignments"][1]["dose"] = "8.10"
    text = json.dumps(plan, indent=2)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"8.10"' in row)
    with pytest.raises(InputError) as caught:
        parse_schedule(text, "plan.json")
    [problem] = caught.value.problems
    assert (problem.field, problem.line) == ("assignments.1.dose", line)
    assert "HH:MM" in problem.message


def test_a_missing_required_field_is_named():
    plan = small_plan()
    del plan["groups"]
    del plan["assignments"][0]["crew"]
    with pytest.raises(InputError) as caught:
        parse_schedule(json.dumps(plan), "plan.json")
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("assignments.0.crew", "required field is missing"),
        ("groups", "required field is missing"),
    ]


def test_a_plan_with_only_assignments_and_groups_loads():
    plan = small_plan()
    partial = parse_schedule(json.dumps({"assignments": plan["assignments"], "groups": plan["groups"]}), "plan.json")
    assert (partial.scenario, partial.status, partial.objectives, partial.kpis, partial.solver) == (None,) * 5
    assert partial.unassigned == []
    assert len(partial.assignments) == 8


def test_a_plan_without_its_derived_sections_is_written_without_them():
    plan = small_plan()
    partial = parse_schedule(json.dumps({"assignments": plan["assignments"], "groups": plan["groups"]}), "plan.json")
    assert set(json.loads(partial.to_json())) == {"assignments", "groups", "unassigned"}


@pytest.mark.parametrize(
    ("section", "field"),
    [("objectives", "shortfall"), ("kpis", "days_worked"), ("kpis", "mean_late_start_offset")],
)
def test_a_number_given_as_text_is_refused(section, field):
    plan = small_plan()
    plan[section][field] = "4"
    text = json.dumps(plan, indent=2)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"4"' in row)
    with pytest.raises(InputError) as caught:
        parse_schedule(text, "plan.json")
    [problem] = caught.value.problems
    assert (problem.field, problem.line) == (f"{section}.{field}", line)
    assert "written without quotes" in problem.message


def test_an_unknown_field_is_named_with_its_line():
    plan = small_plan()
    plan["groups"][0]["leader"] = "kari"
    text = json.dumps(plan, indent=2)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"leader"' in row)
    with pytest.raises(InputError) as caught:
        parse_schedule(text, "plan.json")
    [problem] = caught.value.problems
    assert (problem.field, problem.line) == ("groups.0.leader", line)


def test_json_that_is_not_an_object_is_refused():
    with pytest.raises(InputError, match="must be a JSON object"):
        parse_schedule("[1, 2]", "plan.json")


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot be read"):
        load_schedule(tmp_path / "nowhere.json")


def test_a_file_that_is_not_utf8_is_an_input_error(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(InputError, match="not UTF-8"):
        load_schedule(path)

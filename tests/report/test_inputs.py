import json

import pytest

from workwindow.errors import InputError
from workwindow.models.schedule_file import load_schedule as read_schedule
from workwindow.report.inputs import load_inputs


def _written(tmp_path, data) -> "object":
    path = tmp_path / "schedule.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _small_data(small_paths) -> dict:
    return json.loads(small_paths[1].read_text(encoding="utf-8"))


def test_missing_schedule_file_is_named(tmp_path):
    with pytest.raises(InputError) as caught:
        read_schedule(tmp_path / "nowhere.json")

    assert caught.value.paragraph() == f"{tmp_path / 'nowhere.json'}: cannot be read (No such file or directory)."


def test_broken_json_gives_its_line(tmp_path):
    path = _written(tmp_path, '{\n  "scenario": "x",\n  "status": \n}')

    with pytest.raises(InputError) as caught:
        read_schedule(path)

    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (4, "")
    assert "is not valid JSON" in problem.message


def test_wrong_field_is_named_by_its_path(tmp_path, small_paths):
    data = _small_data(small_paths)
    data["assignments"][2]["group"] = "early"
    del data["kpis"]["days_worked"]

    with pytest.raises(InputError) as caught:
        read_schedule(_written(tmp_path, data))

    assert [p.field for p in caught.value.problems] == ["assignments.2.group", "kpis.days_worked"]
    assert caught.value.problems[1].message == "required field is missing"


def test_schedule_of_another_scenario_is_refused(tmp_path, small_paths):
    data = _small_data(small_paths)
    data["scenario"] = "another week"

    with pytest.raises(InputError) as caught:
        load_inputs(small_paths[0], _written(tmp_path, data))

    assert "made for 'another week'" in caught.value.paragraph()


def test_unknown_people_and_crews_are_named_with_their_field(tmp_path, small_paths):
    data = _small_data(small_paths)
    data["assignments"][0]["participant"] = "P99"
    data["groups"][1]["staff"] = ["ola"]
    data["unassigned"][0]["date"] = "2024-04-01"

    with pytest.raises(InputError) as caught:
        load_inputs(small_paths[0], _written(tmp_path, data))

    assert [str(p) for p in caught.value.problems] == [
        "assignments.0.participant: participant 'P99' is not in the scenario",
        "groups.1.staff.0: supervisor 'ola' is not in the scenario",
        "unassigned.0.date: date '2024-04-01' is not in the scenario",
    ]


def test_a_file_wrong_everywhere_lists_only_the_first_problems(tmp_path, small_paths):
    data = _small_data(small_paths)
    for record in data["assignments"] + data["groups"]:
        record["crew"] = "kitchen"

    with pytest.raises(InputError) as caught:
        load_inputs(small_paths[0], _written(tmp_path, data))

    problems = caught.value.problems
    assert len(problems) == 9
    assert problems[-1].message == "and 7 more like these"


def test_a_plan_of_only_assignments_and_groups_is_reported_with_the_figures_it_gives(tmp_path, small_paths):
    data = _small_data(small_paths)
    partial = {"assignments": data["assignments"], "groups": data["groups"]}

    _, schedule = load_inputs(small_paths[0], _written(tmp_path, partial))

    assert schedule.objectives == data["objectives"]
    assert schedule.kpis.model_dump() == pytest.approx(data["kpis"], abs=0.01)

"""`workwindow replan` at the command line: the new plan written, bad input as one paragraph and exit 2."""

import copy
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import PILOT, TINY, people, tiny
from tests.replan.plans import plan_of
from workwindow.cli import main
from workwindow.models import Schedule

DAY = "2024-03-26"


@pytest.fixture
def plan_file(tmp_path: Path, pilot_plan: Schedule) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(pilot_plan.to_json(), encoding="utf-8")
    return path


def _run(*args: str):
    return CliRunner().invoke(main, ["replan", str(PILOT), *args])


def test_a_morning_is_replanned_written_and_verified(plan_file: Path, pilot_plan: Schedule, tmp_path: Path):
    planned = sorted(a.participant for a in pilot_plan.assignments if str(a.date) == DAY)
    new = tmp_path / "new.json"
    result = _run(
        str(plan_file), "--date", DAY, "--absent", planned[0], "--now", "08:15", "--candidates", "-o", str(new)
    )
    assert result.exit_code == 0, result.output
    assert planned[0] in result.output and "absent, place freed" in result.output
    assert "To tell:" in result.output
    written = Schedule.model_validate(json.loads(new.read_text()))
    assert planned[0] not in {a.participant for a in written.assignments if str(a.date) == DAY}
    assert CliRunner().invoke(main, ["verify", str(PILOT), str(new)]).exit_code == 0


def test_the_published_plan_is_never_overwritten(plan_file: Path):
    before = plan_file.read_bytes()
    result = _run(str(plan_file), "--date", DAY, "-o", str(plan_file))
    assert result.exit_code == 2
    assert "refusing to write" in result.output
    assert plan_file.read_bytes() == before


@pytest.mark.parametrize(
    ("options", "named", "words"),
    [
        (["--date", DAY, "--absent", "P99"], "--absent", "P99 is not a participant"),
        (["--date", DAY, "--absent", "P01", "--arrived", "P01"], "--arrived", "also given as --absent"),
        (["--date", "2025-01-01"], "--date", "outside the scenario's horizon"),
        (["--date", "tuesday"], "--date", "YYYY-MM-DD"),
        (["--date", DAY, "--now", "08:13"], "--now", "off the scenario's 5-minute grid"),
        (["--date", DAY, "--dose", "P08"], "--dose", "ID=VALUE"),
        (["--date", DAY, "--observation", "P08=long"], "--observation P08", "whole number"),
        (["--date", DAY, "--staff-absent", "kari"], "--staff-absent", "kari is not a supervisor"),
        (["--date", DAY, "--from", DAY], "--date", "either --date"),
    ],
)
def test_bad_events_exit_2_with_one_paragraph_naming_the_option(plan_file: Path, options, named, words):
    result = _run(str(plan_file), *options)
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {named}")
    assert words in result.output
    assert result.output.strip().count("\n") == 0


def test_someone_planned_given_as_both_absent_and_arrived_gets_one_paragraph(plan_file: Path, pilot_plan: Schedule):
    planned = next(a.participant for a in pilot_plan.assignments if str(a.date) == DAY)
    result = _run(str(plan_file), "--date", DAY, "--absent", planned, "--arrived", planned)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        f"Error: --arrived: {planned} is also given as --absent; a participant is one or the other."
    )


def test_a_dose_outside_the_morning_window_names_the_option(plan_file: Path, pilot_plan: Schedule):
    planned = next(a.participant for a in pilot_plan.assignments if str(a.date) == DAY)
    result = _run(str(plan_file), "--date", DAY, "--dose", f"{planned}=11:00")
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: --dose")
    assert "outside the clinic's morning window" in result.output


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [('"P08"', '"X08"', "X08"), ('"2024-04-04"', '"2030-04-04"', "outside the scenario's horizon")],
)
def test_a_plan_for_other_people_or_dates_is_refused(plan_file: Path, tmp_path: Path, old: str, new: str, named: str):
    other = tmp_path / "other.json"
    other.write_text(plan_file.read_text().replace(old, new), encoding="utf-8")
    result = _run(str(other), "--date", DAY)
    assert result.exit_code == 2
    assert "does not belong to the scenario" in result.output and named in result.output
    assert result.output.strip().count("\n") == 0


def test_a_plan_that_breaks_a_rule_is_refused_with_verifys_sentence_unless_repaired(plan_file: Path, tmp_path: Path):
    data = json.loads(plan_file.read_text())
    late = next(a for a in data["assignments"] if a["group"] == "late")
    late["ready"] = "08:00"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    refused = _run(str(broken), "--date", late["date"])
    assert refused.exit_code == 2
    assert "breaks rules of the scenario" in refused.output and "ready is given as 08:00" in refused.output
    repaired = _run(str(broken), "--date", late["date"], "--repair", "-o", str(tmp_path / "new.json"))
    assert repaired.exit_code == 0, repaired.output
    assert CliRunner().invoke(main, ["verify", str(PILOT), str(tmp_path / "new.json")]).exit_code == 0


def test_a_plan_solved_with_set_overrides_is_replanned_with_the_same_ones(tmp_path: Path):
    scenario = tmp_path / "tiny.yaml"
    one_station = copy.deepcopy(TINY) | {"participants": people("injection", "injection")}
    one_station["clinics"]["habio"]["stations"] = 1
    scenario.write_text(yaml.safe_dump(one_station), encoding="utf-8")
    two_stations = tiny(**{"clinics.habio.stations": 2}, participants=people("injection", "injection"))
    plan = tmp_path / "plan.json"
    plan.write_text(
        plan_of(two_stations, {p: ("street", "late", "08:00", "09:05") for p in ("P1", "P2")}).to_json(),
        encoding="utf-8",
    )
    options = [str(scenario), str(plan), "--date", "2024-03-11", "--absent", "P1"]
    same = CliRunner().invoke(main, ["replan", *options, "--set", "clinics.habio.stations=2"])
    assert same.exit_code == 0, same.output
    assert "To tell: nobody" in same.output
    without = CliRunner().invoke(main, ["replan", *options])
    assert without.exit_code == 2
    assert "breaks rules of the scenario" in without.output and "only 1 station free" in without.output

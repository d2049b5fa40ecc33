"""--set PATH=VALUE: values read as YAML, validated like the file, errors that name the override."""

import pytest
from click.testing import CliRunner

from tests.conftest import PILOT
from workwindow.cli import main
from workwindow.errors import InputError
from workwindow.models import load_scenario, override_scenario, read_document
from workwindow.models.overrides import apply_overrides, override_text


def test_overrides_change_scalars_lists_and_mappings():
    scenario = load_scenario(
        PILOT,
        [
            "clinics.habio.stations=5",
            "participants.P07.dose_form=tablet",
            "participants.P01.days=[mon, tue]",
            "program.ramp_up={1: 2}",
            "program.daily_cap=null",
        ],
    )
    assert scenario.clinics["habio"].stations == 5
    assert scenario.participants["P07"].dose_form == "tablet"
    assert scenario.participants["P01"].days == ["mon", "tue"]
    assert scenario.program.ramp_up == {1: 2}
    assert scenario.program.daily_cap is None


@pytest.mark.parametrize("value", ["10:30", '"10:30"'])
def test_a_time_override_is_the_clock_time_quoted_or_not(value):
    assert load_scenario(PILOT, [f"program.latest_start={value}"]).program.latest_start == 10 * 60 + 30


def test_a_numeric_key_finds_the_existing_entry_and_later_overrides_win():
    scenario = load_scenario(PILOT, ["program.ramp_up.2=1", "program.ramp_up.2=5", "program.ramp_up.7=6"])
    assert scenario.program.ramp_up == {1: 3, 2: 5, 3: 5, 4: 6, 7: 6}


def test_a_participant_set_whole_is_added_with_the_usual_defaults():
    scenario = load_scenario(PILOT, ["participants.P26={dose_form: tablet, days: [wed]}"])
    assert scenario.participants["P26"].crews == ["gaterydding", "verksted"]


def test_overrides_leave_the_document_they_were_applied_to_unchanged():
    document = read_document(PILOT)
    apply_overrides(document, ["clinics.habio.stations=1"])
    assert document.data["clinics"]["habio"]["stations"] == 7


def named(override: str) -> str:
    """How an error names the override: values under participants are not echoed."""
    path, equals, value = override.partition("=")
    return f"--set {path}{equals}{'…' if equals and path.startswith('participants.') else value}"


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ("colour=red", "unknown field 'colour' at the top of a scenario"),
        ("participants.P99.dose_form=tablet", "participants.P99: there is no participant 'P99'"),
        ("program.crews.snekker.days=[mon]", "there is no crew 'snekker'"),
        ("program.latest_start.hour=10", "program.latest_start: is a single value, not a mapping"),
        ("participants.P01.days.mon=true", "participants.P01.days: is a list, not a mapping"),
        ("program.latest_start", "is not PATH=VALUE"),
        ("program..payout=12:00", "is not PATH=VALUE"),
    ],
)
def test_an_invalid_path_is_an_error_naming_the_override_and_the_path(override, words):
    with pytest.raises(InputError) as error:
        load_scenario(PILOT, [override])
    assert str(error.value).startswith(f"{PILOT}: {named(override)}: ")
    assert words in str(error.value)


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ("program.latest_start=10:02", "10:02 is off the 5-minute grid"),
        ("participants.P07.dose_form=pill", "'injection' or 'tablet'"),
        ("clinics.habio.stations=-1", "greater than or equal to 0"),
        ("program.crews.verksted.site=hjemme", "unknown site 'hjemme'"),
        ("program.crews.verksted.colour=red", "unknown field 'colour'"),
        ("participants.P26={days: [mon]}", "participants.P26.dose_form: required field is missing"),
        ("program.payout=[12:00", "the value is not valid YAML"),
    ],
)
def test_an_invalid_value_is_an_error_naming_the_override_not_a_line(override, words):
    with pytest.raises(InputError) as error:
        load_scenario(PILOT, [override])
    message = str(error.value)
    assert f"{named(override)}: " in message and words in message
    assert "line " not in message


def test_an_error_does_not_echo_a_participants_value():
    with pytest.raises(InputError) as error:
        load_scenario(PILOT, ["participants.P07.dose_form=pill"])
    assert "--set participants.P07.dose_form=…: " in str(error.value) and "pill" not in str(error.value)


def test_a_problem_elsewhere_in_the_file_keeps_its_line():
    with pytest.raises(InputError) as error:
        load_scenario(PILOT, ["clinics.habio.morning=[08:00, 08:20]"])
    message = str(error.value)
    said = "is outside clinic habio's morning window 08:00–08:20, 4 times"
    assert f"{said}: line {line_of('P04')}, participants.P04.morning_dose" in message
    assert f"; line {line_of('P07')}, participants.P07.morning_dose;" in message


def line_of(participant: str) -> int:
    lines = PILOT.read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"  {participant}:"))


@pytest.mark.parametrize(
    ("given", "edited", "field", "value"),
    [
        ('morning_dose: "08:40"', 'morning_dose: "08:42"', "morning_dose", "08:42"),
        ('morning_dose: "08:40"', 'morning_dose: "10:30"', "morning_dose", "10:30"),
        ("want: [1, 4], morning", "want: [3, 1], morning", "want", "minimum 3"),
    ],
)
def test_an_error_about_a_participants_field_names_the_field_not_the_value(given, edited, field, value, tmp_path):
    scenario = tmp_path / "pilot.yaml"
    scenario.write_text(PILOT.read_text().replace(given, edited))
    with pytest.raises(InputError) as error:
        load_scenario(scenario)
    assert f"line {line_of('P13')}, participants.P13.{field}: " in str(error.value)
    assert value not in str(error.value)


def test_override_text_round_trips_through_a_scenario(pilot):
    supervisor = {"crews": ["verksted"], "days": ["wed"], "hours": ["08:30", "13:00"], "max_days": 1}
    text = override_text(["staff", "extra"], supervisor)
    assert text == "staff.extra={crews: [verksted], days: [wed], hours: ['08:30', '13:00'], max_days: 1}"
    changed = override_scenario(pilot, [text])
    assert changed.staff["extra"].hours == (8 * 60 + 30, 13 * 60)
    assert changed.participants == pilot.participants


def test_solve_and_check_take_overrides_and_exit_2_on_a_bad_one():
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(PILOT), "--set", "participants.P07.morning_dose=08:00"])
    assert checked.exit_code == 0 and "P07" not in checked.output
    bad = runner.invoke(main, ["solve", str(PILOT), "--set", "program.latest_start=10:02"])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == (
        f"Error: {PILOT}: --set program.latest_start=10:02: 10:02 is off the 5-minute grid (time_step)."
    )


def test_report_takes_the_overrides_the_schedule_was_solved_with(tmp_path):
    tiny_week = ["weeks=1", "program.ramp_up={}", "participants.P26={dose_form: tablet}"]
    sets = [arg for override in tiny_week for arg in ("--set", override)]
    schedule = tmp_path / "s.json"
    solved = CliRunner().invoke(main, ["solve", str(PILOT), "-o", str(schedule), "--time-limit", "20", *sets])
    assert solved.exit_code == 0, solved.output
    html = tmp_path / "r.html"
    without = CliRunner().invoke(main, ["report", str(schedule), "--scenario", str(PILOT), "-o", str(html)])
    assert without.exit_code == 2 and "P26" in without.stderr
    reported = CliRunner().invoke(main, ["report", str(schedule), "--scenario", str(PILOT), "-o", str(html), *sets])
    assert reported.exit_code == 0, reported.output
    assert "P26" in html.read_text()


def test_verify_and_export_take_overrides_too(tmp_path):
    schedule = tmp_path / "s.json"
    sets = ["--set", "weeks=1"]
    assert CliRunner().invoke(main, ["solve", str(PILOT), "-o", str(schedule), *sets]).exit_code == 0
    verified = CliRunner().invoke(main, ["verify", str(PILOT), str(schedule), *sets])
    assert verified.exit_code == 0 and verified.output.startswith("valid:")
    csv = tmp_path / "s.csv"
    args = ["export", str(schedule), "--scenario", str(PILOT), "--format", "csv", "-o", str(csv)]
    assert CliRunner().invoke(main, [*args, *sets]).exit_code == 0 and csv.exists()
    bad = CliRunner().invoke(main, ["verify", str(PILOT), str(schedule), "--set", "weeks=0"])
    assert bad.exit_code == 2 and "--set weeks=0: " in bad.stderr

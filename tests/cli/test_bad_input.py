"""Every bad input of SPEC section 4 gets one paragraph naming file, field and line, and exit code 2."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import PILOT
from workwindow.cli import main

PILOT_TEXT = PILOT.read_text(encoding="utf-8")

# (what is wrong, text replaced in the pilot, its replacement, field path named, words in the message)
BREAKAGES = [
    (
        "unknown key",
        "  P06: {dose_form: injection,",
        "  P06: {dose_form: injection, colour: red,",
        "participants.P06.colour",
        "unknown field 'colour'",
    ),
    (
        "unknown clinic in travel",
        "  gaterydding: {travel: {habio: 25}}",
        "  gaterydding: {travel: {habyo: 25}}",
        "sites.gaterydding.travel.habyo",
        "unknown clinic 'habyo'",
    ),
    (
        "unknown site",
        "gaterydding: {site: gaterydding,",
        "gaterydding: {site: gatery,",
        "program.crews.gaterydding.site",
        "unknown site 'gatery'",
    ),
    (
        "unknown crew",
        "  P05: {dose_form: tablet, crews: [gaterydding, verksted]",
        "  P05: {dose_form: tablet, crews: [gaterydding, snekker]",
        "participants.P05.crews.1",
        "unknown crew 'snekker'",
    ),
    (
        "unknown clinic of a participant",
        "  P08: {dose_form: injection,",
        "  P08: {clinic: ulleval, dose_form: injection,",
        "participants.P08.clinic",
        "unknown clinic 'ulleval'",
    ),
    (
        "time off the grid",
        '  latest_start: "10:00"',
        '  latest_start: "10:02"',
        "program.latest_start",
        "off the 5-minute grid",
    ),
    (
        "fixed dose off the grid",
        'morning_dose: "08:40"',
        'morning_dose: "08:42"',
        "participants.P13.morning_dose",
        "off the 5-minute grid",
    ),
    (
        "fixed dose outside the window",
        'morning_dose: "08:40"',
        'morning_dose: "10:30"',
        "participants.P13.morning_dose",
        "outside clinic habio's morning window",
    ),
    (
        "window ends before it starts",
        'afternoon: ["14:30", "17:00"]',
        'afternoon: ["17:30", "17:00"]',
        "clinics.habio.afternoon",
        "before it starts",
    ),
    (
        "negative number",
        "    dose_minutes: 10 ",
        "    dose_minutes: -10 ",
        "clinics.habio.dose_minutes",
        "greater than or equal to 1",
    ),
    (
        "negative capacity",
        "late_capacity: 6, ordinary_capacity: 6, staff_ratio: 6}\n    verksted",
        "late_capacity: -1, ordinary_capacity: 6, staff_ratio: 6}\n    verksted",
        "program.crews.gaterydding.late_capacity",
        "greater than or equal to 0",
    ),
    ("start not a Monday", "start: 2024-03-11", "start: 2024-03-12", "start", "starts on a Monday"),
    (
        "duplicate participant id",
        "  P03: {dose_form: tablet",
        "  P02: {dose_form: tablet",
        "participants.P02",
        "given twice",
    ),
    (
        "unknown dose form",
        "  P07: {dose_form: injection,",
        "  P07: {dose_form: injektion,",
        "participants.P07.dose_form",
        "'injection' or 'tablet'",
    ),
    ("bad time", '  payout: "12:00"', '  payout: "12:75"', "program.payout", "more than 59 minutes"),
    (
        "want above 7",
        "  P02: {dose_form: tablet, crews: [gaterydding, verksted], days: [mon, tue, wed, thu], want: [0, 4]}",
        "  P02: {dose_form: tablet, crews: [gaterydding, verksted], days: [mon, tue, wed, thu], want: [0, 9]}",
        "participants.P02.want.1",
        "less than or equal to 7",
    ),
    (
        "minimum above maximum",
        'want: [1, 2], morning_dose: "08:30"}',
        'want: [3, 2], morning_dose: "08:30"}',
        "participants.P04.want",
        "the minimum is above the maximum",
    ),
    (
        "unknown weekday",
        "days: [mon, tue], want: [1, 2]}\n  P24",
        "days: [mon, tues], want: [1, 2]}\n  P24",
        "participants.P23.days.1",
        "Input should be",
    ),
]


def write_broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The pilot with one change; also the line where the change starts."""
    assert old in PILOT_TEXT, f"the pilot no longer contains {old!r}"
    at = PILOT_TEXT.index(old)
    path = tmp_path / "broken.yaml"
    path.write_text(PILOT_TEXT.replace(old, new, 1), encoding="utf-8")
    return path, PILOT_TEXT[:at].count("\n") + 1


@pytest.mark.parametrize(("what", "old", "new", "field", "words"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
@pytest.mark.parametrize("command", ["check", "solve"])
def test_bad_input_is_one_paragraph_naming_file_field_and_line(tmp_path, command, what, old, new, field, words):
    path, line = write_broken(tmp_path, old, new)
    result = CliRunner().invoke(main, [command, str(path)])
    assert result.exit_code == 2, result.output
    message = result.stderr
    assert "Traceback" not in result.output + message
    assert message.count("\n") == 1, "one paragraph"
    assert str(path) in message and field in message and words in message
    assert f"line {line}" in message


def test_unquoted_times_are_read_as_the_clock_times_they_spell(tmp_path):
    path, _ = write_broken(tmp_path, '  payout: "12:00"', "  payout: 12:00")
    path.write_text(path.read_text().replace('ordinary_start: "09:00"', "ordinary_start: 9:00"))
    from workwindow.models import load_scenario

    scenario = load_scenario(path)
    assert (scenario.program.payout, scenario.program.ordinary_start) == (12 * 60, 9 * 60)


def test_a_value_that_fits_no_form_of_a_field_is_one_problem_naming_each_form(tmp_path):
    path = tmp_path / "scenario.yaml"
    path.write_text(PILOT_TEXT.replace("stations: 7 ", "stations: seven "), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "has 2 problems" not in result.stderr
    assert "line 28, clinics.habio.stations: must be a number, written without quotes" in result.stderr
    assert "or a valid list" in result.stderr


def test_a_misspelling_repeated_in_many_entries_is_said_once_with_its_first_places_and_count(tmp_path):
    path = tmp_path / "scenario.yaml"
    path.write_text(PILOT_TEXT.replace("gaterydding, verksted]", "gaterydding, verkstedd]"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    message = result.stderr
    assert message.count("unknown crew 'verkstedd'") == 1
    assert "has 16 problems" in message and ", 16 times: line 55, staff.veileder1.crews.1; line 64," in message
    assert "; and 13 more, the last at line 83, participants.P21.crews.1." in message
    assert "P04" not in message


def test_yaml_syntax_error_names_the_line(tmp_path):
    path, _ = write_broken(tmp_path, "    observation:\n", "    observation: [\n")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "is not valid YAML" in result.stderr and "line" in result.stderr


def test_missing_file_is_a_clear_error():
    result = CliRunner().invoke(main, ["check", "no/such/scenario.yaml"])
    assert result.exit_code == 2
    assert "no/such/scenario.yaml" in result.stderr and "Traceback" not in result.output


def test_missing_required_field_is_named(tmp_path):
    path, _ = write_broken(tmp_path, "  P01: {dose_form: injection, ", "  P01: {")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "participants.P01.dose_form" in result.stderr and "required field is missing" in result.stderr


def test_error_never_echoes_participant_data_beyond_the_id(tmp_path):
    path, _ = write_broken(tmp_path, "  P07: {dose_form: injection,", "  P07: {dose_form: heroin-secret,")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "P07" in result.stderr and "heroin-secret" not in result.stderr

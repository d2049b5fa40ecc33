"""Input that could take the machine down or crash the loader is an input error: exit 2 naming
file, field and line, through `check`, `solve` and `--set`, never a traceback."""

import time
import tracemalloc

import pytest
from click.testing import CliRunner

from tests.cli.test_bad_input import PILOT_TEXT, write_broken
from tests.conftest import PILOT
from workwindow.cli import main
from workwindow.errors import InputError
from workwindow.models import load_scenario
from workwindow.models.limits import MAX_FILE_BYTES, MAX_PARTICIPANTS

ALIAS_BOMB = "a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
)
"""Ten levels of anchors, nine copies each: under 500 bytes that stand for 3.4 billion values."""

HUGE = "1000000000000000000000000000000"

# (what is wrong, text replaced in the pilot, its replacement, field path named, words in the message)
HOSTILE = [
    (
        "python tag",
        "name: I jobb + HABiO pilot, weeks 11-14",
        "name: !!python/name:os.system",
        "name",
        "the tag !!python",
    ),
    ("local tag", "name: I jobb + HABiO pilot, weeks 11-14", "name: !foo bar", "name", "the tag !foo"),
    ("int tag on text", "weeks: 4 ", "weeks: !!int abc ", "weeks", "cannot be read as !!int"),
    ("timestamp tag on text", "start: 2024-03-11", "start: !!timestamp notadate", "start", "is not a real date"),
    ("tag on a mapping", "  habio:", "  habio: !clinic", "clinics.habio", "the tag !clinic"),
    ("weeks past 64 bits", "weeks: 4 ", f"weeks: {HUGE} ", "weeks", "less than or equal to 53"),
    ("weeks of centuries", "weeks: 4 ", "weeks: 100000 ", "weeks", "less than or equal to 53"),
    (
        "priority past 64 bits",
        "want: [1, 1], priority: 2}",
        f"want: [1, 1], priority: {HUGE}}}",
        "participants.P06.priority",
        "less than or equal to 1000",
    ),
    (
        "stations true",
        "stations: 7 ",
        "stations: true ",
        "clinics.habio.stations",
        "must be a number, not true or false",
    ),
    ("stations as text", "stations: 7 ", 'stations: "4" ', "clinics.habio.stations", "written without quotes"),
    ("impossible start", "start: 2024-03-11", "start: 2024-02-30", "start", "2024-02-30 is not a real date"),
    ("impossible closed date", "closed: []", "closed: [2024-13-01]", "closed.0", "2024-13-01 is not a real date"),
    ("impossible away date", "away: [2024-03-20]", "away: [2024-13-01]", "participants.P05.away.0", "not a real date"),
]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(("what", "old", "new", "field", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
@pytest.mark.parametrize("command", ["check", "solve"])
def test_hostile_values_are_input_errors_naming_file_field_and_line(tmp_path, command, what, old, new, field, words):
    path, line = write_broken(tmp_path, old, new)
    result = run(command, str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output + result.stderr and result.stderr.count("\n") == 1
    assert f"{path}: line {line}, {field}: " in result.stderr and words in result.stderr


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ("start=2024-02-30", "the value 2024-02-30 is not a real date (day is out of range for month)"),
        ("closed=[2024-13-01]", "the value 2024-13-01 is not a real date (month must be in 1..12)"),
        ("participants.P01.away=[2024-13-01]", "the value is not a real date (month must be in 1..12)"),
        (f"weeks={HUGE}", "less than or equal to 53"),
        (f"participants.P06.priority={HUGE}", "less than or equal to 1000"),
        ("clinics.habio.stations=true", "not true or false"),
        ("clinics.habio.stations='4'", "written without quotes"),
        ("name=!!python/name:os.system", "has the tag !!python/name:os.system"),
    ],
)
@pytest.mark.parametrize("command", ["check", "solve"])
def test_hostile_values_given_with_set_name_the_override(command, override, words):
    result = run(command, str(PILOT), "--set", override)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output + result.stderr
    path = override.partition("=")[0]
    assert f"--set {path}=" in result.stderr and words in result.stderr
    if path.startswith("participants"):
        assert "2024-13-01" not in result.stderr and HUGE not in result.stderr


def test_an_alias_bomb_is_refused_within_5_s_and_300_mb(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB)
    assert len(ALIAS_BOMB) < 500
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InputError) as refused:
            load_scenario(path)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seconds < 5 and peak < 300e6
    assert "line 1, its aliases (*name) would expand to 4,412,961,516 values" in str(refused.value)
    assert run("check", str(path)).exit_code == 2


def test_aliases_that_share_a_list_are_read_as_written(tmp_path):
    text = PILOT_TEXT.replace(
        "days: [mon, tue], want: [0, 4], observation: 40}", "days: &two [mon, tue], want: [0, 4]}"
    )
    text = text.replace(
        "  P15: {dose_form: injection, crews: [gaterydding], days: [mon, tue]",
        "  P15: {dose_form: injection, crews: [gaterydding], days: *two",
    )
    path = tmp_path / "aliases.yaml"
    path.write_text(text)
    assert load_scenario(path).participants["P15"].days == ["mon", "tue"]


def test_a_file_past_the_size_limit_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "city.yaml"
    path.write_text(PILOT_TEXT + "#" * MAX_FILE_BYTES)
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}: is larger than 10 MB, the most a scenario file may be" in result.stderr


def test_more_participants_than_the_limit_are_refused_before_they_are_built(tmp_path):
    rows = "".join(f"  X{i}: {{dose_form: tablet}}\n" for i in range(MAX_PARTICIPANTS + 1 - 25))  # the pilot has 25
    path = tmp_path / "city.yaml"
    path.write_text(PILOT_TEXT.replace("participants:\n", "participants:\n" + rows))
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"participants: has {MAX_PARTICIPANTS + 1:,} participants; a scenario holds at most" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "words"),
    [
        ("    dose_minutes: 10 ", "\tdose_minutes: 10 ", 29, 1, "a tab character; YAML indents with spaces only"),
        ("    dose_minutes: 10 ", "      dose_minutes: 10 ", 29, 7, "this line is not indented like the keys above it"),
        (
            'afternoon: ["14:30", "17:00"]',
            'afternoon: ["14:30", "17:00"',
            28,
            5,
            "a list opened with [ (opened on line 27) is not closed with ]",
        ),
    ],
    ids=["tab", "indentation", "unclosed bracket"],
)
def test_yaml_syntax_errors_are_said_in_plain_words_with_the_line_and_a_caret(tmp_path, old, new, line, column, words):
    path, _ = write_broken(tmp_path, old, new)
    result = run("check", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    first, shown, caret, _ = result.stderr.split("\n")
    assert first == f"Error: {path}: line {line}, column {column}, is not valid YAML: {words}."
    assert shown == "    " + PILOT_TEXT.replace(old, new).splitlines()[line - 1].replace("\t", " ")
    assert caret == "    " + " " * (column - 1) + "^"


def test_a_syntax_error_in_a_participant_does_not_show_the_line(tmp_path):
    path, line = write_broken(tmp_path, "  P06: {dose_form: injection,", "  P06: {dose_form: injection,,")
    result = run("check", str(path))
    assert result.exit_code == 2 and f"line {line}, column" in result.stderr
    assert "injection" not in result.stderr and "not shown" in result.stderr


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("", "is empty (no YAML in it, or only comments)"),
        ("# only a comment\n", "is empty (no YAML in it, or only comments)"),
        ("- a\n- b\n", "is a list"),
        ("hello\n", "is a single value"),
    ],
)
def test_a_file_that_is_not_a_mapping_names_the_file_and_says_what_was_expected(tmp_path, text, found):
    path = tmp_path / "scenario.yaml"
    path.write_text(text)
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}: {found}; a scenario is a mapping of fields: `name: …`, `start: …`" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "value"),
    [
        ('morning_dose: "08:40"', 'morning_dose: "08:42"', "08:42"),
        ('morning_dose: "08:40"', 'morning_dose: "10:30"', "10:30"),
        ('morning_dose: "08:40"', 'morning_dose: "08:75"', "08:75"),
        ('want: [1, 2], morning_dose: "08:30"}', 'want: [3, 1], morning_dose: "08:30"}', "3"),
        ('want: [1, 2], morning_dose: "08:30"}', 'want: [1, 2], morning_dose: "08:30", priority: 5000}', "5000"),
    ],
)
def test_errors_in_a_participant_name_id_field_and_line_but_not_the_value(tmp_path, old, new, value):
    path, line = write_broken(tmp_path, old, new)
    result = run("check", str(path))
    assert result.exit_code == 2 and f"line {line}, participants.P" in result.stderr
    message = result.stderr.split(": line", 1)[1]
    assert value not in message.replace(f"line {line}", ""), message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name: " + "[" * 500 + "]" * 500 + "\n", "line 1, nests more than 50 levels deep"),
        ("name: &a [*a]\n", "line 1, has an alias (*name) inside the value its anchor (&name) names"),
    ],
    ids=["nesting 500 deep", "recursive alias"],
)
def test_deep_and_recursive_yaml_are_input_errors_not_recursion_errors(tmp_path, text, words):
    path = tmp_path / "scenario.yaml"
    path.write_text(text)
    result = run("check", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output + result.stderr
    assert words in result.stderr

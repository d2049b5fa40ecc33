"""What `solve` prints: the same facts at any width, no entry cut in two, and who got nothing or too little."""

import re

import pytest
from click.testing import CliRunner
from rich.console import Console

from tests.conftest import PILOT, people, tiny
from workwindow.cli import main
from workwindow.console import print_schedule
from workwindow.lines import packed, wrapped
from workwindow.solver import solve

REASONS_TITLE = "No work on an eligible day, and why"
BOX = r"[│┃┏┓┗┛┡┩└┘━─┳┻╇┼┯┷┬┴├┤]"
DATES = r"\d\d\.\d\d( \d\d\.\d\d)*;?"
ENTRY = rf"[A-Za-z0-9_.-]+ {DATES}"


@pytest.fixture(scope="module")
def pilot_outputs() -> dict[int, str]:
    outputs = {}
    for columns in (80, 200):
        result = CliRunner(env={"COLUMNS": str(columns)}).invoke(main, ["solve", str(PILOT), "--workers", "1"])
        assert result.exit_code == 0, result.output
        outputs[columns] = result.output.split("\n", 1)[1]  # the first line has the seconds
    return outputs


def test_the_days_without_work_say_the_same_at_80_and_200_columns(pilot_outputs):
    narrow, wide = (pilot_outputs[c].split(REASONS_TITLE, 1)[1] for c in (80, 200))
    assert narrow.split() == wide.split()
    plans = [sorted(re.sub(BOX, " ", out.split(REASONS_TITLE)[0]).split()) for out in pilot_outputs.values()]
    assert plans[0] == plans[1], "the plan tables lost or cut something at 80 columns"


def test_at_80_columns_no_line_wraps_and_no_entry_is_split(pilot_outputs):
    text = pilot_outputs[80]
    assert max(len(line) for line in text.splitlines()) <= 80
    section = text.split(REASONS_TITLE, 1)[1].split("objectives:")[0]
    entry_lines = _entries_with_their_continuations(section)
    assert len(entry_lines) > 20
    for line in entry_lines:
        whole = rf"    {ENTRY}( {ENTRY})*"
        continued = rf"      {DATES}( {ENTRY})*"  # an entry longer than a line goes on, indented further
        assert re.fullmatch(whole, line) or re.fullmatch(continued, line), f"an entry is split: {line!r}"
    figures = text.split("objectives:", 1)[1].split("No work at all")[0]
    assert "station peak 6" in " ".join(line.strip() for line in figures.splitlines() if "station peak" in line)


def _entries_with_their_continuations(section: str) -> list[str]:
    """Entry lines, each with the dates that continue it; only an entry too long for one line may go on."""
    lines: list[str] = []
    for line in section.splitlines():
        if line.startswith("      "):
            assert re.fullmatch(rf"    {ENTRY}", lines[-1]), f"a line of several entries goes on: {lines[-1]!r}"
            assert re.fullmatch(r"      \d\d\.\d\d( \d\d\.\d\d)*;?", line), f"not only dates: {line!r}"
            lines[-1] += line[5:]
        elif line.startswith("    "):
            lines.append(line)
    return lines


def _hand_checked():
    """One Monday, one place: P1 works, P2 loses to the cap, P3 is never ready, P4 has no eligible day."""
    participants = {
        **people("tablet", "tablet", want=[1, 1]),
        "P3": {"dose_form": "injection", "observation": 200},
        "P4": {"dose_form": "tablet", "days": ["tue"]},
    }
    scenario = tiny(participants=participants, **{"program.daily_cap": 1})
    return scenario, solve(scenario, time_limit=10, workers=1)


def test_solve_ends_with_who_got_no_work_at_all_and_why_and_who_is_short_in_which_week():
    scenario, schedule = _hand_checked()
    console = Console(record=True, width=80)
    print_schedule(console, scenario, schedule)
    text = console.export_text()
    worked = {a.participant for a in schedule.assignments}
    assert len(worked & {"P1", "P2"}) == 1
    loser = ({"P1", "P2"} - worked).pop()
    tail = text.split("No work at all in the week: 3 of 4 participants", 1)[1]
    assert re.search(rf"  not_ready\n    P3 \(1 of 1 days\)\n  capacity\n    {loser} \(1 of 1 days\)\n", tail)
    assert "  no eligible day (their days, crews and away dates leave none)\n    P4\n" in tail
    assert "Short of their minimum: 1 days" in tail and f"  week 1\n    {loser} 0 of 1\n" in tail


def test_dose_times_appear_in_the_plan_only_with_doses():
    scenario, schedule = _hand_checked()
    (a,) = schedule.assignments
    dose = f"{a.dose // 60:02d}:{a.dose % 60:02d}"
    texts = {}
    for doses in (False, True):
        console = Console(record=True, width=80)
        print_schedule(console, scenario, schedule, doses=doses)
        texts[doses] = console.export_text().split(REASONS_TITLE)[0]
    assert f"{a.participant} {dose}" in texts[True]
    assert dose not in texts[False]


def test_an_entry_longer_than_a_line_breaks_between_its_words_with_a_deeper_indent():
    lines = packed([["P1", "11.03"], ["P2", *["11.03"] * 10], ["P3", "12.03"]], width=30, indent=4)
    assert lines[0] == "    P1 11.03;"
    assert all(len(line) <= 30 for line in lines)
    assert lines[1].startswith("    P2 ") and lines[2].startswith("      11.03")
    assert lines[-1].endswith("P3 12.03")
    assert wrapped("a b c d", 3, indent=0, hanging=2) == ["a b", "  c", "  d"]


def test_solve_doses_adds_each_persons_dose_time_to_the_plan_tables(pilot_outputs):
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["solve", str(PILOT), "--workers", "1", "--doses"])
    assert result.exit_code == 0, result.output
    plan = result.output.split(REASONS_TITLE)[0]
    assert len(re.findall(r"│ P\d\d \d\d:\d\d +│", plan)) == plan.count("│ P") > 20
    assert not re.search(r"P\d\d \d\d:\d\d", pilot_outputs[80].split(REASONS_TITLE)[0])

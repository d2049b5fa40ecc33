"""`check` prints without rich exactly what rich printed, on a terminal and piped, at any width."""

import io
import sys

import pytest
from rich.console import Console
from rich.table import Table

from tests.conftest import PILOT
from workwindow.check_output import print_summary
from workwindow.diagnostics import ScenarioSummary, WeekCapacity, summarize
from workwindow.models import load_scenario
from workwindow.plain_console import PlainConsole, Terminal, terminal

WIDTHS = (120, 80, 57, 41, 40, 30, 12, 3)
TERMINALS = [
    Terminal(width, styled=styled, coloured=coloured)
    for width in WIDTHS
    for styled, coloured in ((False, False), (True, True), (True, False))
]
LONG_WARNING = (
    "week 1: the participants' minimums (want[0]) add up to 16 days but the caps allow 12 participant-days: "
    "at least 4 days will be short of a minimum, and aVeryLongWordThatNoLineOfTwelveCellsCanHoldWhole ends it   "
)


def _printed(console: PlainConsole, scenario, summary) -> str:
    out, saved = io.StringIO(), sys.stdout
    sys.stdout = out
    try:
        print_summary(console, scenario, summary, health_details=False)
    finally:
        sys.stdout = saved
    return out.getvalue()


@pytest.fixture(scope="module")
def pilot():
    scenario = load_scenario(PILOT)
    return scenario, summarize(scenario)


def _variants(scenario, summary):
    unlimited = [WeekCapacity(week=w, crew_days=4, daily_cap=None, places=None) for w in (1, 2)]
    yield scenario, summary
    yield scenario, ScenarioSummary(summary.participants_by_form, summary.crews, unlimited, [LONG_WARNING, "x " * 70])
    yield scenario.model_copy(update={"name": "Pilot [draft] [bold]x — Tøyen/Grønland, " * 4}), summary
    yield scenario.model_copy(update={"name": "平日 pilot"}), ScenarioSummary({}, {}, [], [])


@pytest.mark.parametrize(
    "settings", TERMINALS, ids=lambda t: f"{t.width}{'-styled' * t.styled}{'-colour' * t.coloured}"
)
def test_the_summary_reads_as_rich_prints_it(pilot, settings):
    for scenario, summary in _variants(*pilot):
        plain = _printed(PlainConsole(settings), scenario, summary)
        assert plain == _printed(PlainConsole(settings, rich_only=True), scenario, summary)


def test_rich_prints_what_check_printed_with_markup_and_a_table(pilot):
    """The rich side of the comparison is check's earlier output, markup and all."""
    scenario, summary = pilot
    for settings in (Terminal(120, styled=False, coloured=False), Terminal(80, styled=True, coloured=True)):
        console = PlainConsole(settings, rich_only=True)._rich
        with console.capture() as captured:
            console.print(f"[bold]{scenario.name}[/]: valid; {scenario.weeks} week(s) from {scenario.start}")
            table = Table(title="Capacity per week", title_justify="left")
            for column in ("week", "crew-days", "daily cap", "places"):
                table.add_column(column, justify="right")
            for week in summary.capacity:
                table.add_row(str(week.week), str(week.crew_days), str(week.daily_cap), str(week.places))
            console.print(table)
            for warning in summary.warnings:
                console.print(f"[yellow]warning:[/] {warning}")
        printed = _printed(PlainConsole(settings), scenario, summary).splitlines()
        expected = captured.get().splitlines()
        assert printed[0] == expected[0]
        skipped = 1 + len(summary.participants_by_form) + len(summary.crews)  # participants' and crews' lines
        assert printed[skipped:] == expected[1:]


ENVIRONMENTS = [
    {},
    {"COLUMNS": "57"},
    {"COLUMNS": "abc"},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": ""},
    {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "33"},
    {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLORTERM": "truecolor"},
    {"TTY_COMPATIBLE": "1", "FORCE_COLOR": ""},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"TERM": "dumb", "FORCE_COLOR": "1"},
]


@pytest.mark.parametrize("environ", ENVIRONMENTS, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()) or "none")
@pytest.mark.parametrize("tty", [False, True], ids=["piped", "tty"])
def test_the_terminal_is_seen_as_rich_sees_it(monkeypatch, environ, tty):
    from workwindow.console import new_console

    for name in ("COLUMNS", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TERM", "COLORTERM", "LINES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    stdout = _Tty() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    rich = new_console()
    seen = terminal()
    if seen is None:  # left to rich: a dumb terminal
        assert rich.is_terminal and rich.is_dumb_terminal
        return
    assert seen.width == rich.width
    assert seen.styled == (rich.color_system is not None)
    assert seen.coloured == (seen.styled and not rich.no_color)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_check_prints_without_importing_rich():
    import subprocess

    from tests.conftest import ROOT

    probe = (
        "import sys\nfrom workwindow.cli import main\n"
        f"try:\n    main(['check', {str(PILOT)!r}])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.splitlines()[-1] == "[]"


def test_a_console_given_no_terminal_reads_it_from_the_environment(monkeypatch):
    monkeypatch.setenv("COLUMNS", "44")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert PlainConsole().width == 44
    assert Console(highlight=False).width == 44


def test_what_the_plain_writer_takes_as_one_cell_rich_does_too():
    from rich.cells import cell_len

    from workwindow.plain_console import _ONE_CELL

    wider = [hex(code) for low, high in _ONE_CELL for code in range(low, high + 1) if cell_len(chr(code)) != 1]
    assert wider == []

"""`explain` prints the --set options it suggests whole, one per line, at any width and piped."""

import datetime as dt
import io

import pytest
from rich.console import Console

from workwindow.whatif.explain import DayStatus, Explanation, WhatIf
from workwindow.whatif.tables import print_explanation

OVERRIDES = (
    "program.crews.a_crew_with_a_very_long_name_indeed.late_capacity=7",
    "program.ramp_up={1: 4, 2: 5}",
    "participants.P09.dose_form=tablet",
)


def _explanation() -> Explanation:
    day = dt.date(2024, 3, 11)
    what_if = WhatIf("one_more_place", "with one more place", OVERRIDES, days=(day,), gained=(day,))
    status = DayStatus(day, reason="capacity", detail="daily cap full (3/3)")
    return Explanation("P09", "pilot", (status,), (what_if,))


@pytest.mark.parametrize("width", [30, 80, 200])
def test_each_suggested_set_is_on_its_own_line_whole_and_shell_quoted(width):
    out = io.StringIO()
    print_explanation(Console(file=out, width=width, force_terminal=False), _explanation())
    lines = [line.strip() for line in out.getvalue().splitlines()]
    assert f"--set {OVERRIDES[0]}" in lines
    assert "--set 'program.ramp_up={1: 4, 2: 5}'" in lines
    assert f"--set {OVERRIDES[2]}" in lines
    assert not any("…" in line for line in lines)

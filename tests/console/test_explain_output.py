"""`explain` and `compare` at any width: each suggested --set whole on its own line, no label or number cut."""

import datetime as dt
import io
import re

import pytest
from rich.console import Console

from tests.conftest import people, tiny
from workwindow.solver import solve
from workwindow.whatif.compare import Column, Comparison, Sample, measure, metrics_of
from workwindow.whatif.explanation import DayStatus, Explanation, WhatIf
from workwindow.whatif.tables import print_comparison, print_explanation

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


def test_a_comparison_at_80_columns_cuts_no_label_or_number():
    scenario = tiny(participants=people("tablet", "injection"))
    schedule = solve(scenario, time_limit=10, workers=1)
    sample = Sample(scenario, schedule, {**measure(scenario, schedule), "kpis.mean_late_start_offset": 12.3456})
    columns = tuple(Column(f"{share}% tablets", (), (sample, sample)) for share in (0, 25, 50, 75, 100))
    out = io.StringIO()
    print_comparison(
        Console(file=out, width=80, force_terminal=False), Comparison("t", metrics_of(scenario), columns, 1), 1
    )
    text = out.getvalue()
    assert "…" not in text and max(len(line) for line in text.splitlines()) <= 80
    tokens = re.sub(r"[│┃┏┓┗┛┡┩└┘━─┳┻╇┼]", " ", text).split()
    for metric in metrics_of(scenario):
        assert all(word in tokens for word in metric.label.split()), metric.label
    tables = text.count("┏")
    assert tables > 1, "five variants do not fit 80 columns in one table"
    assert tokens.count("12.35") == 5 + tables - 1  # each table beside the base
    assert [share for share in ("0%", "25%", "50%", "75%", "100%") if share in tokens] == [
        "0%",
        "25%",
        "50%",
        "75%",
        "100%",
    ]

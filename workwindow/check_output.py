"""What `check` prints: the scenario in a few lines, its capacity per week, and the warnings.

Printed by `PlainConsole`, which looks like rich without importing it, so
that `check` answers about as fast as Python loads click, PyYAML and pydantic.
"""

import datetime as dt
from typing import TYPE_CHECKING

from workwindow.models.fields import WEEKDAYS, weekday
from workwindow.plain_console import PlainConsole

if TYPE_CHECKING:
    from workwindow.diagnostics import ScenarioSummary
    from workwindow.models.scenario import Scenario


def print_summary(
    console: PlainConsole, scenario: "Scenario", summary: "ScenarioSummary", *, health_details: bool = False
) -> None:
    """The scenario in a few lines; participants by dose form only for the clinic (`health_details`)."""
    console.line((scenario.name, "bold"), f": valid; {scenario.weeks} week(s) from {scenario.start}")
    for clinic, forms in summary.participants_by_form.items():
        listed = ", ".join(f"{n} {form}" for form, n in forms.items()) if health_details else str(sum(forms.values()))
        console.line(f"participants at {clinic}: {listed or 'none'}")
    for crew, dates in summary.crews.items():
        days = sorted({weekday(dt.date.fromisoformat(d)) for d in dates}, key=WEEKDAYS.index)
        console.line(f"crew {crew}: runs {', '.join(days) or 'never'} ({len(dates)} days in the horizon)")
    rows = [
        [str(week.week), str(week.crew_days), _or_unlimited(week.daily_cap), _or_unlimited(week.places)]
        for week in summary.capacity
    ]
    console.table("Capacity per week", ("week", "crew-days", "daily cap", "places"), rows)
    for warning in summary.warnings:
        console.line(("warning:", "yellow"), f" {warning}")
    if not summary.warnings:
        console.line("no warnings")


def _or_unlimited(value: int | None) -> str:
    return "unlimited" if value is None else str(value)

"""Reports of solved schedules: a self-contained HTML file to read, compare and print."""

from collections.abc import Sequence
from pathlib import Path

from workwindow.output import write_text
from workwindow.report.html import render_report
from workwindow.report.inputs import load_inputs


def write_report(
    scenario_path: Path,
    schedule_path: Path,
    output: Path,
    overrides: Sequence[str] = (),
    *,
    health_details: bool = False,
) -> None:
    scenario, schedule = load_inputs(scenario_path, schedule_path, overrides)
    html = render_report(scenario, schedule, health_details=health_details)
    write_text(output, html, (scenario_path, schedule_path))


__all__ = ["render_report", "write_report"]

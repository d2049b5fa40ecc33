"""Exports of a schedule for other tools: CSV, a printable Excel workbook, calendars, the clinic's roster.

None of them holds health data: no dose form anywhere, and the workbook and the
supervisors' calendars hold no dose times either (participant ids only). The
clinic's roster holds dose times, as the clinic must, by participant id.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from workwindow.export.table import assignments_csv
from workwindow.output import refuse_existing, write_bytes, write_text
from workwindow.report.inputs import load_inputs
from workwindow.report.plan import Plan

Format = Literal["csv", "xlsx", "ics", "roster"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "ics", "roster")

if TYPE_CHECKING:
    from workwindow.export.ics import calendars
    from workwindow.export.workbook import workbook_bytes


def __getattr__(name: str) -> Any:
    """openpyxl and icalendar load only for the format that needs them."""
    if name == "calendars":
        from workwindow.export.ics import calendars

        return calendars
    if name == "workbook_bytes":
        from workwindow.export.workbook import workbook_bytes

        return workbook_bytes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def export(
    scenario_path: Path,
    schedule_path: Path,
    fmt: Format,
    output: Path,
    overrides: Sequence[str] = (),
    *,
    force: bool = False,
) -> list[Path]:
    """Write the export; for ics, `output` is a directory of one file per person, written whole;
    for roster, OUTPUT.html and OUTPUT.csv (a .html or .csv suffix on `output` is dropped first)."""
    inputs = (scenario_path, schedule_path)
    if fmt != "ics":
        refuse_existing(export_paths(fmt, output), force=force, inputs=inputs)
    plan = Plan(*load_inputs(scenario_path, schedule_path, overrides))
    if fmt == "csv":
        write_text(output, assignments_csv(plan), inputs)
        return [output]
    if fmt == "xlsx":
        from workwindow.export.workbook import workbook_bytes

        write_bytes(output, workbook_bytes(plan), inputs)
        return [output]
    if fmt == "roster":
        return _write_roster(plan, output, inputs)
    from workwindow.export.folder import write_calendars
    from workwindow.export.ics import calendars

    return write_calendars(output, calendars(plan), inputs, force=force)


def export_paths(fmt: Format, output: Path) -> list[Path]:
    """The files an export writes (for ics: the folder)."""
    if fmt != "roster":
        return [output]
    stem = output.with_suffix("") if output.suffix in (".html", ".csv") else output
    return [stem.with_name(stem.name + ".html"), stem.with_name(stem.name + ".csv")]


def _write_roster(plan: Plan, output: Path, inputs: tuple[Path, ...]) -> list[Path]:
    from workwindow.export.roster import roster, roster_csv
    from workwindow.export.roster_page import roster_html

    days = roster(plan.scenario, plan.schedule)
    written = export_paths("roster", output)
    write_text(written[0], roster_html(plan.scenario, days), inputs)
    write_text(written[1], roster_csv(days), inputs)
    return written


__all__ = ["FORMATS", "Format", "assignments_csv", "calendars", "export", "workbook_bytes"]

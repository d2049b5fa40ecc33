"""Commands that turn a schedule into something to read or import: the HTML report and exports."""

from pathlib import Path

import click

from workwindow.cli.common import (
    force_option,
    health_details_option,
    overrides_option,
    reports_errors,
    scenario_option,
    schedule_argument,
)
from workwindow.export import FORMATS, Format


@click.command()
@schedule_argument
@scenario_option
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The HTML file to write.")
@health_details_option
@force_option
@overrides_option
@reports_errors
def report(
    schedule_file: Path,
    scenario_file: Path,
    output: Path,
    health_details: bool,
    force: bool,
    overrides: tuple[str, ...],
) -> None:
    """Write a self-contained HTML report of a schedule (opens offline, prints landscape).

    The report is the plan as shared with the work program: each assignment's dose and
    ready times, but no dose form or observation; --health-details makes the clinic's copy.
    """
    from workwindow.output import refuse_existing
    from workwindow.report import write_report

    refuse_existing([output], force=force, inputs=(scenario_file, schedule_file))
    write_report(scenario_file, schedule_file, output, overrides, health_details=health_details)
    click.echo(f"Wrote {output}")


@click.command()
@schedule_argument
@scenario_option
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS), help="What to write.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The file to write; for ics a directory that gets one .ics per person (written whole, replacing only "
    "the calendars an earlier export wrote there); for roster PATH.html and PATH.csv.",
)
@force_option
@overrides_option
@reports_errors
def export(
    schedule_file: Path, scenario_file: Path, fmt: Format, output: Path, force: bool, overrides: tuple[str, ...]
) -> None:
    """Export a schedule as CSV, a printable Excel workbook, calendars (.ics) per person, or the clinic's roster.

    The roster lists, per clinic and day, each morning dose in time order with its booth (ids only).
    """
    from workwindow.export import export as export_schedule

    written = export_schedule(scenario_file, schedule_file, fmt, output, overrides, force=force)
    if fmt == "ics":
        click.echo(f"Wrote {len(written)} calendars to {output}")
    else:
        click.echo(f"Wrote {' and '.join(map(str, written))}")


COMMANDS = (report, export)

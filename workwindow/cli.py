"""The `workwindow` command line: thin commands over the core functions.

The core raises `WorkwindowError`s; only here are they turned into one
paragraph on stderr and an exit code (2: bad input, 1: no schedule or
violations, 0: done).
"""

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from workwindow import __version__
from workwindow.errors import InputError, WorkwindowError
from workwindow.export import FORMATS, Format
from workwindow.export import export as export_schedule
from workwindow.report import write_report

EXIT_BAD_INPUT = 2


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn core errors into a one-paragraph message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            click.echo(f"Error: {exc.paragraph()}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except WorkwindowError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper


@click.group()
@click.version_option(__version__, prog_name="workwindow")
def main() -> None:
    """Plan paid day work (I jobb) around supervised morning doses (HABiO)."""


_schedule_argument = click.argument("schedule_file", metavar="SCHEDULE", type=click.Path(path_type=Path))
_scenario_option = click.option(
    "--scenario",
    "scenario_file",
    required=True,
    type=click.Path(path_type=Path),
    help="The scenario the schedule was solved for (crews' sites, staff, weeks).",
)


@main.command()
@_schedule_argument
@_scenario_option
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="The HTML file to write.")
@reports_errors
def report(schedule_file: Path, scenario_file: Path, output: Path) -> None:
    """Write a self-contained HTML report of a schedule (opens offline, prints landscape)."""
    write_report(scenario_file, schedule_file, output)
    click.echo(f"Wrote {output}")


@main.command()
@_schedule_argument
@_scenario_option
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS), help="What to write.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The file to write; for ics a directory that gets one .ics per person.",
)
@reports_errors
def export(schedule_file: Path, scenario_file: Path, fmt: Format, output: Path) -> None:
    """Export a schedule as CSV, a printable Excel workbook, or calendars (.ics) per person."""
    written = export_schedule(scenario_file, schedule_file, fmt, output)
    if fmt == "ics":
        click.echo(f"Wrote {len(written)} calendars to {output}")
    else:
        click.echo(f"Wrote {output}")

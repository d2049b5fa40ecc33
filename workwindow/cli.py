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

from workwindow import __version__, solver
from workwindow.console import new_console, print_schedule, print_summary
from workwindow.diagnostics import summarize
from workwindow.errors import InputError, WorkwindowError
from workwindow.export import FORMATS, Format
from workwindow.export import export as export_schedule
from workwindow.models import load_scenario, scenario_json_schema
from workwindow.output import write_text
from workwindow.report import write_report

EXIT_NO_SCHEDULE = 1
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


def scenario_argument(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))(command)


def overrides_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--set PATH=VALUE, repeatable: the same for every command that reads a scenario."""
    return click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="PATH=VALUE",
        help="Change one scenario value, e.g. --set program.latest_start=10:30 (VALUE is YAML; repeatable).",
    )(command)


def solver_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--time-limit, --workers, --seed: the same for every command that solves."""
    options = [
        click.option("--time-limit", default=60.0, show_default=True, help="Seconds for the whole solve."),
        click.option("--workers", default=2, show_default=True, help="CP-SAT search workers."),
        click.option("--seed", default=0, show_default=True, help="CP-SAT random seed."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@scenario_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Also write the schedule JSON.")
@overrides_option
@solver_options
@reports_errors
def solve(
    scenario: Path, output: Path | None, overrides: tuple[str, ...], time_limit: float, workers: int, seed: int
) -> None:
    """Find the best schedule for SCENARIO and print it week by week."""
    loaded = load_scenario(scenario, overrides)
    schedule = solver.solve(loaded, time_limit=time_limit, workers=workers, seed=seed)
    print_schedule(new_console(), loaded, schedule)
    if output is not None:
        write_text(output, schedule.to_json(), inputs=(scenario,))
        click.echo(f"schedule written to {output}")
    if schedule.status in ("infeasible", "unknown"):
        sys.exit(EXIT_NO_SCHEDULE)


@main.command()
@scenario_argument
@overrides_option
@reports_errors
def check(scenario: Path, overrides: tuple[str, ...]) -> None:
    """Validate SCENARIO and summarise it, with warnings about what will surprise."""
    loaded = load_scenario(scenario, overrides)
    print_summary(new_console(), loaded, summarize(loaded))


@main.command()
def schema() -> None:
    """Print the JSON Schema of scenario files, for editors (yaml-language-server)."""
    click.echo(scenario_json_schema())


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
@overrides_option
@reports_errors
def report(schedule_file: Path, scenario_file: Path, output: Path, overrides: tuple[str, ...]) -> None:
    """Write a self-contained HTML report of a schedule (opens offline, prints landscape)."""
    write_report(scenario_file, schedule_file, output, overrides)
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
@overrides_option
@reports_errors
def export(schedule_file: Path, scenario_file: Path, fmt: Format, output: Path, overrides: tuple[str, ...]) -> None:
    """Export a schedule as CSV, a printable Excel workbook, or calendars (.ics) per person."""
    written = export_schedule(scenario_file, schedule_file, fmt, output, overrides)
    if fmt == "ics":
        click.echo(f"Wrote {len(written)} calendars to {output}")
    else:
        click.echo(f"Wrote {output}")

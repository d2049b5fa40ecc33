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
from workwindow.verify import load_schedule, recompute, verify

EXIT_NO_SCHEDULE = 1
EXIT_VIOLATIONS = 1
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
@solver_options
@reports_errors
def solve(scenario: Path, output: Path | None, time_limit: float, workers: int, seed: int) -> None:
    """Find the best schedule for SCENARIO and print it week by week."""
    loaded = load_scenario(scenario)
    schedule = solver.solve(loaded, time_limit=time_limit, workers=workers, seed=seed)
    print_schedule(new_console(), loaded, schedule)
    if output is not None:
        write_text(output, schedule.to_json(), inputs=(scenario,))
        click.echo(f"schedule written to {output}")
    if schedule.status in ("infeasible", "unknown"):
        sys.exit(EXIT_NO_SCHEDULE)


@main.command()
@scenario_argument
@reports_errors
def check(scenario: Path) -> None:
    """Validate SCENARIO and summarise it, with warnings about what will surprise."""
    loaded = load_scenario(scenario)
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


@main.command("verify")
@scenario_argument
@click.argument("schedule", type=click.Path(dir_okay=False, path_type=Path))
@reports_errors
def verify_command(scenario: Path, schedule: Path) -> None:
    """Check SCHEDULE (JSON) against every rule of SCENARIO, independently of the solver.

    Prints "valid: …" with the recomputed objectives (exit 0), or each broken
    rule on its own line (exit 1). Unreadable input exits 2.
    """
    setting, plan = load_scenario(scenario), load_schedule(schedule)
    violations = verify(setting, plan)
    if violations:
        for violation in violations:
            click.echo(violation.message)
        sys.exit(EXIT_VIOLATIONS)
    found = recompute(setting, plan)
    order = [*setting.objective, *(name for name in found.objectives if name not in setting.objective)]
    values = ", ".join(f"{name} {found.objectives[name]}" for name in order)
    click.echo(f"valid: {values} ({found.days_worked} days worked by {found.participants_served} participants)")

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
from workwindow.models import load_scenario
from workwindow.verify import load_schedule, recompute, verify

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


@main.command("verify")
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
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

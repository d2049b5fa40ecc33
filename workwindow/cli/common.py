"""What the commands share: exit codes, error reporting and the options several take.

The core raises `WorkwindowError`s; only here are they turned into one
paragraph on stderr and an exit code (2: bad input, 1: no schedule or
violations, 0: done). Nothing heavy is imported here: `--help` and `check`
must start fast.
"""

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from workwindow.errors import InputError, WorkwindowError
from workwindow.interrupts import EXIT_INTERRUPTED as EXIT_INTERRUPTED

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


def _with_options(options: list[Callable[..., Any]]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


solver_options = _with_options(
    [
        click.option("--time-limit", default=60.0, show_default=True, help="Seconds for the whole solve."),
        click.option("--workers", default=2, show_default=True, help="CP-SAT search workers."),
        click.option("--seed", default=0, show_default=True, help="CP-SAT random seed."),
    ]
)
"""--time-limit, --workers, --seed: the same for every command that solves one scenario."""


def _side_by_side_options(seed_help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _with_options(
        [
            click.option(
                "--jobs",
                default=os.cpu_count() or 1,
                show_default="cores",
                type=click.IntRange(min=1),
                help="Solves run side by side.",
            ),
            click.option("--time-limit", default=60.0, show_default=True, help="Seconds for each solve."),
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                help="CP-SAT search workers in each solve  [default: 1; when fewer solves than --jobs run at once, "
                "--jobs shared out among them, so a lone solve gets them all]",
            ),
            click.option("--seed", default=0, show_default=True, help=seed_help),
        ]
    )


whatif_solver_options = _side_by_side_options("CP-SAT random seed of every solve.")
"""Options of commands that run several solves side by side."""
compare_solver_options = _side_by_side_options("CP-SAT random seed of every solve, and of the tablet draws.")
"""The same for compare, whose seed also draws who switches to tablets."""

force_option = click.option(
    "--force", is_flag=True, help="Replace output files that already exist (without it they are never overwritten)."
)

health_details_option = click.option(
    "--health-details",
    is_flag=True,
    help="For the clinic: give dose forms, observation and dose times behind the reasons and warnings "
    "(console and report only; files that travel with the plan never hold them).",
)

robust_option = click.option(
    "--robust",
    type=click.FloatRange(0, 1, min_open=True),
    metavar="Q",
    help="Plan readiness at the Q-quantile (e.g. 0.9) of the scenario's uncertainty: dose delay, "
    "extra observation and travel.",
)
"""solve, compare and sweep: plans that survive the mornings the scenario's `uncertainty` block describes."""

cluster_option = click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run on Dask: 'local' starts a LocalCluster; tcp://HOST:PORT uses a running scheduler.",
)

schedule_argument = click.argument("schedule_file", metavar="SCHEDULE", type=click.Path(path_type=Path))
scenario_option = click.option(
    "--scenario",
    "scenario_file",
    required=True,
    type=click.Path(path_type=Path),
    help="The scenario the schedule was solved for (crews' sites, staff, weeks).",
)

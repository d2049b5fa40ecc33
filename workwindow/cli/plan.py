"""Commands over one scenario: solve it, check it, print its schema."""

import sys
from pathlib import Path

import click

from workwindow.cli.common import (
    EXIT_NO_SCHEDULE,
    cluster_option,
    force_option,
    health_details_option,
    overrides_option,
    reports_errors,
    robust_option,
    scenario_argument,
    solver_options,
)
from workwindow.errors import InputError, Problem
from workwindow.imports import collector_paused
from workwindow.interrupts import exit_interrupted, interrupted


@click.command()
@scenario_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Also write the schedule JSON.")
@click.option("--doses", is_flag=True, help="Show each person's morning dose time in the plan (health-adjacent).")
@health_details_option
@robust_option
@force_option
@click.option(
    "--discard-interrupted",
    is_flag=True,
    help="On Ctrl-C write no schedule file (by default the best plan found so far is written, status feasible).",
)
@overrides_option
@solver_options
@click.option(
    "--deterministic",
    is_flag=True,
    help="Same input and seed, same schedule, here or on a cluster. --time-limit then counts CP-SAT's "
    "work units, not the clock: the wall time can be many times the limit.",
)
@cluster_option
@click.option(
    "--start-from",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Start from this plan (last week's, or this week's before a change).",
)
@click.option(
    "--keep-changes-few", is_flag=True, help="With --start-from: after the objectives, change that plan least."
)
@reports_errors
def solve(
    scenario: Path,
    output: Path | None,
    doses: bool,
    health_details: bool,
    robust: float | None,
    force: bool,
    discard_interrupted: bool,
    overrides: tuple[str, ...],
    time_limit: float,
    workers: int,
    seed: int,
    deterministic: bool,
    cluster: str | None,
    start_from: Path | None,
    keep_changes_few: bool,
) -> None:
    """Find the best schedule for SCENARIO and print it week by week.

    With --cluster each week is solved on a Dask worker (workwindow must be
    installed there); with --deterministic too, the schedule is the one a
    solve on this machine gives. --start-from starts each week from a plan
    and, with --keep-changes-few, changes it least after the objectives.

    Ctrl-C stops the search at once and keeps the best plan found so far (status feasible):
    it is printed and written to --output as usual, and the exit code is 130.
    """
    from workwindow.cli.interrupts import solve_keeping_the_plan
    from workwindow.cluster import solve_scenario
    from workwindow.console import new_console, print_schedule
    from workwindow.models import load_scenario
    from workwindow.output import refuse_existing, write_text
    from workwindow.solver import SolveSettings

    if keep_changes_few and start_from is None:
        raise InputError("--keep-changes-few", [Problem("", "needs --start-from, the plan to keep")])
    if start_from is not None and cluster is not None:
        raise InputError("--start-from", [Problem("", "solves on this machine; leave out --cluster")])
    inputs = (scenario, *([start_from] if start_from else []))
    refuse_existing([output] if output else [], force=force, inputs=inputs)
    loaded = load_scenario(scenario, overrides)
    settings = SolveSettings(
        time_limit=time_limit, workers=workers, seed=seed, deterministic=deterministic, robust=robust
    )
    if start_from is None:
        schedule = solve_keeping_the_plan(
            lambda progress: solve_scenario(loaded, settings, cluster, progress), softly=cluster is None
        )
    else:
        from workwindow.models import load_schedule
        from workwindow.replan.resolve import solve_from

        schedule = solve_from(loaded, load_schedule(start_from), settings, keep_changes_few=keep_changes_few)
    print_schedule(new_console(), loaded, schedule, doses=doses, health_details=health_details)
    if output is not None and not (interrupted() and discard_interrupted):
        write_text(output, schedule.to_json(), inputs=inputs)
        click.echo(f"schedule written to {output}")
    if interrupted():
        exit_interrupted("Interrupted: the plan is the best found so far (status feasible)")
    if schedule.status in ("infeasible", "unknown"):
        sys.exit(EXIT_NO_SCHEDULE)


@click.command()
@scenario_argument
@health_details_option
@overrides_option
@reports_errors
def check(scenario: Path, health_details: bool, overrides: tuple[str, ...]) -> None:
    """Validate SCENARIO and summarise it, with warnings about what will surprise."""
    with collector_paused(unless_loaded="workwindow.check_output"):
        from workwindow.check_output import print_summary
        from workwindow.diagnostics import summarize
        from workwindow.models.overrides import load_scenario
        from workwindow.plain_console import PlainConsole

    loaded = load_scenario(scenario, overrides)
    summary = summarize(loaded, health_details=health_details)
    print_summary(PlainConsole(), loaded, summary, health_details=health_details)


@click.command()
def schema() -> None:
    """Print the JSON Schema of scenario files, for editors (yaml-language-server)."""
    from workwindow.schema_copy import scenario_schema_text

    click.echo(scenario_schema_text())


COMMANDS = (solve, check, schema)

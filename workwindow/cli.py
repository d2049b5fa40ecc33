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
from rich.console import Console

from workwindow import __version__, solver
from workwindow.batch import SolveSettings, run_batch
from workwindow.batch.display import closing_lines, progress_for, summary_table
from workwindow.console import new_console, print_schedule, print_summary
from workwindow.diagnostics import summarize
from workwindow.errors import InputError, WorkwindowError
from workwindow.export import FORMATS, Format
from workwindow.export import export as export_schedule
from workwindow.generate import LIMITS, generated_scenario, write_generated
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


EXIT_INTERRUPTED = 130
EXIT_BATCH_NOT_RUN = 100
MOST_FAILURES_COUNTED = 99


class _BatchCommand(click.Command):
    """Usage mistakes exit with 100 too: small exit codes count failed scenarios."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            exc.exit_code = EXIT_BATCH_NOT_RUN
            raise


@main.command(cls=_BatchCommand)
@click.argument("scenarios", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for <name>.json results, <name>.error.json records and the summary.",
)
@click.option("--jobs", type=click.IntRange(min=1), help="Local worker processes (default: the number of cores).")
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run on Dask: 'local' starts a LocalCluster; tcp://HOST:PORT uses a running scheduler.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds per scenario.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="CP-SAT threads per scenario."
)
@click.option("--seed", type=int, default=0, show_default=True, help="CP-SAT random seed.")
@click.option("--deterministic", is_flag=True, help="Same input, same schedule, on any machine or cluster.")
def batch(
    scenarios: tuple[str, ...],
    out: Path,
    jobs: int | None,
    cluster: str | None,
    time_limit: float,
    workers: int,
    seed: int,
    deterministic: bool,
) -> None:
    """Solve every scenario given (files, folders, globs) into --out, resuming an earlier run.

    A result is reused while its scenario file and these settings are
    unchanged. Exit code: 0 when all are solved, otherwise the number of
    failed scenarios (99 for 99 or more); 100 when the batch cannot run;
    130 when interrupted (run the same command again to resume).
    """
    settings = SolveSettings(time_limit=time_limit, workers=workers, seed=seed, deterministic=deterministic)
    progress = progress_for(Console(stderr=True))
    try:
        with progress:
            report = run_batch(scenarios, out, settings, cluster=cluster, jobs=jobs, listener=progress)
    except KeyboardInterrupt:
        click.echo(f"Interrupted after {progress.done} results; run the same command again to resume.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except WorkwindowError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_BATCH_NOT_RUN)
    console = Console()
    console.print(summary_table(report))
    for line in closing_lines(report):
        click.echo(line)
    sys.exit(min(report.failed, MOST_FAILURES_COUNTED))


@main.command()
@click.option("--participants", type=click.IntRange(1, LIMITS["participants"]), required=True)
@click.option("--crews", type=click.IntRange(1, LIMITS["crews"]), default=2, show_default=True)
@click.option("--clinics", type=click.IntRange(1, LIMITS["clinics"]), default=1, show_default=True)
@click.option("--weeks", type=click.IntRange(1, LIMITS["weeks"]), default=1, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same file, byte for byte.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: print the scenario).",
)
@click.option("--force", is_flag=True, help="Replace the --output file if it exists.")
@reports_errors
def generate(
    participants: int, crews: int, clinics: int, weeks: int, seed: int, output: Path | None, force: bool
) -> None:
    """Write a synthetic scenario for benchmarks, tests and simulations."""
    text = generated_scenario(participants, crews, clinics, weeks, seed)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_generated(output, text, force=force)
        click.echo(f"Wrote {output}", err=True)

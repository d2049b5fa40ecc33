"""Commands for many scenarios: solve them in a batch, and generate synthetic ones."""

import sys
from pathlib import Path

import click

from workwindow.cli.common import EXIT_INTERRUPTED, cluster_option, reports_errors
from workwindow.errors import WorkwindowError
from workwindow.generate import LIMITS

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


@click.command(cls=_BatchCommand)
@click.argument("scenarios", nargs=-1, required=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for <name>.json results, <name>.error.json records and the summary.",
)
@click.option("--jobs", type=click.IntRange(min=1), help="Local worker processes (default: the number of cores).")
@cluster_option
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
@click.option(
    "--deterministic",
    is_flag=True,
    help="Same input, same schedule, on any machine or cluster. --time-limit then counts CP-SAT's "
    "work units, not the clock: the wall time can be many times the limit.",
)
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
    from rich.console import Console

    from workwindow.batch import run_batch
    from workwindow.batch.display import closing_lines, progress_for, summary_table
    from workwindow.solver import SolveSettings

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


@click.command()
@click.option(
    "--participants",
    type=click.IntRange(1, LIMITS["participants"]),
    required=True,
    help="How many participants (invented ids P01, P02, …), each with a dose form, crews, days and wants.",
)
@click.option(
    "--crews",
    type=click.IntRange(1, LIMITS["crews"]),
    default=2,
    show_default=True,
    help="How many I jobb crews, each at its own site on 2–3 weekdays.",
)
@click.option(
    "--clinics",
    type=click.IntRange(1, LIMITS["clinics"]),
    default=1,
    show_default=True,
    help="How many dosing clinics, each with its own morning window and stations.",
)
@click.option(
    "--weeks",
    type=click.IntRange(1, LIMITS["weeks"]),
    default=1,
    show_default=True,
    help="Weeks in the horizon (from a Monday).",
)
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
    from workwindow.generate import generated_scenario, write_generated

    text = generated_scenario(participants, crews, clinics, weeks, seed)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_generated(output, text, force=force)
        click.echo(f"Wrote {output}", err=True)


COMMANDS = (batch, generate)

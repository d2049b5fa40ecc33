"""The `workwindow` command line: thin commands over the core functions.

The core raises `WorkwindowError`s; only here are they turned into one
paragraph on stderr and an exit code (2: bad input, 1: no schedule or
violations, 0: done).
"""

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from workwindow import __version__, solver
from workwindow.batch import run_batch
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
from workwindow.solver import SolveSettings
from workwindow.sweep import check_outputs, load_sweep, run_sweep, write_results, write_sweep_report
from workwindow.sweep.display import SweepProgress, print_sweep
from workwindow.verify import load_schedule, recompute, verify
from workwindow.whatif.compare import group_overrides
from workwindow.whatif.explain import explain_participant
from workwindow.whatif.run import CompareRequest, run_compare, write_comparison_report, write_numbers
from workwindow.whatif.tables import print_comparison, print_explanation, print_switch_each
from workwindow.whatif.tablets import SwitchEach

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


# -- what-ifs: compare and explain ---------------------------------------------------


def whatif_solver_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options of commands that run several solves side by side."""
    options = [
        click.option(
            "--jobs",
            default=os.cpu_count() or 1,
            show_default="cores",
            type=click.IntRange(min=1),
            help="Solves run side by side.",
        ),
        click.option("--time-limit", default=60.0, show_default=True, help="Seconds for each solve."),
        click.option("--workers", default=1, show_default=True, help="CP-SAT search workers in each solve."),
        click.option(
            "--seed", default=0, show_default=True, help="CP-SAT random seed (compare: also of the tablet draws)."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


class OptionOrderCommand(click.Command):
    """Keeps the order in which --variant and --set were given, which click's lists lose."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["workwindow.option_order"] = _option_order(args, {"--variant": "variant", "--set": "set"})
        return super().parse_args(ctx, args)


def _option_order(args: list[str], names: dict[str, str]) -> list[str]:
    order, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--":
            break
        elif arg in names:
            order.append(names[arg])
            skip = True
        elif arg.startswith("--") and "=" in arg and arg.split("=", 1)[0] in names:
            order.append(names[arg.split("=", 1)[0]])
    return order


def _shares(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        shares = tuple(float(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a list of shares such as 0,0.25,0.5,1") from None
    if not shares or not all(0 <= share <= 1 for share in shares):
        raise click.BadParameter("give shares between 0 and 1, such as 0,0.25,0.5,1")
    return shares


@main.command(cls=OptionOrderCommand)
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("variant_files", metavar="[VARIANT.yaml]...", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--variant",
    "variant_names",
    multiple=True,
    metavar="NAME",
    help="A variant of BASE made by the --set options that follow it (repeatable).",
)
@overrides_option
@click.option(
    "--switch-to-tablet",
    "shares",
    metavar="SHARES",
    callback=_shares,
    help="Switch these shares of the injecting participants to tablets, e.g. 0,0.25,0.5,1.",
)
@click.option("--draws", default=1, show_default=True, type=click.IntRange(min=1), help="Random draws per share.")
@click.option("--switch-each", "each", is_flag=True, help="Switch each injecting participant alone: who gains most.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the numbers to PATH.csv and PATH.json.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Write an HTML comparison report.")
@whatif_solver_options
@reports_errors
def compare(
    base: Path,
    variant_files: tuple[Path, ...],
    variant_names: tuple[str, ...],
    overrides: tuple[str, ...],
    shares: tuple[float, ...] | None,
    draws: int,
    each: bool,
    output: Path | None,
    report: Path | None,
    jobs: int,
    time_limit: float,
    workers: int,
    seed: int,
) -> None:
    """Solve BASE and its variants side by side and compare objectives and key figures.

    A variant is another scenario file, or BASE changed by --variant NAME --set PATH=VALUE ...:
    each --set belongs to the --variant before it, and a --set before any --variant applies to
    BASE and every variant. Or ask the tablet question with --switch-to-tablet or --switch-each.
    """
    order = click.get_current_context().meta["workwindow.option_order"]
    common, named = group_overrides(order, variant_names, overrides)
    request = CompareRequest(base, variant_files, tuple(common), tuple(named), shares, draws, each)
    settings = SolveSettings(time_limit=time_limit, workers=workers, seed=seed, explain=report is not None)
    result = run_compare(request, settings, jobs)
    if isinstance(result, SwitchEach):
        print_switch_each(new_console(), result, jobs)
    else:
        print_comparison(new_console(), result, jobs)
    for path in write_numbers(result, output, request.inputs) if output is not None else []:
        click.echo(f"Wrote {path}")
    if report is not None:
        write_comparison_report(result, report, request.inputs)
        click.echo(f"Wrote {report}")


@main.command()
@scenario_argument
@click.argument("participant")
@overrides_option
@whatif_solver_options
@reports_errors
def explain(
    scenario: Path,
    participant: str,
    overrides: tuple[str, ...],
    jobs: int,
    time_limit: float,
    workers: int,
    seed: int,
) -> None:
    """Show PARTICIPANT's eligible days, why they do not work, and what would change it."""
    loaded = load_scenario(scenario, overrides)
    settings = SolveSettings(time_limit=time_limit, workers=workers, seed=seed, explain=False)
    print_explanation(new_console(), explain_participant(loaded, participant, settings, jobs))


cluster_option = click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run on Dask: 'local' starts a LocalCluster; tcp://HOST:PORT uses a running scheduler.",
)


@main.command("sweep")
@click.argument("sweep_file", metavar="SWEEP.yaml", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for results.csv, results.parquet, plot.png and plot.svg.",
)
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Write an HTML report of the sweep.")
@click.option("--jobs", type=click.IntRange(min=1), help="Solves side by side (default: the number of cores).")
@cluster_option
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds for each solve  [default: the sweep file's time_limit, else 60]",
)
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="CP-SAT threads per solve.")
@reports_errors
def sweep_command(
    sweep_file: Path,
    output: Path | None,
    report: Path | None,
    jobs: int | None,
    cluster: str | None,
    time_limit: float | None,
    workers: int,
) -> None:
    """Solve the variants of a scenario that SWEEP.yaml describes, side by side, and compare them.

    The sweep file names a base scenario and the values to try for some of
    its fields (the same paths and values as --set): every combination of
    those under grid, the lists under zip walked together. One row per
    variant: the values tried, status, objectives, key figures and seconds.
    Exit code 1 when a variant got no schedule.
    """
    loaded = load_sweep(sweep_file)
    check_outputs(loaded, output, report)
    settings = SolveSettings(time_limit=time_limit or loaded.time_limit, workers=workers, explain=report is not None)
    try:
        with SweepProgress(Console(stderr=True), loaded.solves) as progress:
            result = run_sweep(loaded, settings, jobs=jobs, cluster=cluster, listener=progress)
    except KeyboardInterrupt:
        click.echo("Interrupted; nothing was written.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    print_sweep(new_console(), result)
    for path in write_results(result, output) if output is not None else []:
        click.echo(f"Wrote {path}")
    if report is not None:
        write_sweep_report(result, report)
        click.echo(f"Wrote {report}")
    if result.failed:
        sys.exit(EXIT_NO_SCHEDULE)


@main.command("verify")
@scenario_argument
@click.argument("schedule", type=click.Path(dir_okay=False, path_type=Path))
@overrides_option
@reports_errors
def verify_command(scenario: Path, schedule: Path, overrides: tuple[str, ...]) -> None:
    """Check SCHEDULE (JSON) against every rule of SCENARIO, independently of the solver.

    Prints "valid: …" with the recomputed objectives (exit 0), or each broken
    rule on its own line (exit 1). Unreadable input exits 2.
    """
    setting, plan = load_scenario(scenario, overrides), load_schedule(schedule)
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

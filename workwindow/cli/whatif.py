"""What-if commands: compare variants, explain one person's days, sweep a grid of values."""

import sys
from pathlib import Path

import click

from workwindow.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_NO_SCHEDULE,
    cluster_option,
    compare_solver_options,
    force_option,
    health_details_option,
    overrides_option,
    reports_errors,
    robust_option,
    scenario_argument,
    whatif_solver_options,
)
from workwindow.console import new_console
from workwindow.models import load_scenario


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


@click.command(cls=OptionOrderCommand)
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
@force_option
@health_details_option
@robust_option
@click.option(
    "--simulate",
    "simulate_draws",
    type=click.IntRange(min=1),
    metavar="N",
    help="Also play each plan on N sampled mornings of the scenario's uncertainty: delivered days beside planned.",
)
@compare_solver_options
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
    force: bool,
    health_details: bool,
    robust: float | None,
    simulate_draws: int | None,
    jobs: int,
    time_limit: float,
    workers: int | None,
    seed: int,
) -> None:
    """Solve BASE and its variants side by side and compare objectives and key figures.

    A variant is another scenario file, or BASE changed by --variant NAME --set PATH=VALUE ...:
    each --set belongs to the --variant before it, and a --set before any --variant applies to
    BASE and every variant. Or ask the tablet question with --switch-to-tablet or --switch-each.
    """
    from workwindow.output import refuse_existing
    from workwindow.solver import SolveSettings
    from workwindow.whatif.compare import group_overrides
    from workwindow.whatif.run import CompareRequest, number_paths, run_compare, write_comparison_report, write_numbers
    from workwindow.whatif.tables import print_comparison, print_switch_each
    from workwindow.whatif.tablets import SwitchEach

    if (shares is not None or each) and not health_details:
        raise click.UsageError(
            "the tablet question names who injects, which is the clinic's to know: add --health-details"
        )
    order = click.get_current_context().meta["workwindow.option_order"]
    common, named = group_overrides(order, variant_names, overrides)
    request = CompareRequest(base, variant_files, tuple(common), tuple(named), shares, draws, each)
    outputs = [*(number_paths(output) if output else []), *([report] if report else [])]
    refuse_existing(outputs, force=force, inputs=request.inputs)
    settings = SolveSettings(
        time_limit=time_limit, workers=workers or 1, seed=seed, explain=report is not None, robust=robust
    )
    result = run_compare(request, settings, jobs, fill_cores=workers is None)
    if simulate_draws is not None:
        from workwindow.simulate.compared import with_simulated

        result = with_simulated(result, simulate_draws, seed)
    if isinstance(result, SwitchEach):
        print_switch_each(new_console(), result, jobs)
    else:
        print_comparison(new_console(), result, jobs)
    for path in write_numbers(result, output, request.inputs) if output is not None else []:
        click.echo(f"Wrote {path}")
    if report is not None:
        write_comparison_report(result, report, request.inputs)
        click.echo(f"Wrote {report}")


@click.command()
@scenario_argument
@click.argument("participant")
@click.option(
    "--plan",
    "plan_file",
    metavar="PLAN.json",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Explain this plan of SCENARIO (from solve -o, replan -o or the workbench, edited or not) "
    "instead of solving SCENARIO first.",
)
@health_details_option
@overrides_option
@whatif_solver_options
@reports_errors
def explain(
    scenario: Path,
    participant: str,
    plan_file: Path | None,
    health_details: bool,
    overrides: tuple[str, ...],
    jobs: int,
    time_limit: float,
    workers: int | None,
    seed: int,
) -> None:
    """Show PARTICIPANT's eligible days, why they do not work, and what would change it.

    The days are those of a fresh solve of SCENARIO, or with --plan those of the plan you
    hold: it must be a plan of SCENARIO (with the same --set) that keeps its rules, and the
    reasons are worked out from its assignments, whatever reasons it lists. Each what-if is
    solved and counted against those days.

    Tablets instead of injection is tried only with --health-details: the answer names the dose form.
    """
    from workwindow.models import load_schedule
    from workwindow.solver import SolveSettings
    from workwindow.whatif.explain import explain_participant
    from workwindow.whatif.tables import print_explanation

    loaded = load_scenario(scenario, overrides)
    plan = load_schedule(plan_file) if plan_file is not None else None
    settings = SolveSettings(time_limit=time_limit, workers=workers or 1, seed=seed, explain=False)
    explanation = explain_participant(
        loaded,
        participant,
        settings,
        jobs,
        health_details=health_details,
        plan=plan,
        plan_name=str(plan_file),
        fill_cores=workers is None,
    )
    print_explanation(new_console(), explanation)


@click.command("sweep")
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
@robust_option
@click.option(
    "--simulate",
    "simulate_draws",
    type=click.IntRange(min=1),
    metavar="N",
    help="Also play each plan on N sampled mornings of the scenario's uncertainty: delivered days beside planned "
    "(simulated.csv and .parquet in -o).",
)
@force_option
@reports_errors
def sweep_command(
    sweep_file: Path,
    output: Path | None,
    report: Path | None,
    jobs: int | None,
    cluster: str | None,
    time_limit: float | None,
    workers: int,
    robust: float | None,
    simulate_draws: int | None,
    force: bool,
) -> None:
    """Solve the variants of a scenario that SWEEP.yaml describes, side by side, and compare them.

    The sweep file names a base scenario and the values to try for some of
    its fields (the same paths and values as --set): every combination of
    those under grid, the lists under zip walked together. One row per
    variant: the values tried, status, objectives, key figures and seconds.
    Exit code 1 when a variant got no schedule.
    """
    from rich.console import Console

    from workwindow.solver import SolveSettings
    from workwindow.sweep import check_outputs, load_sweep, run_sweep, write_results, write_sweep_report
    from workwindow.sweep.display import SweepProgress, print_sweep

    loaded = load_sweep(sweep_file)
    from workwindow.simulate.swept import NAMES as SIMULATED

    check_outputs(loaded, output, report, force=force, also=SIMULATED if simulate_draws is not None else ())
    settings = SolveSettings(
        time_limit=time_limit or loaded.time_limit, workers=workers, explain=report is not None, robust=robust
    )
    try:
        with SweepProgress(Console(stderr=True), loaded.solves) as progress:
            result = run_sweep(loaded, settings, jobs=jobs, cluster=cluster, listener=progress)
    except KeyboardInterrupt:
        click.echo("Interrupted; nothing was written.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    print_sweep(new_console(), result)
    written = write_results(result, output) if output is not None else []
    if simulate_draws is not None:
        from workwindow.simulate.swept import print_simulated, simulated_rows, write_simulated

        rows = simulated_rows(result, simulate_draws, seed=0)
        print_simulated(new_console(), result, rows)
        written += write_simulated(rows, output, loaded.inputs) if output is not None else []
    for path in written:
        click.echo(f"Wrote {path}")
    if report is not None:
        write_sweep_report(result, report)
        click.echo(f"Wrote {report}")
    if result.failed:
        sys.exit(EXIT_NO_SCHEDULE)


COMMANDS = (compare, explain, sweep_command)

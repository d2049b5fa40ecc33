"""`workwindow simulate`: play a fixed plan on many sampled mornings."""

from pathlib import Path

import click

from workwindow.cli.common import cluster_option, overrides_option, reports_errors, scenario_argument


@click.command()
@scenario_argument
@click.argument("plan", metavar="PLAN.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--draws", required=True, type=click.IntRange(min=1), help="Sampled mornings per planned day.")
@click.option("--seed", default=0, show_default=True, type=int, help="Same seed, same numbers, on any --jobs.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for summary.json, CSV and Parquet tables and the plots.",
)
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Write an HTML section of the figures.")
@click.option(
    "--against",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Another plan for the same scenario, played on the same mornings: paired differences.",
)
@click.option(
    "--recourse",
    type=click.Choice(["none", "replan"]),
    default="none",
    show_default=True,
    help="none: the plan is played as it is; replan: each morning is re-planned as `workwindow replan` would.",
)
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(min=1), help="Local processes.")
@cluster_option
@overrides_option
@reports_errors
def simulate(
    scenario: Path,
    plan: Path,
    draws: int,
    seed: int,
    output: Path | None,
    report: Path | None,
    against: Path | None,
    recourse: str,
    jobs: int,
    cluster: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Sample mornings from SCENARIO's `uncertainty` block and play PLAN.json on them.

    Prints delivered participant-days against planned ones, days lost and
    why, late starts and supervisor hours, with 95 % intervals; who is most
    likely to lose a planned day and which groups start short. The plan file
    is only read.
    """
    from workwindow.console import new_console
    from workwindow.simulate.display import print_simulation
    from workwindow.simulate.inputs import SimulateRequest, run_simulation
    from workwindow.simulate.report import write_simulation_report
    from workwindow.simulate.tables import write_outputs

    request = SimulateRequest(scenario, plan, draws, seed, overrides, against, recourse, jobs, cluster)  # type: ignore[arg-type]
    result = run_simulation(request)
    print_simulation(new_console(), result)
    for path in write_outputs(result, output, request.inputs) if output is not None else []:
        click.echo(f"Wrote {path}")
    if report is not None:
        write_simulation_report(result, report, scenario.name, request.inputs)
        click.echo(f"Wrote {report}")


COMMANDS = (simulate,)

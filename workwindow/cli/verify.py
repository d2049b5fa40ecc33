"""`workwindow verify`: a plan checked against the scenario's rules, its figures recomputed."""

import sys
from pathlib import Path

import click

from workwindow.cli.common import EXIT_VIOLATIONS, overrides_option, reports_errors, scenario_argument
from workwindow.models import load_scenario


@click.command("verify")
@scenario_argument
@click.argument("schedule", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Exit 1 also when only figures (objectives, KPIs) no longer match the plan."
)
@click.option(
    "--write-figures",
    "write_to",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="OUT.json",
    help="Write the plan to OUT.json with its objectives and KPIs recomputed from its entries.",
)
@click.option("--force", is_flag=True, help="Let --write-figures write over an existing file (the plan's own too).")
@overrides_option
@reports_errors
def verify_command(
    scenario: Path, schedule: Path, strict: bool, write_to: Path | None, force: bool, overrides: tuple[str, ...]
) -> None:
    """Check SCHEDULE (JSON) against every rule of SCENARIO, independently of the solver.

    A plan needs only `assignments` and `groups`. Broken rules are listed
    and exit 1. Objectives and KPIs that no longer match the plan (after a
    hand edit) are listed as figures to update with the values the plan
    gives, exit 0 (1 with --strict). A valid plan prints its recomputed
    objectives. Unreadable input exits 2.
    """
    from workwindow.verify import check_plan, load_schedule, verdict_lines, write_figures

    setting, plan = load_scenario(scenario, overrides), load_schedule(schedule)
    findings = check_plan(setting, plan)
    if write_to is not None:
        write_figures(setting, plan, write_to, inputs=(scenario,), force=force)
    for line in verdict_lines(setting, plan, findings):
        click.echo(line)
    if write_to is not None:
        click.echo(f"Wrote {write_to} with the recomputed figures.")
    if findings.rules or (strict and findings.figures):
        sys.exit(EXIT_VIOLATIONS)


COMMANDS = (verify_command,)

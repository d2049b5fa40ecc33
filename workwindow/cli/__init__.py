"""The `workwindow` command line: thin commands over the core functions.

One module per group of commands, each listing its commands in `COMMANDS`. A
command joins the line by a `Listed` entry below: where it lives and its
docstring's first paragraph, which `--help` shows without importing the module
(tests/cli/test_lazy_commands.py checks both against the command). A command's
module is imported only when it runs, and it imports what it solves, plots or
exports with inside the command, so `--help`, `schema` and `check` start
without OR-Tools, pandas, Dask, matplotlib, openpyxl or icalendar.
"""

from typing import Any

import click

from workwindow import __version__
from workwindow.cli.common import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_NO_SCHEDULE, EXIT_VIOLATIONS
from workwindow.cli.lazy import LazyGroup, Listed

COMMANDS = {
    "solve": Listed("plan:solve", "Find the best schedule for SCENARIO and print it week by week."),
    "check": Listed("plan:check", "Validate SCENARIO and summarise it, with warnings about what will surprise."),
    "schema": Listed("plan:schema", "Print the JSON Schema of scenario files, for editors (yaml-language-server)."),
    "verify": Listed(
        "verify:verify_command", "Check SCHEDULE (JSON) against every rule of SCENARIO, independently of the solver."
    ),
    "replan": Listed(
        "replan:replan_command",
        "Re-plan a day of PLAN (a schedule JSON) as the morning turned out, changing as little as possible.",
    ),
    "report": Listed(
        "outputs:report", "Write a self-contained HTML report of a schedule (opens offline, prints landscape)."
    ),
    "export": Listed(
        "outputs:export",
        "Export a schedule as CSV, a printable Excel workbook, calendars (.ics) per person, or the clinic's roster.",
    ),
    "compare": Listed(
        "whatif:compare", "Solve BASE and its variants side by side and compare objectives and key figures."
    ),
    "explain": Listed(
        "whatif:explain", "Show PARTICIPANT's eligible days, why they do not work, and what would change it."
    ),
    "sweep": Listed(
        "whatif:sweep_command",
        "Solve the variants of a scenario that SWEEP.yaml describes, side by side, and compare them.",
    ),
    "batch": Listed(
        "batch:batch", "Solve every scenario given (files, folders, globs) into --out, resuming an earlier run."
    ),
    "generate": Listed("batch:generate", "Write a synthetic scenario for benchmarks, tests and simulations."),
    "simulate": Listed(
        "simulate:simulate", "Sample mornings from SCENARIO's `uncertainty` block and play PLAN.json on them."
    ),
    "serve": Listed(
        "serve:serve", "Open a workbench in the browser over the scenario files in FOLDER (default: this folder)."
    ),
}


@click.group(cls=LazyGroup, listed=COMMANDS)
@click.version_option(__version__, prog_name="workwindow")
def main() -> None:
    """Plan paid day work (I jobb) around supervised morning doses (HABiO)."""


_FROM_BATCH = ("EXIT_BATCH_NOT_RUN", "MOST_FAILURES_COUNTED")


def __getattr__(name: str) -> Any:
    """The batch's exit figures, without importing the batch command for every other one."""
    if name in _FROM_BATCH:
        from workwindow.cli import batch

        return getattr(batch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BATCH_NOT_RUN",
    "EXIT_INTERRUPTED",
    "EXIT_NO_SCHEDULE",
    "EXIT_VIOLATIONS",
    "MOST_FAILURES_COUNTED",
    "main",
]

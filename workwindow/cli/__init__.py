"""The `workwindow` command line: thin commands over the core functions.

One module per group of commands; each lists its commands in `COMMANDS`, and a
new module joins by being named in `_GROUPS`. Commands import what they solve,
plot or export with inside themselves, so `--help`, `schema` and `check` start
without OR-Tools, pandas, Dask, matplotlib, openpyxl or icalendar.
"""

import click

from workwindow import __version__
from workwindow.cli import batch, outputs, plan, replan, serve, simulate, verify, whatif
from workwindow.cli.batch import EXIT_BATCH_NOT_RUN, MOST_FAILURES_COUNTED
from workwindow.cli.common import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_NO_SCHEDULE, EXIT_VIOLATIONS
from workwindow.cli.interrupts import InterruptibleGroup

_GROUPS = (plan, verify, replan, outputs, whatif, batch, simulate, serve)


@click.group(cls=InterruptibleGroup)
@click.version_option(__version__, prog_name="workwindow")
def main() -> None:
    """Plan paid day work (I jobb) around supervised morning doses (HABiO)."""


for _group in _GROUPS:
    for _command in _group.COMMANDS:
        main.add_command(_command)

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_BATCH_NOT_RUN",
    "EXIT_INTERRUPTED",
    "EXIT_NO_SCHEDULE",
    "EXIT_VIOLATIONS",
    "MOST_FAILURES_COUNTED",
    "main",
]

"""A group that imports a command's module only when that command runs.

`workwindow --help` lists every command from the one-line help kept beside its
name, so it imports none of them (with them the models, rich, report and
verify, which take several times as long as Python starting).
"""

import importlib
from typing import Any, NamedTuple

import click

from workwindow.cli.interrupts import InterruptibleGroup


class Listed(NamedTuple):
    """Where a command lives ("module:function" under workwindow.cli) and its first docstring paragraph."""

    target: str
    help: str


class LazyGroup(InterruptibleGroup):
    def __init__(self, *args: Any, listed: dict[str, Listed], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.listed = listed

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.listed})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.listed:
            self.add_command(imported_command(self.listed[cmd_name].target), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's listing, but from the help kept in `listed`: nothing is imported to show it."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self._summary(ctx, name).get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _summary(self, ctx: click.Context, name: str) -> click.Command:
        if name in self.commands:
            return self.commands[name]
        return click.Command(name, help=self.listed[name].help)


def imported_command(target: str) -> click.Command:
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(f"workwindow.cli.{module}"), attribute)

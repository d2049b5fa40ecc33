"""The command list that --help shows without importing a command is the commands' own."""

import importlib
import pkgutil

import click
import pytest

import workwindow.cli
from workwindow.cli import COMMANDS, main
from workwindow.cli.lazy import LazyGroup, imported_command


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_listed_command_resolves_to_itself_with_its_own_first_docstring_paragraph(name):
    command = imported_command(COMMANDS[name].target)
    assert isinstance(command, click.Command)
    assert command.name == name
    assert COMMANDS[name].help == " ".join((command.help or "").partition("\n\n")[0].split())
    context = main.make_context("workwindow", [name, "--help"], resilient_parsing=True)
    assert main.get_command(context, name) is command


def test_every_command_a_cli_module_defines_is_listed():
    defined = {}
    for module_info in pkgutil.iter_modules(workwindow.cli.__path__):
        module = importlib.import_module(f"workwindow.cli.{module_info.name}")
        for command in getattr(module, "COMMANDS", ()):
            defined[command.name] = f"{module_info.name}:{command.callback.__name__}"
    assert defined == {name: listed.target for name, listed in COMMANDS.items()}


def test_help_lists_the_commands_as_click_would_from_the_commands_themselves_without_importing_them():
    lazy = LazyGroup("workwindow", listed=COMMANDS)
    eager = click.Group("workwindow", commands=[imported_command(listed.target) for listed in COMMANDS.values()])
    assert _help(lazy) == _help(eager)
    assert lazy.commands == {}


def _help(group: click.Group) -> str:
    return group.get_help(group.make_context("workwindow", [], resilient_parsing=True))

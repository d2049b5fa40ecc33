"""Every option a user reads in --help says what it does, and only for the command it belongs to."""

import pytest
from click.testing import CliRunner

from workwindow.cli import main


def _help(command: str) -> str:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    return " ".join(result.output.split())


@pytest.mark.parametrize("command", ["generate", "explain", "compare", "solve", "export"])
def test_every_option_has_a_help_text(command):
    context = main.make_context("workwindow", [command, "--help"], resilient_parsing=True)
    for param in main.get_command(context, command).params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"{command} --{param.name} has no help"


def test_explain_seed_says_nothing_of_compare_or_tablet_draws():
    text = _help("explain")
    seed = text.split("--seed INTEGER", 1)[1].split("--", 1)[0]
    assert "compare" not in seed and "tablet" not in seed
    assert "tablet draws" in _help("compare").split("--seed INTEGER", 1)[1]

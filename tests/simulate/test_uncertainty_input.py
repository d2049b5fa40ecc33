"""A bad `uncertainty` block gets one paragraph naming file, field and line, and exit code 2."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import PILOT
from workwindow.cli import main

GOOD = """
uncertainty:
  attendance: 0.8
  walk_ins: 0.05
  observation_extra: {injection: [0, 20], tablet: {triangular: [0, 5, 10]}}
  dose_delay: [0, 10]
  travel_extra: [0, 10]
  staff_absence: 0.03
  participants:
    P03: {attendance: 0.5, observation_extra: [0, 30]}
"""
LINES_BEFORE = len(PILOT.read_text(encoding="utf-8").splitlines())

# (what is wrong, text replaced in GOOD, replacement, line within GOOD, field path, words in the message)
BREAKAGES = [
    (
        "probability above 1",
        "attendance: 0.8",
        "attendance: 1.5",
        3,
        "uncertainty.attendance",
        "less than or equal to 1",
    ),
    ("negative probability", "staff_absence: 0.03", "staff_absence: -0.1", 8, "uncertainty.staff_absence", "greater"),
    ("low above high", "dose_delay: [0, 10]", "dose_delay: [10, 0]", 6, "uncertainty.dose_delay", "out of order"),
    (
        "off the grid",
        "travel_extra: [0, 10]",
        "travel_extra: [0, 12]",
        7,
        "uncertainty.travel_extra",
        "off the 5-minute",
    ),
    (
        "mode outside",
        "[0, 5, 10]",
        "[0, 15, 10]",
        5,
        "uncertainty.observation_extra.tablet.triangular",
        "low ≤ mode ≤ high",
    ),
    ("unknown participant", "    P03: {", "    P99: {", 10, "uncertainty.participants.P99", "unknown participant"),
    ("unknown field", "walk_ins: 0.05", "walkins: 0.05", 4, "uncertainty.walkins", "unknown field"),
]


def _scenario(tmp_path: Path, block: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(PILOT.read_text(encoding="utf-8") + block, encoding="utf-8")
    return path


def test_the_documented_block_is_accepted(tmp_path):
    result = CliRunner().invoke(main, ["check", str(_scenario(tmp_path, GOOD))])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("what", "old", "new", "line", "field", "words"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_bad_uncertainty_names_file_field_and_line(tmp_path, what, old, new, line, field, words):
    assert old in GOOD
    path = _scenario(tmp_path, GOOD.replace(old, new))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {path}: line {LINES_BEFORE + line}, {field}: ")
    assert words in result.output
    assert "Traceback" not in result.output

"""Sweep files written for a test: a tiny scenario beside them, or the bundled pilot."""

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import PILOT, TINY, people

SCENARIOS = PILOT.parent
EXAMPLE = SCENARIOS / "sweep-latest-start-stations.yaml"


def tiny_scenario_text() -> str:
    """Three injecting participants on one Monday crew; a late group of one at most, so caps bind."""
    data = copy.deepcopy(TINY)
    data["participants"] = people("injection", "injection", "tablet", want=[0, 1])
    data["program"]["crews"]["street"]["late_capacity"] = 1
    return yaml.safe_dump(data, sort_keys=False)


@pytest.fixture
def sweep_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write a sweep file (YAML text) beside a copy of the tiny scenario, `tiny.yaml`."""
    (tmp_path / "tiny.yaml").write_text(tiny_scenario_text(), encoding="utf-8")

    def write(text: str, name: str = "sweep.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def pilot_sweep(tmp_path: Path) -> Callable[[str], Path]:
    """Write a sweep file whose base is the bundled pilot."""

    def write(text: str) -> Path:
        path = tmp_path / "sweep.yaml"
        path.write_text(f"base: {PILOT}\n{text}", encoding="utf-8")
        return path

    return write

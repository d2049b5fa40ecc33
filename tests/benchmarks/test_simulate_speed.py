"""The simulate benchmark runs end to end on a few draws and records the same numbers on every setting."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_few_draws_are_timed_and_recorded(tmp_path):
    spec = importlib.util.spec_from_file_location("simulate_speed", ROOT / "benchmarks" / "simulate_speed.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    record = tmp_path / "record.json"
    benchmark.main(
        ["--draws", "30", "--replan-draws", "2", "--jobs", "1", "--time-limit", "10", "--record", str(record)]
    )
    runs = json.loads(record.read_text())["runs"]
    assert [(run["recourse"], run["draws"]) for run in runs] == [("none", 30), ("replan", 2)]
    assert all(run["same_numbers_as_first"] and run["draws_per_second"] > 0 for run in runs)

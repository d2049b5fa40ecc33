"""The solver-speed benchmark runs end to end on its smallest size and records what it measured."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_benchmark():
    spec = importlib.util.spec_from_file_location("solver_speed", ROOT / "benchmarks" / "solver_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_small_solve_is_verified_proven_and_recorded(tmp_path):
    benchmark = load_benchmark()
    output = tmp_path / "record.json"
    args = ["--sizes", "25", "--seeds", "1", "--scenarios", str(tmp_path), "--output", str(output)]
    benchmark.main([*args, "--time-limit", "20"])
    record = json.loads(output.read_text())
    [run] = record["runs"]
    assert run["verified"] and run["status"] == "optimal"
    assert set(run["stages"]) == {"shortfall", "fairness", "participant_days", "late_start", "staff", "late_places"}
    assert record["summary"]["25"]["proven"] == 1
    assert (tmp_path / "p25-c2-k1-w1-s1.yaml").exists()


def test_the_comparison_reads_an_earlier_record(tmp_path, capsys):
    benchmark = load_benchmark()
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    args = ["--sizes", "25", "--seeds", "1", "--scenarios", str(tmp_path), "--time-limit", "20"]
    benchmark.main([*args, "--output", str(first)])
    benchmark.main([*args, "--output", str(second), "--compare", str(first)])
    assert "→" in capsys.readouterr().out


def test_a_size_that_misses_its_target_is_not_met():
    benchmark = load_benchmark()
    slow = {"size": "25", "wall_seconds": 7.0, "python_share": 0.01, "status": "optimal", "verified": True}
    slow["stages"] = {"late_start": {"seconds": 6.5, "status": "optimal", "gap": 0.0}}
    assert benchmark.summarise([slow])["25"]["target_met"] is False
    assert benchmark.summarise([{**slow, "wall_seconds": 0.5}])["25"]["target_met"] is True

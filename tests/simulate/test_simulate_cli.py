"""`workwindow simulate` and `solve --robust` as a user runs them."""

import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tests.conftest import PILOT
from workwindow.cli import main

UNCERTAIN = """
uncertainty:
  attendance: 0.8
  observation_extra: {injection: [0, 20], tablet: [0, 10]}
  dose_delay: [0, 10]
  travel_extra: [0, 10]
  staff_absence: 0.05
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory, pilot_plan):
    folder = tmp_path_factory.mktemp("simulate")
    scenario = folder / "pilot.yaml"
    scenario.write_text(PILOT.read_text(encoding="utf-8") + UNCERTAIN, encoding="utf-8")
    plan = folder / "nominal.json"
    plan.write_text(pilot_plan.to_json(), encoding="utf-8")
    robust = folder / "robust.json"
    result = CliRunner().invoke(
        main, ["solve", str(scenario), "--robust", "0.9", "--time-limit", "10", "-o", str(robust)]
    )
    assert result.exit_code == 0, result.output
    return folder, scenario, plan, robust


def test_a_robust_plan_passes_verify(files):
    _, scenario, _, robust = files
    assert json.loads(robust.read_text())["solver"]["robust"] == 0.9
    result = CliRunner().invoke(main, ["verify", str(scenario), str(robust)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid:")


def test_simulate_writes_the_documented_summary_and_tables_and_leaves_the_plan(files):
    folder, scenario, plan, robust = files
    before = robust.read_bytes()
    out, report = folder / "out", folder / "sim.html"
    args = ["simulate", str(scenario), str(robust), "--draws", "200", "--seed", "4", "--against", str(plan)]
    result = CliRunner().invoke(main, [*args, "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert robust.read_bytes() == before
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["draws"], summary["seed"], summary["recourse"]) == (200, 4, "none")
    assert summary["planned_days"] == len(json.loads(before)["assignments"])
    for key in ("delivered_days", "difference"):
        low, high = summary[key]["ci95"]
        assert low <= summary[key]["mean"] <= high
    assert summary["difference"]["ci95"][0] > 0
    assert [p["plan"] for p in summary["plans"]] == ["robust", "nominal"]
    draws = pq.read_table(out / "draws.parquet").to_pylist()
    assert len(draws) == 400
    assert (out / "draws.csv").read_text().count("\n") == 401
    for name in ("weeks", "participants", "groups"):
        assert (out / f"{name}.csv").exists() and (out / f"{name}.parquet").exists()
    assert (out / "delivered.png").read_bytes()[:4] == b"\x89PNG"
    page = report.read_text()
    assert "How robust is the plan?" in page and "<svg" in page
    assert "injection" not in page and "tablet" not in page
    assert "injection" not in (out / "participants.csv").read_text()


def test_the_same_seed_gives_the_same_summary(files):
    folder, scenario, plan, _ = files
    runs = []
    for name in ("a", "b"):
        out = folder / name
        result = CliRunner().invoke(
            main, ["simulate", str(scenario), str(plan), "--draws", "150", "--seed", "9", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        runs.append((out / "summary.json").read_text())
    assert runs[0] == runs[1]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--draws", "0"], "--draws"),
        (["--draws", "10", "--set", "uncertainty.attendance=2"], "uncertainty.attendance"),
    ],
)
def test_bad_options_exit_2(files, args, words):
    _, scenario, plan, _ = files
    result = CliRunner().invoke(main, ["simulate", str(scenario), str(plan), *args])
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output


def test_a_plan_for_another_scenario_exits_2(files, tmp_path):
    _, scenario, plan, _ = files
    other = tmp_path / "other.json"
    data = json.loads(plan.read_text())
    data["assignments"][0]["participant"] = "Q01"
    other.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["simulate", str(scenario), str(other), "--draws", "10"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {other}")
    assert "participant 'Q01' is not in the scenario" in result.output


def test_an_output_folder_over_an_input_is_refused(files):
    _, scenario, plan, _ = files
    result = CliRunner().invoke(main, ["simulate", str(scenario), str(plan), "--draws", "5", "-o", str(plan)])
    assert result.exit_code == 2
    assert "refusing" in result.output or "is a file" in result.output


def test_compare_reports_simulated_delivered_days_beside_planned_ones(files, tmp_path):
    _, scenario, _, _ = files
    out = tmp_path / "numbers"
    args = ["compare", str(scenario), "--variant", "late", "--set", "program.latest_start=10:30"]
    result = CliRunner().invoke(
        main, [*args, "--robust", "0.9", "--simulate", "60", "--time-limit", "8", "--jobs", "1", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "delivered days (simulated mean)" in result.output
    data = json.loads(out.with_suffix(".json").read_text())
    for variant in data["variants"]:
        values = variant["values"]
        low, mean, high = (values[f"simulated.delivered_days{end}"]["mean"] for end in ("_low", "", "_high"))
        assert low <= mean <= high <= values["kpis.days_worked"]["mean"]


def test_sweep_writes_simulated_delivered_days_beside_the_results(files, tmp_path):
    _, scenario, _, _ = files
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text(
        f"name: latest start\nbase: {scenario}\ntime_limit: 4\ngrid:\n  program.latest_start: ['09:30', '10:00']\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["sweep", str(sweep), "--robust", "0.9", "--simulate", "50", "--jobs", "1", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Planned and delivered participant-days" in result.output
    planned = {row["variant"]: row["days_worked"] for row in pq.read_table(out / "results.parquet").to_pylist()}
    simulated = pq.read_table(out / "simulated.parquet").to_pylist()
    assert [row["program.latest_start"] for row in simulated] == ["09:30", "10:00"]
    for row in simulated:
        assert row["planned_days"] == planned[row["variant"]]
        assert row["delivered_days_ci95_low"] <= row["delivered_days_mean"] <= row["delivered_days_ci95_high"]
        assert row["delivered_days_mean"] <= row["planned_days"]


def test_a_plan_of_only_assignments_and_groups_is_simulated(files, tmp_path):
    _, scenario, plan, _ = files
    data = json.loads(plan.read_text())
    minimal = tmp_path / "minimal.json"
    minimal.write_text(json.dumps({"assignments": data["assignments"], "groups": data["groups"]}), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["simulate", str(scenario), str(minimal), "--draws", "20", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "summary.json").read_text())["planned_days"] == len(data["assignments"])

"""`workwindow sweep` on a tiny scenario: the table, the files, exit codes, and inputs left alone."""

import csv
from concurrent.futures.process import BrokenProcessPool

import pyarrow.parquet as pq
from click.testing import CliRunner

from workwindow.cli import main
from workwindow.executor import Executor, Finished
from workwindow.solver import SolveSettings
from workwindow.sweep import load_sweep, run_sweep
from workwindow.sweep.report import FULL_PLANS_UP_TO, render_sweep_report

TINY_SWEEP = """\
name: tiny sweep
base: tiny.yaml
grid:
  program.latest_start: ["09:00", "09:30"]
  program.crews.street.late_capacity: [1, 2]
time_limit: 20
"""


def invoke(*arguments: str):
    return CliRunner().invoke(main, ["sweep", *arguments])


def read_csv(path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_the_sweep_prints_a_row_per_variant_and_writes_the_results(sweep_file, tmp_path):
    out = tmp_path / "out"
    result = invoke(str(sweep_file(TINY_SWEEP)), "--jobs", "1", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "tiny sweep" in result.stdout and "4 solves in" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["plot.png", "plot.svg", "results.csv", "results.parquet"]
    rows = read_csv(out / "results.csv")
    # injection is ready at 09:05 at the earliest, tablets at 08:50; one late place, or two
    worked = {(r["program.latest_start"], r["program.crews.street.late_capacity"]): r["days_worked"] for r in rows}
    assert worked == {("09:00", "1"): "1", ("09:00", "2"): "1", ("09:30", "1"): "2", ("09:30", "2"): "3"}
    assert pq.read_table(out / "results.parquet").column("days_worked").to_pylist() == [1, 1, 2, 3]


def test_the_best_variant_is_named_first_in_sweep_order(sweep_file):
    result = invoke(str(sweep_file(TINY_SWEEP)), "--jobs", "1")
    assert "first reached by variant 4 (program.latest_start=09:30, program.crews.street.late_capacity=2)" in (
        " ".join(result.stdout.split())
    )


def test_repeats_give_a_row_per_variant_and_seed(sweep_file, tmp_path):
    path = sweep_file("base: tiny.yaml\ngrid:\n  program.crews.street.late_capacity: [1, 2]\nrepeats: 2\n")
    result = invoke(str(path), "--jobs", "1", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    rows = read_csv(tmp_path / "out" / "results.csv")
    assert [(r["variant"], r["seed"]) for r in rows] == [("1", "0"), ("1", "1"), ("2", "0"), ("2", "1")]


def test_a_bad_sweep_file_is_one_paragraph_and_exit_code_2(sweep_file):
    path = sweep_file("base: tiny.yaml\ngrid:\n  program.latest_start: ['09:00', '09:02']\n")
    result = invoke(str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: line 3, grid.program.latest_start.1: in variant 2 of 2 ")
    assert "off the 5-minute grid" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_outputs_are_never_written_over_the_inputs_and_are_refused_before_solving(sweep_file, tmp_path):
    path = sweep_file(TINY_SWEEP)
    before = path.read_text(encoding="utf-8"), (tmp_path / "tiny.yaml").read_text(encoding="utf-8")
    over_sweep = invoke(str(path), "--jobs", "1", "--report", str(path))
    into_file = invoke(str(path), "--jobs", "1", "-o", str(tmp_path / "tiny.yaml"))
    assert (over_sweep.exit_code, into_file.exit_code) == (2, 2)
    assert "refusing to write the output over the input" in over_sweep.stderr
    assert "is a file" in into_file.stderr
    assert "solves in" not in over_sweep.stdout + into_file.stdout
    assert (path.read_text(encoding="utf-8"), (tmp_path / "tiny.yaml").read_text(encoding="utf-8")) == before


def test_a_variant_stopped_by_its_time_limit_still_has_a_schedule_that_may_improve(pilot_sweep):
    # every week starts from a feasible greedy schedule, so no time is too short for a plan
    result = invoke(str(pilot_sweep("grid:\n  weeks: [1]\n")), "--jobs", "1", "--time-limit", "0.001")
    assert result.exit_code == 0
    assert "stopped at the time limit before proving optimality" in result.stdout


def test_a_report_of_a_sweep_without_reasons_leaves_the_reason_table_out(sweep_file):
    sweep = load_sweep(sweep_file(TINY_SWEEP))
    without = run_sweep(sweep, SolveSettings(time_limit=20, explain=False), jobs=1)
    with_reasons = run_sweep(sweep, SolveSettings(time_limit=20, explain=True), jobs=1)
    assert "Days without work, by reason" not in render_sweep_report(without, "<svg></svg>")
    assert "Days without work, by reason" in render_sweep_report(with_reasons, "<svg></svg>")


class _OneWorkerDies(Executor):
    """Runs tasks here, but the first one comes back as a lost worker."""

    description = "a test executor"

    def run(self, tasks):
        for i, task in enumerate(tasks):
            if i == 0:
                yield Finished(task, error=BrokenProcessPool("a worker died"))
            else:
                yield Finished(task, value=task.function(*task.args))

    def close(self, *, abort: bool = False) -> None:
        pass


def test_a_solve_whose_worker_died_is_a_row_with_status_error_and_exit_code_1(sweep_file, tmp_path, monkeypatch):
    monkeypatch.setattr("workwindow.sweep.run.open_executor", lambda cluster, jobs: _OneWorkerDies())
    result = invoke(str(sweep_file(TINY_SWEEP)), "--jobs", "2", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    rows = read_csv(tmp_path / "out" / "results.csv")
    assert [r["status"] for r in rows] == ["error", "optimal", "optimal", "optimal"]
    assert rows[0]["message"] == "the solve stopped before it finished (BrokenProcessPool: a worker died)"
    assert rows[0]["days_worked"] == "" and "variant 1 (seed 0): the solve stopped" in result.stdout


def test_a_large_sweeps_report_leaves_the_full_plans_out(sweep_file):
    capacities = list(range(1, FULL_PLANS_UP_TO + 2))
    sweep = load_sweep(sweep_file(f"base: tiny.yaml\ngrid:\n  program.crews.street.late_capacity: {capacities}\n"))
    html = render_sweep_report(run_sweep(sweep, SolveSettings(time_limit=20), jobs=1), "<svg></svg>")
    assert 'class="schedule"' not in html
    assert f"{len(capacities)} variants are more than the {FULL_PLANS_UP_TO} whose plans" in html

"""`workwindow batch` end to end: same results on any executor, resumable, errors recorded.

Scenarios are small generated ones (8 participants, one week) so the module
stays well under a minute on two cores.
"""

import contextlib
import csv
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from workwindow.batch.records import ErrorRecord, write_error
from workwindow.batch.run import LOCK_NAME
from workwindow.batch.summary import COLUMNS
from workwindow.cli import EXIT_BATCH_NOT_RUN, main
from workwindow.errors import InputError
from workwindow.generate import generated_scenario
from workwindow.models import Schedule, load_scenario
from workwindow.models.schedule import InputStamp

REPO = Path(__file__).resolve().parents[2]
FAST = ["--time-limit", "10", "--jobs", "2"]


def write_scenarios(folder: Path, count: int, participants: int = 8, first_seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(first_seed, first_seed + count):
        path = folder / f"week{seed:02d}.yaml"
        path.write_text(generated_scenario(participants, 2, 1, 1, seed))
        paths.append(path)
    return paths


def batch(*args: str):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def results(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(out.glob("*.json")) if ".error" not in p.name}


def without_wall_times(schedule: dict) -> dict:
    """Wall-clock fields necessarily differ between runs; everything else must not."""
    schedule = json.loads(json.dumps(schedule))
    for field in ("wall_seconds", "build_seconds", "read_seconds", "explain_seconds"):
        schedule["solver"].pop(field)
    for stage in schedule["solver"]["stages"]:
        stage.pop("wall_seconds")
    schedule["input"].pop("seconds")
    return schedule


def file_identities(out: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.glob("*.json")}


def test_local_processes_and_a_dask_local_cluster_give_the_same_schedules(tmp_path):
    write_scenarios(tmp_path / "in", 4)
    local = batch(tmp_path / "in", "--out", tmp_path / "local", "--deterministic", *FAST)
    dask = batch(tmp_path / "in", "--out", tmp_path / "dask", "--deterministic", "--cluster", "local", *FAST)
    assert local.exit_code == dask.exit_code == 0, local.output + dask.output
    assert "Dask LocalCluster" in dask.output
    local_results, dask_results = results(tmp_path / "local"), results(tmp_path / "dask")
    assert len(local_results) == 4
    assert {k: without_wall_times(v) for k, v in local_results.items()} == {
        k: without_wall_times(v) for k, v in dask_results.items()
    }


def test_two_deterministic_runs_write_the_same_schedules_apart_from_wall_times(tmp_path):
    write_scenarios(tmp_path / "in", 3, participants=25)
    for out in ("one", "two"):
        assert batch(tmp_path / "in", "--out", tmp_path / out, "--deterministic", "--seed", "5", *FAST).exit_code == 0
    one, two = results(tmp_path / "one"), results(tmp_path / "two")
    assert one.keys() == two.keys() and len(one) == 3
    for name in one:
        assert without_wall_times(one[name]) == without_wall_times(two[name])
        assert one[name]["solver"]["seed"] == 5


def test_a_rerun_keeps_current_results_and_solves_changed_scenarios_again(tmp_path):
    paths = write_scenarios(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert batch(tmp_path / "in", "--out", out, *FAST).exit_code == 0
    before = file_identities(out)
    paths[1].write_text(generated_scenario(8, 2, 1, 1, seed=99))
    rerun = batch(tmp_path / "in", "--out", out, *FAST)
    assert rerun.exit_code == 0
    assert "1 run now, 2 reused" in rerun.output
    after = file_identities(out)
    assert after["week00.json"] == before["week00.json"] and after["week02.json"] == before["week02.json"]
    assert after["week01.json"] != before["week01.json"]
    assert results(out)["week01"]["scenario"] == load_scenario(paths[1]).name


def test_other_solve_settings_solve_everything_again(tmp_path):
    write_scenarios(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert batch(tmp_path / "in", "--out", out, *FAST).exit_code == 0
    rerun = batch(tmp_path / "in", "--out", out, "--seed", "1", *FAST)
    assert "2 run now, 0 reused" in rerun.output
    assert {r["input"]["settings"]["seed"] for r in results(out).values()} == {1}


def test_a_killed_batch_resumes_with_every_result_once_and_none_redone(tmp_path):
    write_scenarios(tmp_path / "in", 10, participants=25)
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from workwindow.cli import main; main()", "batch", str(tmp_path / "in")]
    command += ["--out", str(out), "--jobs", "1", "--time-limit", "10"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(command, env=env, start_new_session=True, stdout=subprocess.DEVNULL)
    try:
        finished_before_kill = _wait_for_results(out, at_least=2, process=process)
        process.send_signal(signal.SIGKILL)
        process.wait()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert finished_before_kill < 10, "the batch finished before it could be killed; give it more work"
    survivors = file_identities(out)
    resumed = batch(tmp_path / "in", "--out", out, *FAST)
    assert resumed.exit_code == 0, resumed.output
    assert f"{10 - len(survivors)} run now, {len(survivors)} reused" in resumed.output
    names = sorted(p.name for p in out.iterdir())
    expected = [f"week{i:02d}.json" for i in range(10)] + ["summary.csv", "summary.parquet", LOCK_NAME]
    assert names == sorted(expected), "a partial, temporary or duplicate file is left"
    for path in out.glob("*.json"):
        Schedule.from_json(path.read_text())
    after = file_identities(out)
    assert all(after[name] == identity for name, identity in survivors.items())


def _wait_for_results(out: Path, at_least: int, process: subprocess.Popen) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        count = len(list(out.glob("week*.json")))
        if count >= at_least:
            return count
        time.sleep(0.02)
    return len(list(out.glob("week*.json")))


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "in"
    write_scenarios(folder, 2)
    good = (folder / "week00.yaml").read_text()
    (folder / "typo.yaml").write_text(good.replace("time_step:", "time_stepp:"))
    (folder / "broken.yaml").write_text("name: [unclosed\n")
    (folder / "latin1.yaml").write_bytes("name: Bjørn\n".encode("latin-1"))
    return folder


def test_bad_scenarios_get_the_check_message_as_error_records_and_the_exit_code_counts_them(tmp_path, mixed_folder):
    out = tmp_path / "out"
    result = batch(mixed_folder, "--out", out, *FAST)
    assert result.exit_code == 3, result.output
    assert set(results(out)) == {"week00", "week01"}
    for name in ("typo", "broken", "latin1"):
        record = ErrorRecord.model_validate_json((out / f"{name}.error.json").read_text())
        with pytest.raises(InputError) as expected:
            load_scenario(mixed_folder / f"{name}.yaml")
        assert record.message == expected.value.paragraph()
        assert not (out / f"{name}.json").exists()
    assert "time_stepp" in (out / "typo.error.json").read_text()


def test_a_bad_scenario_is_not_retried_until_it_changes_and_then_replaces_its_error_record(tmp_path, mixed_folder):
    out = tmp_path / "out"
    batch(mixed_folder, "--out", out, *FAST)
    assert "0 run now" in batch(mixed_folder, "--out", out, *FAST).output
    (mixed_folder / "typo.yaml").write_text((mixed_folder / "week00.yaml").read_text())
    rerun = batch(mixed_folder, "--out", out, *FAST)
    assert rerun.exit_code == 2
    assert (out / "typo.json").exists() and not (out / "typo.error.json").exists()


def test_a_failure_record_is_tried_again(tmp_path):
    (path,) = write_scenarios(tmp_path / "in", 1)
    out = tmp_path / "out"
    assert batch(tmp_path / "in", "--out", out, *FAST).exit_code == 0
    stamp = InputStamp.model_validate(results(out)["week00"]["input"])
    write_error(out, "week00", ErrorRecord(source=str(path), error="failure", message="lost", input=stamp))
    rerun = batch(tmp_path / "in", "--out", out, *FAST)
    assert rerun.exit_code == 0 and "1 run now" in rerun.output
    assert (out / "week00.json").exists() and not (out / "week00.error.json").exists()


def test_the_summary_has_one_row_per_scenario_in_csv_and_parquet(tmp_path, mixed_folder):
    out = tmp_path / "out"
    batch(mixed_folder, "--out", out, *FAST)
    with (out / "summary.csv").open() as stream:
        rows = list(csv.DictReader(stream))
    table = pq.read_table(out / "summary.parquet").to_pylist()
    assert [row["name"] for row in rows] == [row["name"] for row in table]
    assert sorted(row["name"] for row in rows) == ["broken", "latin1", "typo", "week00", "week01"]
    assert list(rows[0]) == COLUMNS
    solved = {row["name"]: row for row in table if row["status"] != "error"}
    schedule = results(out)["week00"]
    assert solved["week00"]["days_worked"] == schedule["kpis"]["days_worked"]
    assert solved["week00"]["objective_shortfall"] == schedule["objectives"]["shortfall"]
    assert solved["week00"]["seconds"] > 0
    assert {row["status"] for row in table if row["name"] in ("typo", "broken", "latin1")} == {"error"}


def test_without_a_terminal_progress_is_one_plain_line_per_scenario(tmp_path):
    write_scenarios(tmp_path / "in", 2)
    result = batch(tmp_path / "in", "--out", tmp_path / "out", *FAST)
    assert "[1/2] week0" in result.output and "[2/2] week0" in result.output
    assert "2 scenarios: 2 run now, 0 reused" in result.output


@pytest.mark.parametrize(
    "args",
    [["missing-folder", "--out", "out"], ["--out", "out"], ["x.yaml"], ["x.yaml", "--out", "out", "--jobs", "0"]],
)
def test_a_batch_that_cannot_start_exits_with_100(tmp_path, args):
    (tmp_path / "x.yaml").write_text("name: x\n")
    absolute = [str(tmp_path / arg) if not arg.startswith("-") and not arg.isdigit() else arg for arg in args]
    result = CliRunner().invoke(main, ["batch", *absolute])
    assert result.exit_code == EXIT_BATCH_NOT_RUN, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_second_batch_into_the_same_folder_is_refused_while_the_first_runs(tmp_path):
    write_scenarios(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    with (out / LOCK_NAME).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = batch(tmp_path / "in", "--out", out, *FAST)
    assert result.exit_code == EXIT_BATCH_NOT_RUN
    assert "another batch is writing there" in result.output

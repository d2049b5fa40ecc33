"""`solve --cluster`: the weeks solved on a real Dask LocalCluster give the schedule of a local solve."""

import json

import pytest
from click.testing import CliRunner

from workwindow.cli import main
from workwindow.cluster import weeks as cluster_weeks
from workwindow.generate import generated_scenario

WITHOUT_FAIRNESS = "objective: [shortfall, participant_days, late_start, staff]"


@pytest.mark.parametrize("fairness", [True, False], ids=["weeks together (fairness)", "week by week"])
def test_weeks_solved_on_a_local_cluster_give_the_schedule_of_a_local_solve(tmp_path, fairness):
    text = generated_scenario(12, 2, 1, 2, 5)
    if not fairness:
        text = text.replace("objective: [shortfall, fairness, participant_days, late_start, staff]", WITHOUT_FAIRNESS)
        assert WITHOUT_FAIRNESS in text
    path = tmp_path / "two-weeks.yaml"
    path.write_text(text, encoding="utf-8")
    outputs = {}
    for name, extra in (("here", []), ("there", ["--cluster", "local"])):
        out = tmp_path / f"{name}.json"
        args = ["solve", str(path), "--deterministic", "--time-limit", "20", "--workers", "1", "-o", str(out), *extra]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        outputs[name] = json.loads(out.read_text(encoding="utf-8"))
    for key in ("status", "objectives", "assignments", "groups", "unassigned", "kpis"):
        assert outputs["there"][key] == outputs["here"][key]
    stages = {
        name: [(s["week"], s["objective"], s["value"], s["bound"]) for s in outputs[name]["solver"]["stages"]]
        for name in outputs
    }
    assert stages["there"] == stages["here"]
    assert {s[0] for s in stages["here"]} == ({0} if fairness else {1, 2})  # week 0: the horizon at once


@pytest.mark.parametrize(("cores", "threads", "workers"), [(2, 1, 2), (2, 2, 1), (8, 2, 4), (1, 4, 1), (3, 2, 1)])
def test_a_local_cluster_has_no_more_cp_sat_threads_at_once_than_cores(monkeypatch, cores, threads, workers):
    monkeypatch.setattr(cluster_weeks.os, "cpu_count", lambda: cores)
    assert cluster_weeks.local_workers(threads) == workers


def test_a_failed_solve_on_the_cluster_closes_the_cluster_and_stops_its_tasks(monkeypatch):
    closed = []

    class Started:
        slots = 1

        def close(self, *, abort=False):
            closed.append(abort)

    monkeypatch.setattr(cluster_weeks, "open_executor", lambda cluster, jobs: Started())
    with pytest.raises(RuntimeError), cluster_weeks._started_meanwhile("local", 1) as starting:
        assert starting.result().slots == 1
        raise RuntimeError("a week went wrong")
    with cluster_weeks._started_meanwhile("local", 1):
        pass
    assert closed == [True, False]

"""`solve --cluster`: the weeks solved on a real Dask LocalCluster give the schedule of a local solve."""

import json

from click.testing import CliRunner

from workwindow.cli import main
from workwindow.generate import generated_scenario


def test_weeks_solved_on_a_local_cluster_give_the_schedule_of_a_local_solve(tmp_path):
    path = tmp_path / "two-weeks.yaml"
    path.write_text(generated_scenario(12, 2, 1, 2, 5), encoding="utf-8")
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

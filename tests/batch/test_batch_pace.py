"""A batch says how much of its workers' time went to the solver; the rest is overhead."""

from tests.batch.test_batch_run import write_scenarios
from workwindow.batch import run_batch
from workwindow.batch.display import closing_lines
from workwindow.solver import SolveSettings


def test_a_batch_reports_the_solvers_share_of_the_workers_time_and_the_overhead(tmp_path):
    write_scenarios(tmp_path / "in", 3)
    report = run_batch([str(tmp_path / "in")], tmp_path / "out", SolveSettings(time_limit=10), jobs=1)
    pace = report.pace
    assert pace.slots == 1
    assert 0 < pace.solver_seconds < pace.wall_seconds
    assert pace.overhead_share == 1 - pace.solver_seconds / pace.wall_seconds
    [line] = [line for line in closing_lines(report) if line.startswith("Solving took")]
    assert f"of 1 worker's {pace.wall_seconds:.1f} s" in line
    assert f"overhead {pace.overhead_share:.0%}" in line


def test_a_batch_with_nothing_left_to_solve_has_no_pace(tmp_path):
    write_scenarios(tmp_path / "in", 1)
    run_batch([str(tmp_path / "in")], tmp_path / "out", SolveSettings(time_limit=10), jobs=1)
    again = run_batch([str(tmp_path / "in")], tmp_path / "out", SolveSettings(time_limit=10), jobs=1)
    assert again.pace is None
    assert not [line for line in closing_lines(again) if line.startswith("Solving took")]

"""A batch hands out its largest files first, keeps its summary in the order given, and imports
the summary's Parquet writer only once a core of this machine is free for it."""

import pytest

import workwindow.batch.run as batch_run
from tests.batch.test_batch_run import write_scenarios
from workwindow.batch import run_batch
from workwindow.executor import Executor, Finished
from workwindow.generate import generated_scenario
from workwindow.solver import SolveSettings


class _Recording(Executor):
    """Runs nothing: records the order tasks are handed out and fails each one (a failure record)."""

    def __init__(self, slots: int, on_this_machine: bool = True):
        self.slots, self.on_this_machine, self.description = slots, on_this_machine, "a recorder"
        self.order: list[str] = []
        self.left_when_imported: list[int] = []

    def run(self, tasks):
        tasks = list(tasks)
        self.order = [task.key for task in tasks]
        for task in tasks:
            yield Finished(task, error=RuntimeError("not solved in this test"))

    def close(self, *, abort: bool = False) -> None:
        pass


@pytest.fixture
def recording(monkeypatch):
    def use(slots: int, cores: int, on_this_machine: bool = True) -> _Recording:
        executor = _Recording(slots, on_this_machine)
        monkeypatch.setattr(batch_run, "open_executor", lambda cluster, jobs: executor)
        monkeypatch.setattr(batch_run.os, "cpu_count", lambda: cores)
        monkeypatch.setattr(batch_run, "load_parquet_writer_meanwhile", lambda: imports.append(len(finished)))
        return executor

    imports: list[int] = []
    finished: list[str] = []
    use.imports, use.finished = imports, finished
    return use


def _listener(finished: list[str]):
    class Listen:
        def started(self, total, to_solve, executor):
            pass

        def finished(self, row):
            finished.append(row["name"])

    return Listen()


def test_the_largest_files_are_solved_first_and_the_summary_keeps_the_order_given(tmp_path, recording):
    folder = tmp_path / "in"
    folder.mkdir()
    sizes = {"a-small": 6, "b-large": 40, "c-medium": 20, "d-medium": 20}
    for name, participants in sizes.items():
        (folder / f"{name}.yaml").write_text(generated_scenario(participants, 2, 1, 1, 3))
    executor = recording(slots=2, cores=2)
    report = run_batch([str(folder)], tmp_path / "out", SolveSettings(), listener=_listener(recording.finished))
    assert executor.order == ["b-large", "c-medium", "d-medium", "a-small"]
    assert [row["name"] for row in report.rows] == ["a-small", "b-large", "c-medium", "d-medium"]


def test_the_parquet_writer_is_imported_once_fewer_tasks_are_left_than_cores(tmp_path, recording):
    write_scenarios(tmp_path / "in", 5)
    recording(slots=2, cores=2)
    run_batch([str(tmp_path / "in")], tmp_path / "out", SolveSettings(), listener=_listener(recording.finished))
    assert recording.imports == [4]  # after the 4th of 5 results: one task left, one core free


@pytest.mark.parametrize(
    ("slots", "cores", "on_this_machine"),
    [(1, 2, True), (4, 2, False)],
    ids=["fewer workers than cores", "workers on other machines"],
)
def test_the_parquet_writer_is_imported_at_once_when_a_core_is_free_from_the_start(
    tmp_path, recording, slots, cores, on_this_machine
):
    write_scenarios(tmp_path / "in", 5)
    recording(slots=slots, cores=cores, on_this_machine=on_this_machine)
    run_batch([str(tmp_path / "in")], tmp_path / "out", SolveSettings(), listener=_listener(recording.finished))
    assert recording.imports == [0]

"""Solve many scenario files into one output folder, resuming where an earlier run stopped.

Each scenario's result is reused when the file's bytes (SHA-256) and the solve
settings are unchanged; everything else is solved again. Results are written
as they arrive, each atomically, so stopping the batch at any moment (Ctrl-C,
a killed process, a lost worker) loses at most the scenarios in flight.
"""

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from workwindow.batch.inputs import BatchError, ScenarioInput, discover
from workwindow.batch.records import (
    ErrorKind,
    ErrorRecord,
    Record,
    is_current,
    read_record,
    write_error,
    write_result,
)
from workwindow.batch.solving import Solved, solve_file
from workwindow.batch.summary import Row, error_row, load_parquet_writer_meanwhile, result_row, write_summary
from workwindow.errors import InputError
from workwindow.executor import Executor, Finished, Task, open_executor
from workwindow.files import remove_leftover_temporaries
from workwindow.models.loading import read_bytes
from workwindow.models.schedule import InputStamp
from workwindow.solver import SolveSettings

LOCK_NAME = ".workwindow-batch.lock"


class Listener(Protocol):
    """What a batch reports while it runs (the CLI draws a progress bar from it)."""

    def started(self, total: int, to_solve: int, executor: str) -> None: ...

    def finished(self, row: Row) -> None: ...


class Quiet:
    def started(self, total: int, to_solve: int, executor: str) -> None:
        pass

    def finished(self, row: Row) -> None:
        pass


@dataclass(frozen=True)
class Pace:
    """How much of the workers' time this run spent solving."""

    wall_seconds: float
    """From starting the executor to the last result written."""
    solver_seconds: float
    """The solver's own seconds, summed over the schedules of this run."""
    slots: int

    @property
    def overhead_share(self) -> float:
        """The part of the workers' time not spent in the solver: starting, sending, reading, writing, waiting."""
        return max(0.0, 1 - self.solver_seconds / (self.slots * self.wall_seconds)) if self.wall_seconds else 0.0


@dataclass(frozen=True)
class BatchReport:
    rows: list[Row]
    reused: int
    """Rows whose record was already current."""
    run: int
    """Rows made by this run."""
    csv_path: Path
    parquet_path: Path
    pace: Pace | None = None
    """None when nothing was left to solve."""

    @property
    def failed(self) -> int:
        return sum(row["status"] == "error" for row in self.rows)


@dataclass(frozen=True)
class _Pending:
    """A scenario to solve: its file's bytes and the stamp its record will carry."""

    item: ScenarioInput
    data: bytes
    stamp: InputStamp


def run_batch(
    arguments: Sequence[str],
    out: Path,
    settings: SolveSettings,
    *,
    cluster: str | None = None,
    jobs: int | None = None,
    listener: Listener | None = None,
) -> BatchReport:
    """Solve what is not already solved, write each record, then the summary.

    The executor (local processes or Dask) is started only when something is
    left to solve.
    """
    listener = listener or Quiet()
    inputs = discover(arguments)
    with _output_folder(out):
        rows: dict[str, Row] = {}
        pending: list[_Pending] = []
        reused = 0
        pace = None
        for item in inputs:
            outcome = _reuse_or_read(item, out, settings)
            if isinstance(outcome, _Pending):
                pending.append(outcome)
                continue
            rows[item.name], was_current = outcome
            reused += was_current
        if pending:
            began = time.perf_counter()
            with open_executor(cluster, jobs) as executor:
                listener.started(len(inputs), len(pending), executor.description)
                solver_seconds = 0.0
                summary_writer = _SummaryWriter(executor, len(pending))
                for item, row, seconds in _solve_all(executor, largest_first(pending), out, settings):
                    rows[item.name] = row
                    solver_seconds += seconds
                    listener.finished(row)
                    summary_writer.one_done()
                pace = Pace(time.perf_counter() - began, solver_seconds, executor.slots)
        else:
            listener.started(len(inputs), 0, "nothing to solve")
        ordered = [rows[item.name] for item in inputs]
        csv_path, parquet_path = write_summary(out, ordered)
    return BatchReport(ordered, reused, len(ordered) - reused, csv_path, parquet_path, pace)


@contextlib.contextmanager
def _output_folder(out: Path) -> Iterator[None]:
    """Create `out` and hold its lock: two batches writing one folder would delete each other's files."""
    if out.exists() and not out.is_dir():
        raise BatchError(f"--out {out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = (out / LOCK_NAME).open("a")
    except OSError as exc:
        raise BatchError(f"--out {out}: cannot be created ({exc.strerror or exc})") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchError(f"--out {out}: another batch is writing there; wait for it to finish") from None
        remove_leftover_temporaries(out)
        yield


def _reuse_or_read(item: ScenarioInput, out: Path, settings: SolveSettings) -> tuple[Row, bool] | _Pending:
    """Work to do, or a row: (that of a current record, True) or (an unreadable file's error, False)."""
    try:
        data = read_bytes(item.path)
    except InputError as exc:
        stamp = InputStamp(source=str(item.path), sha256="", settings=settings.as_dict())
        return _record_error(out, item, stamp, "failure", exc.paragraph()), False
    stamp = InputStamp(source=str(item.path), sha256=hashlib.sha256(data).hexdigest(), settings=settings.as_dict())
    record = read_record(out, item.name)
    if record is not None and is_current(record, stamp.sha256, stamp.settings):
        return _row_of(item, record), True
    return _Pending(item, data, stamp)


def largest_first(pending: list[_Pending]) -> list[_Pending]:
    """The largest files first (ties in the order given), so that the last tasks are short ones:
    a batch ends when its last worker does, and the others wait for it, idle."""
    return sorted(pending, key=lambda job: -len(job.data))


class _SummaryWriter:
    """Imports the summary's Parquet writer in the background once a core of this machine is
    free for it: at once when the workers are elsewhere or fewer than the cores, else when the
    tasks left are fewer than the cores (the main process is idle while the workers solve, but
    an import there at the start took CPU from the workers' own start)."""

    def __init__(self, executor: Executor, tasks: int):
        self._left = tasks
        self._workers_here = executor.slots if executor.on_this_machine else 0
        self._cores = os.cpu_count() or 1
        self._started = False
        self._start_if_free()

    def one_done(self) -> None:
        self._left -= 1
        self._start_if_free()

    def _start_if_free(self) -> None:
        if not self._started and min(self._left, self._workers_here) < self._cores:
            self._started = True
            load_parquet_writer_meanwhile()


def _solve_all(
    executor: Executor, pending: list[_Pending], out: Path, settings: SolveSettings
) -> Iterator[tuple[ScenarioInput, Row, float]]:
    """Each scenario's row as its result arrives (written already), with the solver's seconds for it."""
    by_name = {job.item.name: job for job in pending}
    tasks = [Task(job.item.name, solve_file, (str(job.item.path), job.data, settings)) for job in pending]
    for finished in executor.run(tasks):
        job = by_name[finished.task.key]
        yield job.item, *_record(out, job, finished)


def _record(out: Path, job: _Pending, finished: Finished) -> tuple[Row, float]:
    """Write what a finished task produced; its summary row and the solver's seconds."""
    if finished.error is not None:
        message = f"{job.item.path}: could not be solved ({type(finished.error).__name__}: {finished.error})"
        return _record_error(out, job.item, job.stamp, "failure", message), 0.0
    solved: Solved = finished.value
    stamp = job.stamp.model_copy(update={"seconds": round(solved.seconds, 3)})
    if solved.schedule is None:
        return _record_error(out, job.item, stamp, "input", solved.input_error or ""), 0.0
    schedule = solved.schedule.model_copy(update={"input": stamp})
    write_result(out, job.item.name, schedule)
    return result_row(job.item.name, schedule), schedule.solver.wall_seconds


def _record_error(out: Path, item: ScenarioInput, stamp: InputStamp, kind: ErrorKind, message: str) -> Row:
    record = ErrorRecord(source=str(item.path), error=kind, message=message, input=stamp)
    write_error(out, item.name, record)
    return error_row(item.name, record)


def _row_of(item: ScenarioInput, record: Record) -> Row:
    if isinstance(record, ErrorRecord):
        return error_row(item.name, record)
    return result_row(item.name, record)

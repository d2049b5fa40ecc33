"""What `workwindow batch` shows: a progress bar with ETA on a terminal, plain lines elsewhere,
and a closing summary table. Used by the command line only; the core reports through `Listener`.
"""

from collections import Counter
from types import TracebackType
from typing import TextIO

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from workwindow.batch.run import BatchReport
from workwindow.batch.summary import Row

FAILURES_SHOWN = 10


class ProgressBar:
    """A rich progress bar over the scenarios left to solve, with time remaining."""

    def __init__(self, console: Console):
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
        )
        self._task = self._progress.add_task("solving", total=None, visible=False)
        self.done = 0

    def started(self, total: int, to_solve: int, executor: str) -> None:
        self._progress.console.print(_start_line(total, to_solve, executor))
        self._progress.update(self._task, total=to_solve, visible=to_solve > 0)

    def finished(self, row: Row) -> None:
        self.done += 1
        if row["status"] == "error":
            self._progress.console.print(f"[red]error[/red] {row['name']}: see {row['name']}.error.json")
        self._progress.advance(self._task)

    def __enter__(self) -> "ProgressBar":
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._progress.stop()


class ProgressLines:
    """One line per finished scenario, for logs and pipes where a bar would be noise."""

    def __init__(self, stream: TextIO | None = None):
        self._stream = stream
        self.done = 0
        self._to_solve = 0

    def started(self, total: int, to_solve: int, executor: str) -> None:
        self._to_solve = to_solve
        click.echo(_start_line(total, to_solve, executor), file=self._stream)

    def finished(self, row: Row) -> None:
        self.done += 1
        click.echo(f"[{self.done}/{self._to_solve}] {row['name']}: {_outcome(row)}", file=self._stream)

    def __enter__(self) -> "ProgressLines":
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None


def progress_for(console: Console) -> ProgressBar | ProgressLines:
    return ProgressBar(console) if console.is_terminal else ProgressLines(console.file)


def summary_table(report: BatchReport) -> Table:
    """Scenarios by status, with days worked and solve time: the batch at a glance."""
    table = Table(title="workwindow batch")
    for heading in ("status", "scenarios", "days worked", "participants served", "seconds"):
        table.add_column(heading, justify="left" if heading == "status" else "right")
    counts = Counter(row["status"] for row in report.rows)
    for status in sorted(counts):
        rows = [row for row in report.rows if row["status"] == status]
        table.add_row(
            status,
            str(counts[status]),
            _total(rows, "days_worked"),
            _total(rows, "participants_served"),
            f"{sum(row['seconds'] or 0 for row in rows):.1f}",
        )
    return table


def closing_lines(report: BatchReport) -> list[str]:
    lines = [
        f"{len(report.rows)} scenarios: {report.run} run now, {report.reused} reused "
        f"from earlier runs; {report.failed} failed.",
        f"Summary: {report.csv_path} and {report.parquet_path}",
    ]
    if report.pace is not None:
        lines.append(_pace_line(report))
    failures = [row for row in report.rows if row["status"] == "error"]
    lines += [f"  {row['message']}" for row in failures[:FAILURES_SHOWN]]
    if len(failures) > FAILURES_SHOWN:
        lines.append(f"  … and {len(failures) - FAILURES_SHOWN} more (see summary.csv)")
    return lines


def _pace_line(report: BatchReport) -> str:
    pace = report.pace
    workers = f"{pace.slots} workers'" if pace.slots != 1 else "1 worker's"
    return (
        f"Solving took {1 - pace.overhead_share:.0%} of {workers} {pace.wall_seconds:.1f} s "
        f"({pace.solver_seconds:.1f} solver s); overhead {pace.overhead_share:.0%}: "
        "starting workers, reading, sending and writing, and waiting for the last results."
    )


def _start_line(total: int, to_solve: int, executor: str) -> str:
    reused = total - to_solve
    if not to_solve:
        return f"{total} scenarios, all already solved with these settings."
    return f"{total} scenarios: {reused} already solved, {to_solve} to solve on {executor}."


def _outcome(row: Row) -> str:
    if row["status"] == "error":
        return f"error (see {row['name']}.error.json)"
    return f"{row['status']}, {row['days_worked']} days worked, {row['seconds']:.1f} s"


def _total(rows: list[Row], column: str) -> str:
    values = [row[column] for row in rows if row[column] is not None]
    return str(sum(values)) if values else "–"

"""`summary.csv` and `summary.parquet`: one row per scenario of the batch.

Columns: name, source, status (a schedule status, or `error`), message (the
error, if any), seconds, one `objective_<name>` column per objective, and one
column per KPI of the schedule file.
"""

import csv
import io
import threading
from pathlib import Path
from typing import Any

from workwindow.batch.records import ErrorRecord, writing
from workwindow.files import write_atomically, write_text_atomically
from workwindow.models import OBJECTIVES, Schedule
from workwindow.models.schedule import Kpis

Row = dict[str, Any]

OBJECTIVE_COLUMNS = [f"objective_{name}" for name in OBJECTIVES]
KPI_COLUMNS = list(Kpis.model_fields)
COLUMNS = ["name", "source", "status", "message", "seconds", *OBJECTIVE_COLUMNS, *KPI_COLUMNS]


def result_row(name: str, schedule: Schedule) -> Row:
    stamp = schedule.input
    return _row(
        name=name,
        source=stamp.source if stamp else None,
        status=schedule.status,
        seconds=stamp.seconds if stamp else schedule.solver.wall_seconds,
        **{f"objective_{key}": value for key, value in schedule.objectives.items()},
        **schedule.kpis.model_dump(),
    )


def error_row(name: str, record: ErrorRecord) -> Row:
    return _row(name=name, source=record.source, status="error", message=record.message, seconds=record.input.seconds)


def load_parquet_writer_meanwhile() -> None:
    """Import pyarrow in the background while the workers solve, not after the last result.

    With the pandas that pyarrow loads to convert Python lists, the import
    took 0.7 s on an idle machine and 3 s on a busy one, all of it wall time
    at the end of a batch when done in `write_summary`; the main process is
    idle while the tasks run.
    An import the thread has not finished holds Python's import lock, so
    `write_summary` then waits for it rather than importing twice.
    """
    threading.Thread(target=_import_pyarrow, name="workwindow-pyarrow", daemon=True).start()


def _import_pyarrow() -> None:
    import pandas  # noqa: F401  (pyarrow imports it on its first conversion of a list)
    import pyarrow.parquet  # noqa: F401


def write_summary(out: Path, rows: list[Row]) -> tuple[Path, Path]:
    csv_path, parquet_path = out / "summary.csv", out / "summary.parquet"
    import pyarrow as pa  # here, not at the top: it would double the start-up time of every command
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=_schema(pa))
    with writing(out):
        write_text_atomically(csv_path, _csv_text(rows))
        write_atomically(parquet_path, lambda temporary: pq.write_table(table, temporary))
    return csv_path, parquet_path


def _row(**values: Any) -> Row:
    return {column: values.get(column) for column in COLUMNS}


def _csv_text(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _schema(pa: Any) -> Any:
    text = ["name", "source", "status", "message"]
    fields = [pa.field(column, pa.string()) for column in text]
    fields.append(pa.field("seconds", pa.float64()))
    fields += [pa.field(column, pa.int64()) for column in OBJECTIVE_COLUMNS]
    fields += [
        pa.field(column, pa.float64() if _is_float(info.annotation) else pa.int64())
        for column, info in Kpis.model_fields.items()
    ]
    return pa.schema(fields)


def _is_float(annotation: Any) -> bool:
    """float (or float | None) KPIs are doubles, the counts integers."""
    return float in (annotation, *getattr(annotation, "__args__", ()))

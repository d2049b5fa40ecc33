"""The results table of a sweep: one row per solve, in CSV and Parquet, and the files of `-o DIR`.

Columns: variant, one column per varied path (named by the path), seed,
status, one `objective_<name>` column per objective, the key figures of the
schedule file, seconds and message (why a solve has no schedule). The
objective and key-figure columns are those of `workwindow batch`'s summary.
"""

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workwindow.batch.summary import KPI_COLUMNS, OBJECTIVE_COLUMNS
from workwindow.errors import OutputError
from workwindow.models.schedule import Kpis
from workwindow.output import prepare_directory, refuse_existing, refuse_inputs, write_bytes
from workwindow.sweep.load import Setting, Sweep
from workwindow.sweep.run import Outcome, SweepResult

Row = dict[str, Any]
ValueKind = type[bool] | type[int] | type[float] | type[str]

CSV_NAME = "results.csv"
PARQUET_NAME = "results.parquet"
PLOT_NAMES = ("plot.png", "plot.svg")

_INTEGER = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def columns(sweep: Sweep) -> list[str]:
    return ["variant", *sweep.varied_paths, "seed", "status", *OBJECTIVE_COLUMNS, *KPI_COLUMNS, "seconds", "message"]


def rows(result: SweepResult) -> list[Row]:
    kinds, names = value_kinds(result.sweep), columns(result.sweep)
    return [_row(outcome, kinds, names) for outcome in result.outcomes]


def value_kinds(sweep: Sweep) -> dict[str, ValueKind]:
    """What each varied path's column holds: numbers where every value was written as one, else the text."""
    kinds: dict[str, ValueKind] = {}
    for axis in sweep.axes:
        for i, path in enumerate(axis.paths):
            kinds[path] = _kind([point[i] for point in axis.points])
    return kinds


def typed(setting: Setting, kind: ValueKind) -> bool | int | float | str:
    return setting.text if kind is str else kind(setting.value)


def csv_text(result: SweepResult) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(result.sweep), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(result))
    return buffer.getvalue()


def parquet_bytes(result: SweepResult) -> bytes:
    import pyarrow as pa  # here, not at the top: it would double the start-up time of every command
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows(result), schema=_schema(pa, result.sweep))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def write_results(result: SweepResult, folder: Path) -> list[Path]:
    """results.csv, results.parquet, plot.png and plot.svg in `folder`, each written whole or not at all."""
    from workwindow.sweep.plot import plot_png, plot_svg  # matplotlib only when asked for

    inputs = result.sweep.inputs
    prepare_directory(folder, inputs)
    files = {
        CSV_NAME: csv_text(result).encode("utf-8"),
        PARQUET_NAME: parquet_bytes(result),
        PLOT_NAMES[0]: plot_png(result),
        PLOT_NAMES[1]: plot_svg(result).encode("utf-8"),
    }
    written = []
    for name, data in files.items():
        write_bytes(folder / name, data, inputs)
        written.append(folder / name)
    return written


def check_outputs(
    sweep: Sweep, folder: Path | None, report: Path | None, *, force: bool = False, also: Sequence[str] = ()
) -> None:
    """Refuse outputs that could not be written, or would replace files without `force`,
    before any solve: a sweep may take long. `also`: more files the sweep writes in `folder`."""
    if folder is not None:
        refuse_inputs(folder, sweep.inputs)
        if folder.exists() and not folder.is_dir():
            raise OutputError(f"{folder}: is a file; -o needs a folder for the results")
    if report is not None:
        refuse_inputs(report, sweep.inputs)
        if report.is_dir():
            raise OutputError(f"{report}: is a folder; --report needs a file name such as sweep.html")
    names = (CSV_NAME, PARQUET_NAME, *PLOT_NAMES, *also)
    results = [folder / name for name in names] if folder is not None else []
    refuse_existing([*results, *([report] if report is not None else [])], force=force)


def _row(outcome: Outcome, kinds: dict[str, ValueKind], names: list[str]) -> Row:
    values: Row = {"variant": outcome.variant.number, "seed": outcome.seed, "status": outcome.status}
    values |= {setting.path: typed(setting, kinds[setting.path]) for setting in outcome.variant.settings}
    schedule = outcome.schedule
    if schedule is not None:
        values |= {f"objective_{name}": value for name, value in schedule.objectives.items()}
        values |= schedule.kpis.model_dump()
        values["seconds"] = round(schedule.solver.wall_seconds, 3)
    values["message"] = outcome.error
    return {column: values.get(column) for column in names}


def _kind(settings: list[Setting]) -> ValueKind:
    values = [setting.value for setting in settings]
    if all(isinstance(value, bool) for value in values):
        return bool
    numbers = [isinstance(value, int | float) and not isinstance(value, bool) for value in values]
    if all(numbers) and all(_INTEGER.fullmatch(s.text) and isinstance(s.value, int) for s in settings):
        return int
    if all(numbers) and all(_DECIMAL.fullmatch(s.text) for s in settings):
        return float
    return str


def _schema(pa: Any, sweep: Sweep) -> Any:
    arrow = {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), str: pa.string()}
    kinds = value_kinds(sweep)
    fields = [pa.field("variant", pa.int64())]
    fields += [pa.field(path, arrow[kinds[path]]) for path in sweep.varied_paths]
    fields += [pa.field("seed", pa.int64()), pa.field("status", pa.string())]
    fields += [pa.field(column, pa.int64()) for column in OBJECTIVE_COLUMNS]
    fields += [pa.field(name, pa.float64() if _is_float(info.annotation) else pa.int64()) for name, info in _KPIS]
    fields += [pa.field("seconds", pa.float64()), pa.field("message", pa.string())]
    return pa.schema(fields)


_KPIS = tuple(Kpis.model_fields.items())


def _is_float(annotation: Any) -> bool:
    """float (or float | None) key figures are doubles, the counts integers."""
    return float in (annotation, *getattr(annotation, "__args__", ()))

"""The files of `simulate -o DIR`: summary.json, CSV and Parquet tables, and the plots.

Tables name participants by id only and hold no dose form: the scenario's
health data stays in the scenario.
"""

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workwindow.output import prepare_directory, write_bytes
from workwindow.simulate.figures import group_rows, horizon, participant_rows, planned_by_week, summary, week_figures
from workwindow.simulate.morning import METRICS
from workwindow.simulate.run import Simulation

SUMMARY_NAME = "summary.json"
TABLES = ("draws", "weeks", "participants", "groups")
PLOT_NAMES = ("delivered.png", "delivered.svg")


def draw_rows(simulation: Simulation) -> list[dict[str, Any]]:
    """One row per plan and draw: the horizon's figures of that sampled horizon."""
    rows = []
    for plan in simulation.plans:
        totals = horizon(plan)
        for draw, values in enumerate(totals):
            rows.append(
                {"plan": plan.label, "draw": draw, **{name: float(v) for name, v in zip(METRICS, values, strict=True)}}
            )
    return rows


def week_rows(simulation: Simulation) -> list[dict[str, Any]]:
    """One row per plan, week and figure: planned, mean, interval and draws."""
    rows = []
    for plan in simulation.plans:
        for week, (planned, figures) in enumerate(zip(planned_by_week(plan), week_figures(plan), strict=True), start=1):
            for name, e in figures.items():
                rows.append(
                    {
                        "plan": plan.label,
                        "week": week,
                        "figure": name,
                        "planned_days": planned,
                        "mean": e.mean,
                        "ci95_low": e.low,
                        "ci95_high": e.high,
                        "draws": e.draws,
                    }
                )
    return rows


def labelled_rows(simulation: Simulation, rows_of: Any) -> list[dict[str, Any]]:
    return [{"plan": plan.label, **row} for plan in simulation.plans for row in rows_of(plan, simulation.draws)]


def all_tables(simulation: Simulation) -> dict[str, list[dict[str, Any]]]:
    return {
        "draws": draw_rows(simulation),
        "weeks": week_rows(simulation),
        "participants": labelled_rows(simulation, participant_rows),
        "groups": labelled_rows(simulation, group_rows),
    }


def write_outputs(simulation: Simulation, folder: Path, inputs: Iterable[Path]) -> list[Path]:
    """Every file of -o, each written whole or not at all, never over an input."""
    from workwindow.simulate.plot import plot_png, plot_svg  # matplotlib only when asked for

    inputs = tuple(inputs)
    prepare_directory(folder, inputs)
    files: dict[str, bytes] = {SUMMARY_NAME: (json.dumps(summary(simulation), indent=2) + "\n").encode("utf-8")}
    for name, rows in all_tables(simulation).items():
        files[f"{name}.csv"] = csv_bytes(rows)
        files[f"{name}.parquet"] = parquet_bytes(rows)
    files[PLOT_NAMES[0]] = plot_png(simulation)
    files[PLOT_NAMES[1]] = plot_svg(simulation).encode("utf-8")
    written = []
    for name, data in files.items():
        write_bytes(folder / name, data, inputs)
        written.append(folder / name)
    return written


def csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def parquet_bytes(rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buffer)
    return buffer.getvalue()

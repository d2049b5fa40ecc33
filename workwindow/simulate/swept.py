"""Simulated figures beside the planned ones in `workwindow sweep --simulate N`.

Each solved variant's plan is played on N sampled mornings of its own
scenario (the same seed for all, so variants that share participants meet
the same mornings). One row per solve: the values the sweep varied, the
planned participant-days, and the delivered ones with their 95 % interval,
in the terminal and as simulated.csv / simulated.parquet beside results.csv.
"""

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from workwindow.output import write_bytes
from workwindow.simulate.figures import delivered
from workwindow.simulate.run import simulate
from workwindow.simulate.tables import csv_bytes, parquet_bytes
from workwindow.sweep.run import SweepResult

NAMES = ("simulated.csv", "simulated.parquet")


def simulated_rows(result: SweepResult, draws: int, seed: int) -> list[dict[str, Any]]:
    rows = []
    for outcome in result.outcomes:
        if outcome.schedule is None or not outcome.solved:
            continue
        scenario = outcome.variant.scenario
        estimate = delivered(simulate(scenario, [("plan", outcome.schedule)], draws=draws, seed=seed).plans[0])
        rows.append(
            {
                "variant": outcome.variant.number,
                **{setting.path: setting.text for setting in outcome.variant.settings},
                "seed": outcome.seed,
                "planned_days": len(outcome.schedule.assignments),
                "delivered_days_mean": round(estimate.mean, 4),
                "delivered_days_ci95_low": round(estimate.low, 4),
                "delivered_days_ci95_high": round(estimate.high, 4),
                "draws": draws,
            }
        )
    return rows


def print_simulated(console: Console, result: SweepResult, rows: list[dict[str, Any]]) -> None:
    table = Table(title="Planned and delivered participant-days (simulated, 95 % interval)", title_justify="left")
    paths = result.sweep.varied_paths
    for heading in ("#", *paths, "planned", "delivered"):
        table.add_column(heading, justify="right")
    for row in rows:
        interval = (
            f"{row['delivered_days_mean']:.1f} [{row['delivered_days_ci95_low']:.1f}, "
            f"{row['delivered_days_ci95_high']:.1f}]"
        )
        table.add_row(str(row["variant"]), *(row[p] for p in paths), str(row["planned_days"]), interval)
    console.print(table)


def write_simulated(rows: list[dict[str, Any]], folder: Path, inputs: tuple[Path, ...]) -> list[Path]:
    written = []
    for name, data in zip(NAMES, (csv_bytes(rows), parquet_bytes(rows)), strict=True):
        write_bytes(folder / name, data, inputs)
        written.append(folder / name)
    return written

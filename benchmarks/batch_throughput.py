"""Scenarios per second of `workwindow batch` on local processes and on a Dask LocalCluster.

Generates COUNT synthetic one-week scenarios (25 participants by default),
solves them once per executor into fresh folders with the batch command's
default settings (one CP-SAT worker per scenario), and prints a table. Wall time is end to end, as a user sees it:
starting the workers, reading, solving, writing every result and the summary.

    python benchmarks/batch_throughput.py [--count 200] [--participants 25] [--jobs N]
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from workwindow.batch import SolveSettings, run_batch
from workwindow.generate import generated_scenario


def main() -> None:
    options = _options()
    with tempfile.TemporaryDirectory(prefix="workwindow-bench-") as folder:
        inputs = Path(folder) / "in"
        _write_scenarios(inputs, options.count, options.participants)
        settings = SolveSettings()
        runs = {
            "local processes": _timed(inputs, Path(folder) / "local", settings, None, options.jobs),
            "Dask LocalCluster": _timed(inputs, Path(folder) / "dask", settings, "local", options.jobs),
        }
    Console().print(_table(runs, options))


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--participants", type=int, default=25)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    return parser.parse_args()


def _write_scenarios(folder: Path, count: int, participants: int) -> None:
    folder.mkdir()
    for seed in range(count):
        (folder / f"week{seed:04d}.yaml").write_text(generated_scenario(participants, 2, 1, 1, seed))


def _timed(inputs: Path, out: Path, settings: SolveSettings, cluster: str | None, jobs: int) -> dict:
    began = time.perf_counter()
    report = run_batch([str(inputs)], out, settings, cluster=cluster, jobs=jobs)
    wall = time.perf_counter() - began
    if report.failed:
        raise SystemExit(f"{report.failed} scenarios failed; the benchmark needs them all solved")
    return {"wall": wall, "solve": sum(row["seconds"] for row in report.rows), "count": len(report.rows)}


def _table(runs: dict[str, dict], options: argparse.Namespace) -> Table:
    table = Table(
        title=f"{options.count} scenarios of {options.participants} participants × 1 week, "
        f"{options.jobs} jobs, 1 CP-SAT worker each"
    )
    for heading in ("executor", "wall s", "scenarios/s", "sum of task s", "overhead vs local"):
        table.add_column(heading, justify="left" if heading == "executor" else "right")
    local_wall = runs["local processes"]["wall"]
    for name, run in runs.items():
        overhead = run["wall"] / local_wall - 1
        table.add_row(
            name,
            f"{run['wall']:.1f}",
            f"{run['count'] / run['wall']:.2f}",
            f"{run['solve']:.1f}",
            "–" if name == "local processes" else f"{overhead:+.0%}",
        )
    return table


if __name__ == "__main__":
    main()

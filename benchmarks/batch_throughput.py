"""Scenarios per second of `workwindow batch` on local processes and on a Dask LocalCluster.

Generates COUNT synthetic one-week scenarios (25 participants by default) and
solves them with the batch command's default settings (one CP-SAT worker per
scenario) on each executor, into fresh folders. Wall time is end to end, as a
user sees it: starting the workers, reading, solving, writing every result
and the summary. On a shared machine the numbers move with the neighbours'
load, so with --rounds above 1 the executors take turns (ABBA...) and the
table keeps each one's fastest round. "workers busy" is the time spent
inside tasks over jobs × wall time; what is left ("idle s") is the executor's
own cost: starting workers, sending tasks, writing results. It holds still
when neighbours slow the solves down, unlike wall time.

    python benchmarks/batch_throughput.py [--count 200] [--participants 25] [--jobs N] [--rounds 1]
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from workwindow.batch import run_batch
from workwindow.generate import generated_scenario
from workwindow.solver import SolveSettings

EXECUTORS = {"local processes": None, "Dask LocalCluster": "local"}


def main() -> None:
    options = _options()
    with tempfile.TemporaryDirectory(prefix="workwindow-bench-") as folder:
        inputs = Path(folder) / "in"
        _write_scenarios(inputs, options.count, options.participants)
        runs: dict[str, list[dict]] = {name: [] for name in EXECUTORS}
        for round_number in range(options.rounds):
            order = list(EXECUTORS) if round_number % 2 == 0 else list(reversed(EXECUTORS))
            for name in order:
                out = Path(folder) / f"{name.split()[0]}-{round_number}"
                runs[name].append(_timed(inputs, out, EXECUTORS[name], options.jobs))
    best = {name: min(results, key=lambda run: run["wall"]) for name, results in runs.items()}
    Console(width=120).print(_table(best, options))


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--participants", type=int, default=25)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=1)
    return parser.parse_args()


def _write_scenarios(folder: Path, count: int, participants: int) -> None:
    folder.mkdir()
    for seed in range(count):
        (folder / f"week{seed:04d}.yaml").write_text(generated_scenario(participants, 2, 1, 1, seed))


def _timed(inputs: Path, out: Path, cluster: str | None, jobs: int) -> dict:
    began = time.perf_counter()
    report = run_batch([str(inputs)], out, SolveSettings(), cluster=cluster, jobs=jobs)
    wall = time.perf_counter() - began
    if report.failed:
        raise SystemExit(f"{report.failed} scenarios failed; the benchmark needs them all solved")
    return {"wall": wall, "solve": sum(row["seconds"] for row in report.rows), "count": len(report.rows)}


def _table(runs: dict[str, dict], options: argparse.Namespace) -> Table:
    rounds = f", best of {options.rounds} rounds" if options.rounds > 1 else ""
    table = Table(
        title=f"{options.count} scenarios of {options.participants} participants × 1 week, "
        f"{options.jobs} jobs, 1 CP-SAT worker each{rounds}"
    )
    headings = ("executor", "wall s", "scenarios/s", "sum of task s", "workers busy", "idle s", "wall vs local")
    for heading in headings:
        table.add_column(heading, justify="left" if heading == "executor" else "right")
    local_wall = runs["local processes"]["wall"]
    for name, run in runs.items():
        table.add_row(
            name,
            f"{run['wall']:.1f}",
            f"{run['count'] / run['wall']:.2f}",
            f"{run['solve']:.1f}",
            f"{run['solve'] / (options.jobs * run['wall']):.0%}",
            f"{options.jobs * run['wall'] - run['solve']:.1f}",
            "–" if name == "local processes" else f"{run['wall'] / local_wall - 1:+.0%}",
        )
    return table


if __name__ == "__main__":
    main()

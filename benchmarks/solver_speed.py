"""Time to a proven optimum: the sizes of issue 6, solved and verified, with a record to compare runs.

Generates the scenarios of the table below (several seeds each; the pilot is
solved with several CP-SAT seeds), solves each with `workwindow.solver.solve`
as `workwindow solve` does (reasons included), checks every schedule with
`workwindow verify`'s checker, prints a row per solve and a summary per size
against the targets, and writes every figure to a JSON file.

    size    scenario                                          time limit  target
    25      generate --participants 25 --crews 2 --clinics 1         60 s  proven, median <= 1 s, worst <= 5 s
    pilot   scenarios/pilot.yaml (4 weeks)                           60 s  proven, <= 5 s
    100     generate --participants 100 --crews 4 --clinics 2        60 s  proven, median <= 10 s
    1000    generate --participants 1000 --crews 40 --clinics 20     60 s  every stage within 1 % of its bound
    3000    generate --participants 3000 --crews 120 --clinics 60    300 s verified, gaps reported
            --weeks 4

Python work (load, build, read back) should stay under 10 % of the time from
100 participants up. "wall" is load + solve, reasons included; the solve's time
limit is the size's limit less the load, so that the two together fit in it.

    python benchmarks/solver_speed.py                    # everything, ~20 min on 2 cores
    python benchmarks/solver_speed.py --sizes 25,pilot --seeds 3
    python benchmarks/solver_speed.py --compare benchmarks/results/OLD.json

Not part of the test suite's timing (tests/benchmarks runs one tiny solve).
"""

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workwindow.generate import generated_scenario  # noqa: E402
from workwindow.models import load_scenario  # noqa: E402
from workwindow.solver import solve  # noqa: E402
from workwindow.verify import verify  # noqa: E402

STAGES = {
    "shortfall": "shortfall",
    "participant_days": "days",
    "late_start": "late",
    "staff": "staff",
    "late_places": "tie",
}
"""Stage names and their column headings; `tie` is the last stage, late_places."""


@dataclass(frozen=True)
class Size:
    name: str
    shape: tuple[int, int, int, int] | None
    """participants, crews, clinics, weeks for `generate`; None for the bundled pilot."""
    time_limit: float
    seeds: int
    target: str


SIZES = {
    "25": Size("25", (25, 2, 1, 1), 60, 10, "proven, median <= 1 s, worst <= 5 s"),
    "pilot": Size("pilot", None, 60, 3, "proven, <= 5 s"),
    "100": Size("100", (100, 4, 2, 1), 60, 5, "proven, median <= 10 s"),
    "1000": Size("1000", (1000, 40, 20, 1), 60, 3, "every stage gap <= 1 %, <= 60 s"),
    "3000": Size("3000", (3000, 120, 60, 4), 300, 2, "verified, gaps reported, <= 300 s"),
}


def main(argv: list[str] | None = None) -> Path:
    options = _options(argv)
    console = Console(width=max(Console().width, 150))
    runs = []
    with tempfile.TemporaryDirectory(prefix="workwindow-speed-") as scratch:
        folder = Path(options.scenarios or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for name in options.sizes:
            size = SIZES[name]
            for seed in range(1, (options.seeds or size.seeds) + 1):
                path = _scenario_file(folder, size, seed)
                run = _solve_and_check(path, size, seed, options)
                console.print(_run_line(run))
                runs.append(run)
    record = _record(options, runs)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(record, indent=2) + "\n")
    console.print(_runs_table(runs))
    console.print(_summary_table(runs))
    if options.compare:
        console.print(_comparison_table(json.loads(Path(options.compare).read_text()), record))
    console.print(f"Figures written to {options.output}")
    return options.output


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help=f"comma-separated, of {', '.join(SIZES)}")
    parser.add_argument("--seeds", type=int, help="scenarios per size (default: per size, see the table)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, help="override every size's time limit (seconds)")
    parser.add_argument("--no-explain", action="store_true", help="time the solve without the reasons")
    parser.add_argument("--scenarios", help="folder to keep the generated scenarios in (reused when present)")
    parser.add_argument("--output", type=Path, help="JSON record (default: benchmarks/results/solver_speed-TIME.json)")
    parser.add_argument("--compare", help="an earlier JSON record to compare the summary with")
    options = parser.parse_args(argv)
    options.sizes = [s.strip() for s in options.sizes.split(",") if s.strip()]
    if unknown := [s for s in options.sizes if s not in SIZES]:
        parser.error(f"unknown sizes {', '.join(unknown)}; known: {', '.join(SIZES)}")
    if options.output is None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        options.output = ROOT / "benchmarks" / "results" / f"solver_speed-{stamp}.json"
    return options


def _scenario_file(folder: Path, size: Size, seed: int) -> Path:
    if size.shape is None:
        return ROOT / "scenarios" / "pilot.yaml"
    participants, crews, clinics, weeks = size.shape
    path = folder / f"p{participants}-c{crews}-k{clinics}-w{weeks}-s{seed}.yaml"
    if not path.exists():
        path.write_text(generated_scenario(participants, crews, clinics, weeks, seed))
    return path


def _solve_and_check(path: Path, size: Size, seed: int, options: argparse.Namespace) -> dict:
    began = time.perf_counter()
    scenario = load_scenario(path)
    load = time.perf_counter() - began
    solver_seed = seed - 1 if size.shape is None else 0
    time_limit = max(1.0, (options.time_limit or size.time_limit) - load)
    schedule = solve(
        scenario,
        time_limit=time_limit,
        workers=options.workers,
        seed=solver_seed,
        explain=not options.no_explain,
    )
    wall = time.perf_counter() - began
    violations = verify(scenario, schedule)
    info = schedule.solver
    python = load + info.build_seconds + getattr(info, "read_seconds", 0.0)
    return {
        "size": size.name,
        "seed": seed,
        "scenario": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name),
        "participants": len(scenario.participants),
        "weeks": scenario.weeks,
        "time_limit": round(time_limit, 3),
        "status": schedule.status,
        "objectives": schedule.objectives,
        "load_seconds": round(load, 3),
        "build_seconds": info.build_seconds,
        "read_seconds": getattr(info, "read_seconds", None),
        "explain_seconds": info.explain_seconds,
        "solve_seconds": info.wall_seconds,
        "wall_seconds": round(wall, 3),
        "python_share": round(python / wall, 4),
        "stages": _stages(info.stages),
        "verified": not violations,
        "violations": [str(v) for v in violations[:5]],
    }


def _stages(stages: list) -> dict[str, dict]:
    """Per objective over all weeks: seconds summed, the worst status, the largest gap."""
    order = {"optimal": 0, "feasible": 1, "unknown": 2}
    out: dict[str, dict] = {}
    for stage in stages:
        gap = abs(stage.value - stage.bound) / max(1, abs(stage.value)) if stage.status != "unknown" else None
        row = out.setdefault(stage.objective, {"seconds": 0.0, "status": "optimal", "gap": 0.0})
        row["seconds"] = round(row["seconds"] + stage.wall_seconds, 4)
        if order[stage.status] > order[row["status"]]:
            row["status"] = stage.status
        row["gap"] = None if gap is None or row["gap"] is None else round(max(row["gap"], gap), 4)
    return out


def _max_gap(run: dict) -> float | None:
    gaps = [s["gap"] for s in run["stages"].values()]
    return None if any(g is None for g in gaps) else max(gaps, default=0.0)


def _stage_cell(stage: dict | None) -> str:
    if stage is None:
        return "–"
    if stage["status"] == "optimal":
        return f"{stage['seconds']:.2f}"
    gap = "?" if stage["gap"] is None else f"{stage['gap']:.0%}"
    return f"{stage['seconds']:.2f} [yellow]{gap}[/]"


def _run_line(run: dict) -> str:
    gap = _max_gap(run)
    gap_text = "no solution" if gap is None else f"max gap {gap:.1%}"
    verified = "verified" if run["verified"] else "[red]NOT VERIFIED[/]"
    return (
        f"{run['size']:>5} seed {run['seed']}: {run['status']}, {run['wall_seconds']:.2f} s, "
        f"{gap_text}, Python {run['python_share']:.1%}, {verified}"
    )


def _runs_table(runs: list[dict]) -> Table:
    table = Table(title="Every solve, in seconds (stage cells: seconds, and the gap when not proven)")
    headings = ["size", "seed", "load", "build", *STAGES.values(), "read", "explain", "wall", "Python", "status", "ok"]
    for heading in headings:
        table.add_column(heading, justify="left" if heading in ("size", "status") else "right")
    for run in runs:
        table.add_row(
            run["size"],
            str(run["seed"]),
            f"{run['load_seconds']:.2f}",
            f"{run['build_seconds']:.2f}",
            *(_stage_cell(run["stages"].get(name)) for name in STAGES),
            "–" if run["read_seconds"] is None else f"{run['read_seconds']:.2f}",
            f"{run['explain_seconds']:.2f}",
            f"{run['wall_seconds']:.2f}",
            f"{run['python_share']:.1%}",
            run["status"],
            "yes" if run["verified"] else "[red]no[/]",
        )
    return table


def summarise(runs: list[dict]) -> dict[str, dict]:
    """Per size: how many proven, median and worst wall, largest gap, median Python share, target met."""
    by_size: dict[str, list[dict]] = {}
    for run in runs:
        by_size.setdefault(run["size"], []).append(run)
    summary = {}
    for name, group in by_size.items():
        walls = [r["wall_seconds"] for r in group]
        gaps = [_max_gap(r) for r in group]
        row = {
            "runs": len(group),
            "proven": sum(r["status"] == "optimal" for r in group),
            "verified": sum(r["verified"] for r in group),
            "median_wall": round(statistics.median(walls), 3),
            "worst_wall": round(max(walls), 3),
            "max_gap": None if None in gaps else round(max(gaps), 4),
            "median_python_share": round(statistics.median(r["python_share"] for r in group), 4),
        }
        row["target_met"] = _target_met(name, row)
        summary[name] = row
    return summary


def _target_met(name: str, row: dict) -> bool:
    all_proven = row["proven"] == row["runs"]
    python_ok = name in ("25", "pilot") or row["median_python_share"] <= 0.10
    met = {
        "25": all_proven and row["median_wall"] <= 1 and row["worst_wall"] <= 5,
        "pilot": all_proven and row["worst_wall"] <= 5,
        "100": all_proven and row["median_wall"] <= 10,
        "1000": row["max_gap"] is not None and row["max_gap"] <= 0.01 and row["worst_wall"] <= 60,
        "3000": row["verified"] == row["runs"] and row["max_gap"] is not None and row["worst_wall"] <= 300,
    }[name]
    return met and python_ok and row["verified"] == row["runs"]


def _summary_table(runs: list[dict]) -> Table:
    table = Table(title="Per size, against the targets of issue 6")
    for heading in ("size", "runs", "proven", "median s", "worst s", "max gap", "Python", "target", "met"):
        table.add_column(heading, justify="left" if heading in ("size", "target") else "right")
    for name, row in summarise(runs).items():
        table.add_row(
            name,
            str(row["runs"]),
            str(row["proven"]),
            f"{row['median_wall']:.2f}",
            f"{row['worst_wall']:.2f}",
            "no solution" if row["max_gap"] is None else f"{row['max_gap']:.1%}",
            f"{row['median_python_share']:.1%}",
            SIZES[name].target,
            "[green]yes[/]" if row["target_met"] else "[red]no[/]",
        )
    return table


def _comparison_table(before: dict, after: dict) -> Table:
    table = Table(title=f"{before.get('started', 'earlier run')} → {after['started']}")
    for heading in ("size", "proven", "median s", "worst s", "max gap", "Python"):
        table.add_column(heading, justify="left" if heading == "size" else "right")
    old, new = before.get("summary", {}), after["summary"]
    for name, row in new.items():
        was = old.get(name)

        def pair(field: str, fmt: str, row: dict = row, was: dict | None = was) -> str:
            now = "–" if row[field] is None else format(row[field], fmt)
            return now if was is None else f"{'–' if was[field] is None else format(was[field], fmt)} → {now}"

        proven = f"{row['proven']}/{row['runs']}"
        table.add_row(
            name,
            proven if was is None else f"{was['proven']}/{was['runs']} → {proven}",
            pair("median_wall", ".2f"),
            pair("worst_wall", ".2f"),
            pair("max_gap", ".1%"),
            pair("median_python_share", ".1%"),
        )
    return table


def _record(options: argparse.Namespace, runs: list[dict]) -> dict:
    return {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "ortools": _ortools_version(),
        },
        "workers": options.workers,
        "explain": not options.no_explain,
        "summary": summarise(runs),
        "runs": runs,
    }


def _commit() -> str | None:
    try:
        found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return None
    return found.stdout.strip() or None


def _ortools_version() -> str:
    import ortools

    return ortools.__version__


if __name__ == "__main__":
    main()

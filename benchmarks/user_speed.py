"""Speed a user feels (issue 19): whole commands timed against each other in one run.

Every figure is a ratio of two walls measured in the same run, the two
commands taking turns (ABAB...), each the median of its rounds, so that a
machine shared with others moves both sides alike. The commands run as a user
runs them (`python -m workwindow ...`, a fresh process each), from the
checkout given by --root (default: this one), so that an older commit can be
measured with the same script.

    row          what is timed                                          target
    help         workwindow --help  ÷  python -c "import click, yaml, pydantic"  <= 2
    schema       workwindow schema  ÷  the same import                  <= 2
    check        workwindow check pilot  ÷  the same import             <= 2
    models       python -c "from workwindow.models import Scenario"  ÷  the same import
                 (pydantic builds the scenario's models, which check validates with;
                 `import pydantic` alone loads next to nothing of pydantic)
    floor        click, PyYAML and one pydantic model of one int field  ÷  the same import
                 (the least any command that validates with pydantic can take)
    explain      workwindow explain pilot P07  ÷  workwindow solve pilot   <= 1.5
                 (P07, not ready on any day, is the pilot's one participant without work)
    explain-plan workwindow explain pilot P07 --plan PLAN  ÷  solve pilot   <= 1.5
                 (PLAN written by one `solve -o` before the turns: the plan a planner holds)
    switch-each  workwindow compare pilot --switch-each --health-details  ÷  solve pilot  <= 5
    batch        run_batch of 20 generated 25-participant weeks, 2 jobs:
                 wall  ÷  (sum of the solver's seconds ÷ 2)             <= 1.15
    cluster      solve --cluster local  ÷  solve, a generated 1,000-participant
                 4-week scenario, --deterministic: same schedule?       identical, <= 1.1
                 (--cluster-participants, --cluster-objective and --cluster-rounds
                 measure smaller sizes, or the weeks one by one without fairness)
    100          solve of generated 100-participant weeks, --time-limit 60:
                 seconds until participant_days is proven; late_start gap
                 against benchmarks/records/2026-12-01-steps.json       <= 10 s; no worse

Before timing, the checkout's modules are compiled to bytecode (as `pip install`
does; `--from-source` leaves that out), since the baseline's libraries are.

    python benchmarks/user_speed.py [--rows help,explain] [--rounds 5] [--root DIR] [--record FILE]
"""

import argparse
import compileall
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from workwindow.generate import generated_scenario  # noqa: E402

STEPS_RECORD = HERE / "benchmarks" / "records" / "2026-12-01-steps.json"
ROWS = (
    "help",
    "schema",
    "check",
    "models",
    "floor",
    "explain",
    "explain-plan",
    "switch-each",
    "batch",
    "cluster",
    "100",
)

BATCH_PROBE = """
import json, sys, time
from pathlib import Path
from workwindow.batch import run_batch
from workwindow.solver import SolveSettings
began = time.perf_counter()
report = run_batch([sys.argv[1]], Path(sys.argv[2]), SolveSettings(), jobs=2)
wall = time.perf_counter() - began
solver = sum(json.loads(p.read_text())["solver"]["wall_seconds"] for p in Path(sys.argv[2]).glob("week*.json"))
print(json.dumps({"wall": wall, "solver": solver, "failed": report.failed}))
"""


def main() -> None:
    options = _options()
    root = Path(options.root).resolve()
    rows = options.rows.split(",")
    record: dict = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "root": str(root),
        "commit": _commit(root),
        "load_before": os.getloadavg(),
        "rounds": options.rounds,
        "bytecode": not options.from_source,
        "rows": {},
    }
    if not options.from_source:
        _compile(root)
    with tempfile.TemporaryDirectory(prefix="workwindow-user-speed-") as folder:
        work = Path(folder)
        for row in rows:
            record["rows"][row] = MEASURES[row](root, work, options)
            record["load_after"] = os.getloadavg()
            Console(stderr=True).print(f"{row}: {record['rows'][row]}")
            if options.record:  # after every row: a long run stopped halfway keeps what it measured
                Path(options.record).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    Console(width=140).print(_table(record))


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default=",".join(ROWS), help=f"some of {', '.join(ROWS)}")
    parser.add_argument("--rounds", type=int, default=5, help="turns of each pair of commands (the medians count)")
    parser.add_argument("--root", default=str(HERE), help="checkout whose workwindow is timed")
    parser.add_argument("--seeds", default="1,2,3,4,5", help="seeds of the 100-participant row")
    parser.add_argument("--cluster-time-limit", type=float, default=60.0, help="--time-limit of the cluster row")
    parser.add_argument("--cluster-participants", type=int, default=1000, help="size of the cluster row's scenario")
    parser.add_argument(
        "--cluster-objective",
        help="the cluster row's objective list instead of the generated one, e.g. "
        "shortfall,participant_days,late_start,staff (without fairness the weeks go to the workers one by one)",
    )
    parser.add_argument(
        "--cluster-rounds", type=int, default=1, help="turns of local and cluster solves (medians count)"
    )
    parser.add_argument("--record", help="write every figure to this JSON file")
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="time with whatever bytecode the checkout has (none on a fresh one under PYTHONDONTWRITEBYTECODE)",
    )
    return parser.parse_args()


def _compile(root: Path) -> None:
    """Write the checkout's bytecode, as installing a package does.

    The libraries of the baseline (click, PyYAML, pydantic) were installed with their
    bytecode; a checkout gets its own on first run, unless PYTHONDONTWRITEBYTECODE is
    set, as it is on the machine these records come from. Without this, every timed
    start of workwindow compiled its modules from source (0.03 s for `check`) while
    the baseline's were read compiled.
    """
    compileall.compile_dir(root / "workwindow", quiet=1)


def _run(root: Path, args: list[str], *, check: bool = True) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    began = time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - began
    if check and done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {done.returncode}: {done.stderr[-2000:]}")
    return wall, done


def _pair(root: Path, mine: list[str], theirs: list[str], rounds: int) -> dict:
    """Median walls of two commands taking turns, and their ratio."""
    walls: dict[str, list[float]] = {"mine": [], "theirs": []}
    for turn in range(rounds):
        order = (("mine", mine), ("theirs", theirs)) if turn % 2 == 0 else (("theirs", theirs), ("mine", mine))
        for name, args in order:
            walls[name].append(_run(root, args)[0])
    mine_s, theirs_s = statistics.median(walls["mine"]), statistics.median(walls["theirs"])
    return {
        "wall": round(mine_s, 3),
        "against": round(theirs_s, 3),
        "ratio": round(mine_s / theirs_s, 2),
        "walls": walls,
    }


IMPORTS = ["-c", "import click, yaml, pydantic"]
ONE_MODEL = "import click, yaml\nfrom pydantic import BaseModel\nclass One(BaseModel):\n    n: int"
PILOT = "scenarios/pilot.yaml"
SOLVE_PILOT = ["-m", "workwindow", "solve", PILOT]
WITHOUT_WORK = "P07"
"""The pilot's participant with no work (not ready on any day); P09 has a day since `fairness`."""


def _light(command: list[str]) -> Callable[[Path, Path, argparse.Namespace], dict]:
    def measure(root: Path, work: Path, options: argparse.Namespace) -> dict:
        return _pair(root, ["-m", "workwindow", *command], IMPORTS, options.rounds)

    return measure


def _against_solve(command: list[str], rounds: int | None = None) -> Callable[[Path, Path, argparse.Namespace], dict]:
    def measure(root: Path, work: Path, options: argparse.Namespace) -> dict:
        return _pair(root, ["-m", "workwindow", *command], SOLVE_PILOT, rounds or options.rounds)

    return measure


def _explain_plan(root: Path, work: Path, options: argparse.Namespace) -> dict:
    plan = work / "pilot-plan.json"
    _run(root, [*SOLVE_PILOT, "-o", str(plan), "--force"])
    explain = ["-m", "workwindow", "explain", PILOT, WITHOUT_WORK, "--plan", str(plan)]
    return _pair(root, explain, SOLVE_PILOT, options.rounds)


def _batch(root: Path, work: Path, options: argparse.Namespace) -> dict:
    inputs = work / "batch-in"
    inputs.mkdir()
    for seed in range(20):
        (inputs / f"week{seed:02d}.yaml").write_text(generated_scenario(25, 2, 1, 1, seed))
    runs = []
    for turn in range(options.rounds):
        _, done = _run(root, ["-c", BATCH_PROBE, str(inputs), str(work / f"batch-out-{turn}")])
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    ratios = [run["wall"] / (run["solver"] / 2) for run in runs]
    best = statistics.median(ratios)
    return {"ratio": round(best, 2), "runs": runs}


def _cluster(root: Path, work: Path, options: argparse.Namespace) -> dict:
    size = options.cluster_participants
    scenario = work / f"p{size}-w4.yaml"
    text = generated_scenario(size, max(1, size // 25), max(1, size // 50), 4, 1)
    if options.cluster_objective:
        objective = f"objective: [{options.cluster_objective.replace(',', ', ')}]"
        text = re.sub(r"(?m)^objective: \[.*\]$", objective, text)
    scenario.write_text(text)
    limit = str(options.cluster_time_limit)
    common = ["-m", "workwindow", "solve", str(scenario), "--deterministic", "--time-limit", limit, "--force"]
    walls: dict[str, list[float]] = {"local": [], "cluster": []}
    for turn in range(options.cluster_rounds):
        order = ("local", "cluster") if turn % 2 == 0 else ("cluster", "local")
        for name in order:
            extra = ["--cluster", "local"] if name == "cluster" else []
            wall, done = _run(root, [*common, *extra, "-o", str(work / f"{name}.json")], check=False)
            if done.returncode != 0:
                return {
                    "error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
                }
            walls[name].append(round(wall, 2))
    local, cluster = (json.loads((work / f"{name}.json").read_text()) for name in ("local", "cluster"))
    same = all(local[key] == cluster[key] for key in ("objectives", "assignments", "groups", "unassigned"))
    local_s, cluster_s = statistics.median(walls["local"]), statistics.median(walls["cluster"])
    return {
        "participants": size,
        "objective": options.cluster_objective or "as generated",
        "time_limit": options.cluster_time_limit,
        "local": round(local_s, 2),
        "cluster": round(cluster_s, 2),
        "ratio": round(cluster_s / local_s, 2),
        "identical": same,
        "walls": walls,
    }


def _hundred(root: Path, work: Path, options: argparse.Namespace) -> dict:
    steps = {run["seed"]: run for run in json.loads(STEPS_RECORD.read_text())["runs"] if run["size"] == "100"}
    seeds = []
    for seed in (int(s) for s in options.seeds.split(",")):
        scenario = work / f"p100-s{seed}.yaml"
        scenario.write_text(generated_scenario(100, 4, 2, 1, seed))
        out = work / f"p100-s{seed}.json"
        _run(root, ["-m", "workwindow", "solve", str(scenario), "--time-limit", "60", "-o", str(out)])
        stages = {s["objective"]: s for s in json.loads(out.read_text())["solver"]["stages"]}
        first_two = ("shortfall", "participant_days")
        seeds.append(
            {
                "seed": seed,
                "first_two_proven": all(stages[name]["status"] == "optimal" for name in first_two),
                "first_two_seconds": round(sum(stages[name]["wall_seconds"] for name in first_two), 2),
                "late_start_gap": stages["late_start"]["gap"],
                "steps_gap": steps[seed]["stages"]["late_start"]["gap"] if seed in steps else None,
            }
        )
    return {"seeds": seeds}


MEASURES: dict[str, Callable[[Path, Path, argparse.Namespace], dict]] = {
    "help": _light(["--help"]),
    "schema": _light(["schema"]),
    "check": _light(["check", PILOT]),
    "models": lambda root, work, options: _pair(
        root, ["-c", "from workwindow.models import Scenario"], IMPORTS, options.rounds
    ),
    "floor": lambda root, work, options: _pair(root, ["-c", ONE_MODEL], IMPORTS, options.rounds),
    "explain": _against_solve(["explain", PILOT, WITHOUT_WORK]),
    "explain-plan": _explain_plan,
    "switch-each": _against_solve(["compare", PILOT, "--switch-each", "--health-details"], rounds=3),
    "batch": _batch,
    "cluster": _cluster,
    "100": _hundred,
}

TARGETS = {
    "help": "<= 2",
    "schema": "<= 2",
    "check": "<= 2",
    "models": "(check's models)",
    "floor": "(pydantic floor)",
    "explain": "<= 1.5",
    "explain-plan": "<= 1.5",
    "switch-each": "<= 5",
    "batch": "<= 1.15",
    "cluster": "identical, <= 1.1",
    "100": "<= 10 s; gap no worse",
}


def _table(record: dict) -> Table:
    load = ", ".join(f"{x:.1f}" for x in record["load_before"])
    table = Table(title=f"workwindow at {record['commit']}: ratios within one run (load average before: {load})")
    for heading in ("row", "measured", "against", "ratio", "target"):
        table.add_column(heading, justify="left" if heading in ("row", "target") else "right")
    for row, figures in record["rows"].items():
        table.add_row(row, *_cells(row, figures), TARGETS[row])
    return table


def _cells(row: str, figures: dict) -> tuple[str, str, str]:
    if "error" in figures:
        return figures["error"][:60], "", "n/a"
    if row == "batch":
        run = figures["runs"][0]
        return f"{run['wall']:.2f} s wall", f"{run['solver']:.2f} solver s", f"{figures['ratio']:.2f}"
    if row == "cluster":
        same = "identical" if figures["identical"] else "DIFFERENT"
        return f"{figures['cluster']:.1f} s", f"{figures['local']:.1f} s", f"{figures['ratio']:.2f}, {same}"
    if row == "100":
        seeds = figures["seeds"]
        proven = sum(s["first_two_proven"] for s in seeds)
        slowest = max(s["first_two_seconds"] for s in seeds)
        gaps = "/".join(f"{s['late_start_gap']:.0%}" for s in seeds)
        before = "/".join(f"{s['steps_gap']:.0%}" if s["steps_gap"] is not None else "-" for s in seeds)
        return f"{proven}/{len(seeds)} in <= {slowest:.1f} s; gaps {gaps}", f"gaps {before}", ""
    return f"{figures['wall']:.2f} s", f"{figures['against']:.2f} s", f"{figures['ratio']:.2f}"


def _commit(root: Path) -> str:
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


if __name__ == "__main__":
    main()

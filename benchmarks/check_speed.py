"""`check` of the largest legal scenario, this checkout against an older commit in one run.

The scenario is the one of benchmarks/input_limits.py (10,000 generated
participants, 100 crews, 20 clinics, seed 0), for one week and for 53. Each
probe is a `workwindow check` subprocess (start-up included) with its wall
time and peak memory (the child's max RSS); the two checkouts take turns
(the week --rounds times, the median kept; the 53 weeks once, as the older
commit may take minutes), and their outputs must be the same byte for byte.

    python benchmarks/check_speed.py --before REV [--rounds 3] [--record FILE]
"""

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from workwindow.generate import generated_scenario

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    options = _options()
    with tempfile.TemporaryDirectory(prefix="workwindow-check-speed-") as folder:
        before = _checkout(options.before, Path(folder) / "before")
        inputs = _write_inputs(Path(folder))
        rounds = {"check 10,000 x 1 week": options.rounds, "check 10,000 x 53 weeks": 1}
        rows = {name: _compare(before, path, rounds[name]) for name, path in inputs.items()}
    Console(width=120).print(_table(rows, options.before))
    if options.record:
        record = {"benchmark": "check_speed", "before": options.before, "after": _commit("HEAD"), "probes": rows}
        record["load_average"] = os.getloadavg()
        Path(options.record).write_text(json.dumps(record, indent=2) + "\n")


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="The commit to measure against (any git revision).")
    parser.add_argument("--rounds", type=int, default=3, help="Turns each checkout takes at the one-week probe.")
    parser.add_argument("--record", type=Path, help="Write the numbers to this JSON file.")
    return parser.parse_args()


def _checkout(revision: str, folder: Path) -> Path:
    """The revision's tree, unpacked with `git archive` (no worktree left behind)."""
    folder.mkdir()
    archive = folder.with_suffix(".tar")
    subprocess.run(["git", "archive", "-o", str(archive), revision], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _write_inputs(folder: Path) -> dict[str, Path]:
    city = generated_scenario(10_000, 100, 20, 1, 0)
    inputs = {"check 10,000 x 1 week": folder / "week.yaml", "check 10,000 x 53 weeks": folder / "year.yaml"}
    inputs["check 10,000 x 1 week"].write_text(city)
    inputs["check 10,000 x 53 weeks"].write_text(city.replace("\nweeks: 1\n", "\nweeks: 53\n"))
    return inputs


def _compare(before: Path, scenario: Path, rounds: int) -> dict:
    """Both checkouts in turns; per checkout, the round of median wall time."""
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    outputs = set()
    for _ in range(rounds):
        for side, root in (("before", before), ("after", ROOT)):
            figures, output = _check(root, scenario)
            runs[side].append(figures)
            outputs.add(output)
    median = {side: sorted(figures, key=lambda f: f["seconds"])[len(figures) // 2] for side, figures in runs.items()}
    return {**median, "rounds": rounds, "same_output": len(outputs) == 1}


def _check(root: Path, scenario: Path) -> tuple[dict, bytes]:
    """Wall time, peak memory of this child alone (wait4), exit code and output of one `check`."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stdout:
        child = subprocess.Popen(
            [sys.executable, "-m", "workwindow", "check", str(scenario)],
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=root,
        )
        _, status, usage = os.wait4(child.pid, 0)
        stdout.seek(0)
        output = stdout.read()
    figures = {
        "seconds": round(time.perf_counter() - started, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "exit": os.waitstatus_to_exitcode(status),
    }
    return figures, output


def _commit(revision: str) -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", revision], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()


def _table(rows: dict[str, dict], before: str) -> Table:
    table = Table(title=f"workwindow check: {before} against {_commit('HEAD')} (load {os.getloadavg()[0]:.1f})")
    for column in ("probe", "s before", "MB before", "s after", "MB after", "exit", "same output"):
        table.add_column(column, justify="left" if column == "probe" else "right")
    for name, row in rows.items():
        old, new = row["before"], row["after"]
        table.add_row(
            name,
            f"{old['seconds']:.1f}",
            str(old["peak_mb"]),
            f"{new['seconds']:.1f}",
            str(new["peak_mb"]),
            f"{old['exit']}/{new['exit']}",
            "yes" if row["same_output"] else "NO",
        )
    return table


if __name__ == "__main__":
    main()

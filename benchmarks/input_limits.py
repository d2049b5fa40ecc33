"""How `check` and `report` hold up against large and hostile input, as a user runs them.

Each probe is a `workwindow` subprocess (start-up included) with its wall time,
peak memory (the process's max RSS) and exit code: the largest legal scenario
(10,000 generated participants, one week, and the same over 53 weeks), a
report of a solved 10,000-participant week, a file of 519,085 participants
(50 MB), a 10,000-participant scenario with 30,000 more participants pasted in,
a 478-byte YAML alias bomb, and `weeks: 100000`. The limits in
workwindow/models/limits.py exist so that the last four end at once with exit 2.

    python benchmarks/input_limits.py [--record FILE] [--solve-seconds 60]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from workwindow.generate import generated_scenario

ROOT = Path(__file__).resolve().parent.parent
BOMB = "a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n" + "".join(
    f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def main() -> None:
    options = _options()
    with tempfile.TemporaryDirectory(prefix="workwindow-limits-") as folder:
        files = _write_inputs(Path(folder))
        _run("solve", files["city"], "--time-limit", str(options.solve_seconds), "-o", files["schedule"])
        probes = {
            "check 10,000 participants": ["check", files["city"]],
            "check 10,000 x 53 weeks": ["check", files["year"]],
            "report 10,000 participants": [
                "report",
                files["schedule"],
                "--scenario",
                files["city"],
                "-o",
                files["html"],
            ],
            "check 519,085 participants (50 MB)": ["check", files["huge"]],
            "check 40,000 participants (6 MB)": ["check", files["crowd"]],
            "check 478-byte alias bomb": ["check", files["bomb"]],
            "check weeks: 100000": ["check", files["weeks"]],
        }
        rows = {name: _run(*args) for name, args in probes.items()}
    Console(width=120).print(_table(rows))
    if options.record:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
        record = {"benchmark": "input_limits", "commit": commit.stdout.strip(), "probes": rows}
        Path(options.record).write_text(json.dumps(record, indent=2) + "\n")


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", type=Path, help="Write the numbers to this JSON file.")
    parser.add_argument("--solve-seconds", type=float, default=60, help="Time limit of the solve the report draws.")
    return parser.parse_args()


def _write_inputs(folder: Path) -> dict[str, Path]:
    files = {name: folder / f"{name}.yaml" for name in ("city", "year", "huge", "crowd", "bomb", "weeks")}
    city = generated_scenario(10_000, 100, 20, 1, 0)
    files["city"].write_text(city)
    files["year"].write_text(city.replace("\nweeks: 1\n", "\nweeks: 53\n"))
    head = city[: city.index("participants:\n")] + "participants:\n"
    files["huge"].write_text(head + "".join(_participant(i) for i in range(519_085)))
    files["crowd"].write_text(
        city.replace("participants:\n", "participants:\n" + "".join(map(_participant, range(30_000))))
    )
    files["bomb"].write_text(BOMB)
    files["weeks"].write_text(city.replace("\nweeks: 1\n", "\nweeks: 100000\n"))
    files["schedule"] = folder / "city.json"
    files["html"] = folder / "city.html"
    return files


def _participant(i: int) -> str:
    return f"  Q{i:06d}: {{dose_form: tablet, crews: [gaterydding], days: [mon, wed], want: [0, 2]}}\n"


def _run(*args: object) -> dict:
    """Wall time, peak memory of this child alone (wait4) and exit code of one `workwindow` command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "workwindow", *map(str, args)], stdout=subprocess.DEVNULL, stderr=stderr, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        message = (stderr.read().decode("utf-8", "replace").strip().splitlines() or [""])[0]
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "exit": child.returncode,
        "message": message[:160],
    }


def _table(rows: dict[str, dict]) -> Table:
    table = Table(title="workwindow against large and hostile input")
    for column in ("probe", "seconds", "peak MB", "exit", "message"):
        table.add_column(column, justify="right" if column in ("seconds", "peak MB", "exit") else "left")
    for name, row in rows.items():
        table.add_row(name, f"{row['seconds']:.1f}", str(row["peak_mb"]), str(row["exit"]), row["message"])
    return table


if __name__ == "__main__":
    main()

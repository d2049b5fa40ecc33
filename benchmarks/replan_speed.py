"""Time to re-plan a morning, proven optimal: the figures of issue 15, with a record to compare runs.

For each size a published plan is solved once (not timed), then every working
day of the chosen week is re-planned with the same kind of morning: the first
two planned participants absent, the first eligible unplanned participant
walking in, the next planned dose that is not fixed given 10 minutes late and `now` at the
clinic's opening + 15 min. Each replan is checked with `workwindow verify`'s
checker, and `--candidates` is timed for its first freed place.

    size    scenario                                             target
    pilot   scenarios/pilot.yaml, week 4 (cap 6)                 day proven < 1 s, candidates < 1 s
    100     generate --participants 100 --crews 4 --clinics 2    day < 2 s, candidates < 1 s

    python benchmarks/replan_speed.py -o benchmarks/records/NAME.json

Not part of the test suite's timing.
"""

import argparse
import datetime as dt
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workwindow.generate import generated_scenario  # noqa: E402
from workwindow.models import Scenario, Schedule, load_scenario  # noqa: E402
from workwindow.models.loading import parse_document, validate_scenario  # noqa: E402
from workwindow.replan import Events, replan  # noqa: E402
from workwindow.replan.candidates import candidates  # noqa: E402
from workwindow.solver import solve  # noqa: E402
from workwindow.verify import verify  # noqa: E402

TARGETS = {"pilot": (1.0, 1.0), "100": (2.0, 1.0)}
"""Seconds: (one day re-planned, candidates for one freed place)."""


def sizes() -> dict[str, tuple[Scenario, int]]:
    """Each size's scenario and the week whose days are re-planned."""
    generated = generated_scenario(participants=100, crews=4, clinics=2, weeks=1, seed=1)
    return {
        "pilot": (load_scenario(ROOT / "scenarios" / "pilot.yaml"), 4),
        "100": (validate_scenario(parse_document(generated, "generated 100")), 1),
    }


def morning(scenario: Scenario, plan: Schedule, date: dt.date) -> Events:
    planned = sorted(a.participant for a in plan.assignments if a.date == date)
    dosed = {a.participant: a.dose for a in plan.assignments if a.date == date}
    walk_in = next(
        (pid for pid in scenario.participants if pid not in planned and scenario.eligible_crews(pid, date)), None
    )
    opening = min(c.morning[0] for c in scenario.clinics.values())
    movable = [p for p in planned[2:] if scenario.participants[p].morning_dose is None]
    late = {p: min(dosed[p] + 10, scenario.clinic_of(p).morning[1]) for p in movable[:1]}
    return Events(absent=set(planned[:2]), arrived={walk_in} if walk_in else set(), doses=late, now=opening + 15)


def run(size: str, scenario: Scenario, week: int) -> list[dict]:
    plan = solve(scenario, time_limit=60.0, workers=2, explain=False)
    days = sorted({a.date for a in plan.assignments if scenario.week_of(a.date) == week})
    rows = []
    for date in days:
        events = morning(scenario, plan, date)
        began = time.perf_counter()
        result = replan(scenario, plan, date, events)
        seconds = time.perf_counter() - began
        freed = result.freed[0] if result.freed else None
        began = time.perf_counter()
        found, _untried = candidates(scenario, result, events, freed) if freed else ([], 0)
        candidate_seconds = time.perf_counter() - began if freed else None
        rows.append(
            {
                "size": size,
                "date": str(date),
                "participants": len(scenario.participants),
                "planned": sum(1 for a in plan.assignments if a.date == date),
                "seconds": round(seconds, 3),
                "status": result.schedule.status,
                "changes": len(result.changes),
                "violations": len(verify(scenario, result.schedule)),
                "candidates": len(found),
                "untried": _untried,
                "candidate_seconds": None if candidate_seconds is None else round(candidate_seconds, 3),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, help="Write the figures as JSON.")
    args = parser.parse_args()
    rows = [row for size, (scenario, week) in sizes().items() for row in run(size, scenario, week)]
    table = Table(title="Re-planning one morning")
    for column in rows[0]:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    console = Console()
    console.print(table)
    for size, (day_target, candidate_target) in TARGETS.items():
        mine = [r for r in rows if r["size"] == size]
        worst = max(r["seconds"] for r in mine)
        worst_candidates = max((r["candidate_seconds"] or 0.0) for r in mine)
        proven = all(r["status"] == "optimal" for r in mine)
        console.print(
            f"{size}: worst day {worst:.3f} s (target {day_target} s), all proven: {proven}; "
            f"worst candidates {worst_candidates:.3f} s (target {candidate_target} s)"
        )
    if args.output:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
        record = {
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "commit": commit.stdout.strip(),
            "machine": platform.platform(),
            "rows": rows,
        }
        args.output.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""How a replan reads in a terminal: the changes, whom to tell, the places nobody took, candidates."""

from collections import defaultdict

from rich.console import Console
from rich.table import Table

from workwindow.models import format_time
from workwindow.replan.candidates import Candidate
from workwindow.replan.core import Replanned
from workwindow.replan.freed import FreedPlace

MOST_CANDIDATES = 10
"""Candidates listed per freed place; the rest are counted."""


def print_replan(console: Console, result: Replanned) -> None:
    schedule = result.schedule
    days = f"{result.dates[0]}" if len(result.dates) == 1 else f"{result.dates[0]} to {result.dates[-1]}"
    console.print(
        f"[bold]Re-planned {days}[/] — {schedule.status} ({schedule.solver.wall_seconds:.2f} s): "
        f"{len(result.changes)} change{'s' if len(result.changes) != 1 else ''}"
    )
    if result.changes:
        table = Table(title="What changed", title_justify="left")
        for column in ("date", "who", "change"):
            table.add_column(column)
        for change in result.changes:
            table.add_row(change.date.strftime("%d.%m"), change.who, change.text)
        console.print(table)
    console.print(f"To tell: {', '.join(result.to_tell) or 'nobody'}")
    for freed in result.freed:
        _print_freed(console, freed)
    weeks = sorted({s.week for s in schedule.solver.stages})
    for week in weeks:
        stages = " · ".join(f"{s.objective} {s.value}" for s in schedule.solver.stages if s.week == week)
        console.print(f"stages{f' of week {week}' if len(weeks) > 1 else ''}: {stages}")


def _print_freed(console: Console, freed: FreedPlace) -> None:
    console.print(f"Freed and not taken: {freed}. Who could have taken it, and why not:")
    by_reason: dict[str, list[str]] = defaultdict(list)
    for pid, why in freed.not_taken:
        by_reason[why].append(pid)
    for why, pids in by_reason.items():
        console.print(f"  {why}: {', '.join(pids)}")
    if not freed.not_taken:
        console.print("  nobody: the crew is open to no one else that day")


def print_candidates(console: Console, freed: FreedPlace, found: list[Candidate], untried: int) -> None:
    table = Table(title=f"Who could take {freed} now, best first", title_justify="left")
    for column in ("rank", "who", "earliest ready", "would work", "what it changes for others"):
        table.add_column(column)
    for rank, candidate in enumerate(found[:MOST_CANDIDATES], start=1):
        changes = "; ".join(str(c) for c in candidate.changes) or "nothing"
        table.add_row(
            str(rank),
            candidate.participant,
            format_time(candidate.earliest_ready),
            candidate.place or "no: no re-plan can take them",
            changes if candidate.place else "",
        )
    console.print(table)
    if len(found) > MOST_CANDIDATES:
        console.print(f"and {len(found) - MOST_CANDIDATES} more")
    if untried:
        console.print(f"{untried} more could be ready later; not tried within the second (ask again after a replan)")
    if not found and not untried:
        console.print("  nobody can still be ready for it and has a day left this week")

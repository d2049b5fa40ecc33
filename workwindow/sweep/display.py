"""How a sweep reads in a terminal: a rich table with a row per solve, and what it found."""

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from workwindow.sweep.run import Outcome, SweepResult, best
from workwindow.sweep.summary import finding, number, short_name

KPI_HEADINGS = (
    ("days\nworked", "days_worked"),
    ("served", "participants_served"),
    ("late\noffset", "mean_late_start_offset"),
    ("station\npeak", "station_peak"),
)
"""Headings a word a line: the table has many narrow columns."""


def print_sweep(console: Console, result: SweepResult) -> None:
    console.print(results_table(result))
    console.print(escape(finding(result)))
    failed = result.failed
    for outcome in failed:
        reason = outcome.error or f"status {outcome.status}"
        console.print(f"[red]variant {outcome.variant.number} (seed {outcome.seed}):[/] {escape(reason)}")
    console.print(f"{result.sweep.solves} solves in {result.wall_seconds:.1f} s on {result.ran_on}")


def results_table(result: SweepResult) -> Table:
    sweep = result.sweep
    several_seeds = len(sweep.seeds) > 1
    top = {id(outcome) for outcome in best(result)}
    table = Table(title=escape(sweep.title), title_justify="left", box=box.SIMPLE_HEAD, collapse_padding=True)
    table.add_column("#", justify="right")
    for path in sweep.varied_paths:
        heading = short_name(path, sweep.varied_paths).replace(".", "\n").replace("_", "\n")
        table.add_column(escape(heading), justify="right")
    if several_seeds:
        table.add_column("seed", justify="right")
    table.add_column("status")
    for name in sweep.base.objective:
        table.add_column(name.replace("_", "\n"), justify="right")
    for heading, _ in KPI_HEADINGS:
        table.add_column(heading, justify="right")
    table.add_column("s", justify="right")
    for outcome in result.outcomes:
        variant, schedule = outcome.variant, outcome.schedule
        cells = [str(variant.number), *(escape(s.text) for s in variant.settings)]
        cells += [str(outcome.seed)] if several_seeds else []
        cells.append(outcome.status if outcome.solved else f"[red]{outcome.status}[/]")
        if schedule is not None:
            kpis = schedule.kpis.model_dump()
            cells += [number(schedule.objectives.get(name)) for name in sweep.base.objective]
            cells += [number(kpis[key]) for _, key in KPI_HEADINGS]
            cells.append(f"{schedule.solver.wall_seconds:.1f}")
        else:
            cells += ["–"] * (len(sweep.base.objective) + len(KPI_HEADINGS) + 1)
        table.add_row(*cells, style="bold" if id(outcome) in top else None)
    return table


class SweepProgress:
    """A progress bar over the solves on a terminal; silent elsewhere, where the table follows anyway."""

    def __init__(self, console: Console, total: int):
        self._progress = Progress(
            TextColumn("solving"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
        )
        self._task = self._progress.add_task("solving", total=total)
        self._shown = console.is_terminal

    def __call__(self, outcome: Outcome) -> None:
        self._progress.advance(self._task)

    def __enter__(self) -> "SweepProgress":
        if self._shown:
            self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()

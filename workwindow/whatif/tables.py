"""How comparisons and explanations read in a terminal (rich tables)."""

import datetime as dt
import io
import shlex

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from workwindow.lines import wrapped
from workwindow.models import format_time, weekday
from workwindow.whatif.compare import Column, Comparison, Metric
from workwindow.whatif.explanation import DayStatus, Explanation, WhatIf
from workwindow.whatif.tablets import SwitchEach, SwitchGain


def print_comparison(console: Console, comparison: Comparison, jobs: int) -> None:
    for table in _comparison_tables(console, comparison):
        console.print(table)
    _print_changes(console, comparison)
    _print_timing(console, comparison, jobs)


def _comparison_tables(console: Console, comparison: Comparison) -> list[Table]:
    """One table if it fits the width; otherwise the variants in as few tables as fit, each beside the base."""
    base, others = comparison.columns[0], comparison.columns[1:]
    for per_table in range(len(others), 0, -1):
        groups = [others[i : i + per_table] for i in range(0, len(others), per_table)] or [()]
        tables = [_comparison_table(comparison, (base, *group)) for group in groups]
        if all(_fits(table, console.width) for table in tables):
            return tables
    return tables


def _fits(table: Table, width: int) -> bool:
    """Laid out at this width, no line is longer: rich's own measure can promise less than it then draws."""
    probe = Console(file=io.StringIO(), width=width, highlight=False)
    probe.print(table, crop=False)
    return max(map(len, probe.file.getvalue().splitlines()), default=0) <= width


def _comparison_table(comparison: Comparison, columns: tuple[Column, ...]) -> Table:
    table = Table(title=comparison.title, title_justify="left")
    longest_word = max(len(word) for metric in comparison.metrics for word in metric.label.split())
    table.add_column("", min_width=longest_word)  # labels wrap between words, never inside one
    for column in columns:
        table.add_column(escape(column.name), justify="right")
    for metric in comparison.metrics:
        table.add_row(metric.label, *(_cell(comparison, column, metric) for column in columns))
    return table


def print_switch_each(console: Console, result: SwitchEach, jobs: int) -> None:
    title = f"{result.comparison.title}: each injecting participant switched alone, against the base"
    table = Table(title=title, title_justify="left")
    for name in SWITCH_EACH_HEADINGS:
        table.add_column(name, justify="left" if name == "participant" else "right")
    for g in result.gains:
        table.add_row(g.participant, *(signed_text(change) for change in gain_changes(g)))
    console.print(table)
    console.print(OWN_DAYS_NOTE)
    _print_timing(console, result.comparison, jobs)


SWITCH_EACH_HEADINGS = (
    "participant",
    "days worked / week",
    "participant-days",
    "own days / week",
    "shortfall",
    "late start (min)",
    "supervisor-days",
)
OWN_DAYS_NOTE = (
    "own days: the switched participant's own days; when places are full they come from someone else, "
    "and among equally good plans the solver may pick either"
)


def gain_changes(gain: SwitchGain) -> tuple[float, ...]:
    """The changes a switch makes, in the order of SWITCH_EACH_HEADINGS after the participant."""
    objectives = gain.objectives
    return (
        gain.days_worked_per_week,
        gain.participant_days,
        gain.own_days_per_week,
        objectives["shortfall"],
        objectives["late_start"],
        objectives["staff"],
    )


def print_explanation(console: Console, explanation: Explanation) -> None:
    worked, eligible = len(explanation.worked), len(explanation.days)
    console.print(
        f"[bold]{explanation.participant}[/] in {explanation.scenario}: works {worked} of {eligible} eligible days"
    )
    if not explanation.days:
        console.print("no eligible day: their days, crews and away dates leave none in the horizon")
        return
    days = Table(title="Eligible days", title_justify="left")
    for name in ("date", "work", "why not"):
        days.add_column(name, overflow="fold")
    for day in explanation.days:
        days.add_row(_day_label(day.date), *_day_cells(day))
    console.print(days)
    _print_what_ifs(console, explanation.what_ifs)


def _print_what_ifs(console: Console, what_ifs: tuple[WhatIf, ...]) -> None:
    """Each what-if, its outcome, and the --set options to run it, one per line and never cut.

    The options are shell-quoted so they can be pasted after any command that reads the scenario.
    """
    console.print("[bold]What would change it[/] (each a full re-solve)")
    for what_if in what_ifs:
        lines = wrapped(what_if.question, console.width, hanging=2)
        for outcome in _outcome(what_if).split("\n"):
            lines += wrapped(outcome, console.width, indent=4, hanging=2)
        if what_if.overrides:
            lines.append("    run it with:")
            lines += [f"      --set {shlex.quote(override)}" for override in what_if.overrides]
        for line in lines:
            console.print(line, markup=False, highlight=False, soft_wrap=True)


def describe_change(what_if: WhatIf) -> str:
    """ "+2 days: 2024-03-11, 2024-03-18", naming lost days too when the plan moves them."""
    if not what_if.gained and not what_if.lost:
        return f"no change (works {_days(len(what_if.days or ()))})"
    unit = "day" if abs(what_if.change) == 1 else "days"
    text = f"{what_if.change:+d} {unit}"
    if what_if.gained:
        text += f": {', '.join(d.isoformat() for d in what_if.gained)}"
    if what_if.lost:
        text += f"; no longer {', '.join(d.isoformat() for d in what_if.lost)}"
    return text


def _outcome(what_if: WhatIf) -> str:
    if not what_if.tried:
        return f"not tried: {what_if.note}"
    lines = [describe_change(what_if)]
    if what_if.still_without:
        counted = ", ".join(f"{reason} {n}" for reason, n in what_if.still_without.items())
        lines.append(f"still without work: {counted}")
    if what_if.note:
        lines.append(f"({what_if.note})")
    return "\n".join(lines)


def _day_cells(day: DayStatus) -> tuple[str, str]:
    if day.works:
        return f"{day.crew}, {day.group} group, from {format_time(day.start or 0)}", ""
    return f"[dim]no work: {day.reason or '?'}[/]", escape(day.detail or "")


def _cell(comparison: Comparison, column: Column, metric: Metric) -> str:
    mean = column.mean(metric.key)
    if mean is None:
        return "–"
    text = number_text(mean)
    low, high = column.low(metric.key), column.high(metric.key)
    if len(column.samples) > 1 and low != high:
        text += f" [dim]({number_text(low)}–{number_text(high)})[/]"
    if column is not comparison.base:
        delta = comparison.delta(column, metric.key)
        if delta is not None and abs(delta) > 1e-9:
            text += f" [{delta_colour(metric, delta)}]{signed_text(delta)}[/]"
    return text


def delta_colour(metric: Metric, delta: float) -> str:
    """Green for a change for the better, red for the worse, cyan where neither way is better."""
    if metric.better is None:
        return "cyan"
    return "green" if (delta > 0) == (metric.better == "higher") else "red"


def _print_changes(console: Console, comparison: Comparison) -> None:
    if comparison.base.changes:
        console.print(f"[bold]every column[/]: {escape('; '.join(comparison.base.changes))}")
    for column in comparison.columns[1:]:
        draws = f" ({len(column.samples)} draws: mean, with min–max)" if len(column.samples) > 1 else ""
        console.print(f"[bold]{escape(column.name)}[/]{draws}: {escape('; '.join(column.changes) or 'as the base')}")


def _print_timing(console: Console, comparison: Comparison, jobs: int) -> None:
    solves = len({id(s.schedule) for c in comparison.columns for s in c.samples})
    console.print(f"{solves} solves in {comparison.wall_seconds:.1f} s, up to {jobs} at a time")


def number_text(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def signed_text(value: float) -> str:
    return ("+" if value > 0 else "") + number_text(value)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _day_label(date: dt.date) -> str:
    return f"{weekday(date).capitalize()} {date.isoformat()}"

"""How schedules and scenario summaries read in a terminal (rich tables)."""

import datetime as dt
from collections import Counter, defaultdict

from rich.console import Console
from rich.table import Table

from workwindow.diagnostics import ScenarioSummary
from workwindow.models import WEEKDAYS, Scenario, Schedule, format_time, weekday
from workwindow.models.schedule import REASONS, Unassigned

NON_TERMINAL_WIDTH = 120
MOST_REASON_ROWS = 60
"""Distinct (reason, why) rows listed in full; past this the terminal gets a summary per
reason. At 3,000 participants × 4 weeks there were 5,376 such rows (31,898 days without
work), which took 5.7 s to lay out and no one reads at a terminal; the schedule file and
the HTML report keep every day with its reason."""


def new_console() -> Console:
    """A console that still lays tables out readably when piped to a file."""
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=NON_TERMINAL_WIDTH)
    return console


def print_schedule(console: Console, scenario: Scenario, schedule: Schedule) -> None:
    console.print(f"[bold]{schedule.scenario}[/] — {schedule.status} ({schedule.solver.wall_seconds:.1f} s)")
    for week in range(1, scenario.weeks + 1):
        console.print(_week_table(scenario, schedule, week))
    if schedule.unassigned:
        _print_reasons(console, schedule.unassigned)
    console.print(_objectives_line(schedule))
    console.print(_kpi_line(schedule))


def print_summary(console: Console, scenario: Scenario, summary: ScenarioSummary) -> None:
    console.print(f"[bold]{scenario.name}[/]: valid; {scenario.weeks} week(s) from {scenario.start}")
    for clinic, forms in summary.participants_by_form.items():
        listed = ", ".join(f"{n} {form}" for form, n in forms.items()) or "none"
        console.print(f"participants at {clinic}: {listed}")
    for crew, dates in summary.crews.items():
        days = sorted({weekday(dt.date.fromisoformat(d)) for d in dates}, key=_weekday_order)
        console.print(f"crew {crew}: runs {', '.join(days) or 'never'} ({len(dates)} days in the horizon)")
    table = Table(title="Capacity per week", title_justify="left")
    for column in ("week", "crew-days", "daily cap", "places"):
        table.add_column(column, justify="right")
    for week in summary.capacity:
        table.add_row(
            str(week.week),
            str(week.crew_days),
            _or_unlimited(week.daily_cap),
            _or_unlimited(week.places),
        )
    console.print(table)
    for warning in summary.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    if not summary.warnings:
        console.print("no warnings")


def _week_table(scenario: Scenario, schedule: Schedule, week: int) -> Table:
    dates = scenario.dates[7 * (week - 1) : 7 * week]
    table = Table(title=f"Week {week} ({dates[0]} – {dates[-1]})", title_justify="left")
    for column in ("date", "crew", "group", "start", "participants", "supervisors"):
        table.add_column(column)
    groups = defaultdict(list)
    for group in schedule.groups:
        groups[(group.date, group.crew)].append(group)
    for date in dates:
        for crew in scenario.program.crews:
            if not scenario.crew_runs(crew, date):
                continue
            day = _day_label(date)
            runs = sorted(groups.get((date, crew), []), key=lambda g: g.group != "ordinary")
            if not runs:
                table.add_row(day, crew, "—", "", "no one scheduled", "")
            for group in runs:
                table.add_row(
                    day,
                    crew,
                    group.group,
                    format_time(group.start),
                    ", ".join(group.participants),
                    ", ".join(group.staff),
                )
    return table


def _print_reasons(console: Console, unassigned: list[Unassigned]) -> None:
    rows = _reason_rows(unassigned)
    if len(rows) <= MOST_REASON_ROWS:
        console.print(_reasons_in_full(rows))
        return
    console.print(_reasons_in_summary(unassigned))
    console.print(
        "every day without work, with who and why, is in the schedule file "
        "(solve -o FILE) and its HTML report (workwindow report)"
    )


ReasonRows = dict[tuple[str, str], dict[str, list[dt.date]]]


def _reason_rows(unassigned: list[Unassigned]) -> ReasonRows:
    """Who, on which days, per reason and detail."""
    rows: ReasonRows = defaultdict(lambda: defaultdict(list))
    for u in unassigned:
        rows[(u.reason, u.detail)][u.participant].append(u.date)
    return rows


def _reasons_in_full(rows: ReasonRows) -> Table:
    """One row per reason and detail, listing who and on which days."""
    table = Table(title="No work on an eligible day, and why", title_justify="left")
    for column in ("reason", "why", "who (days)"):
        table.add_column(column)
    for (reason, detail), people in rows.items():
        who = "; ".join(f"{pid} {' '.join(d.strftime('%d.%m') for d in dates)}" for pid, dates in people.items())
        table.add_row(reason, detail, who)
    return table


def _reasons_in_summary(unassigned: list[Unassigned]) -> Table:
    """One row per reason: how many days and people, and its most common detail."""
    table = Table(title="No work on an eligible day, by reason", title_justify="left")
    for column, justify in (("reason", "left"), ("days", "right"), ("participants", "right"), ("most often", "left")):
        table.add_column(column, justify=justify)
    by_reason: dict[str, list[Unassigned]] = defaultdict(list)
    for u in unassigned:
        by_reason[u.reason].append(u)
    for reason in (r for r in REASONS if r in by_reason):
        days = by_reason[reason]
        detail, count = Counter(u.detail for u in days).most_common(1)[0]
        table.add_row(reason, str(len(days)), str(len({u.participant for u in days})), f"{detail} ({count} days)")
    return table


def _objectives_line(schedule: Schedule) -> str:
    values = " · ".join(_objective_text(schedule, name, value) for name, value in schedule.objectives.items())
    return f"objectives: {values}"


def _objective_text(schedule: Schedule, name: str, value: int) -> str:
    """The value, and for an objective not proven optimal in every week, its bound summed over weeks."""
    stages = [s for s in schedule.solver.stages if s.objective == name]
    if all(s.status == "optimal" for s in stages):
        return f"{name} {value}"
    bound = sum(s.bound for s in stages)
    gap = abs(value - bound) / max(1, abs(value))
    return f"{name} {value} [yellow](not proven: bound {bound}, gap {gap:.0%})[/]"


def _kpi_line(schedule: Schedule) -> str:
    k = schedule.kpis
    offset = "no late groups" if k.mean_late_start_offset is None else f"+{k.mean_late_start_offset:g} min"
    return (
        f"participants served {k.participants_served} · days worked {k.days_worked} · "
        f"mean late start {offset} · station peak {k.station_peak} · days short of minimum {k.shortfall}"
    )


def _day_label(date: dt.date) -> str:
    return f"{weekday(date).capitalize()} {date.strftime('%d.%m')}"


def _weekday_order(day: str) -> int:
    return WEEKDAYS.index(day)


def _or_unlimited(value: int | None) -> str:
    return "unlimited" if value is None else str(value)

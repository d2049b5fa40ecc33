"""How schedules and scenario summaries read in a terminal (rich tables)."""

import datetime as dt
import os
from collections import Counter, defaultdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from workwindow.console_reasons import idle_lines, reason_lines, reason_rows, short_lines
from workwindow.idle import idle_participants, short_weeks
from workwindow.lines import packed
from workwindow.models import Scenario, Schedule, format_time, weekday
from workwindow.models.schedule import REASONS, Unassigned

NON_TERMINAL_WIDTH = 120
MOST_REASON_ROWS = 60
"""Distinct (reason, why) rows listed in full; past this the terminal gets a summary per
reason. At 3,000 participants × 4 weeks there were 5,376 such rows (31,898 days without
work), which took 5.7 s to lay out and no one reads at a terminal; the schedule file and
the HTML report keep every day with its reason."""


def new_console() -> Console:
    """A console as wide as the terminal, or as COLUMNS says; piped without COLUMNS, 120 wide."""
    console = Console(highlight=False)
    if not console.is_terminal and not os.environ.get("COLUMNS", "").isdigit():
        console = Console(highlight=False, width=NON_TERMINAL_WIDTH)
    return console


def print_schedule(
    console: Console, scenario: Scenario, schedule: Schedule, *, doses: bool = False, health_details: bool = False
) -> None:
    """The plan week by week, the days without work and why, the figures, then who got none or too few.

    `doses` adds each person's morning dose time to the plan tables: health-adjacent, so only when asked.
    `health_details` tells the readiness and station reasons with the participant's dose form,
    observation and dose times: the clinic's to know, not the work program's.
    """
    console.print(f"[bold]{schedule.scenario}[/] — {schedule.status} ({schedule.solver.wall_seconds:.1f} s)")
    for week in range(1, scenario.weeks + 1):
        console.print(_week_table(scenario, schedule, week, doses))
    if health_details:
        from workwindow.solver.reasons.clinic import with_health_details

        schedule = schedule.model_copy(update={"unassigned": with_health_details(scenario, schedule.unassigned)})
    if schedule.unassigned:
        _print_reasons(console, schedule.unassigned)
    _print_lines(console, _standby_lines(schedule))
    _print_figures(console, _objectives_line(schedule))
    _print_figures(console, _kpi_line(schedule))
    idle = idle_participants(scenario, schedule)
    _print_lines(console, idle_lines(idle, len(scenario.participants), scenario.weeks, console.width))
    _print_lines(console, short_lines(short_weeks(scenario, schedule), console.width))


def _week_table(scenario: Scenario, schedule: Schedule, week: int, doses: bool) -> Table:
    dates = scenario.dates[7 * (week - 1) : 7 * week]
    table = Table(title=f"Week {week} ({dates[0]} – {dates[-1]})", title_justify="left")
    for column in ("date", "crew", "group", "start", "participants", "supervisors"):
        table.add_column(column, overflow="fold")
    dose_of = {(a.participant, a.date): a.dose for a in schedule.assignments}
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
                    _who(group.participants, group.date, dose_of if doses else None),
                    ", ".join(group.staff),
                )
    return table


def _who(participants: list[str], date: dt.date, dose_of: dict[tuple[str, dt.date], int] | None) -> str:
    """Ids, comma-separated; with dose times one per line, so that no id is parted from its time."""
    if dose_of is None:
        return ", ".join(participants)
    return "\n".join(f"{pid} {format_time(dose_of[(pid, date)])}" for pid in participants)


def _print_lines(console: Console, lines: list[str]) -> None:
    """Lines already laid out to the console's width: printed as they are, never rewrapped or cut."""
    for line in lines:
        console.print(line, markup=False, highlight=False, soft_wrap=True)


def _print_figures(console: Console, line: str) -> None:
    """A "name value · name value" line, wrapped between figures, never inside one."""
    entries = [Text.from_markup(entry).plain.split(" ") for entry in line.split(" · ")]
    for packed_line in packed(entries, console.width, indent=0, separator=" · "):
        text = Text(packed_line)
        text.highlight_regex(r"\(not proven[^)]*\)", "yellow")
        console.print(text, soft_wrap=True)


def _standby_lines(schedule: Schedule) -> list[str]:
    """solve --robust: who is asked to come on standby for which group (works only in a free place)."""
    if not schedule.standby:
        return []
    by_group: dict[tuple, list[str]] = defaultdict(list)
    for s in schedule.standby:
        by_group[(s.date, s.crew, s.group)].append(s.participant)
    lines = [f"on standby (work if a place is free at the start): {len(schedule.standby)}"]
    lines += [f"  {_day_label(date)} {crew} {group}: {', '.join(ids)}" for (date, crew, group), ids in by_group.items()]
    return lines


def _print_reasons(console: Console, unassigned: list[Unassigned]) -> None:
    rows = reason_rows(unassigned)
    if len(rows) <= MOST_REASON_ROWS:
        console.print(f"[bold]No work on an eligible day, and why[/] ({len(unassigned)} participant-days)")
        _print_lines(console, reason_lines(rows, console.width))
        return
    console.print(_reasons_in_summary(unassigned))
    console.print(
        "every day without work, with who and why, is in the schedule file "
        "(solve -o FILE) and its HTML report (workwindow report)"
    )


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

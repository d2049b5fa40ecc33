"""The terminal's view of a simulation: figures with intervals, weeks, people and groups most at risk."""

from rich.console import Console
from rich.table import Table

from workwindow.simulate.figures import (
    Estimate,
    difference,
    group_rows,
    participant_rows,
    plan_figures,
    planned_by_week,
    week_figures,
)
from workwindow.simulate.run import Simulation

LABELS = {
    "delivered_days": "delivered participant-days",
    "lost_absent": "lost: did not come",
    "lost_late": "lost: not ready by the start",
    "lost_supervisor": "lost: no supervisor for them",
    "payouts_missed": "payouts missed (came, no work)",
    "groups_short": "groups starting short",
    "groups_without_supervisor": "late groups short of supervisors",
    "idle_supervisor_hours": "supervisor-hours without a group",
    "walk_ins": "walk-ins (unplanned who came)",
    "walk_ins_placed": "walk-ins given a place (replan)",
    "standby_worked": "standbys who worked (robust plans)",
    "standby_sent_home": "standbys who came and went home",
    "dose_wait_minutes": "minutes waited for a dose station",
    "longest_dose_wait": "longest wait for a station (min)",
}
MOST_AT_RISK = 10
ONLY_WHEN_USED = ("walk_ins_placed", "standby_worked", "standby_sent_home")
"""Figures of re-plans and standbys: left out of tables where every plan has them at 0."""


def shown_figures(figures: list[dict[str, Estimate]]) -> list[tuple[str, str]]:
    """(name, label) of the figures a table shows."""
    return [
        (name, label)
        for name, label in LABELS.items()
        if name not in ONLY_WHEN_USED or any(f[name].high > 0 for f in figures)
    ]


def interval(e: Estimate) -> str:
    return f"{e.mean:.1f} [{e.low:.1f}, {e.high:.1f}]"


def _rate(per_second: float) -> str:
    return f"{per_second:,.0f}" if per_second >= 10 else f"{per_second:.2f}"


def print_simulation(console: Console, simulation: Simulation) -> None:
    console.print(
        f"[bold]{simulation.draws} sampled horizons[/] · seed {simulation.seed} · recourse {simulation.recourse} · "
        f"{simulation.seconds:.1f} s on {simulation.ran_on} ({_rate(simulation.draws / max(simulation.seconds, 1e-9))} "
        "draws/s)"
    )
    console.print(_figures_table(simulation))
    console.print(_weeks_table(simulation))
    for plan in simulation.plans:
        console.print(
            _risk_table(plan.label, participant_rows(plan, simulation.draws), group_rows(plan, simulation.draws))
        )


def _figures_table(simulation: Simulation) -> Table:
    table = Table(title="Over the whole horizon: mean [95 % interval of the mean]", title_justify="left")
    table.add_column("figure")
    figures = [plan_figures(plan) for plan in simulation.plans]
    for plan in simulation.plans:
        table.add_column(plan.label, justify="right")
    gap = difference(simulation)
    if gap is not None:
        table.add_column("difference (paired)", justify="right")
    table.add_row(
        "planned participant-days", *[str(plan.book.planned_days) for plan in simulation.plans], *([""] if gap else [])
    )
    for name, label in shown_figures(figures):
        extra = [interval(gap)] if gap is not None and name == "delivered_days" else [""] if gap is not None else []
        table.add_row(label, *[interval(f[name]) for f in figures], *extra)
    return table


def _weeks_table(simulation: Simulation) -> Table:
    table = Table(title="Delivered days by week: planned → mean [95 %]", title_justify="left")
    table.add_column("week", justify="right")
    for plan in simulation.plans:
        table.add_column(plan.label, justify="right")
    weeks = [week_figures(plan) for plan in simulation.plans]
    planned = [planned_by_week(plan) for plan in simulation.plans]
    for w in range(simulation.plans[0].book.weeks):
        table.add_row(
            str(w + 1),
            *[f"{planned[k][w]} → {interval(weeks[k][w]['delivered_days'])}" for k in range(len(simulation.plans))],
        )
    return table


def _risk_table(label: str, people: list[dict], groups: list[dict]) -> Table:
    table = Table(title=f"{label}: most at risk", title_justify="left")
    table.add_column("participant")
    table.add_column("chance of losing a planned day", justify="right")
    table.add_column("group")
    table.add_column("chance of starting short", justify="right")
    people = sorted(people, key=lambda r: -r["chance_of_losing_a_planned_day"])[:MOST_AT_RISK]
    groups = sorted(groups, key=lambda r: -r["chance_of_starting_short"])[:MOST_AT_RISK]
    for i in range(max(len(people), len(groups))):
        person = people[i] if i < len(people) else None
        group = groups[i] if i < len(groups) else None
        table.add_row(
            person["participant"] if person else "",
            f"{person['chance_of_losing_a_planned_day']:.0%}" if person else "",
            f"{group['date']} {group['crew']} {group['group']}" if group else "",
            f"{group['chance_of_starting_short']:.0%}" if group else "",
        )
    return table

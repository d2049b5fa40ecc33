"""The HTML section of a simulation, made of the schedule report's parts (page, markup, style)."""

from pathlib import Path

from workwindow.output import write_text
from workwindow.report.html import page
from workwindow.report.markup import Html, el, raw
from workwindow.simulate.display import MOST_AT_RISK, shown_figures
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


def write_simulation_report(simulation: Simulation, output: Path, title: str, inputs: tuple[Path, ...]) -> None:
    from workwindow.simulate.plot import plot_svg  # matplotlib only when asked for
    from workwindow.sweep.report import inline_svg

    section = simulation_section(simulation, title, raw(inline_svg(plot_svg(simulation))))
    write_text(output, page(f"Simulation: {title}", section), inputs)


def simulation_section(simulation: Simulation, title: str, plot: Html) -> Html:
    return el(
        "section",
        el("h1", f"How robust is the plan? {title}"),
        el("p", _meta(simulation), class_="meta"),
        el("p", _finding(simulation)),
        el("figure", plot, class_="sweep-plot"),
        el("h2", "Over the whole horizon"),
        el("p", "Mean over the draws [95 % interval of the mean].", class_="meta"),
        _figures_table(simulation),
        el("h2", "Delivered participant-days by week"),
        _weeks_table(simulation),
        *[_risk_part(simulation, k) for k in range(len(simulation.plans))],
        class_="simulation",
    )


def _meta(simulation: Simulation) -> str:
    return (
        f"{simulation.draws} sampled horizons · seed {simulation.seed} · recourse {simulation.recourse} · "
        f"{simulation.seconds:.1f} s on {simulation.ran_on}"
    )


def _finding(simulation: Simulation) -> str:
    first = simulation.plans[0]
    got = plan_figures(first)["delivered_days"]
    text = (
        f"{first.label} plans {first.book.planned_days} participant-days and delivers {_interval(got)} "
        f"({got.mean / max(first.book.planned_days, 1):.0%})."
    )
    gap = difference(simulation)
    if gap is not None:
        other = simulation.plans[1].label
        verdict = "more" if gap.low > 0 else "fewer" if gap.high < 0 else "no clearly different number of"
        text += (
            f" On the same mornings it delivers {verdict} days than {other}: "
            f"difference {_interval(gap)} (paired, common random numbers)."
        )
    return text


def _interval(e: Estimate) -> str:
    return f"{e.mean:.1f} [{e.low:.1f}, {e.high:.1f}]"


def _figures_table(simulation: Simulation) -> Html:
    figures = [plan_figures(plan) for plan in simulation.plans]
    gap = difference(simulation)
    head = el(
        "tr",
        el("th", "figure"),
        *[el("th", plan.label, class_="num") for plan in simulation.plans],
        *([el("th", "difference", class_="num")] if gap is not None else []),
    )
    rows = [
        el(
            "tr",
            el("td", "planned participant-days"),
            *[el("td", plan.book.planned_days, class_="num") for plan in simulation.plans],
            *([el("td", "")] if gap is not None else []),
        )
    ]
    for name, label in shown_figures(figures):
        extra = [] if gap is None else [el("td", _interval(gap) if name == "delivered_days" else "", class_="num")]
        rows.append(el("tr", el("td", label), *[el("td", _interval(f[name]), class_="num") for f in figures], *extra))
    return el("table", el("thead", head), el("tbody", *rows), class_="simulation-figures")


def _weeks_table(simulation: Simulation) -> Html:
    head = el(
        "tr",
        el("th", "week"),
        *[el("th", f"{plan.label}: planned → delivered", class_="num") for plan in simulation.plans],
    )
    planned = [planned_by_week(plan) for plan in simulation.plans]
    weeks = [week_figures(plan) for plan in simulation.plans]
    rows = [
        el(
            "tr",
            el("td", w + 1, class_="num"),
            *[
                el("td", f"{planned[k][w]} → {_interval(weeks[k][w]['delivered_days'])}", class_="num")
                for k in range(len(simulation.plans))
            ],
        )
        for w in range(simulation.plans[0].book.weeks)
    ]
    return el("table", el("thead", head), el("tbody", *rows), class_="simulation-weeks")


def _risk_part(simulation: Simulation, k: int) -> Html:
    plan = simulation.plans[k]
    people = sorted(participant_rows(plan, simulation.draws), key=lambda r: -r["chance_of_losing_a_planned_day"])
    groups = sorted(group_rows(plan, simulation.draws), key=lambda r: -r["chance_of_starting_short"])
    people_table = el(
        "table",
        el("thead", el("tr", el("th", "participant"), el("th", "planned days"), el("th", "chance of losing one"))),
        el(
            "tbody",
            *[
                el(
                    "tr",
                    el("td", r["participant"]),
                    el("td", r["planned_days"], class_="num"),
                    el("td", f"{r['chance_of_losing_a_planned_day']:.0%}", class_="num"),
                )
                for r in people[:MOST_AT_RISK]
            ],
        ),
    )
    groups_table = el(
        "table",
        el("thead", el("tr", el("th", "group"), el("th", "planned members"), el("th", "chance of starting short"))),
        el(
            "tbody",
            *[
                el(
                    "tr",
                    el("td", f"{r['date']} {r['crew']} {r['group']}"),
                    el("td", r["planned_members"], class_="num"),
                    el("td", f"{r['chance_of_starting_short']:.0%}", class_="num"),
                )
                for r in groups[:MOST_AT_RISK]
            ],
        ),
    )
    return el(
        "div",
        el("h2", f"{plan.label}: who and which groups are most at risk"),
        el("p", f"The {MOST_AT_RISK} highest chances; every row is in participants.csv and groups.csv.", class_="meta"),
        people_table,
        groups_table,
    )

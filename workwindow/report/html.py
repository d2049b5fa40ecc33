"""The HTML report: one self-contained file a planner can open offline and print.

Built from parts (`schedule_section`, `page`) so that a report of one
schedule, a comparison (workwindow.whatif.report) and a sweep look the same:
this module holds the page and the summary, workwindow.report.weeks each
week's grids and timelines, workwindow.report.without_work who got no work.
No part refers to anything outside the file: the style sheet is inline and
the figures are inline SVG.
"""

from importlib.resources import files

from workwindow.models import OBJECTIVES, Scenario, Schedule
from workwindow.report.markup import Html, el, join, raw
from workwindow.report.plan import Plan, Week
from workwindow.report.weeks import week_part
from workwindow.report.without_work import REASON_TEXT, standby_part, without_work_part

__all__ = ["OBJECTIVE_TEXT", "REASON_TEXT", "page", "render_report", "schedule_section", "summary_part"]

OBJECTIVE_TEXT = {
    "shortfall": "days below each minimum wanted, weighted by priority (lower is better)",
    "fairness": "fewest days over the horizon of anyone who wants and could work; leximin (higher is better)",
    "participant_days": "days worked, weighted by priority (higher is better)",
    "late_start": "minutes late groups start after the ordinary start (lower is better)",
    "staff": "supervisor-days (lower is better)",
}


def render_report(scenario: Scenario, schedule: Schedule, *, health_details: bool = False) -> str:
    """The plan as shared; with `health_details`, the clinic's copy (reasons and timelines with the
    dose forms, observation and dose times that the work program must not learn)."""
    if health_details:
        from workwindow.solver.reasons.clinic import with_health_details

        schedule = schedule.model_copy(update={"unassigned": with_health_details(scenario, schedule.unassigned)})
    return page(scenario.name, schedule_section(scenario, schedule, health_details=health_details))


def page(title: str, *sections: Html) -> str:
    head = el(
        "head",
        raw('<meta charset="utf-8">'),
        raw('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        el("title", title),
        el("style", raw(_style_sheet())),
    )
    return "<!DOCTYPE html>\n" + el("html", head, el("body", *sections), lang="en") + "\n"


def schedule_section(
    scenario: Scenario,
    schedule: Schedule,
    *,
    label: str | None = None,
    anchor: str = "s",
    health_details: bool = False,
) -> Html:
    plan = Plan(scenario, schedule, health_details)
    weeks = plan.weeks
    heading = f"{label}: {scenario.name}" if label else scenario.name
    return el(
        "section",
        el("h1", heading),
        el("p", _horizon(plan), class_="meta"),
        _toc(weeks, anchor),
        summary_part(plan, anchor),
        join(week_part(plan, week, anchor) for week in weeks),
        without_work_part(plan, anchor),
        standby_part(schedule, anchor),
        class_="schedule",
        id=anchor,
        data_label=label,
    )


def summary_part(plan: Plan, anchor: str) -> Html:
    return el(
        "section",
        el("h2", "Summary"),
        el("div", _kpi_table(plan), _objective_table(plan), class_="cards"),
        class_="summary",
        id=f"{anchor}-summary",
    )


def _horizon(plan: Plan) -> str:
    scenario, schedule = plan.scenario, plan.schedule
    dates = scenario.dates
    weeks = f"{scenario.weeks} week" + ("s" if scenario.weeks != 1 else "")
    parts = [f"{dates[0]:%d.%m.%Y}–{dates[-1]:%d.%m.%Y} ({weeks})"]
    if schedule.status is not None:
        parts.append(f"status {schedule.status}")
    if (solver := schedule.solver) is not None:
        parts.append(f"solved in {solver.wall_seconds:.1f} s ({solver.workers} workers, seed {solver.seed})")
    return " · ".join(parts)


def _toc(weeks: list[Week], anchor: str) -> Html:
    links = [
        ("Summary", f"{anchor}-summary"),
        *[(f"Week {w.number}", f"{anchor}-week-{w.number}") for w in weeks],
        ("Without work", f"{anchor}-without-work"),
    ]
    return el("nav", *[el("a", name, href=f"#{target}") for name, target in links], class_="toc")


def _kpi_table(plan: Plan) -> Html:
    kpis, scenario = plan.schedule.kpis, plan.scenario
    stations = {k: c.stations for k, c in scenario.clinics.items() if isinstance(c.stations, int)}
    station_note = f" (of {max(stations.values())} stations)" if stations else ""
    rows = [
        ("participants served", f"{kpis.participants_served} of {len(scenario.participants)}"),
        ("days worked", kpis.days_worked),
        ("shortfall (days below minimum)", kpis.shortfall),
        ("mean late start offset", _offset(kpis.mean_late_start_offset)),
        ("station peak", f"{kpis.station_peak}{station_note}"),
        ("participant-days without work", len(plan.schedule.unassigned)),
    ]
    return _two_columns("Key figures", rows, "kpis")


def _objective_table(plan: Plan) -> Html:
    order = plan.scenario.objective
    rows = [
        el(
            "tr",
            el("td", name, el("div", OBJECTIVE_TEXT[name], class_="detail")),
            el("td", plan.schedule.objectives.get(name, "–"), class_="num"),
            el("td", f"{order.index(name) + 1}." if name in order else "not optimised", class_="muted"),
        )
        for name in OBJECTIVES
    ]
    head = el("tr", el("th", "Objective"), el("th", "Value", class_="num"), el("th", "Order"))
    return el("table", el("thead", head), el("tbody", *rows), class_="objectives")


def _two_columns(title: str, rows: list[tuple[str, object]], cls: str) -> Html:
    head = el("tr", el("th", title, colspan=2))
    body = [el("tr", el("td", name), el("td", value, class_="num")) for name, value in rows]
    return el("table", el("thead", head), el("tbody", *body), class_=cls)


def _offset(minutes: float | None) -> str:
    return "no late groups" if minutes is None else f"{minutes:.1f} min"


def _style_sheet() -> str:
    return files("workwindow.report").joinpath("style.css").read_text(encoding="utf-8")

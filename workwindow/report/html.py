"""The HTML report: one self-contained file a planner can open offline and print.

Built from parts (`schedule_section`, `page`) so that a report of one
schedule, a comparison (workwindow.whatif.report) and a sweep look the same.
No part refers to anything outside the file: the style sheet is inline and
the figures are inline SVG.
"""

import datetime as dt
from collections import Counter
from importlib.resources import files

from workwindow.idle import IDLE_TEXT, Idle, idle_participants
from workwindow.models import OBJECTIVES, Scenario, Schedule, format_time
from workwindow.models.schedule import REASONS, Assignment, GroupRun
from workwindow.report.large import (
    GRID_PARTICIPANTS,
    TIMELINE_PEOPLE,
    crew_counts,
    listed_unassigned,
    participant_counts,
)
from workwindow.report.markup import Html, el, join, raw
from workwindow.report.plan import Plan, Week, day_label
from workwindow.report.timeline import day_timeline, legend

REASON_TEXT = {
    "not_ready": "even the earliest dose cannot make the latest start",
    "afternoon": "could not be back in time for the afternoon dose",
    "want_max": "already has the most days wanted that week",
    "capacity": "a group, daily or ramp-up cap is full",
    "stations": "no dosing slot left early enough",
    "staff": "no supervisor can cover the group",
    "tradeoff": "possible alone, but the place went to a better use under the objectives",
}
OBJECTIVE_TEXT = {
    "shortfall": "days below each minimum wanted, weighted by priority (lower is better)",
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


# -- the parts of one schedule's section ---------------------------------------


def summary_part(plan: Plan, anchor: str) -> Html:
    return el(
        "section",
        el("h2", "Summary"),
        el("div", _kpi_table(plan), _objective_table(plan), class_="cards"),
        class_="summary",
        id=f"{anchor}-summary",
    )


def week_part(plan: Plan, week: Week, anchor: str) -> Html:
    first = plan.scenario.start + dt.timedelta(days=7 * (week.number - 1))
    last = first + dt.timedelta(days=6)
    return el(
        "section",
        el("h2", f"Week {week.number}: {first:%d.%m}–{last:%d.%m.%Y}"),
        el("p", _week_facts(plan, week), class_="meta"),
        el("h3", "Crews"),
        crew_grid(plan, week),
        el("h3", "Participants"),
        participant_grid(plan, week),
        el("h3", "Timelines"),
        legend(health_details=plan.health_details),
        join(_day_figure(plan, date) for date in week.dates),
        class_="week",
        id=f"{anchor}-week-{week.number}",
        data_week=week.number,
    )


def crew_grid(plan: Plan, week: Week) -> Html:
    head = el("tr", el("th", "Crew"), *[el("th", day_label(d)) for d in week.dates])
    rows = [
        el(
            "tr",
            el("th", crew, el("div", f"site {plan.site_of(crew)}", class_="muted")),
            *[_crew_cell(plan, crew, date) for date in week.dates],
            data_crew=crew,
        )
        for crew in plan.scenario.program.crews
    ]
    return el("table", el("thead", head), el("tbody", *rows), class_="grid crews")


def participant_grid(plan: Plan, week: Week) -> Html:
    if len(plan.scenario.participants) > GRID_PARTICIPANTS:
        return participant_counts(plan, week)
    head = el(
        "tr",
        el("th", "Participant"),
        *[el("th", day_label(d)) for d in week.dates],
        el("th", "Days", class_="num"),
        el("th", "Want", class_="num"),
    )
    rows = [_participant_row(plan, week, pid) for pid in plan.scenario.participants]
    columns = el(
        "colgroup",
        el("col"),
        *[el("col") for _ in week.dates],
        el("col", class_="count"),
        el("col", class_="count"),
    )
    return el("table", columns, el("thead", head), el("tbody", *rows), class_="grid people")


def without_work_part(plan: Plan, anchor: str) -> Html:
    unassigned = plan.schedule.unassigned
    idle = idle_participants(plan.scenario, plan.schedule)
    return el(
        "section",
        el("h2", "Without work"),
        el(
            "p",
            f"{len(unassigned)} participant-days on which someone could have worked but did not. "
            "Each shows the first reason that applies.",
            class_="meta",
        ),
        _reason_table(plan),
        el("h3", "Participants without a single work day, by the reason on most of their days"),
        el("p", join(_idle_entry(i) for i in idle) if idle else "Everyone worked."),
        el(
            "details",
            el("summary", f"All {len(unassigned)} participant-days without work"),
            _unassigned_table(plan),
        ),
        class_="without-work",
        id=f"{anchor}-without-work",
    )


def standby_part(schedule: Schedule, anchor: str) -> Html | None:
    """A robust plan's standbys (solve --robust): asked to come, work only in a place left free. Ids only."""
    if not schedule.standby:
        return None
    rows = [
        el(
            "tr",
            el("td", day_label(s.date)),
            el("td", s.crew),
            el("td", s.group),
            el("td", el("span", s.participant, class_="pid")),
        )
        for s in schedule.standby
    ]
    head = el("tr", el("th", "day"), el("th", "crew"), el("th", "group"), el("th", "on standby"))
    return el(
        "section",
        el("h2", "On standby"),
        el("p", "Asked to come; each works only if a place in that group is free at its start.", class_="meta"),
        el("table", el("thead", head), el("tbody", *rows), class_="standby"),
        id=f"{anchor}-standby",
    )


# -- small pieces ----------------------------------------------------------------


def _idle_entry(idle: Idle) -> Html:
    reason = IDLE_TEXT.get(idle.reason, idle.reason.replace("_", " "))
    days = f", {idle.days} of {idle.eligible} days" if idle.eligible else ""
    return el("span", el("span", idle.participant, class_="pid"), f" {reason}{days} ", data_reason=idle.reason)


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


def _week_facts(plan: Plan, week: Week) -> str:
    cap = plan.scenario.program.daily_cap_in_week(week.number)
    worked = plan.days_in_week(week.number)
    allowed = plan.cap_in_week(week)
    if cap is None:
        return f"{worked} participant-days; no daily cap"
    return f"daily cap {cap} · {worked} of {allowed} possible participant-days used"


def _crew_cell(plan: Plan, crew: str, date: dt.date) -> Html:
    if date in plan.scenario.closed:
        return el("td", "closed", class_="closed")
    if not plan.scenario.crew_runs(crew, date):
        return el("td", "–", class_="off", title="the crew does not work this day")
    groups = plan.groups_of(crew, date)
    if not groups:
        return el("td", "nobody planned", class_="muted")
    crew_facts = plan.scenario.program.crews[crew]
    capacity = {"late": crew_facts.late_capacity, "ordinary": crew_facts.ordinary_capacity}
    blocks = [_group_block(g, capacity[g.group], plan.arrival(g)) for g in groups]
    return el("td", *blocks, data_date=date.isoformat())


def _group_block(group: GroupRun, capacity: int | None, arrival: int) -> Html:
    size = len(group.participants)
    if group.group == "late" and group.staff:
        staff = f"supervisor {', '.join(group.staff)}, there from {format_time(arrival)}"
    elif group.group == "late":
        staff = "no supervisor needed"
    else:
        staff = "regular staff"
    return el(
        "div",
        el(
            "div",
            f"{group.group.capitalize()} {format_time(group.start)}–{format_time(group.end)} ",
            el("span", f"({size} of {capacity})" if capacity is not None else f"({size})", class_="muted"),
            class_="when",
        ),
        el("div", *[el("span", pid, class_="pid") for pid in group.participants]),
        el("div", staff, class_="staff"),
        class_=f"group {group.group}",
        data_group=group.group,
    )


def _participant_row(plan: Plan, week: Week, pid: str) -> Html:
    participant = plan.scenario.participants[pid]
    worked = sum(1 for d in week.dates if (pid, d) in plan.assignment_at)
    low, high = participant.want
    return el(
        "tr",
        el("th", el("span", pid, class_="pid")),
        *[_participant_cell(plan, pid, date) for date in week.dates],
        el("td", worked, class_="num short" if worked < low else "num"),
        el("td", f"{low}–{high}", class_="num muted"),
        data_participant=pid,
    )


def _participant_cell(plan: Plan, pid: str, date: dt.date) -> Html:
    at = (pid, date)
    if at in plan.assignment_at:
        return _work_cell(plan.assignment_at[at])
    if at in plan.unassigned_at:
        u = plan.unassigned_at[at]
        return el(
            "td",
            el("span", u.reason.replace("_", " "), class_="reason", title=REASON_TEXT[u.reason]),
            el("div", u.detail, class_="detail"),
            class_="none",
            data_reason=u.reason,
            data_date=date.isoformat(),
        )
    note = "away" if date in plan.scenario.participants[pid].away else ""
    return el("td", note, class_="off")


def _work_cell(a: Assignment) -> Html:
    return el(
        "td",
        el("span", a.crew, class_="crew"),
        f" {a.group} {format_time(a.start)}",
        el("div", f"dose {format_time(a.dose)} · ready {format_time(a.ready)}", class_="dose"),
        class_="work",
        data_date=a.date.isoformat(),
        data_crew=a.crew,
        data_group=a.group,
    )


def _day_figure(plan: Plan, date: dt.date) -> Html:
    at_work = plan.assignments_on(date)
    caption = el("figcaption", f"{day_label(date)} · {len(at_work)} at work")
    if not at_work:
        return el("figure", caption, el("p", "Nobody works this day.", class_="muted"), class_="day")
    if len(at_work) > TIMELINE_PEOPLE:
        return el("figure", caption, crew_counts(plan, date, len(at_work)), class_="day")
    timeline = day_timeline(plan.scenario, date, at_work, health_details=plan.health_details)
    return el("figure", caption, timeline, class_="day")


def _reason_table(plan: Plan) -> Html:
    weeks = [w.number for w in plan.weeks]
    counts = Counter((u.reason, plan.scenario.week_of(u.date)) for u in plan.schedule.unassigned)
    head = el(
        "tr",
        el("th", "Reason"),
        *[el("th", f"Week {n}", class_="num") for n in weeks],
        el("th", "All", class_="num"),
    )
    rows = [
        el(
            "tr",
            el("td", el("span", reason.replace("_", " "), class_="reason"), el("div", REASON_TEXT[reason])),
            *[el("td", counts[(reason, n)] or "", class_="num") for n in weeks],
            el("td", sum(counts[(reason, n)] for n in weeks), class_="num"),
            data_reason=reason,
        )
        for reason in REASONS
        if any(counts[(reason, n)] for n in weeks)
    ]
    return el("table", el("thead", head), el("tbody", *rows), class_="reasons")


def _unassigned_table(plan: Plan) -> Html:
    head = el("tr", *[el("th", name) for name in ("Participant", "Date", "Reason", "Detail")])
    ordered, left_out = listed_unassigned(plan.schedule.unassigned)
    rows = [
        el(
            "tr",
            el("td", el("span", u.participant, class_="pid")),
            el("td", day_label(u.date)),
            el("td", u.reason.replace("_", " ")),
            el("td", u.detail),
            data_participant=u.participant,
            data_reason=u.reason,
        )
        for u in ordered
    ]
    if left_out:
        rows.append(el("tr", el("td", left_out, colspan=4, class_="muted")))
    return el("table", el("thead", head), el("tbody", *rows), class_="unassigned")


def _style_sheet() -> str:
    return files("workwindow.report").joinpath("style.css").read_text(encoding="utf-8")

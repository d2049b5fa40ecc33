"""One week of a schedule in the report: crews' groups, participants' days and day timelines.

Large scenarios get counts instead of a row per participant or a timeline per
person (workwindow.report.large), so the page stays readable and small.
"""

import datetime as dt

from workwindow.models import format_time
from workwindow.models.schedule import Assignment, GroupRun
from workwindow.report.large import GRID_PARTICIPANTS, TIMELINE_PEOPLE, crew_counts, participant_counts
from workwindow.report.markup import Html, el, join
from workwindow.report.plan import Plan, Week, day_label
from workwindow.report.timeline import day_timeline, legend
from workwindow.report.without_work import REASON_TEXT


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

"""Who got no work in the report, and why: reasons by week, people without a single day, standbys."""

from collections import Counter

from workwindow.idle import IDLE_TEXT, Idle, idle_participants
from workwindow.models import Schedule
from workwindow.models.schedule import REASONS
from workwindow.report.large import listed_unassigned
from workwindow.report.markup import Html, el, join
from workwindow.report.plan import Plan, day_label

REASON_TEXT = {
    "not_ready": "even the earliest dose cannot make the latest start",
    "afternoon": "could not be back in time for the afternoon dose",
    "want_max": "already has the most days wanted that week",
    "capacity": "a group, daily or ramp-up cap is full",
    "stations": "no dosing slot left early enough",
    "staff": "no supervisor can cover the group",
    "tradeoff": "possible alone, but the place went to a better use under the objectives",
}


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


def _idle_entry(idle: Idle) -> Html:
    reason = IDLE_TEXT.get(idle.reason, idle.reason.replace("_", " "))
    days = f", {idle.days} of {idle.eligible} days" if idle.eligible else ""
    return el("span", el("span", idle.participant, class_="pid"), f" {reason}{days} ", data_reason=idle.reason)


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

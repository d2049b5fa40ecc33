"""The report's parts for a city-size plan, where a grid of every person would be unreadable.

A grid of 10,000 participants is 10,000 rows a week, a timeline of thousands
at work is a wall of bars, and a table of every day without work runs to
tens of thousands of rows: the page was 21 MB and nobody reads it. Past these
sizes the report shows the counts a planner acts on instead; every person's
days stay in the schedule JSON and in the workbook (`workwindow export`).
"""

import datetime as dt
from collections import Counter

from workwindow.models.schedule import REASONS, Unassigned
from workwindow.report.markup import Html, el
from workwindow.report.plan import Plan, Week, day_label

GRID_PARTICIPANTS = 300
"""Up to this many participants, the week's grid has a row per person."""

TIMELINE_PEOPLE = 200
"""Up to this many at work, a day's timeline draws each person."""

UNASSIGNED_ROWS = 1_000
"""The list of days without work shows this many, in date order, then says how many more."""

ELSEWHERE = "every person's days are in the schedule JSON and the workbook (workwindow export --format xlsx)"


def participant_counts(plan: Plan, week: Week) -> Html:
    """Per day: how many work, and how many could have and did not, by reason."""
    at_work = Counter(a.date for a in plan.schedule.assignments if a.date in week.dates)
    without = Counter((u.date, u.reason) for u in plan.schedule.unassigned if u.date in week.dates)
    head = el("tr", el("th", ""), *[el("th", day_label(d), class_="num") for d in week.dates])
    rows = [el("tr", el("th", "at work"), *[el("td", at_work[d], class_="num") for d in week.dates])]
    rows += [
        el(
            "tr",
            el("th", f"without work: {reason.replace('_', ' ')}"),
            *[el("td", without[(d, reason)] or "", class_="num") for d in week.dates],
            data_reason=reason,
        )
        for reason in REASONS
        if any(without[(d, reason)] for d in week.dates)
    ]
    note = el("p", f"{len(plan.scenario.participants):,} participants: the grid is summed up by day; {ELSEWHERE}.")
    return el("div", note, el("table", el("thead", head), el("tbody", *rows), class_="grid counts"))


def crew_counts(plan: Plan, date: dt.date, people: int) -> Html:
    """In place of a timeline too crowded to read: who is at work per crew and group."""
    by_group = Counter((a.crew, a.group) for a in plan.assignments_on(date))
    counts = " · ".join(f"{crew} {group} {count}" for (crew, group), count in sorted(by_group.items()))
    note = f"{people:,} at work: a timeline is drawn for up to {TIMELINE_PEOPLE} people; at work per crew and group:"
    return el("div", el("p", note, class_="muted"), el("p", counts, class_="crew-counts"))


def listed_unassigned(unassigned: list[Unassigned]) -> tuple[list[Unassigned], str | None]:
    """The days without work to list, and what to say of those left out."""
    ordered = sorted(unassigned, key=lambda u: (u.date, u.participant))
    if len(ordered) <= UNASSIGNED_ROWS:
        return ordered, None
    rest = len(ordered) - UNASSIGNED_ROWS
    return ordered[:UNASSIGNED_ROWS], f"and {rest:,} more participant-days; {ELSEWHERE}"

"""One CSV row per assignment, for spreadsheets and analysis.

It carries the schedule's own times (dose, ready, start, end), never the dose
form: it is the planner's export, not one to hand to supervisors.
"""

import csv
import io

from workwindow.models import format_time, weekday
from workwindow.report.plan import GROUP_ORDER, Plan

COLUMNS = (
    "week",
    "date",
    "weekday",
    "participant",
    "crew",
    "site",
    "group",
    "dose",
    "ready",
    "start",
    "end",
    "supervisors",
)


def assignments_csv(plan: Plan) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    ordered = sorted(plan.schedule.assignments, key=lambda a: (a.date, a.crew, GROUP_ORDER[a.group], a.participant))
    for a in ordered:
        writer.writerow(
            (
                plan.scenario.week_of(a.date),
                a.date.isoformat(),
                weekday(a.date),
                a.participant,
                a.crew,
                plan.site_of(a.crew),
                a.group,
                format_time(a.dose),
                format_time(a.ready),
                format_time(a.start),
                format_time(a.end),
                " ".join(plan.staff_of(a)),
            )
        )
    return out.getvalue()

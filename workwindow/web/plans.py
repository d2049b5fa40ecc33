"""A solved job as the plan page and the downloads show it, built from the report's own parts."""

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response

from workwindow.models import OBJECTIVES, Schedule
from workwindow.report.html import OBJECTIVE_TEXT, REASON_TEXT, render_report, schedule_section
from workwindow.report.plan import Plan
from workwindow.web.jobs import Job
from workwindow.web.work import scenario_of

PLANNING = ("solve", "replan")
"""Jobs whose result is a plan."""


def has_plan(job: Job) -> bool:
    return job.order.kind in PLANNING and job.result is not None


def plan_of(job: Job) -> Plan:
    """The job's scenario and schedule, read once and kept on the job."""
    if "plan" not in job.views:
        if job.order.kind not in PLANNING or job.result is None:
            raise HTTPException(404, "this job has no plan (yet)")
        schedule = job.result if job.order.kind == "solve" else job.result["schedule"]
        job.views["plan"] = Plan(scenario_of(job.order), Schedule.model_validate(schedule))
    return job.views["plan"]


def plan_section(job: Job) -> str:
    if "section" not in job.views:
        plan = plan_of(job)
        job.views["section"] = str(schedule_section(plan.scenario, plan.schedule))
    return job.views["section"]


def summary(job: Job) -> dict[str, Any]:
    plan = plan_of(job)
    schedule, scenario = plan.schedule, plan.scenario
    return {
        "status": schedule.status,
        "served": schedule.kpis.participants_served,
        "participants": len(scenario.participants),
        "days": schedule.kpis.days_worked,
        "without": len(schedule.unassigned),
        "objectives": [(name, schedule.objectives.get(name), OBJECTIVE_TEXT[name]) for name in OBJECTIVES],
        "reasons": REASON_TEXT,
        "seconds": schedule.solver.wall_seconds,
    }


def morning_choices(job: Job) -> dict[str, Any]:
    """Per date with work: who is planned (may be absent) and who is not (may walk in); the supervisors."""
    plan = plan_of(job)
    planned: dict[str, list[str]] = {}
    for a in plan.schedule.assignments:
        planned.setdefault(a.date.isoformat(), []).append(a.participant)
    everyone = list(plan.scenario.participants)
    dates = {
        date: {"planned": sorted(people), "others": [p for p in everyone if p not in people]}
        for date, people in sorted(planned.items())
    }
    return {"dates": dates, "staff": list(plan.scenario.staff)}


def comparison_rows(comparison: dict[str, Any]) -> dict[str, Any]:
    """The comparison's numbers as a table: one row per figure, one column per variant, deltas beside."""
    variants = comparison["variants"]
    rows = []
    for metric in comparison["metrics"]:
        cells = []
        for variant in variants:
            value = variant["values"][metric["key"]]
            delta = value["delta"]
            shown = None if not delta else f"{'+' if delta > 0 else '−'}{_number(abs(delta))}"
            cells.append({"mean": _number(value["mean"]), "delta": shown, "tone": _tone(metric, value)})
        rows.append({"label": metric["label"], "cells": cells})
    return {"title": comparison["title"], "variants": variants, "rows": rows}


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def _tone(metric: dict[str, Any], value: dict[str, Any]) -> str:
    delta = value["delta"]
    if not delta:
        return "same"
    better = metric["better"]
    if better not in ("higher", "lower"):
        return "changed"
    return "better" if (delta > 0) == (better == "higher") else "worse"


def download(job: Job, name: str) -> Response:
    makers = _solve_downloads() if job.order.kind in PLANNING else {}
    if job.order.kind == "compare" and name == "comparison.html" and job.result is not None:
        return _attachment(job.result["report"].encode("utf-8"), "text/html", f"{_stem(job)}-comparison.html")
    if name not in makers:
        raise HTTPException(404, f"there is no download '{name}' for this job")
    data, media, suffix = makers[name](plan_of(job))
    return _attachment(data, media, f"{_stem(job)}{suffix}")


def _solve_downloads() -> dict[str, Callable[[Plan], tuple[bytes, str, str]]]:
    from workwindow.export.ics import calendars
    from workwindow.export.roster import roster, roster_csv
    from workwindow.export.roster_page import roster_html
    from workwindow.export.table import assignments_csv
    from workwindow.export.workbook import workbook_bytes

    def roster_page(p: Plan) -> tuple[bytes, str, str]:
        return roster_html(p.scenario, roster(p.scenario, p.schedule)).encode(), "text/html", "-roster.html"

    def roster_table(p: Plan) -> tuple[bytes, str, str]:
        return roster_csv(roster(p.scenario, p.schedule)).encode(), "text/csv", "-roster.csv"

    return {
        "schedule.json": lambda p: (p.schedule.to_json().encode(), "application/json", "-schedule.json"),
        "report.html": lambda p: (render_report(p.scenario, p.schedule).encode(), "text/html", "-report.html"),
        "workbook.xlsx": lambda p: (workbook_bytes(p), _XLSX, ".xlsx"),
        "assignments.csv": lambda p: (assignments_csv(p).encode(), "text/csv", "-assignments.csv"),
        "calendars.zip": lambda p: (_zipped(calendars(p)), "application/zip", "-calendars.zip"),
        "roster.html": roster_page,
        "roster.csv": roster_table,
    }


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            archive.writestr(name, content)
    return buffer.getvalue()


def _stem(job: Job) -> str:
    stem = job.order.source.rsplit(".", 1)[0]
    return re.sub(r"[^A-Za-z0-9_.-]", "_", stem) or "scenario"


def _attachment(data: bytes, media: str, filename: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{filename}"'})

"""The workbench's pages, rendered on the server; the JavaScript beside them only sends and follows."""

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from workwindow.models import WEEKDAYS
from workwindow.web import plans
from workwindow.web.api import board_of, folder_of, job_or_404
from workwindow.web.folder import PLAN_NAME
from workwindow.web.forms import SECTIONS, shown, value_at
from workwindow.web.scenarios import check_text, open_scenario

router = APIRouter(include_in_schema=False)
TIME_LIMITS = (10, 30, 60, 120, 300)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def scenario_list(request: Request) -> HTMLResponse:
    folder = folder_of(request)
    entries = []
    for name in folder.names():
        checked = check_text(folder.read(name).text, name)
        entries.append({"name": name, "checked": checked})
    return render(request, "scenarios.html", entries=entries, jobs=board_of(request).all()[:12], folder=folder.root)


@router.get("/scenarios/{name}", response_class=HTMLResponse)
def scenario_page(request: Request, name: str) -> HTMLResponse:
    version, checked = open_scenario(folder_of(request), name)
    sections = [_section_view(section, checked.data) for section in SECTIONS]
    return render(
        request,
        "scenario.html",
        name=name,
        version=version,
        checked=checked,
        sections=sections,
        plans=folder_of(request).names(PLAN_NAME),
        weekdays=WEEKDAYS,
        time_limits=TIME_LIMITS,
    )


@router.get("/scenarios/{name}/whatif", response_class=HTMLResponse)
def whatif_page(request: Request, name: str) -> HTMLResponse:
    _, checked = open_scenario(folder_of(request), name)
    injecting = [pid for pid, p in checked.data.get("participants", {}).items() if p.get("dose_form") == "injection"]
    return render(request, "whatif.html", name=name, checked=checked, injecting=injecting, time_limits=TIME_LIMITS)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    job = job_or_404(request, job_id)
    context: dict[str, Any] = {"job": job}
    if plans.has_plan(job):
        context["plan"] = Markup(plans.plan_section(job))
        context["summary"] = plans.summary(job)
    if job.order.kind == "simulate" and job.result is not None:
        context["simulation"] = Markup(job.result["section"])
    if job.order.kind == "compare" and job.result is not None:
        context["comparison"] = plans.comparison_rows(job.result["comparison"])
    return render(request, "job.html", **context)


@router.get("/jobs/{job_id}/morning", response_class=HTMLResponse)
def morning_page(request: Request, job_id: str) -> HTMLResponse:
    job = job_or_404(request, job_id)
    return render(request, "morning.html", job=job, choices=plans.morning_choices(job))


@router.get("/jobs/{job_id}/{download}")
def download(request: Request, job_id: str, download: str) -> Response:
    return plans.download(job_or_404(request, job_id), download)


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return render(request, "api.html", paths=spec["paths"])


def _section_view(section: Any, data: dict) -> dict[str, Any]:
    fields = section.fields(data)
    node = value_at(data, section.path) if section.path else data
    node = node if isinstance(node, dict) else {}
    options = {f.key: f.options(data) if f.options else [] for f in fields}
    if section.table:
        rows = [
            {"id": rid, "values": {f.key: _shown(f, value_at(row, f.path), options[f.key]) for f in fields}}
            for rid, row in node.items()
        ]
        return {"section": section, "fields": fields, "rows": rows, "options": options}
    values = {f.key: _shown(f, value_at(node, f.path), options[f.key]) for f in fields}
    return {"section": section, "fields": fields, "values": values, "options": options}


def _shown(field: Any, value: Any, options: list[str]) -> Any:
    if value is None and field.kind == "days":
        return list(WEEKDAYS)
    if value is None and field.kind == "ids":
        return options
    if isinstance(value, dt.date):
        return value.isoformat()
    return shown(field, value)

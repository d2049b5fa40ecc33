"""The workbench's API under /api: what the pages use, and what scripts can use (OpenAPI at /api/openapi.json)."""

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from workwindow.errors import InputError
from workwindow.models import apply_overrides, validate_scenario
from workwindow.models.loading import parse_document
from workwindow.web.folder import ChangedOnDisk, ScenarioFolder
from workwindow.web.jobs import FINAL, Job, JobBoard
from workwindow.web.scenarios import edited, open_scenario
from workwindow.web.work import Order

router = APIRouter(prefix="/api")
MAX_TIME_LIMIT = 3600.0
STREAM_SECONDS = 2.0
"""How long one answer of a job's event stream lasts; under the server's 3 s grace at Ctrl-C."""
RECONNECT_MS = 200


class Source(BaseModel):
    """A scenario: YAML text, or a file of the served folder; changed by `set` as on the command line."""

    scenario: str | None = Field(None, description="the scenario's YAML text")
    file: str | None = Field(None, description="or: a scenario file of the served folder, e.g. pilot.yaml")
    job: str | None = Field(None, description="or: the scenario of an earlier job, with its changes")
    name: str = Field("scenario.yaml", description="what messages call YAML text given in `scenario`")
    set: list[str] = Field(default_factory=list, description="PATH=VALUE changes, as `--set` takes them")
    time_limit: float = Field(30.0, gt=0, le=MAX_TIME_LIMIT, description="seconds for each solve")


class SolveRequest(Source):
    pass


class ExplainRequest(Source):
    participant: str = Field(description="the participant's id")


class NamedChanges(BaseModel):
    name: str = Field(min_length=1, max_length=60)
    set: list[str] = Field(min_length=1)


class CompareRequest(Source):
    variants: list[NamedChanges] = Field(default_factory=list, description="each solved beside the base")
    tablet_shares: list[float] | None = Field(
        None, description="instead of variants: switch these shares of injecting participants to tablets"
    )


class ReplanRequest(BaseModel):
    job: str = Field(description="the solved (or re-planned) job whose plan was published")
    date: str = Field(description="the day to re-plan, e.g. 2024-03-11")
    absent: list[str] = Field(default_factory=list, description="participants who will not come")
    arrived: list[str] = Field(default_factory=list, description="participants without a place who came to work")
    staff_absent: list[str] = Field(default_factory=list, description="supervisors who are away")
    now: str | None = Field(None, description="the time now, HH:MM: what started before it stays")
    time_limit: float = Field(10.0, gt=0, le=MAX_TIME_LIMIT)


class SimulateRequest(BaseModel):
    job: str = Field(description="the solved (or re-planned) job whose plan is played")
    draws: int = Field(500, ge=10, le=20_000, description="sampled mornings per planned day")


class KeepPlan(BaseModel):
    job: str = Field(description="the solved or re-planned job whose plan to keep")
    name: str = Field(description="a new .json file name in the folder, e.g. pilot-week11.json")


class OpenPlan(BaseModel):
    file: str = Field(description="the scenario file the plan was solved for")
    plan: str = Field(description="a plan (schedule JSON) file of the folder")


class JobCreated(BaseModel):
    job: str
    page: str


class SaveRequest(BaseModel):
    version: str = Field(description="the file's version as the page read it (sha256)")
    form: dict[str, Any] = Field(description="the page's sections, as the scenario page sends them")


def board_of(request: Request) -> JobBoard:
    return request.app.state.board


def folder_of(request: Request) -> ScenarioFolder:
    return request.app.state.folder


def problem_response(exc: InputError) -> JSONResponse:
    problems = [{"field": p.field, "message": p.message, "line": p.line} for p in exc.problems]
    return JSONResponse({"detail": exc.paragraph(), "problems": problems}, status_code=422)


def order_for(request: Request, source: Source, kind: str, **extra: Any) -> Order:
    """The order for a job, its scenario checked here so that a bad one is answered at once (422)."""
    given = [part for part in (source.scenario, source.file, source.job) if part is not None]
    if len(given) != 1:
        raise HTTPException(422, "give one of: the scenario's YAML text in `scenario`, a `file` of the folder, a `job`")
    changes = tuple(source.set)
    if source.file is not None:
        text, name = folder_of(request).read(source.file).text, source.file
    elif source.job is not None:
        earlier = job_or_404(request, source.job).order
        text, name, changes = earlier.text, earlier.source, (*earlier.overrides, *changes)
    else:
        text, name = source.scenario or "", source.name
    validate_scenario(apply_overrides(parse_document(text, name), changes))
    return Order(kind, text, name, changes, source.time_limit, **extra)


def created(request: Request, order: Order, label: str) -> JSONResponse:
    job = board_of(request).submit(order, label)
    return JSONResponse({"job": job.id, "page": f"/jobs/{job.id}"}, status_code=202)


@router.post("/solve", status_code=202, response_model=JobCreated, summary="Start a solve")
def solve(request: Request, body: SolveRequest) -> JSONResponse:
    """Solve a scenario in a worker process; follow it at GET /api/jobs/{job}."""
    order = order_for(request, body, "solve")
    return created(request, order, order.source + "".join(f" · {s}" for s in order.overrides))


@router.post("/explain", status_code=202, response_model=JobCreated, summary="Explain one participant's days")
def explain(request: Request, body: ExplainRequest) -> JSONResponse:
    """Their days without work with reasons, and what would change it (each change solved)."""
    order = order_for(request, body, "explain", participant=body.participant)
    return created(request, order, f"why {body.participant}: {order.source}")


@router.post("/compare", status_code=202, response_model=JobCreated, summary="Compare what-ifs")
def compare(request: Request, body: CompareRequest) -> JSONResponse:
    """The base and each variant (or each tablet share) solved, side by side, with deltas."""
    if not body.variants and body.tablet_shares is None:
        raise HTTPException(422, "give at least one variant, or tablet shares")
    if body.tablet_shares is not None and not all(0 <= s <= 1 for s in body.tablet_shares):
        raise HTTPException(422, "tablet shares are between 0 and 1, such as 0.25")
    for variant in body.variants:
        order_for(request, body.model_copy(update={"set": [*body.set, *variant.set]}), "compare")
    variants = tuple((v.name, tuple(v.set)) for v in body.variants)
    shares = tuple(body.tablet_shares) if body.tablet_shares is not None else None
    order = order_for(request, body, "compare", variants=variants, shares=shares)
    return created(request, order, f"what-ifs: {order.source}")


@router.post("/replan", status_code=202, response_model=JobCreated, summary="Re-plan a morning")
def replan(request: Request, body: ReplanRequest) -> JSONResponse:
    """The day as it turned out, changing as little as possible; the result lists the changes and whom to tell."""
    import datetime as dt

    from workwindow.replan.events import check_dates, check_events
    from workwindow.web.plans import has_plan, plan_of
    from workwindow.web.work import events_of

    published = job_or_404(request, body.job)
    if not has_plan(published):
        raise HTTPException(422, "that job has no plan to re-plan (yet)")
    try:
        date = dt.date.fromisoformat(body.date)
    except ValueError:
        raise HTTPException(422, f"'{body.date}' is not a date like 2024-03-11") from None
    morning = body.model_dump(exclude={"job", "time_limit"})
    plan = plan_of(published)
    check_dates(plan.scenario, date, "date")
    check_events(plan.scenario, plan.schedule, date, events_of(morning))
    morning["plan"] = plan.schedule.model_dump(mode="json")
    earlier = published.order
    order = Order("replan", earlier.text, earlier.source, earlier.overrides, body.time_limit, morning=morning)
    return created(request, order, f"the morning of {body.date}: {earlier.source}")


@router.post("/simulate", status_code=202, response_model=JobCreated, summary="How robust is a plan?")
def simulate(request: Request, body: SimulateRequest) -> JSONResponse:
    """The plan played on sampled mornings (the scenario's `uncertainty`): delivered days, who is at risk."""
    from workwindow.web.plans import has_plan, plan_of

    played = job_or_404(request, body.job)
    if not has_plan(played):
        raise HTTPException(422, "that job has no plan to play (yet)")
    earlier = played.order
    plan = plan_of(played).schedule.model_dump(mode="json")
    order = Order("simulate", earlier.text, earlier.source, earlier.overrides, plan=plan, draws=body.draws)
    return created(request, order, f"robustness: {earlier.source}")


@router.post("/plans", status_code=201, summary="Keep a job's plan as a file in the folder")
def keep_plan(request: Request, body: KeepPlan) -> JSONResponse:
    """Writes the schedule JSON as a new file (never over one), so that it can be opened again later."""
    from workwindow.web.plans import has_plan, plan_of

    kept = job_or_404(request, body.job)
    if not has_plan(kept):
        raise HTTPException(422, "that job has no plan to keep (yet)")
    try:
        folder_of(request).write_plan(body.name, plan_of(kept).schedule.to_json())
    except ChangedOnDisk as exc:
        raise HTTPException(409, str(exc)) from None
    return JSONResponse({"plan": body.name}, status_code=201)


@router.post("/plans/open", status_code=201, response_model=JobCreated, summary="Open a plan file of the folder")
def open_plan(request: Request, body: OpenPlan) -> JSONResponse:
    """The plan as a finished job, after checking that it belongs to the scenario and keeps every rule."""
    from workwindow.models.schedule_file import parse_schedule
    from workwindow.report.inputs import check_schedule_fits
    from workwindow.verify import verify

    folder = folder_of(request)
    order = Order("solve", folder.read(body.file).text, body.file)
    scenario = validate_scenario(parse_document(order.text, body.file))
    schedule = parse_schedule(folder.read_plan(body.plan), body.plan)
    check_schedule_fits(scenario, schedule, body.plan)
    broken = verify(scenario, schedule)
    if broken:
        raise HTTPException(422, f"{body.plan} breaks {len(broken)} rules of {body.file}, e.g. {broken[0].message}")
    job = board_of(request).record(order, f"{body.plan} ({body.file})", schedule.model_dump(mode="json"))
    return JSONResponse({"job": job.id, "page": f"/jobs/{job.id}"}, status_code=201)


def job_or_404(request: Request, job_id: str) -> Job:
    job = board_of(request).get(job_id)
    if job is None:
        raise HTTPException(404, f"there is no job {job_id} (jobs are forgotten when the server stops)")
    return job


@router.get("/jobs", summary="List jobs")
def jobs(request: Request) -> list[dict[str, Any]]:
    return [{"id": j.id, "kind": j.order.kind, "label": j.label, "state": j.state} for j in board_of(request).all()]


@router.get("/jobs/{job_id}", summary="A job's state, stages and result")
def job(request: Request, job_id: str) -> dict[str, Any]:
    """state: queued | running | done | failed | stopped; `schedule` when a solve is done or stopped."""
    return job_or_404(request, job_id).public()


@router.delete("/jobs/{job_id}", summary="Stop a job")
def stop(request: Request, job_id: str) -> dict[str, Any]:
    """A running solve ends with the best plan found so far (state "stopped", with its schedule)."""
    found = job_or_404(request, job_id)
    board_of(request).stop(found)
    return {"id": found.id, "state": found.state}


@router.get("/jobs/{job_id}/events", summary="A job's progress as server-sent events")
async def events(request: Request, job_id: str) -> StreamingResponse:
    """One `data:` line of JSON (state, stages, the running stages' best so far) at each change.

    Each answer lasts at most STREAM_SECONDS and ends at once when the job
    ends; the browser's EventSource asks again by itself. So no answer is
    open for long, and Ctrl-C stops the server at once.
    """
    found, board = job_or_404(request, job_id), board_of(request)

    async def stream() -> AsyncIterator[str]:
        yield f"retry: {RECONNECT_MS}\n\n"
        seen, ends = -1, time.monotonic() + STREAM_SECONDS
        while time.monotonic() < ends and not await request.is_disconnected():
            if found.changes != seen:
                seen = found.changes
                yield f"data: {json.dumps(_progress(found))}\n\n"
                if found.state in FINAL:
                    return
            await asyncio.to_thread(board.wait_for_change, found, seen, max(0.0, ends - time.monotonic()))

    return StreamingResponse(stream(), media_type="text/event-stream")


def _progress(job: Job) -> dict[str, Any]:
    return {"state": job.state, "stages": job.stages, "searching": list(job.searching.values()), "error": job.error}


@router.get("/scenarios", summary="The scenario files of the folder")
def scenarios(request: Request) -> list[str]:
    return folder_of(request).names()


@router.get("/scenarios/{name}", summary="A scenario file's text and version")
def scenario(request: Request, name: str) -> dict[str, Any]:
    version, checked = open_scenario(folder_of(request), name)
    return {
        "name": name,
        "version": version.version,
        "text": version.text,
        "valid": checked.valid,
        "problems": checked.problems_json(),
        "warnings": checked.warnings,
    }


@router.post("/scenarios/{name}/check", summary="Check the page's edits without saving")
def check(request: Request, name: str, body: SaveRequest) -> JSONResponse:
    result = edited(folder_of(request).read(name), body.form)
    status = 200 if result.valid else 422
    return JSONResponse(
        {"detail": result.paragraph, "problems": result.problems_json(), "warnings": result.warnings},
        status_code=status,
    )


@router.put("/scenarios/{name}", summary="Save the page's edits, keeping comments and order")
def save(request: Request, name: str, body: SaveRequest) -> JSONResponse:
    """Refused (409, nothing written) when the file changed on disk since `version`; 422 when not valid."""
    folder = folder_of(request)
    current = folder.read(name)
    result = edited(current, body.form)
    if not result.valid:
        return JSONResponse({"detail": result.paragraph, "problems": result.problems_json()}, status_code=422)
    try:
        version = folder.write(name, result.text, body.version)
    except ChangedOnDisk as exc:
        return JSONResponse({"detail": str(exc), "text": result.text}, status_code=409)
    return JSONResponse({"version": version, "warnings": result.warnings})

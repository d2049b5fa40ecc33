"""The workbench as an ASGI app: the guard, the API, the pages and the package's own assets."""

import contextlib
from collections.abc import AsyncIterator, Iterable
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from workwindow import __version__
from workwindow.errors import InputError
from workwindow.web import api, pages
from workwindow.web.folder import NotInFolder, ScenarioFolder
from workwindow.web.jobs import JobBoard
from workwindow.web.security import LOCAL_NAMES, Guard

HERE = Path(str(files("workwindow.web")))


def create_app(folder: Path, token: str, hosts: Iterable[str] = LOCAL_NAMES, slots: int = 2) -> FastAPI:
    """The app over `folder`; it answers only requests with `token` and a Host header in `hosts`."""
    board = JobBoard(slots)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        board.close()

    app = FastAPI(
        title="workwindow workbench",
        version=__version__,
        description="Plan I jobb's crews around HABiO's morning doses. Every request needs the token.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /api lists the API from our own page
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.folder = ScenarioFolder(folder)
    app.state.board = board
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.templates.env.globals["app_version"] = __version__
    app.middleware("http")(Guard(token, frozenset(hosts)))
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(NotInFolder, _not_in_folder)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_api_route("/static-report.css", _report_css, include_in_schema=False)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _report_css() -> Response:
    """The report's own style sheet, from the installed report package, for the plan's grids and timelines."""
    css = files("workwindow.report").joinpath("style.css").read_text(encoding="utf-8")
    return Response(css, media_type="text/css")


def _input_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InputError)
    return api.problem_response(exc)


def _not_in_folder(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=404)

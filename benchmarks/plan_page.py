"""Milliseconds to render the workbench's plan page of the pilot after its solve (target: under 300 ms).

Solves the pilot through the workbench's own API (a worker process, as in
`workwindow serve`), then asks for its plan page ROUNDS times in process.
"cold" renders start from the job's result as the API holds it (the
scenario read again, the schedule validated, the report's grids, timelines
and reasons built); "warm" renders reuse what the first render kept on the
job, as a reload does. The time is the whole request: the guard, the page
template and the response.

    python benchmarks/plan_page.py [--rounds 20] [--record benchmarks/records/NAME.json]
"""

import argparse
import json
import platform
import statistics
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

from rich.console import Console
from rich.table import Table

from workwindow.web.app import create_app

with warnings.catch_warnings():  # Starlette's note that it will move to httpx2 one day
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "benchmark"


def main() -> None:
    options = _options()
    with tempfile.TemporaryDirectory(prefix="workwindow-bench-") as folder:
        (Path(folder) / "pilot.yaml").write_bytes((ROOT / "scenarios" / "pilot.yaml").read_bytes())
        app = create_app(Path(folder), TOKEN, hosts={"testserver"})
        with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
            job_id, solve_seconds = _solved(client)
            job = app.state.board.get(job_id)
            cold, size = [], 0
            for _ in range(options.rounds):
                job.views.clear()
                seconds, size = _render(client, job_id)
                cold.append(seconds)
            warm = [_render(client, job_id)[0] for _ in range(options.rounds)]
    figures = {
        "solve_seconds": round(solve_seconds, 2),
        "cold_ms": _summary(cold),
        "warm_ms": _summary(warm),
        "page_kb": round(size / 1024, 1),
        "rounds": options.rounds,
    }
    Console(width=100).print(_table(figures))
    if options.record:
        _record(options.record, figures)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--record", type=Path, help="Also write the figures to this JSON file.")
    return parser.parse_args()


def _solved(client: TestClient) -> tuple[str, float]:
    began = time.perf_counter()
    job = client.post("/api/solve", json={"file": "pilot.yaml", "time_limit": 30}).json()["job"]
    while (state := client.get(f"/api/jobs/{job}").json()["state"]) in ("queued", "running"):
        time.sleep(0.1)
    if state != "done":
        raise SystemExit(f"the pilot's solve ended {state}; the benchmark needs its plan")
    return job, time.perf_counter() - began


def _render(client: TestClient, job: str) -> tuple[float, int]:
    began = time.perf_counter()
    page = client.get(f"/jobs/{job}")
    seconds = time.perf_counter() - began
    if page.status_code != 200 or 'class="grid people"' not in page.text:
        raise SystemExit(f"the plan page did not render ({page.status_code})")
    return seconds * 1000, len(page.content)


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 1), "worst": round(max(values), 1)}


def _table(figures: dict) -> Table:
    table = Table(title=f"The pilot's plan page (4 weeks, 25 participants), {figures['rounds']} renders each")
    for heading in ("render", "median ms", "worst ms", "target ms"):
        table.add_column(heading, justify="left" if heading == "render" else "right")
    for name in ("cold", "warm"):
        numbers = figures[f"{name}_ms"]
        table.add_row(name, f"{numbers['median']:.1f}", f"{numbers['worst']:.1f}", "300")
    table.caption = f"page {figures['page_kb']} KB; the solve before it took {figures['solve_seconds']} s"
    return table


def _record(path: Path, figures: dict) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    record = {"benchmark": "plan_page", "commit": commit.strip(), "python": platform.python_version(), **figures}
    path.write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    main()

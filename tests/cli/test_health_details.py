"""The line between the clinic and the work program: no dose form in anything shared.

Every output of the pilot is scanned for the dose forms (and the clinic's sum
behind a readiness): the console of solve and check, the schedule JSON, the
report, the CSV, workbook, calendars and roster, and a batch's results, error
record and summary. `--health-details` brings them back, in the console and
the report only.
"""

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from workwindow.cli import main

PILOT = Path(__file__).resolve().parents[2] / "scenarios" / "pilot.yaml"
HEALTH = re.compile(r"injection|tablet|observation \(", re.IGNORECASE)


def run(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (0, 2), result.output
    return result.output + (result.stderr if result.stderr_bytes else "")


def texts(folder: Path) -> dict[str, str]:
    """Every file under `folder` as text; a workbook's sheets read from inside its zip."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                found[path.name] = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xml"))
        elif path.suffix != ".parquet":
            found[path.name] = path.read_text(errors="replace")
    return found


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The pilot's plan and everything made from it without --health-details."""
    folder, inputs = tmp_path_factory.mktemp("shared"), tmp_path_factory.mktemp("inputs")
    plan = folder / "plan.json"
    printed = {"solve": run("solve", PILOT, "-o", plan), "check": run("check", PILOT)}
    for pid in ("P02", "P09"):  # a tablet and an injection
        printed[f"explain {pid}"] = run("explain", PILOT, pid, "--time-limit", 5, "--jobs", 1)
    printed["report"] = run("report", plan, "--scenario", PILOT, "-o", folder / "report.html")
    for fmt, name in (("csv", "plan.csv"), ("xlsx", "plan.xlsx"), ("ics", "calendars"), ("roster", "roster")):
        printed[fmt] = run("export", plan, "--scenario", PILOT, "--format", fmt, "-o", folder / name)
    (inputs / "pilot-off-grid.yaml").write_text(PILOT.read_text().replace('"08:40"', '"08:42"'))
    (inputs / "pilot.yaml").write_text(PILOT.read_text())
    printed["batch"] = (
        CliRunner().invoke(main, ["batch", str(inputs), "--out", str(folder / "batch"), "--jobs", "1"]).output
    )
    return plan, {**printed, **texts(folder)}


def test_nothing_shared_names_a_dose_form(shared):
    _, outputs = shared
    assert {"plan.json", "report.html", "plan.csv", "plan.xlsx", "summary.csv", "pilot-off-grid.error.json"} <= set(
        outputs
    )
    assert any(name.endswith(".ics") for name in outputs)
    leaks = {name: HEALTH.findall(text)[:3] for name, text in outputs.items() if HEALTH.search(text)}
    assert leaks == {}


def test_a_readiness_reason_gives_the_times_without_the_sum(shared):
    plan, _ = shared
    assert "earliest ready 10:15 > latest start 10:00" in plan.read_text()


def test_health_details_name_them_in_the_console_and_the_report(shared, tmp_path):
    plan, _ = shared
    solved = run("solve", PILOT, "--health-details")
    assert "40 observation (injection) + 25 travel" in solved
    assert "16 injection, 9 tablet" in run("check", PILOT, "--health-details")
    run("report", plan, "--scenario", PILOT, "-o", tmp_path / "clinic.html", "--health-details")
    clinic = (tmp_path / "clinic.html").read_text()
    assert "fixed dose at 09:00 + 10 + 40 observation (injection)" in clinic
    assert 'class="stage-observation"' in clinic

"""Nothing the user had is lost: outputs never replace a file without --force, and the calendar
folder is written whole (even under SIGKILL), replacing only the calendars an export wrote."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from workwindow.cli import main
from workwindow.export.folder import MANIFEST

REPO = Path(__file__).resolve().parents[2]
PILOT = REPO / "scenarios" / "pilot.yaml"
SWEEP = REPO / "scenarios" / "sweep-latest-start-stations.yaml"
HAND_EDITED = "a hand-edited plan\n"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "pilot.json"
    assert run("solve", PILOT, "-o", path).exit_code == 0
    return path


def commands(plan: Path, folder: Path) -> dict[str, tuple[list[object], Path]]:
    """Each command with an output, and the file of the user's it would replace."""
    return {
        "solve -o": (["solve", PILOT, "--time-limit", 5, "-o", folder / "plan.json"], folder / "plan.json"),
        "report -o": (["report", plan, "--scenario", PILOT, "-o", folder / "r.html"], folder / "r.html"),
        "export csv": (
            ["export", plan, "--scenario", PILOT, "--format", "csv", "-o", folder / "p.csv"],
            folder / "p.csv",
        ),
        "export roster": (
            ["export", plan, "--scenario", PILOT, "--format", "roster", "-o", folder / "roster"],
            folder / "roster.csv",
        ),
        "compare -o": (["compare", PILOT, "--variant", "v", "--set", "weeks=1", "-o", folder / "n"], folder / "n.json"),
        "compare --report": (["compare", PILOT, "--report", folder / "c.html"], folder / "c.html"),
        "sweep -o": (["sweep", SWEEP, "-o", folder / "sweep"], folder / "sweep" / "results.csv"),
        "sweep --report": (["sweep", SWEEP, "--report", folder / "s.html"], folder / "s.html"),
    }


@pytest.mark.parametrize("name", list(commands(Path(), Path())))
def test_an_existing_output_is_refused_in_one_line_without_force(name, plan, tmp_path):
    args, mine = commands(plan, tmp_path)[name]
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_text(HAND_EDITED)
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {mine} exists; nothing was written (give --force to replace it)\n"
    assert mine.read_text() == HAND_EDITED


def test_force_replaces_the_file(plan, tmp_path):
    mine = tmp_path / "r.html"
    mine.write_text(HAND_EDITED)
    assert run("report", plan, "--scenario", PILOT, "-o", mine, "--force").exit_code == 0
    assert mine.read_text().startswith("<!DOCTYPE html>")


def export_ics(plan: Path, folder: Path, *flags: str):
    return run("export", plan, "--scenario", PILOT, "--format", "ics", "-o", folder, *flags)


def test_calendars_replace_only_what_an_earlier_export_wrote(plan, tmp_path):
    folder = tmp_path / "calendars"
    assert export_ics(plan, folder).exit_code == 0
    written = json.loads((folder / MANIFEST).read_text())["calendars"]
    (folder / "notes.txt").write_text("the planner's own notes\n")
    stale = folder / "participant-P99.ics"
    stale.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    (folder / MANIFEST).write_text(json.dumps({"calendars": [*written, stale.name]}))
    refused = export_ics(plan, folder)
    assert refused.exit_code == 2 and "give --force to replace it" in refused.stderr
    assert export_ics(plan, folder, "--force").exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted([*written, MANIFEST, "notes.txt"])
    assert (folder / "notes.txt").read_text() == "the planner's own notes\n"


def test_calendars_into_a_folder_of_other_files_need_no_force(plan, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "notes.txt").write_text("kept\n")
    assert export_ics(plan, folder).exit_code == 0
    assert (folder / "notes.txt").read_text() == "kept\n"


SLOW_CALENDARS = textwrap.dedent(
    """
    import sys, time
    from workwindow.__main__ import run
    from workwindow.export import folder

    write = folder.write_calendar

    def slow(path, content):
        write(path, content)
        sys.stderr.write(f"wrote {path.name}\\n")
        sys.stderr.flush()
        time.sleep(0.05)

    folder.write_calendar = slow
    sys.argv = ["workwindow", *sys.argv[1:]]
    run()
    """
)


@pytest.mark.parametrize("killed_after", [1, 7])
def test_an_export_killed_midway_leaves_the_earlier_calendars_whole(killed_after, plan, tmp_path):
    folder = tmp_path / "calendars"
    assert export_ics(plan, folder).exit_code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    args = ["export", plan, "--scenario", PILOT, "--format", "ics", "-o", folder, "--force"]
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_CALENDARS, *map(str, args)],
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        start_new_session=True,
    )
    for _ in range(killed_after):
        assert child.stderr.readline().startswith("wrote ")
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert export_ics(plan, folder, "--force").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["calendars"]  # the half-made folder is gone

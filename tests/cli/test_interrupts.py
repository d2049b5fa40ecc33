"""Ctrl-C at any moment: exit 130 within moments, no traceback, and a solve keeps the plan it has.

Every interrupt is a real SIGINT sent to a child process of its own session
(a shell's `&` would make the child ignore it). Where a test must hit one
moment (after the first plan, during the move into place), a small wrapper
around the real command line reports that moment or sends the signal then.
"""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from workwindow.generate import generated_scenario

REPO = Path(__file__).resolve().parents[2]
PILOT = REPO / "scenarios" / "pilot.yaml"
SETTLE_SECONDS = 20
"""Generous: what is asserted is that the child ends, not how fast (speed is measured in benchmarks)."""


def start(*args: object, code: str | None = None) -> subprocess.Popen:
    command = [sys.executable, "-c", code, *map(str, args)] if code else [sys.executable, "-m", "workwindow", *args]
    return subprocess.Popen(
        [str(part) for part in command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        start_new_session=True,
    )


def interrupt(child: subprocess.Popen) -> tuple[str, str]:
    os.kill(child.pid, signal.SIGINT)
    return child.communicate(timeout=SETTLE_SECONDS)


@pytest.mark.parametrize("delay", [0.1, 0.3, 0.6, 1.0])
@pytest.mark.parametrize("command", ["solve", "report"])
def test_ctrl_c_at_any_moment_exits_130_and_says_what_was_written(command, delay, tmp_path, pilot_plan):
    args = {
        "solve": ["solve", PILOT, "-o", tmp_path / "plan.json"],
        "report": ["report", pilot_plan, "--scenario", PILOT, "-o", tmp_path / "report.html"],
    }[command]
    child = start(*args)
    time.sleep(delay)
    _, err = interrupt(child)
    assert "Traceback" not in err and "Aborted" not in err and "Error" not in err
    if child.returncode == 0:  # it finished before the interrupt
        return
    assert child.returncode == 130, err
    assert err.rstrip().endswith(("nothing was written.", f"written: {tmp_path / Path(args[-1]).name}."))


@pytest.fixture(scope="module")
def pilot_plan(tmp_path_factory) -> Path:
    plan = tmp_path_factory.mktemp("plan") / "pilot.json"
    subprocess.run(
        [sys.executable, "-m", "workwindow", "solve", PILOT, "-o", plan],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        check=True,
    )
    return plan


AFTER_FIRST_PLAN = textwrap.dedent(
    """
    import sys
    from workwindow.__main__ import run
    from workwindow.solver import together, weeks

    greedy = weeks.greedy_start

    def announced(model):
        start = greedy(model)
        sys.stderr.write("first plan\\n")
        sys.stderr.flush()
        return start

    weeks.greedy_start = together.greedy_start = announced  # weeks apart, or together under fairness
    sys.argv = ["workwindow", *sys.argv[1:]]
    run()
    """
)


@pytest.fixture(scope="module")
def long_week(tmp_path_factory) -> Path:
    """300 participants: a week whose search would take its whole 120 s."""
    path = tmp_path_factory.mktemp("long") / "week.yaml"
    path.write_text(generated_scenario(300, 12, 3, 1, 1))
    return path


def interrupted_after_the_first_plan(*args: object) -> tuple[subprocess.Popen, str, float]:
    child = start("solve", *args, "--time-limit", 120, code=AFTER_FIRST_PLAN)
    assert child.stderr.readline() == "first plan\n"
    began = time.monotonic()
    _, err = interrupt(child)
    return child, err, time.monotonic() - began


def test_a_solve_interrupted_after_its_first_plan_writes_that_plan_as_feasible(long_week, tmp_path):
    plan = tmp_path / "plan.json"
    child, err, seconds = interrupted_after_the_first_plan(long_week, "-o", plan)
    assert child.returncode == 130, err
    assert seconds < SETTLE_SECONDS < 120
    assert f"Interrupted: the plan is the best found so far (status feasible); written: {plan}." in err
    assert json.loads(plan.read_text())["status"] == "feasible"
    verified = subprocess.run(
        [sys.executable, "-m", "workwindow", "verify", long_week, plan],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
    )
    assert verified.returncode == 0, verified.stdout


def test_discard_interrupted_writes_nothing(long_week, tmp_path):
    plan = tmp_path / "plan.json"
    child, err, _ = interrupted_after_the_first_plan(long_week, "-o", plan, "--discard-interrupted")
    assert child.returncode == 130
    assert err.rstrip().endswith("nothing was written.") and not plan.exists()


DURING_THE_MOVE = textwrap.dedent(
    """
    import os, signal, sys
    from workwindow.__main__ import run
    from workwindow import files

    replace = os.replace

    class Os:
        def __getattr__(self, name):
            return getattr(os, name)

        def replace(self, source, target):
            os.kill(os.getpid(), signal.SIGINT)
            replace(source, target)

    files.os = Os()
    sys.argv = ["workwindow", *sys.argv[1:]]
    run()
    """
)


def test_ctrl_c_while_the_output_is_moved_into_place_says_it_was_written(pilot_plan, tmp_path):
    report = tmp_path / "report.html"
    child = start("report", pilot_plan, "--scenario", PILOT, "-o", report, code=DURING_THE_MOVE)
    _, err = child.communicate(timeout=SETTLE_SECONDS)
    assert child.returncode == 130, err
    assert err.strip() == f"Interrupted; written: {report}."
    assert report.read_text().rstrip().endswith("</html>")

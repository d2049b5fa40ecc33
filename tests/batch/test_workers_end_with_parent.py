"""A batch's local workers end when their parent dies, even by SIGKILL: none solves on for nobody."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from workwindow.generate import generated_scenario

REPO = Path(__file__).resolve().parents[2]
GONE_WITHIN = 10.0
"""Seconds the test allows; a worker looks for its parent every PARENT_WATCH_SECONDS (0.5)."""


def workers_of(parent: psutil.Process, count: int, timeout: float = 60.0) -> list[psutil.Process]:
    """The forkserver and the `count` workers forked from it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        servers = [p for p in parent.children() if "forkserver" in " ".join(p.cmdline())]
        workers = [worker for server in servers for worker in server.children()]
        if len(workers) >= count:
            return servers + workers
        time.sleep(0.1)
    raise AssertionError(f"no {count} workers started within {timeout} s")


def test_killing_only_the_batch_process_leaves_no_worker_alive(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for seed in range(4):
        (folder / f"week{seed}.yaml").write_text(generated_scenario(60, 2, 1, 1, seed))
    batch = ["batch", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2", "--time-limit", "120"]
    child = subprocess.Popen(
        [sys.executable, "-m", "workwindow", *batch],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        start_new_session=True,
    )
    workers = workers_of(psutil.Process(child.pid), 2)
    try:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        _, alive = psutil.wait_procs(workers, timeout=GONE_WITHIN)
        assert alive == []
    finally:
        for worker in workers:
            if worker.is_running():
                worker.kill()

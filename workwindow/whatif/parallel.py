"""Solve several scenarios at once on local processes.

What-ifs are independent full solves, so they run side by side. This is the
one place that knows how; the team's general executor can take its place
without the callers noticing.
"""

import contextlib
import multiprocessing
import signal
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from workwindow.errors import WorkwindowError
from workwindow.models import Scenario, Schedule
from workwindow.solver import solve


class SolveProcessError(WorkwindowError):
    """A solve process died before it finished: stopped from outside, or out of memory."""


@dataclass(frozen=True)
class SolveSettings:
    time_limit: float = 60.0
    """Seconds for each solve."""
    workers: int = 1
    """CP-SAT workers in each solve; the solves themselves already run side by side."""
    seed: int = 0
    explain: bool = False
    """Reasons for days without work: only a report needs them, and they cost a solve per day."""


def solve_all(scenarios: Sequence[Scenario], settings: SolveSettings, jobs: int) -> list[Schedule]:
    """One schedule per scenario, in the same order, solved `jobs` at a time."""
    if jobs <= 1 or len(scenarios) <= 1:
        return [solve_one(scenario, settings) for scenario in scenarios]
    # spawn: a forked child would inherit the parent's OR-Tools state and threads
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(scenarios)), mp_context=multiprocessing.get_context("spawn"))
    try:
        with _workers_ignore_ctrl_c():
            futures = [pool.submit(solve_one, scenario, settings) for scenario in scenarios]
        return [future.result() for future in futures]
    except BrokenProcessPool:
        raise SolveProcessError(
            "a solve process stopped before it finished (interrupted, or out of memory); try fewer --jobs"
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start workers with Ctrl-C ignored from their first instruction.

    Ctrl-C reaches the whole process group; a worker hit while importing
    would print its own traceback. A worker started while the parent ignores
    SIGINT inherits that; the parent listens again as soon as they are started
    and stops after the solves in hand.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def solve_one(scenario: Scenario, settings: SolveSettings) -> Schedule:
    return solve(
        scenario,
        time_limit=settings.time_limit,
        workers=settings.workers,
        seed=settings.seed,
        explain=settings.explain,
    )

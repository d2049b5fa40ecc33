"""Run independent tasks on local processes or on a Dask cluster, results as they finish.

A task is a picklable function with its arguments. `open_executor` picks the
backend from a `--cluster` value: none gives a pool of local processes (no
server to start), ``local`` a `dask.distributed.LocalCluster`, and an address
such as ``tcp://host:8786`` an existing Dask scheduler. Both backends keep only
a window of tasks in flight, so a long list is read as it is consumed.

A task that raises comes back as a `Finished` with the error; the caller
decides what a failure means. Dask is imported only when a cluster is asked
for, so the local path starts fast and needs no Dask at all.

Local workers are forked from a "forkserver": a clean process, started once
per program, that imports the solver (OR-Tools, pandas, the models: about
0.5 s of CPU) before it forks any worker. Forking this process, which may run
threads (rich's progress bar, a background import), would be unsafe; spawning
each worker afresh made every worker pay those imports again, all at once at
the start of a batch, and pay Python's slow exit at its end (a forked worker
leaves with os._exit). A script that runs tasks still needs the usual
`if __name__ == "__main__":` guard.
"""

import contextlib
import itertools
import logging
import multiprocessing
import os
import signal
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from workwindow.errors import WorkwindowError

LOCAL_CLUSTER = "local"
CONNECT_TIMEOUT_SECONDS = 10.0
CONNECT_GRACE_SECONDS = 5.0
"""Beyond the connect timeout, for distributed to give up and close by itself."""
PARENT_WATCH_SECONDS = 0.5
"""How often a local worker looks whether its parent is still there."""
EXIT_PARENT_GONE = 1
WORKER_IMPORTS = ("workwindow.solver.horizon", "workwindow.solver.weeks")
"""What a local worker imports before its first task (the forkserver once for all its workers,
each worker of a LocalCluster as it starts): the solver, which every task here runs."""


class ExecutorError(WorkwindowError):
    """The place to run tasks cannot be reached or started."""


@dataclass(frozen=True)
class Task:
    """`function(*args)`, named by `key` (unique within one run)."""

    key: str
    function: Callable[..., Any]
    args: tuple[Any, ...] = field(default=())


@dataclass(frozen=True)
class Finished:
    """The value a task returned, or the error it raised (value is then None)."""

    task: Task
    value: Any = None
    error: BaseException | None = None


class Executor(ABC):
    """Runs tasks and yields them as they finish; used as a context manager."""

    description: str
    slots: int
    """Tasks that run at once: local processes, or the cluster's worker threads."""
    on_this_machine: bool
    """Whether the workers share this machine's cores (local processes, a LocalCluster)."""

    @abstractmethod
    def run(self, tasks: Iterable[Task]) -> Iterator[Finished]:
        """Yield each task once, finished, in the order they complete."""

    @abstractmethod
    def close(self, *, abort: bool = False) -> None:
        """Release the workers; `abort` stops running tasks instead of waiting."""

    def __enter__(self) -> "Executor":
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close(abort=kind is not None)


def open_executor(cluster: str | None, jobs: int | None = None) -> Executor:
    """Local processes when `cluster` is None, else a Dask cluster ("local" or an address)."""
    if cluster is None:
        return LocalProcesses(jobs or os.cpu_count() or 1)
    return DaskCluster(cluster, jobs)


class LocalProcesses(Executor):
    """A pool of `jobs` worker processes on this machine.

    Workers ignore Ctrl-C: the terminal sends it to the whole process group,
    and only this process should decide what an interrupted run keeps. They
    end within a second of this process's death, even a SIGKILL. If a
    worker dies (killed, out of memory), the tasks in flight come back as
    failures and a fresh pool takes the rest.
    """

    def __init__(self, jobs: int):
        if jobs < 1:
            raise ExecutorError(f"--jobs must be at least 1, not {jobs}")
        self.jobs = self.slots = jobs
        self.on_this_machine = True
        self.description = f"{jobs} local process{'es' if jobs != 1 else ''}"
        self._pool: ProcessPoolExecutor | None = None

    def run(self, tasks: Iterable[Task]) -> Iterator[Finished]:
        pending = iter(tasks)
        in_flight: dict[Future, Task] = {}
        while True:
            self._top_up(pending, in_flight)
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                yield _finished(in_flight.pop(future), future)
            if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                yield from self._fail_broken(in_flight)

    def close(self, *, abort: bool = False) -> None:
        if self._pool is None:
            return
        if abort:
            _terminate_workers(self._pool)
        self._pool.shutdown(wait=True, cancel_futures=abort)
        self._pool = None

    def _top_up(self, pending: Iterator[Task], in_flight: dict[Future, Task]) -> None:
        """Keep two tasks per worker queued, so no worker waits for the next."""
        for task in itertools.islice(pending, max(0, 2 * self.jobs - len(in_flight))):
            in_flight[self._live_pool().submit(task.function, *task.args)] = task

    def _live_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=worker_context(),
                initializer=_prepare_worker,
                initargs=(os.getpid(),),
            )
        return self._pool

    def _fail_broken(self, in_flight: dict[Future, Task]) -> Iterator[Finished]:
        """A broken pool fails every task in it; the tasks not yet sent get a new pool."""
        done, _ = wait(in_flight)
        for future in done:
            yield _finished(in_flight.pop(future), future)
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None


class DaskCluster(Executor):
    """Tasks on a Dask distributed cluster: an existing scheduler, or a LocalCluster.

    The workers import the task functions, so each needs workwindow installed
    (the same version as here). Dask itself retries a task whose worker was
    lost; a task that keeps killing workers comes back as a failure.
    """

    def __init__(self, address: str, jobs: int | None = None, connect_timeout: float = CONNECT_TIMEOUT_SECONDS):
        try:
            import distributed
        except ImportError:
            raise ExecutorError(
                "--cluster needs Dask: pip install 'dask[distributed]' (it is a workwindow dependency)"
            ) from None
        self._distributed = distributed
        self._cluster = None
        self.on_this_machine = address == LOCAL_CLUSTER
        if address != LOCAL_CLUSTER:
            _check_address(address)
        if address == LOCAL_CLUSTER:
            self._cluster = _local_cluster(distributed, jobs or os.cpu_count() or 1)
            address = self._cluster.scheduler_address
            self.description = f"a Dask LocalCluster with {len(self._cluster.workers)} worker processes"
        else:
            self.description = f"the Dask scheduler at {address}"
        try:
            self._client = _connect(distributed, address, connect_timeout)
        except ExecutorError:
            self._close_cluster()
            raise
        self.slots = max(1, sum(self._client.nthreads().values()))

    def run(self, tasks: Iterable[Task]) -> Iterator[Finished]:
        pending = iter(tasks)
        tasks_of: dict[Any, Task] = {}
        completed = self._distributed.as_completed(loop=self._client.loop)
        self._submit(pending, self._window(), tasks_of, completed)
        for future in completed:
            task = tasks_of.pop(future.key)
            yield _finished(task, future)
            future.release()
            self._submit(pending, 1, tasks_of, completed)

    def close(self, *, abort: bool = False) -> None:
        if abort:
            with contextlib.suppress(Exception):
                self._client.cancel(list(self._client.futures))
        with contextlib.suppress(Exception):
            self._client.close()
        self._close_cluster()

    def _window(self) -> int:
        """Enough queued tasks to keep every worker thread busy, without sending everything."""
        threads = sum(self._client.nthreads().values())
        return max(16, 4 * threads)

    def _submit(self, pending: Iterator[Task], count: int, tasks_of: dict[Any, Task], completed: Any) -> None:
        for task in itertools.islice(pending, count):
            key = f"workwindow-{task.key}-{uuid.uuid4().hex}"
            future = self._client.submit(task.function, *task.args, key=key, pure=False)
            tasks_of[future.key] = task
            completed.add(future)

    def _close_cluster(self) -> None:
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
            self._cluster = None


def _check_address(address: str) -> None:
    """A scheduler listens at tcp://HOST:PORT (or tls://); anything else is said at once, before
    distributed tries it (it took `foo` for a host and left a Client.__del__ traceback behind)."""
    scheme, _, rest = address.rpartition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("", "tcp", "tls"):
        raise ExecutorError(
            f"--cluster {address}: a Dask scheduler's address is tcp://HOST:PORT, not {scheme}:// "
            "(a dashboard's http address is not the scheduler's; its port is usually 8786)"
        )
    if not host or not port.isdigit():
        raise ExecutorError(f"--cluster {address}: give 'local' or a Dask scheduler's address, such as tcp://HOST:8786")


def _connect(distributed: Any, address: str, timeout: float) -> Any:
    """The client, or an ExecutorError within `timeout` (and a little grace) whatever listens there.

    distributed's own timeout covers the connection, not a server that takes
    the handshake and never answers, as an HTTP server does: the client is
    made in a thread of its own, and one that does not finish in time is
    left to the end of the program.
    """
    made: dict[str, Any] = {}

    def connect() -> None:
        try:
            made["client"] = distributed.Client(address, timeout=timeout, set_as_default=False)
        except Exception as exc:
            made["error"] = exc

    thread = threading.Thread(target=connect, name="workwindow-dask-connect", daemon=True)
    thread.start()
    thread.join(timeout + CONNECT_GRACE_SECONDS)
    if "client" in made:
        return made["client"]
    why = made.get("error") or f"no answer within {timeout:g} s"
    raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {why} (is a Dask scheduler listening there?)")


def _local_cluster(distributed: Any, jobs: int) -> Any:
    """Worker processes of one thread each (CP-SAT threads are set per solve), which import the
    solver as they start rather than in their first task."""
    return distributed.LocalCluster(
        n_workers=jobs,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
        preload=list(WORKER_IMPORTS),
    )


def _finished(task: Task, future: Any) -> Finished:
    try:
        return Finished(task, value=future.result())
    except Exception as exc:
        return Finished(task, error=exc)


def worker_context() -> multiprocessing.context.BaseContext:
    """The forkserver, told to import the solver before its first fork (the setting counts only
    until it starts; it is started once per program and ends with it)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(WORKER_IMPORTS))
    return context


def _prepare_worker(owner: int) -> None:
    """Ignore Ctrl-C (the owner decides what an interrupted run keeps), and end with the owner:
    a worker whose owner was killed would solve on for nobody (175 MB each, for minutes).

    `owner` is the process that runs the pool; the worker's parent is the forkserver, which
    ends as soon as the owner does (it reads a pipe that only the owner holds open), so the
    worker watches its parent, and its owner too in case the forkserver lingers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_end_with, args=(parent, owner), name="workwindow-parent-watch", daemon=True).start()


def _end_with(parent: int, owner: int) -> None:
    """A thread, not PR_SET_PDEATHSIG: that signal comes when the thread that started the worker
    ends, which need not be the parent's end. CP-SAT leaves the GIL while it searches, so this
    thread runs even then."""
    while os.getppid() == parent and _alive(owner):
        time.sleep(PARENT_WATCH_SECONDS)
    os._exit(EXIT_PARENT_GONE)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _terminate_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now rather than after their current task.

    Python 3.14 has `terminate_workers()`; before that the pool keeps its
    processes only in `_processes`.
    """
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.terminate()

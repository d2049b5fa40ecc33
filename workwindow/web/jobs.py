"""The jobs of a workbench: each solve, explanation or comparison in a worker process of its own.

A job is queued, then running (at most `slots` at once, so two solves at
once work and a third waits), then done, failed or stopped. A thread per
job reads its process's messages; the pages and the API only ever read the
job's state, so they answer at once whatever the solver is doing. Stop
sets the job's event: a solve then ends with the best plan found so far.
"""

import logging
import multiprocessing
import queue as queues
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from workwindow.web.work import Order, run

log = logging.getLogger("workwindow.web")

State = Literal["queued", "running", "done", "failed", "stopped"]
FINAL: frozenset[str] = frozenset({"done", "failed", "stopped"})
GRACE_SECONDS = 30.0
"""After Stop, how long a worker may take to hand back its plan before it is ended."""
KEPT_JOBS = 200
"""Finished jobs kept in memory for their pages; older ones are forgotten."""


@dataclass
class Job:
    id: str
    order: Order
    label: str
    state: State = "queued"
    stages: list[dict[str, Any]] = field(default_factory=list)
    searching: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict)
    """The stages running now: their best value and bound so far."""
    result: Any = None
    error: str | None = None
    created: float = field(default_factory=time.time)
    changes: int = 0
    """Counts every change, so a listener can wait for the next."""
    stop: Any = None
    process: Any = None
    views: dict[str, Any] = field(default_factory=dict)
    """What pages made of the result once (the scenario and schedule read back), kept for the next."""

    def public(self) -> dict[str, Any]:
        """The job as the API gives it: state, stages, and the schedule or other result when there is one."""
        data: dict[str, Any] = {"id": self.id, "kind": self.order.kind, "label": self.label, "state": self.state}
        data["stages"] = self.stages
        if self.state == "running":
            data["searching"] = list(self.searching.values())
        if self.result is not None:
            data["schedule" if self.order.kind == "solve" else "result"] = self.result
        if self.error is not None:
            data["error"] = self.error
        return data


class JobBoard:
    def __init__(self, slots: int = 2):
        self._context = multiprocessing.get_context("spawn")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Condition()
        self._slots = threading.BoundedSemaphore(slots)
        self._closed = False

    def submit(self, order: Order, label: str) -> Job:
        job = Job(uuid.uuid4().hex[:12], order, label, stop=self._context.Event())
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        threading.Thread(target=self._run, args=(job,), name=f"workwindow-job-{job.id}", daemon=True).start()
        log.info("job %s (%s) queued", job.id, order.kind)
        return job

    def record(self, order: Order, label: str, result: Any) -> Job:
        """A job that needs no worker: a plan read from a file is done as soon as it is read."""
        job = Job(uuid.uuid4().hex[:12], order, label, state="done", result=result, stop=self._context.Event())
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        log.info("job %s (%s) read from a file", job.id, order.kind)
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        return sorted(self._jobs.values(), key=lambda j: j.created, reverse=True)

    def stop(self, job: Job) -> None:
        """Stop a job: a queued one never starts; a running solve keeps its best plan so far."""
        job.stop.set()
        with self._lock:
            if job.state == "queued":
                self._finish(job, "stopped", error="stopped before it started, so there is no plan")
        log.info("job %s asked to stop", job.id)

    def wait_for_change(self, job: Job, seen: int, timeout: float) -> int:
        with self._lock:
            self._lock.wait_for(lambda: job.changes != seen, timeout)
            return job.changes

    def close(self) -> None:
        """End every worker process now (the server is shutting down)."""
        self._closed = True
        for job in list(self._jobs.values()):
            job.stop.set()
            if job.process is not None and job.process.is_alive():
                job.process.terminate()
                job.process.join(5)

    def _run(self, job: Job) -> None:
        with self._slots:
            if job.state != "queued" or self._closed:
                return
            messages = self._context.Queue()
            job.process = self._context.Process(target=run, args=(job.order, messages, job.stop), daemon=True)
            job.process.start()
            self._update(job, state="running")
            log.info("job %s running", job.id)
            self._follow(job, messages)
            job.process.join(5)
        log.info("job %s %s", job.id, job.state)

    def _follow(self, job: Job, messages: Any) -> None:
        stopped_at: float | None = None
        while True:
            try:
                message = messages.get(timeout=0.2)
            except queues.Empty:
                if not job.process.is_alive():
                    return self._finish(job, "failed", error="the worker process ended before it finished")
                stopped_at = stopped_at or (time.monotonic() if job.stop.is_set() else None)
                if stopped_at is not None and time.monotonic() - stopped_at > GRACE_SECONDS:
                    job.process.terminate()
                    return self._finish(job, "stopped", error="stopped before a plan was found")
                continue
            if message[0] == "stage":
                with self._lock:
                    job.stages.append(message[1])
                    job.searching.pop((message[1]["week"], message[1]["objective"]), None)
                    self._changed(job)
            elif message[0] == "search":
                with self._lock:
                    job.searching[(message[1]["week"], message[1]["objective"])] = message[1]
                    self._changed(job)
            elif message[0] == "done":
                return self._finish(job, "stopped" if message[2] else "done", result=message[1])
            else:
                return self._finish(job, "failed", error=message[1])

    def _update(self, job: Job, **values: Any) -> None:
        with self._lock:
            for name, value in values.items():
                setattr(job, name, value)
            self._changed(job)

    def _finish(self, job: Job, state: State, *, result: Any = None, error: str | None = None) -> None:
        self._update(job, state=state, result=result, error=error)

    def _changed(self, job: Job) -> None:
        job.changes += 1
        self._lock.notify_all()

    def _forget_old(self) -> None:
        finished = [j for j in self.all() if j.state in FINAL]
        for job in finished[KEPT_JOBS:]:
            del self._jobs[job.id]

"""Solve many scenarios at once, on local processes or a Dask cluster, resumably."""

from workwindow.batch.executor import Executor, ExecutorError, Finished, Task, open_executor
from workwindow.batch.inputs import BatchError
from workwindow.batch.run import BatchReport, Listener, run_batch
from workwindow.batch.solving import SolveSettings

__all__ = [
    "BatchError",
    "BatchReport",
    "Executor",
    "ExecutorError",
    "Finished",
    "Listener",
    "SolveSettings",
    "Task",
    "open_executor",
    "run_batch",
]

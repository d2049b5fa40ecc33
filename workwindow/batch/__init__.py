"""Solve many scenarios at once, on local processes or a Dask cluster, resumably."""

from workwindow.batch.inputs import BatchError
from workwindow.batch.run import BatchReport, Listener, run_batch

__all__ = [
    "BatchError",
    "BatchReport",
    "Listener",
    "run_batch",
]

"""One scenario solved on a Dask cluster, week by week: `workwindow solve --cluster`."""

from workwindow.cluster.weeks import ClusterSolveError, solve_scenario

__all__ = ["ClusterSolveError", "solve_scenario"]

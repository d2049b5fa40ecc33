"""Sweeps: a base scenario solved for every combination of values given to some of its fields."""

from workwindow.sweep.load import Sweep, load_sweep
from workwindow.sweep.report import write_sweep_report
from workwindow.sweep.results import check_outputs, write_results
from workwindow.sweep.run import SweepResult, run_sweep

__all__ = ["Sweep", "SweepResult", "check_outputs", "load_sweep", "run_sweep", "write_results", "write_sweep_report"]

"""An independent checker: does a schedule keep every rule of the scenario?

It reads the scenario's raw fields and never the solver, so it can check the
solver's plans and plans a planner edited by hand alike.
"""

from workwindow.models.schedule_file import load_schedule, parse_schedule
from workwindow.verify.core import FIGURE_KINDS, Findings, check_plan, recompute, verify, with_figures
from workwindow.verify.figures import write_figures
from workwindow.verify.tally import Tally
from workwindow.verify.verdict import verdict_lines
from workwindow.verify.violation import KINDS, Violation

__all__ = [
    "FIGURE_KINDS",
    "KINDS",
    "Findings",
    "Tally",
    "Violation",
    "check_plan",
    "load_schedule",
    "parse_schedule",
    "recompute",
    "verdict_lines",
    "verify",
    "with_figures",
    "write_figures",
]

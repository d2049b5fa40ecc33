"""Interrupts in the command line: exit 130 from anywhere in a command, and a solve that keeps its plan."""

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from workwindow.interrupts import done, exit_interrupted, interrupted, stopping_softly

if TYPE_CHECKING:
    from workwindow.models import Schedule
    from workwindow.solver.progress import Progress


class InterruptibleGroup(click.Group):
    """click's group, but an interrupt anywhere in a command exits 130 with one line, never "Aborted!"."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except SystemExit:
            done()
            raise
        except KeyboardInterrupt:
            exit_interrupted()
        except click.Abort:
            if interrupted() or isinstance(sys.exc_info()[1].__cause__, KeyboardInterrupt):
                exit_interrupted()
            click.echo("Aborted!", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except Exception:
            if interrupted():  # e.g. "ImportError: initialization failed" from an extension Ctrl-C cut short
                exit_interrupted()
            raise
        done()
        sys.exit(code if isinstance(code, int) else 0)


def solve_keeping_the_plan(solve: Callable[["Progress | None"], "Schedule"], *, softly: bool) -> "Schedule":
    """A solve that a first Ctrl-C stops `softly`, returning its best plan so far (status feasible);
    stopped before it had a plan at all, the program exits 130 at once. Not softly (a solve on a
    cluster), Ctrl-C stops at once."""
    if not softly:  # before OR-Tools is imported here: a cluster solve starts its workers meanwhile
        return solve(None)
    from workwindow.solver.horizon import StoppedBeforeAPlan
    from workwindow.solver.progress import Progress

    stop = threading.Event()
    with stopping_softly(stop.set):
        try:
            return solve(Progress(stop=stop, at_once=True))
        except StoppedBeforeAPlan:
            exit_interrupted("Interrupted before the solve had a first plan")

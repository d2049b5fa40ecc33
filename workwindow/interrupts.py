"""Ctrl-C at any moment: exit 130 within a second, without a traceback, saying what was written.

The program's own SIGINT handler is installed before anything heavy loads
(`workwindow.__main__`), so an interrupt while OR-Tools or NumPy initialise,
which they report as an ImportError, is still known for what it is. Work
that can keep what it has (a solve's best plan so far) asks for a soft stop:
the first Ctrl-C then only asks it to wind down, and a second one stops at
once. Nothing here loads more than the standard library.
"""

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

EXIT_INTERRUPTED = 130

_interrupted = threading.Event()
_soft_stops: list[Callable[[], None]] = []


def install() -> None:
    """The program's answer to Ctrl-C, from now on (the main thread only, as Python requires)."""
    signal.signal(signal.SIGINT, _on_interrupt)


def done() -> None:
    """The command has finished: a Ctrl-C now changes nothing, and must not kill the process while
    it exits (Python restores the default handler then, and the exit status would be SIGINT's)."""
    if signal.getsignal(signal.SIGINT) is _on_interrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def interrupted() -> bool:
    return _interrupted.is_set()


@contextmanager
def stopping_softly(stop: Callable[[], None]) -> Iterator[None]:
    """Within, a first Ctrl-C calls `stop` and the work winds down itself; a second one stops at once."""
    _soft_stops.append(stop)
    try:
        yield
    finally:
        _soft_stops.pop()


def exit_interrupted(what: str = "Interrupted") -> NoReturn:
    """Say what was written, then leave at once: threads still building a model are not waited for."""
    from workwindow.files import MOVED_INTO_PLACE

    written = ", ".join(map(str, MOVED_INTO_PLACE))
    sys.stdout.flush()
    sys.stderr.write(f"{what}; {f'written: {written}' if written else 'nothing was written'}.\n")
    sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


def _on_interrupt(_signal: int, _frame: FrameType | None) -> None:
    first = not _interrupted.is_set()
    _interrupted.set()
    if first and _soft_stops:
        _soft_stops[-1]()
        return
    raise KeyboardInterrupt

"""Loading many modules at once without the cyclic garbage collector.

While a command loads its modules (click, pydantic building the scenario's
models, dataclasses), Python allocates tens of thousands of objects that live
as long as the process: modules, classes, functions, validators. The cyclic
collector scans them again and again as they pile up and finds no garbage;
for `check` that was 8-13 ms of its 0.15 s. Paused while the modules load,
then frozen (moved out of the collector's sight) before it resumes, they are
never scanned; what the command then does runs with the collector as usual.
"""

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(unless_loaded: str | None = None) -> Iterator[None]:
    """Import inside: the collector is off meanwhile, and what was built is frozen after.

    `unless_loaded`: a module the block imports; when it is loaded already (a second
    command in one process, as in tests), nothing is paused or frozen.
    """
    if unless_loaded is not None and unless_loaded in sys.modules:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()

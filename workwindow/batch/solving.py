"""The work a batch sends to a worker: read one scenario file's bytes and solve it.

It takes the bytes, not a path, so workers on other machines need no shared
file system; only the client reads and writes files.
"""

import time
from dataclasses import dataclass

from workwindow.errors import InputError
from workwindow.models import Schedule, validate_scenario
from workwindow.models.loading import parse_bytes
from workwindow.solver import SolveSettings, solve_with


@dataclass(frozen=True)
class Solved:
    """A schedule, or the InputError paragraph `check` would give for the file."""

    schedule: Schedule | None
    input_error: str | None
    seconds: float


def solve_file(source: str, data: bytes, settings: SolveSettings) -> Solved:
    """Check and solve one scenario file; bad input is a result here, not an exception."""
    started = time.perf_counter()
    try:
        scenario = validate_scenario(parse_bytes(data, source))
    except InputError as exc:
        return Solved(None, exc.paragraph(), time.perf_counter() - started)
    schedule = solve_with(scenario, settings)
    return Solved(schedule, None, time.perf_counter() - started)

"""Clock times as minutes since midnight, written "HH:MM" in files."""

import re
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

MINUTES_PER_DAY = 24 * 60
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_time(value: object) -> int:
    """Read "HH:MM"; also an int, because YAML 1.1 reads unquoted 12:00 as 720.

    Base-60 720 is exactly 12 h × 60 + 0 min, so an int is taken as minutes
    since midnight and both spellings give the same clock time. The messages do not
    repeat the value: it may be a participant's dose time.
    """
    if isinstance(value, bool):
        raise ValueError('a time is written "HH:MM", for example "09:30"')
    if isinstance(value, int):
        minutes = value
    elif isinstance(value, str) and (match := _CLOCK.match(value.strip())):
        hours, mins = int(match[1]), int(match[2])
        if mins >= 60:
            raise ValueError("has more than 59 minutes")
        minutes = hours * 60 + mins
    else:
        raise ValueError('a time is written "HH:MM", for example "09:30"')
    if not 0 <= minutes <= MINUTES_PER_DAY:
        raise ValueError("is not a time of day (00:00 to 24:00)")
    return minutes


def format_time(minutes: int) -> str:
    """Write minutes since midnight as "HH:MM"."""
    sign = "-" if minutes < 0 else ""
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


_TIME_SCHEMA = {"type": "string", "pattern": r"^\d{1,2}:\d{2}$", "examples": ["09:30"]}

Time = Annotated[
    int,
    BeforeValidator(parse_time),
    PlainSerializer(format_time, return_type=str),
    WithJsonSchema(_TIME_SCHEMA),
]
"""A clock time: minutes since midnight in Python, "HH:MM" in files."""

TimeWindow = Annotated[
    tuple[Time, Time],
    WithJsonSchema({"type": "array", "items": _TIME_SCHEMA, "minItems": 2, "maxItems": 2}),
]
"""A [first, last] pair of clock times."""

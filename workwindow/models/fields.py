"""The scenario's field types: its fixed vocabularies, ids, and numbers with their ranges.

Every number has the range the model can take (reasons in `limits.py`); YAML's
`true` and a quoted "4" are refused rather than read as 1 and 4.
"""

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from workwindow.models import limits

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DoseForm = Literal["injection", "tablet"]
Objective = Literal["shortfall", "fairness", "participant_days", "late_start", "staff"]
OBJECTIVES: tuple[Objective, ...] = ("shortfall", "fairness", "participant_days", "late_start", "staff")
"""Every objective a scenario may list; each is reported, listed or not."""
DEFAULT_OBJECTIVE: tuple[Objective, ...] = ("shortfall", "participant_days", "late_start", "staff")
ReplanStage = Literal["keep", "walk_ins", "dose_moves", "changes", "objective"]
REPLAN_STAGES: tuple[ReplanStage, ...] = ("keep", "walk_ins", "dose_moves", "changes", "objective")
"""The order in which `workwindow replan` settles a morning: keep who was planned and still
comes, take walk-ins, move as few booked dose times as it can, change as little else as it
can, then the scenario's own `objective` list."""
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


def _a_number(value: object) -> object:
    """YAML's `true` and a quoted "4" are not numbers; pydantic alone would take them as 1 and 4."""
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    if isinstance(value, str):
        raise ValueError("must be a number, written without quotes")
    return value


# Every number has the range the model can take (reasons in models/limits.py).
_NUMBER = BeforeValidator(_a_number)
Minutes = Annotated[int, Field(ge=0, le=limits.MAX_MINUTES), _NUMBER]
PositiveMinutes = Annotated[int, Field(ge=1, le=limits.MAX_MINUTES), _NUMBER]
Count = Annotated[int, Field(ge=0, le=limits.MAX_COUNT), _NUMBER]
PositiveCount = Annotated[int, Field(ge=1, le=limits.MAX_COUNT), _NUMBER]
DaysAWeek = Annotated[int, Field(ge=0, le=7), _NUMBER]
Priority = Annotated[int, Field(ge=0, le=limits.MAX_PRIORITY), _NUMBER]
Weeks = Annotated[int, Field(ge=1, le=limits.MAX_WEEKS), _NUMBER]
TimeStep = Annotated[int, Field(ge=1, le=limits.MAX_TIME_STEP), _NUMBER]
WeekNumber = Annotated[int, Field(ge=1, le=limits.MAX_WEEKS)]
"""A key of `ramp_up`; a JSON round trip writes it as text, so "2" is read as 2."""

FieldPath = tuple[str | int, ...]


def weekday(date: dt.date) -> Weekday:
    return WEEKDAYS[date.weekday()]

"""The schedule file (SPEC section 5): what `solve` writes and `verify` reads."""

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from workwindow.models.times import Time

Group = Literal["ordinary", "late"]
Status = Literal["optimal", "feasible", "infeasible", "unknown"]
Reason = Literal["not_ready", "afternoon", "want_max", "capacity", "stations", "staff", "tradeoff"]
REASONS: tuple[Reason, ...] = (
    "not_ready",
    "afternoon",
    "want_max",
    "capacity",
    "stations",
    "staff",
    "tradeoff",
)


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Assignment(_Record):
    participant: str
    date: dt.date
    crew: str
    group: Group
    dose: Time
    ready: Time
    start: Time
    end: Time


class GroupRun(_Record):
    """A group that runs on a day; ordinary groups list no staff."""

    date: dt.date
    crew: str
    group: Group
    start: Time
    end: Time
    participants: list[str]
    staff: list[str] = Field(default_factory=list)


class Unassigned(_Record):
    participant: str
    date: dt.date
    reason: Reason
    detail: str


class Kpis(_Record):
    participants_served: int
    days_worked: int
    mean_late_start_offset: float | None = Field(
        description="mean minutes after the ordinary start, over late groups that run"
    )
    station_peak: int
    shortfall: int = Field(0, description="days below want[0], summed unweighted")


class Stage(_Record):
    """One lexicographic stage of one week's solve."""

    week: int
    objective: str
    status: Status
    value: int
    bound: int
    wall_seconds: float


class SolverInfo(_Record):
    wall_seconds: float
    workers: int
    seed: int
    build_seconds: float = 0.0
    explain_seconds: float = 0.0
    stages: list[Stage] = Field(default_factory=list)


class Schedule(_Record):
    scenario: str
    status: Status
    objectives: dict[str, int]
    assignments: list[Assignment]
    groups: list[GroupRun]
    unassigned: list[Unassigned]
    kpis: Kpis
    solver: SolverInfo

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Schedule":
        return cls.model_validate_json(text)

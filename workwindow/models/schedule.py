"""The schedule file (SPEC section 5): what `solve` writes and `verify` reads."""

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

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


class Standby(_Record):
    """Asked to come on standby (solve --robust): works only in a place of this group left free at its start."""

    participant: str
    date: dt.date
    crew: str
    group: Group
    dose: Time
    ready: Time


class Unassigned(_Record):
    participant: str
    date: dt.date
    reason: Reason
    detail: str


class Kpis(_Record):
    """Key figures; numbers must be numbers (a "4" in quotes is a mistake, not a 4)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    participants_served: int
    days_worked: int
    mean_late_start_offset: float | None = Field(
        description="mean minutes after the ordinary start, over late groups that run"
    )
    station_peak: int
    shortfall: int = Field(0, description="days below want[0], summed unweighted")


class Fairness(_Record):
    """The leximin vector of the `fairness` objective.

    `objectives` holds numbers only, so it reports the smallest count as
    `fairness`; the whole vector, which leximin compares, is kept here.
    """

    days: list[StrictInt] = Field(
        description=(
            "days worked over the horizon by each participant who wants work (want[1] > 0) and could "
            "work, in ascending order; objectives.fairness is its first entry (0 when nobody could work)"
        )
    )


class Stage(_Record):
    """One lexicographic stage of one week's solve, or of the whole horizon's (week 0)."""

    week: int = Field(description="the week solved, or 0 when the weeks are solved together (fairness)")
    objective: str
    level: int | None = Field(
        None,
        description=(
            "fairness only: this stage maximises how many participants get at least `level` days "
            "over the horizon (value and bound count them); one stage per level, from 1 up"
        ),
    )
    solved_with: str | None = Field(
        None,
        description=(
            "set when this stage was solved in one weighted CP-SAT solve with the stages before it, "
            "named here by the first of them (with its level for fairness); that stage's wall_seconds "
            "count the whole solve, this one's are 0"
        ),
    )
    status: Status
    value: int
    bound: int
    wall_seconds: float
    gap: float | None = Field(
        None, description="|value - bound| / max(1, |value|): 0 when proven optimal, none when nothing was found"
    )


class SolverInfo(_Record):
    wall_seconds: float
    workers: int
    seed: int
    build_seconds: float = 0.0
    read_seconds: float = Field(0.0, description="turning solutions into the schedule's records and key figures")
    explain_seconds: float = 0.0
    stages: list[Stage] = Field(default_factory=list)
    robust: float | None = Field(
        None, description="solve --robust Q: readiness planned at the Q-quantile of the scenario's uncertainty"
    )


class MorningFacts(_Record):
    """What a re-planned morning took as given beyond the scenario; ids only, never minutes."""

    date: dt.date
    dose_given: list[str] = Field(
        default_factory=list,
        description="participants whose dose was given at the time their assignment shows (replan --dose)",
    )
    observation: list[str] = Field(
        default_factory=list,
        description=(
            "participants whose observation that morning was not the scenario's (replan --observation): "
            "their `ready` is as the plan gives it"
        ),
    )


_OPTIONAL = ("scenario", "status", "objectives", "fairness", "kpis", "solver", "input", "morning")


class InputStamp(_Record):
    """What a batch result was computed from, so a re-run can tell whether it still holds."""

    source: str = Field(description="the scenario file as the batch was given it")
    sha256: str = Field(description="hash of the scenario file's bytes")
    settings: dict[str, float | int | bool] = Field(description="the solve settings used")
    seconds: float | None = Field(None, description="wall time of reading, checking and solving")


class Schedule(_Record):
    """A plan: `assignments` and `groups` say it; every other section is derived from them.

    `solve` writes every section. A plan made by hand, a spreadsheet or another
    tool may give only the two, and `verify --write-figures` fills in the figures.
    """

    scenario: str | None = Field(None, description="the scenario's name")
    status: Status | None = Field(None, description="how the solver ended; none for a plan made elsewhere")
    objectives: dict[str, StrictInt] | None = None
    fairness: Fairness | None = None
    assignments: list[Assignment]
    groups: list[GroupRun]
    unassigned: list[Unassigned] = Field(default_factory=list)
    standby: list[Standby] = Field(
        default_factory=list,
        description="solve --robust: over-booking where attendance pays, outside the caps (see the README)",
    )
    kpis: Kpis | None = None
    solver: SolverInfo | None = None
    input: InputStamp | None = Field(None, description="set in the results of `workwindow batch`")
    morning: list[MorningFacts] | None = Field(
        None, description="set by `workwindow replan`: the morning's facts that `verify` takes as given"
    )

    def to_json(self) -> str:
        """Sections a plan does not have are left out rather than written as null; so is `solver.robust`
        of a plan that was not solved with --robust."""
        unset: dict[str, bool | set[str]] = {name: True for name in _OPTIONAL if getattr(self, name) is None}
        if self.solver is not None and self.solver.robust is None:
            unset["solver"] = {"robust"}
        if not self.standby:
            unset["standby"] = True
        data = self.model_dump(mode="json", exclude=unset)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Schedule":
        return cls.model_validate_json(text)

"""The optional `uncertainty` block: how a real morning differs from the plan.

A plan assumes everyone comes, every dose starts on its minute and nobody
waits longer than the scenario says. `workwindow simulate` samples mornings
from this block and `solve --robust` plans readiness at a quantile of it.
Every field defaults to "no uncertainty", so a scenario without the block
simulates to exactly its plan.

Minutes are written as a uniform `[low, high]` or `{triangular: [low, mode,
high]}`, all on the scenario's time grid; a draw takes a value on that grid.
"""

from collections.abc import Iterator
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt

Probability = Annotated[float, Field(ge=0, le=1)]
FieldPath = tuple[str | int, ...]


class _Frozen(BaseModel):
    # A model used only inside another is validated by the outer one's validator; its own is
    # built at its first direct use, not on import (`check` builds one validator, Scenario's).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Triangular(_Frozen):
    """Extra minutes most often near `mode`, never below `low` or above `high`."""

    triangular: tuple[NonNegativeInt, NonNegativeInt, NonNegativeInt] = Field(
        description="[low, mode, high] in minutes, on the time grid"
    )

    @property
    def points(self) -> tuple[int, ...]:
        return self.triangular


Uniform = Annotated[
    tuple[NonNegativeInt, NonNegativeInt],
    Field(description="[low, high] in minutes, on the time grid; every grid value between is equally likely"),
]
Minutes = Uniform | Triangular
"""A distribution of extra minutes."""

NO_MINUTES: Uniform = (0, 0)


def points_of(minutes: Minutes) -> tuple[int, ...]:
    return minutes.points if isinstance(minutes, Triangular) else tuple(minutes)


class ObservationExtra(_Frozen):
    model_config = ConfigDict(defer_build=False)  # built by Uncertainty() when the block is left out

    injection: Minutes = NO_MINUTES
    tablet: Minutes = NO_MINUTES


class ParticipantUncertainty(_Frozen):
    """What is known of one participant beyond the program's figures."""

    attendance: Probability | None = Field(None, description="overrides the program's attendance")
    observation_extra: Minutes | None = Field(None, description="overrides the dose form's extra observation")


class Uncertainty(_Frozen):
    model_config = ConfigDict(defer_build=False)  # Scenario's default: built when the block is left out

    attendance: Probability = Field(1.0, description="chance that a planned participant comes on a planned day")
    walk_ins: Probability = Field(0.0, description="chance that an eligible participant without a plan that day comes")
    observation_extra: ObservationExtra = Field(
        default_factory=ObservationExtra, description="extra minutes in observation, by dose form"
    )
    dose_delay: Minutes = Field(NO_MINUTES, description="minutes a dose starts after its planned slot")
    travel_extra: Minutes = Field(NO_MINUTES, description="extra minutes on the way to the site")
    staff_absence: Probability = Field(0.0, description="chance that a planned supervisor does not come")
    participants: dict[str, ParticipantUncertainty] = Field(
        default_factory=lambda: {},  # not dict: see the note in scenario.py
        description="per participant id: attendance or observation_extra of their own",
    )

    def attendance_of(self, participant: str) -> float:
        own = self.participants.get(participant)
        return own.attendance if own is not None and own.attendance is not None else self.attendance

    def observation_extra_of(self, participant: str, dose_form: str) -> Minutes:
        own = self.participants.get(participant)
        if own is not None and own.observation_extra is not None:
            return own.observation_extra
        return getattr(self.observation_extra, dose_form)

    def distributions(self) -> Iterator[tuple[FieldPath, Minutes]]:
        """Every distribution written, with its field path (for the grid check)."""
        yield ("observation_extra", "injection"), self.observation_extra.injection
        yield ("observation_extra", "tablet"), self.observation_extra.tablet
        yield ("dose_delay",), self.dose_delay
        yield ("travel_extra",), self.travel_extra
        for pid, own in self.participants.items():
            if own.observation_extra is not None:
                yield ("participants", pid, "observation_extra"), own.observation_extra


def distribution_problems(uncertainty: Uncertainty, step: int) -> Iterator[tuple[FieldPath, str]]:
    """Distributions whose points are out of order or off the time grid."""
    for path, minutes in uncertainty.distributions():
        points = points_of(minutes)
        where = ("uncertainty", *path)
        if isinstance(minutes, Triangular):
            where = (*where, "triangular")
        if list(points) != sorted(points):
            names = "low ≤ mode ≤ high" if len(points) == 3 else "low ≤ high"
            yield where, f"{list(points)} is out of order: give {names}"
        off = [p for p in points if p % step]
        if off:
            yield where, f"{off[0]} minutes is off the {step}-minute grid (time_step)"

"""Distributions of extra minutes as probabilities on the time grid.

`solve --robust Q` plans readiness at their Q-quantile; `simulate` draws from them.

A draw maps a uniform number through the inverse of the distribution's
cumulative probabilities. Every quantity of a morning is drawn that way from
its own uniform number, so two plans played on the same uniform numbers meet
the same mornings (common random numbers), and the quantile a robust plan
uses is read off the same probabilities the simulation draws from.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workwindow.models.uncertainty import Minutes, Triangular, points_of

if TYPE_CHECKING:
    from workwindow.models.scenario import Scenario


@dataclass(frozen=True)
class GridDistribution:
    """Minutes `values` (ascending, on the grid) with cumulative probabilities `cumulative`."""

    values: tuple[int, ...]
    cumulative: tuple[float, ...]

    @property
    def is_fixed(self) -> bool:
        return len(self.values) == 1

    def draw(self, uniform: Any) -> Any:
        """Minutes for each uniform number in [0, 1) (a numpy array of any shape)."""
        import numpy as np

        values = np.asarray(self.values, dtype=np.int64)
        if self.is_fixed:
            return np.full(np.shape(uniform), values[0], dtype=np.int64)
        index = np.searchsorted(np.asarray(self.cumulative), uniform, side="right")
        return values[np.minimum(index, len(values) - 1)]

    def quantile(self, q: float) -> int:
        """The least value whose cumulative probability reaches q."""
        for value, cumulative in zip(self.values, self.cumulative, strict=True):
            if cumulative >= q - 1e-12:
                return value
        return self.values[-1]

    def plus(self, other: "GridDistribution") -> "GridDistribution":
        """The distribution of the sum of two independent draws."""
        mass: dict[int, float] = {}
        for a, pa in self._masses():
            for b, pb in other._masses():
                mass[a + b] = mass.get(a + b, 0.0) + pa * pb
        return _from_masses(mass)

    def _masses(self) -> list[tuple[int, float]]:
        before = 0.0
        masses = []
        for value, cumulative in zip(self.values, self.cumulative, strict=True):
            masses.append((value, cumulative - before))
            before = cumulative
        return masses


def on_grid(minutes: Minutes, step: int) -> GridDistribution:
    """Uniform: every grid value in [low, high] alike. Triangular: each grid value
    weighted by the triangle's density there (low and high get none unless they are the mode)."""
    points = points_of(minutes)
    low, high = points[0], points[-1]
    values = list(range(low, high + 1, step))
    if isinstance(minutes, Triangular):
        weights = [_triangle(v, *minutes.triangular) for v in values]
    else:
        weights = [1.0] * len(values)
    if sum(weights) == 0:
        weights = [1.0] * len(values)
    return _from_masses(dict(zip(values, weights, strict=True)))


NO_DELAY = GridDistribution((0,), (1.0,))


def _triangle(x: int, low: int, mode: int, high: int) -> float:
    if high == low:
        return 1.0
    if x < mode:
        return (x - low) / (mode - low)
    if x > mode:
        return (high - x) / (high - mode)
    return 1.0


def _from_masses(mass: dict[int, float]) -> GridDistribution:
    total = sum(mass.values())
    kept = sorted((value, m) for value, m in mass.items() if m > 0)
    values, cumulative, running = [], [], 0.0
    for value, m in kept:
        running += m / total
        values.append(value)
        cumulative.append(running)
    cumulative[-1] = 1.0
    return GridDistribution(tuple(values), tuple(cumulative))


def readiness_delay(scenario: "Scenario", participant: str) -> GridDistribution:
    """Minutes a participant is ready after the plan says: dose delay + extra observation + extra travel."""
    uncertainty, step = scenario.uncertainty, scenario.time_step
    form = scenario.participants[participant].dose_form
    return (
        on_grid(uncertainty.dose_delay, step)
        .plus(on_grid(uncertainty.observation_extra_of(participant, form), step))
        .plus(on_grid(uncertainty.travel_extra, step))
    )


def readiness_margins(scenario: "Scenario", quantile: float) -> dict[str, int]:
    """Per participant, the minutes of readiness delay not exceeded with probability `quantile`."""
    return {pid: readiness_delay(scenario, pid).quantile(quantile) for pid in scenario.participants}

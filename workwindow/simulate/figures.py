"""What a simulation says, as plain numbers: means with 95 % intervals, per plan, week, person and group.

The interval is that of the mean over the draws (normal approximation,
mean ± 1.96 standard errors, kept within the smallest and largest draw, so a
count's interval never goes below 0): with a few hundred draws or more it
covers the true expected figure 95 % of the time. Identical draws (no
uncertainty) give an interval of width zero.
"""

import math
from dataclasses import dataclass
from typing import Any

from workwindow.simulate.morning import COLUMN, MAXIMA, METRICS
from workwindow.simulate.run import PlanOutcome, Simulation

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Estimate:
    mean: float
    low: float
    high: float
    draws: int

    def as_dict(self) -> dict[str, Any]:
        return {"mean": _round(self.mean), "ci95": [_round(self.low), _round(self.high)], "draws": self.draws}


def estimate(values: Any) -> Estimate:
    import numpy as np

    values = np.asarray(values, dtype=float)
    n = len(values)
    mean = float(values.mean())
    if n < 2:
        return Estimate(mean, mean, mean, n)
    half = Z95 * float(values.std(ddof=1)) / math.sqrt(n)
    return Estimate(mean, max(mean - half, float(values.min())), min(mean + half, float(values.max())), n)


def horizon(plan: PlanOutcome) -> Any:
    """(draws, metrics) over the whole horizon: sums, and the maxima's maximum."""
    totals = plan.weekly.sum(axis=1)
    for name in MAXIMA:
        totals[:, COLUMN[name]] = plan.weekly[:, :, COLUMN[name]].max(axis=1)
    return totals


def delivered(plan: PlanOutcome) -> Estimate:
    return estimate(horizon(plan)[:, COLUMN["delivered_days"]])


def difference(simulation: Simulation) -> Estimate | None:
    """The plan's delivered days minus those of the plan it is compared against, draw by draw."""
    if len(simulation.plans) < 2:
        return None
    first, other = simulation.plans
    column = COLUMN["delivered_days"]
    return estimate(horizon(first)[:, column] - horizon(other)[:, column])


def plan_figures(plan: PlanOutcome) -> dict[str, Estimate]:
    totals = horizon(plan)
    return {name: estimate(totals[:, COLUMN[name]]) for name in METRICS}


def week_figures(plan: PlanOutcome) -> list[dict[str, Estimate]]:
    return [{name: estimate(plan.weekly[:, week, COLUMN[name]]) for name in METRICS} for week in range(plan.book.weeks)]


def planned_by_week(plan: PlanOutcome) -> list[int]:
    counts = [0] * plan.book.weeks
    for day in plan.book.days:
        counts[day.week - 1] += day.planned
    return counts


def participant_rows(plan: PlanOutcome, draws: int) -> list[dict[str, Any]]:
    """Per participant with planned days: the chance that a planned day is lost. Ids only."""
    book = plan.book
    return [
        {
            "participant": pid,
            "planned_days": planned,
            "lost_days_mean": _round(lost / draws),
            "chance_of_losing_a_planned_day": _round(lost / (planned * draws)),
        }
        for pid, planned, lost in zip(
            book.participant_ids, book.planned_by_participant, plan.lost_by_participant, strict=True
        )
        if planned
    ]


def group_rows(plan: PlanOutcome, draws: int) -> list[dict[str, Any]]:
    """Per group of the plan: the chance it starts with fewer members than planned."""
    return [
        {
            "date": date.isoformat(),
            "crew": crew,
            "group": group,
            "planned_members": size,
            "chance_of_starting_short": _round(short / draws),
        }
        for (date, crew, group), size, short in zip(
            plan.book.groups, plan.book.group_sizes, plan.short_by_group, strict=True
        )
    ]


def summary(simulation: Simulation) -> dict[str, Any]:
    """summary.json: the first plan's figures at the top; `plans` holds each plan's in full."""
    first = simulation.plans[0]
    data: dict[str, Any] = {
        "draws": simulation.draws,
        "seed": simulation.seed,
        "recourse": simulation.recourse,
        "planned_days": first.book.planned_days,
        "delivered_days": delivered(first).as_dict(),
    }
    gap = difference(simulation)
    if gap is not None:
        data["difference"] = gap.as_dict()
    data["plans"] = [_plan_summary(plan, simulation.draws) for plan in simulation.plans]
    return data


def _plan_summary(plan: PlanOutcome, draws: int) -> dict[str, Any]:
    return {
        "plan": plan.label,
        "planned_days": plan.book.planned_days,
        "figures": {name: e.as_dict() for name, e in plan_figures(plan).items()},
        "weeks": [
            {"week": i + 1, "planned_days": planned, **{name: e.as_dict() for name, e in figures.items()}}
            for i, (planned, figures) in enumerate(zip(planned_by_week(plan), week_figures(plan), strict=True))
        ],
        "participants": participant_rows(plan, draws),
        "groups": group_rows(plan, draws),
    }


def _round(value: float) -> float:
    return round(float(value), 4)

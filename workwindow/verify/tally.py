"""Objectives and KPIs recomputed from the plan, and compared with what the file reports."""

from collections.abc import Iterator
from dataclasses import dataclass

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Kpis, Schedule
from workwindow.verify.facts import horizon_weeks
from workwindow.verify.fairness import leximin_vector
from workwindow.verify.ledger import Ledger
from workwindow.verify.staffing import supervisor_days
from workwindow.verify.stations import station_peak
from workwindow.verify.violation import Violation
from workwindow.verify.wants import weekly_days

SHORT_VECTOR = 30
"""Leximin vectors up to this length are printed whole in a finding."""

MEAN_TOLERANCE = 0.01
"""A reported mean may be rounded to two decimals."""

OBJECTIVE_MEANING = {
    "shortfall": "Σ priority × days short of want[0], per participant and week",
    "fairness": "the fewest days worked over the horizon by a participant who wants work and could work",
    "participant_days": "Σ priority × days worked",
    "late_start": "Σ over late groups of minutes after the ordinary start",
    "staff": "supervisor-days",
}


@dataclass(frozen=True)
class Tally:
    """What the plan achieves, computed from its assignments and groups."""

    objectives: dict[str, int]
    fairness_days: list[int]
    """The leximin vector: days of each participant who counts for fairness, ascending."""
    participants_served: int
    days_worked: int
    mean_late_start_offset: float | None
    station_peak: int
    shortfall: int


def tally(scenario: Scenario, ledger: Ledger) -> Tally:
    weekly = weekly_days(scenario, ledger)
    short = {
        pid: sum(max(0, p.want[0] - len(weekly.get((pid, w), ()))) for w in horizon_weeks(scenario))
        for pid, p in scenario.participants.items()
    }
    days = {pid: len(dates) for pid, dates in ledger.days_worked().items()}
    fairness_days = leximin_vector(scenario, days)
    offsets = [ledger.start_of(key) - scenario.program.ordinary_start for key in ledger.late_groups_that_run()]
    priority = {pid: p.priority for pid, p in scenario.participants.items()}
    return Tally(
        objectives={
            "shortfall": sum(priority[pid] * n for pid, n in short.items()),
            "fairness": min(fairness_days, default=0),
            "participant_days": sum(priority[pid] * n for pid, n in days.items()),
            "late_start": sum(offsets),
            "staff": len(supervisor_days(ledger)),
        },
        fairness_days=fairness_days,
        participants_served=sum(1 for n in days.values() if n),
        days_worked=sum(days.values()),
        mean_late_start_offset=sum(offsets) / len(offsets) if offsets else None,
        station_peak=station_peak(scenario, ledger),
        shortfall=sum(short.values()),
    )


def check_tally(schedule: Schedule, found: Tally) -> Iterator[Violation]:
    """Each reported figure that differs from the recomputed one; a section the plan leaves out is not one."""
    if schedule.objectives is not None:
        yield from _objectives_differ(schedule.objectives, found)
    if schedule.fairness is not None and schedule.fairness.days != found.fairness_days:
        yield Violation("objective", _vector_differs(schedule.fairness.days, found.fairness_days))
    if schedule.kpis is not None:
        yield from _kpis_differ(schedule.kpis, found)


def _objectives_differ(objectives: dict[str, int], found: Tally) -> Iterator[Violation]:
    for name, value in found.objectives.items():
        reported = objectives.get(name)
        if reported is None:
            yield Violation(
                "objective",
                f"objectives has no '{name}'; the schedule gives {value} ({OBJECTIVE_MEANING[name]}).",
            )
        elif reported != value:
            yield Violation(
                "objective",
                f"objectives.{name} is {reported}, but the schedule gives {value} ({OBJECTIVE_MEANING[name]}).",
            )


def _kpis_differ(kpis: Kpis, found: Tally) -> Iterator[Violation]:
    for name in ("participants_served", "days_worked", "station_peak", "shortfall"):
        reported, value = getattr(kpis, name), getattr(found, name)
        if reported != value:
            yield Violation("kpi", f"kpis.{name} is {reported}, but the schedule gives {value}.")
    if not _same_mean(kpis.mean_late_start_offset, found.mean_late_start_offset):
        yield Violation(
            "kpi",
            f"kpis.mean_late_start_offset is {kpis.mean_late_start_offset}, "
            f"but the schedule gives {_mean_text(found.mean_late_start_offset)}.",
        )


def _vector_differs(reported: list[int], value: list[int]) -> str:
    """Both vectors when short; else where they first differ (at city size they have thousands of entries)."""
    if max(len(reported), len(value)) <= SHORT_VECTOR:
        return f"fairness.days is {reported}, but the schedule gives {value}."
    if len(reported) != len(value):
        return f"fairness.days has {len(reported)} entries, but {len(value)} participants count for fairness."
    i = next(i for i, (a, b) in enumerate(zip(reported, value, strict=True)) if a != b)
    return f"fairness.days differs first at entry {i + 1}: {reported[i]} reported, the schedule gives {value[i]}."


def as_kpis(found: Tally) -> Kpis:
    return Kpis(
        participants_served=found.participants_served,
        days_worked=found.days_worked,
        mean_late_start_offset=_rounded(found.mean_late_start_offset),
        station_peak=found.station_peak,
        shortfall=found.shortfall,
    )


def _rounded(mean: float | None) -> float | None:
    """As the solver writes it, two decimals: within MEAN_TOLERANCE of the exact mean."""
    return None if mean is None else round(mean, 2)


def _same_mean(reported: float | None, value: float | None) -> bool:
    if reported is None or value is None:
        return reported is value
    return abs(reported - value) <= MEAN_TOLERANCE


def _mean_text(value: float | None) -> str:
    return "none (no late group runs)" if value is None else f"{value:.2f}"

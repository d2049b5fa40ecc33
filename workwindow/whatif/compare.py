"""Compare a base scenario with variants: objectives and key figures side by side.

A variant is the base changed by overrides, another scenario file, or the
base with some participants switched from injection to tablets. Each is
solved in full, so every number is what the engine would plan. A column may
hold several solves (the random draws of a tablet share); it then reports
the mean and the spread.
"""

import csv
import io
import json
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from workwindow.errors import WorkwindowError
from workwindow.models import OBJECTIVES, Scenario, Schedule, apply_overrides, read_document, validate_scenario
from workwindow.solver import SolveSettings
from workwindow.whatif.parallel import solve_all

Better = Literal["lower", "higher"] | None
Values = dict[str, float | None]


class CompareError(WorkwindowError):
    """A comparison that cannot be set up as asked."""


@dataclass(frozen=True)
class Metric:
    key: str
    """As in the schedule file: objectives.<name> or kpis.<name>."""
    label: str
    better: Better
    read: Callable[[Scenario, Schedule], float | None] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Variant:
    """A scenario to solve, named, with what makes it differ from the base."""

    name: str
    scenario: Scenario
    changes: tuple[str, ...] = ()
    """What makes it differ from the base: overrides (PATH=VALUE) or a file name.
    The base's own changes are the overrides every variant shares."""


@dataclass(frozen=True)
class Sample:
    """One solve of a column."""

    scenario: Scenario
    schedule: Schedule
    values: Values
    switched: tuple[str, ...] = ()
    """Participants switched to tablets in this solve (tablet shares only)."""


@dataclass(frozen=True)
class Column:
    name: str
    changes: tuple[str, ...]
    samples: tuple[Sample, ...]
    share: float | None = None
    """The share of injecting participants switched to tablets (tablet shares only; the base is 0)."""

    def mean(self, key: str) -> float | None:
        values = self._values(key)
        return statistics.fmean(values) if values else None

    def low(self, key: str) -> float | None:
        return min(self._values(key), default=None)

    def high(self, key: str) -> float | None:
        return max(self._values(key), default=None)

    def _values(self, key: str) -> list[float]:
        return [v for s in self.samples if (v := s.values[key]) is not None]


@dataclass(frozen=True)
class Comparison:
    title: str
    metrics: tuple[Metric, ...]
    columns: tuple[Column, ...]
    """The base first."""
    wall_seconds: float

    @property
    def base(self) -> Column:
        return self.columns[0]

    def delta(self, column: Column, key: str) -> float | None:
        mine, base = column.mean(key), self.base.mean(key)
        return None if mine is None or base is None else mine - base

    def to_json(self) -> str:
        data = {
            "title": self.title,
            "base": self.base.name,
            "wall_seconds": round(self.wall_seconds, 3),
            "metrics": [{"key": m.key, "label": m.label, "better": m.better} for m in self.metrics],
            "variants": [self._column_json(c) for c in self.columns],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def to_csv(self) -> str:
        """One row per variant and metric (long format, for R or pandas)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["variant", "solves", "metric", "mean", "min", "max", "delta"])
        for c in self.columns:
            for m in self.metrics:
                numbers = (c.mean(m.key), c.low(m.key), c.high(m.key), self.delta(c, m.key))
                writer.writerow([c.name, len(c.samples), m.key, *(_plain(n) for n in numbers)])
        return out.getvalue()

    def _column_json(self, column: Column) -> dict:
        values = {
            m.key: {
                "mean": _plain(column.mean(m.key)),
                "min": _plain(column.low(m.key)),
                "max": _plain(column.high(m.key)),
                "delta": _plain(self.delta(column, m.key)),
            }
            for m in self.metrics
        }
        samples = [
            {"switched": list(s.switched), "status": s.schedule.status, "values": s.values} for s in column.samples
        ]
        return {"name": column.name, "changes": list(column.changes), "values": values, "solves": samples}


@dataclass(frozen=True)
class NamedVariant:
    """`--variant NAME` with the `--set`s that follow it."""

    name: str
    overrides: tuple[str, ...]


def group_overrides(
    order: Sequence[str], names: Sequence[str], sets: Sequence[str]
) -> tuple[list[str], list[NamedVariant]]:
    """Sort `--set`s into those for everyone and those of each `--variant`.

    `order` is the sequence of option names ("variant" or "set") as given on
    the command line; `names` and `sets` are the values in their own order.
    A `--set` before any `--variant` applies to the base and every variant.
    """
    if (order.count("variant"), order.count("set")) != (len(names), len(sets)):
        raise CompareError("could not tell which --set belongs to which --variant; write each as --set PATH=VALUE")
    names_left, sets_left = list(names), list(sets)
    common: list[str] = []
    grouped: list[tuple[str, list[str]]] = []
    for option in order:
        if option == "variant":
            grouped.append((names_left.pop(0), []))
        elif grouped:
            grouped[-1][1].append(sets_left.pop(0))
        else:
            common.append(sets_left.pop(0))
    for name, overrides in grouped:
        if not overrides:
            raise CompareError(f"--variant '{name}' has no --set after it; give its changes after the name")
    return common, [NamedVariant(name, tuple(overrides)) for name, overrides in grouped]


def load_variants(
    base_path: Path, files: Sequence[Path], common: Sequence[str], named: Sequence[NamedVariant]
) -> tuple[Variant, list[Variant]]:
    """The base and the variants, each validated; `common` overrides apply to every one."""
    base_document = apply_overrides(read_document(base_path), common)
    base = Variant(base_path.stem, validate_scenario(base_document), tuple(common))
    variants = [
        Variant(
            _file_label(path, base_path, files),
            validate_scenario(apply_overrides(read_document(path), common)),
            (str(path),),
        )
        for path in files
    ]
    variants += [
        Variant(v.name, validate_scenario(apply_overrides(base_document, v.overrides)), v.overrides) for v in named
    ]
    return base, variants


def _file_label(path: Path, base: Path, files: Sequence[Path]) -> str:
    """The file's stem, or its path when two inputs share a stem."""
    stems = [p.stem for p in (base, *files)]
    return path.stem if stems.count(path.stem) == 1 else str(path)


def compare(
    title: str,
    base: Variant,
    variants: Sequence[Variant],
    settings: SolveSettings,
    jobs: int,
    *,
    fill_cores: bool = False,
) -> Comparison:
    """Solve the base and each variant (side by side) and line up their numbers.

    `fill_cores`: see `workwindow.whatif.parallel.solve_all`."""
    began = time.perf_counter()
    everything = [base, *variants]
    _refuse_repeated_names([v.name for v in everything])
    schedules = solve_all([v.scenario for v in everything], settings, jobs, fill_cores=fill_cores)
    columns = tuple(
        Column(v.name, v.changes, (Sample(v.scenario, s, measure(v.scenario, s)),))
        for v, s in zip(everything, schedules, strict=True)
    )
    return Comparison(title, metrics_of(base.scenario), columns, time.perf_counter() - began)


def metrics_of(scenario: Scenario) -> tuple[Metric, ...]:
    """The scenario's objectives in its own order (then the others), then the key figures."""
    names = [*scenario.objective, *(name for name in OBJECTIVES if name not in scenario.objective)]
    return (*(OBJECTIVE_METRICS[name] for name in names), *KPI_METRICS)


def measure(scenario: Scenario, schedule: Schedule) -> Values:
    return {m.key: m.read(scenario, schedule) for m in metrics_of(scenario)}


def _objective(name: str, label: str, better: Better) -> Metric:
    return Metric(f"objectives.{name}", label, better, lambda _, s: s.objectives.get(name))


OBJECTIVE_METRICS = {
    "shortfall": _objective("shortfall", "shortfall (weighted)", "lower"),
    "fairness": _objective("fairness", "fewest days of anyone (fairness)", "higher"),
    "participant_days": _objective("participant_days", "participant-days (weighted)", "higher"),
    "late_start": _objective("late_start", "late start (minutes)", "lower"),
    "staff": _objective("staff", "supervisor-days", "lower"),
}
KPI_METRICS = (
    Metric("kpis.participants_served", "participants served", "higher", lambda _, s: s.kpis.participants_served),
    Metric("kpis.days_worked", "days worked", "higher", lambda _, s: s.kpis.days_worked),
    Metric(
        "kpis.days_worked_per_week",
        "days worked per week",
        "higher",
        lambda scenario, s: s.kpis.days_worked / scenario.weeks,
    ),
    Metric(
        "kpis.mean_late_start_offset",
        "mean late start offset (min)",
        "lower",
        lambda _, s: s.kpis.mean_late_start_offset,
    ),
    Metric("kpis.station_peak", "station peak", None, lambda _, s: s.kpis.station_peak),
    Metric("kpis.shortfall", "days short of minimum", "lower", lambda _, s: s.kpis.shortfall),
)


def _refuse_repeated_names(names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise CompareError(f"two variants are named '{name}'; give each a name of its own")
        seen.add(name)


def _plain(number: float | None) -> float | int | None:
    """Whole numbers as ints and the rest rounded, so files read cleanly."""
    if number is None or math.isnan(number):
        return None
    return int(number) if float(number).is_integer() else round(number, 4)

"""The objectives and key figures of a sweep against what it varied, drawn with matplotlib (Agg, no display).

One small panel per number. The first axis of the sweep runs along the x
axis; every combination of the other axes is a line of its own (so a 2-D
grid gives one line per value of the second parameter). With several seeds
a point is their mean. A hollow marker is a solve not proven optimal
(stopped by the time limit), whose numbers may still improve.
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from workwindow.report.figures import rendered
from workwindow.sweep.load import Axis, Sweep
from workwindow.sweep.results import value_kinds
from workwindow.sweep.run import Outcome, SweepResult
from workwindow.sweep.summary import short_name
from workwindow.whatif.compare import measure, metrics_of

KPI_KEYS = ("kpis.days_worked", "kpis.participants_served", "kpis.mean_late_start_offset", "kpis.station_peak")
NOT_COUNTS = ("kpis.mean_late_start_offset",)
"""Panels whose numbers are not whole counts; all others get whole-number ticks."""
PANELS_PER_ROW = 4
MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def plot_png(result: SweepResult) -> bytes:
    return rendered(lambda: _figure(result), "sweep", "png")


def plot_svg(result: SweepResult) -> str:
    return rendered(lambda: _figure(result), "sweep", "svg").decode("utf-8")


def _figure(result: SweepResult) -> Any:
    from matplotlib.figure import Figure

    sweep = result.sweep
    panels = _panels(sweep)
    rows = math.ceil(len(panels) / PANELS_PER_ROW)
    columns = min(len(panels), PANELS_PER_ROW)
    figure = Figure(figsize=(3.3 * columns, 2.6 * rows + 1.0), layout="constrained")
    figure.suptitle(sweep.title)
    figure.supxlabel(sweep.axes[0].label, fontsize=9)
    grid = figure.subplots(rows, columns, squeeze=False, sharex=True)
    xs, ticks = _x_positions(sweep)
    values = _values_by_variant(result)
    series = _series(sweep)
    for (key, label), ax in zip(panels, grid.flat, strict=False):
        for order, variants in enumerate(series.values()):
            points = [(xs[i], values[number].get(key, math.nan), values[number]["optimal"]) for number, i in variants]
            _draw_series(ax, order, points)
        _dress(ax, label, xs, ticks, whole=key not in NOT_COUNTS)
    for i, ax in enumerate(grid.flat):
        if i >= len(panels):
            ax.set_visible(False)
            grid.flat[i - columns].xaxis.set_tick_params(labelbottom=True)
    if len(series) > 1:
        handles = _series_handles(grid.flat[0], len(series))
        figure.legend(
            handles,
            list(series),
            loc="outside right upper",
            title=_legend_title(sweep.axes),
        )
    return figure


def _draw_series(ax: Any, order: int, points: list[tuple[float, float, bool]]) -> None:
    """One line; each later line is thinner with smaller markers, so equal numbers stay visible.

    `points` are (x, y, proven optimal); a point not proven optimal gets a hollow marker.
    """
    size, marker = max(3.0, 9.0 - 2.0 * order), MARKERS[order % len(MARKERS)]
    xs, ys = [x for x, _, _ in points], [y for _, y, _ in points]
    line = ax.plot(xs, ys, marker=marker, markersize=size, linewidth=max(0.8, 2.2 - 0.4 * order), gid="series")[0]
    hollow = [(x, y) for x, y, optimal in points if not optimal]
    if hollow:
        ax.plot(
            [x for x, _ in hollow],
            [y for _, y in hollow],
            linestyle="none",
            marker=marker,
            markersize=size,
            markerfacecolor="white",
            markeredgecolor=line.get_color(),
        )


def _series_handles(ax: Any, count: int) -> list[Any]:
    return [line for line in ax.get_lines() if line.get_gid() == "series"][:count]


def _dress(ax: Any, label: str, xs: list[float], ticks: list[str], *, whole: bool) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.set_title(label, fontsize=10)
    ax.set_xticks(xs, ticks, rotation=30 if max(map(len, ticks)) > 6 else 0, fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    if whole:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    ax.grid(alpha=0.3)


def _panels(sweep: Sweep) -> list[tuple[str, str]]:
    """The optimised objectives in the scenario's order, then the key figures."""
    labels = {metric.key: metric.label for metric in metrics_of(sweep.base)}
    keys = [f"objectives.{name}" for name in sweep.base.objective] + list(KPI_KEYS)
    return [(key, labels[key]) for key in keys]


def _x_positions(sweep: Sweep) -> tuple[list[float], list[str]]:
    """Numbers where the first axis is one numeric path; otherwise its values evenly spaced, in order."""
    first = sweep.axes[0]
    ticks = [first.point_label(i) for i in range(len(first.points))]
    if len(first.paths) == 1 and value_kinds(sweep)[first.paths[0]] in (int, float):
        return [float(point[0].value) for point in first.points], ticks
    return [float(i) for i in range(len(first.points))], ticks


def _series(sweep: Sweep) -> dict[str, list[tuple[int, int]]]:
    """For each combination of the other axes, its (variant number, index on the first axis) in order."""
    series: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for variant in sweep.variants:
        rest = list(zip(sweep.axes[1:], variant.point[1:], strict=True))
        name = _series_name(rest)
        series[name].append((variant.number, variant.point[0]))
    return dict(series)


def _series_name(rest: Sequence[tuple[Axis, int]]) -> str:
    if len(rest) == 1:
        axis, index = rest[0]
        return axis.point_label(index)
    labels = tuple(axis.label for axis, _ in rest)
    return ", ".join(f"{short_name(axis.label, labels)}={axis.point_label(index)}" for axis, index in rest)


def _legend_title(axes: Sequence[Axis]) -> str | None:
    return axes[1].label if len(axes) == 2 else None


def _values_by_variant(result: SweepResult) -> dict[int, dict[str, Any]]:
    """Each variant's numbers, the mean over its seeds; `optimal` when every solve of it was."""
    solves: dict[int, list[Outcome]] = defaultdict(list)
    for outcome in result.outcomes:
        solves[outcome.variant.number].append(outcome)
    values: dict[int, dict[str, Any]] = {}
    for number, outcomes in solves.items():
        measured = [measure(o.variant.scenario, o.schedule) for o in outcomes if o.solved and o.schedule is not None]
        keys = {key for m in measured for key in m}
        values[number] = {key: _mean([m[key] for m in measured]) for key in keys}
        values[number]["optimal"] = all(o.status == "optimal" for o in outcomes)
    return values


def _mean(numbers: list[float | None]) -> float:
    present = [n for n in numbers if n is not None]
    return statistics.fmean(present) if present else math.nan

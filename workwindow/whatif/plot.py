"""Tablet shares drawn with matplotlib: each objective and key figure against the share switched.

A point is the mean over the draws of that share; a bar runs from the lowest
to the highest draw, so the spread of who happened to switch is visible.
"""

import math
from typing import Any

from workwindow.report.figures import rendered
from workwindow.whatif.compare import Column, Comparison

PANELS_PER_ROW = 4
X_LABEL = "share of injecting participants switched to tablets"
NOT_COUNTS = ("kpis.mean_late_start_offset", "kpis.days_worked_per_week")
"""Panels whose numbers are not whole counts; all others get whole-number ticks."""


def tablet_plot_svg(comparison: Comparison) -> str:
    """The plot as SVG text; only for a comparison of tablet shares (every column has its share)."""
    return rendered(lambda: _figure(comparison), "tablets", "svg").decode("utf-8")


def _figure(comparison: Comparison) -> Any:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    columns = sorted(comparison.columns, key=lambda c: c.share or 0.0)
    metrics = [m for m in comparison.metrics if any(c.mean(m.key) is not None for c in columns)]
    rows = math.ceil(len(metrics) / PANELS_PER_ROW)
    per_row = min(len(metrics), PANELS_PER_ROW)
    figure = Figure(figsize=(3.3 * per_row, 2.6 * rows + 1.0), layout="constrained")
    figure.suptitle(_title(comparison, columns))
    figure.supxlabel(X_LABEL, fontsize=9)
    grid = figure.subplots(rows, per_row, squeeze=False)
    xs = [100 * (c.share or 0.0) for c in columns]
    for metric, ax in zip(metrics, grid.flat, strict=False):
        means = [_or_nan(c.mean(metric.key)) for c in columns]
        below = [m - _or_nan(c.low(metric.key)) for m, c in zip(means, columns, strict=True)]
        above = [_or_nan(c.high(metric.key)) - m for m, c in zip(means, columns, strict=True)]
        ax.errorbar(xs, means, yerr=[below, above], marker="o", capsize=4, linewidth=1.8)
        ax.set_title(metric.label, fontsize=10)
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.set_xticks(xs)
        ax.tick_params(labelsize=8)
        if metric.key not in NOT_COUNTS:
            ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
        ax.grid(alpha=0.3)
    for ax in list(grid.flat)[len(metrics) :]:
        ax.set_visible(False)
    return figure


def _title(comparison: Comparison, columns: list[Column]) -> str:
    draws = max(len(c.samples) for c in columns)
    if draws == 1:
        return comparison.title
    return f"{comparison.title}\nmean of {draws} draws per share; bars from the lowest to the highest draw"


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else value

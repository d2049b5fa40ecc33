"""Delivered days over the draws, drawn with matplotlib (Agg, no display).

Left: a histogram per plan, with its planned days as a dashed line. Middle:
the same as ECDFs, where "the chance of delivering at most x days" is read
off directly. Right, with --against: the paired differences, with zero marked.
"""

from typing import Any

from workwindow.report.figures import rendered
from workwindow.simulate.figures import horizon
from workwindow.simulate.morning import COLUMN
from workwindow.simulate.run import Simulation

COLOURS = ("#2f6f9f", "#c8702a")


def plot_png(simulation: Simulation) -> bytes:
    return rendered(lambda: _figure(simulation), "simulate", "png")


def plot_svg(simulation: Simulation) -> str:
    return rendered(lambda: _figure(simulation), "simulate", "svg").decode("utf-8")


def _figure(simulation: Simulation) -> Any:
    import numpy as np
    from matplotlib.figure import Figure

    paired = len(simulation.plans) > 1
    figure = Figure(figsize=(10.5 if paired else 7.5, 3.2), layout="constrained")
    axes = figure.subplots(1, 3 if paired else 2)
    delivered = [horizon(plan)[:, COLUMN["delivered_days"]] for plan in simulation.plans]
    low = min(float(d.min()) for d in delivered)
    high = max(max(float(d.max()) for d in delivered), *(p.book.planned_days for p in simulation.plans))
    bins = np.arange(np.floor(low), np.ceil(high) + 2) - 0.5
    for plan, values, colour in zip(simulation.plans, delivered, COLOURS, strict=False):
        axes[0].hist(values, bins=bins, alpha=0.6, color=colour, label=plan.label)
        axes[0].axvline(plan.book.planned_days, color=colour, linestyle="--", linewidth=1)
        ordered = np.sort(values)
        axes[1].step(ordered, np.arange(1, len(ordered) + 1) / len(ordered), where="post", color=colour)
        axes[1].axvline(plan.book.planned_days, color=colour, linestyle="--", linewidth=1)
    axes[0].set(title="Delivered participant-days", xlabel="days (dashed: planned)", ylabel="draws")
    axes[0].legend(fontsize=8)
    axes[1].set(title="ECDF", xlabel="delivered days", ylabel="share of draws at or below")
    if paired:
        gap = delivered[0] - delivered[1]
        axes[2].hist(gap, bins=np.arange(np.floor(gap.min()), np.ceil(gap.max()) + 2) - 0.5, color="#555555")
        axes[2].axvline(0, color="black", linewidth=1)
        axes[2].set(title="Paired difference", xlabel=f"{simulation.plans[0].label} − {simulation.plans[1].label}")
    figure.suptitle(f"{simulation.draws} sampled horizons (seed {simulation.seed}, recourse {simulation.recourse})")
    return figure

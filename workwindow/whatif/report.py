"""The HTML report of a comparison: everything the terminal shows, then each variant's plan.

The side-by-side table has the same cells as the terminal (mean, the range
of the draws, the delta against the base, coloured for better or worse);
below it, what each variant changed. Tablet shares get a plot of every
number against the share; switching each participant alone gets the table
of gains. Self-contained: the plot is inline SVG.
"""

import shlex

from workwindow.report.figures import inline_svg
from workwindow.report.html import page, schedule_section
from workwindow.report.markup import Html, el, raw
from workwindow.whatif.compare import Column, Comparison, Metric
from workwindow.whatif.tables import (
    OWN_DAYS_NOTE,
    SWITCH_EACH_HEADINGS,
    delta_colour,
    gain_changes,
    number_text,
    signed_text,
)
from workwindow.whatif.tablets import SwitchEach

DELTA_CLASS = {"green": "better", "red": "worse", "cyan": "changed"}


def render_comparison_report(result: Comparison | SwitchEach) -> str:
    comparison = result.comparison if isinstance(result, SwitchEach) else result
    overview = el(
        "section",
        el("h1", comparison.title),
        el("p", _meta(comparison), class_="meta"),
        el("h2", "Side by side"),
        comparison_table(comparison),
        el("h2", "What each variant changed"),
        changes_list(comparison),
        _tablet_plot(comparison),
        switch_each_table(result) if isinstance(result, SwitchEach) else None,
        class_="comparison",
    )
    plans = [
        schedule_section(
            column.samples[0].scenario, column.samples[0].schedule, label=_plan_label(column), anchor=f"s{i}"
        )
        for i, column in enumerate(comparison.columns, start=1)
    ]
    return page(comparison.title, overview, *plans)


def comparison_table(comparison: Comparison) -> Html:
    head = el(
        "tr", el("th", ""), *[el("th", el("a", c.name, href=f"#s{i}"), class_="num") for i, c in _numbered(comparison)]
    )
    status = el(
        "tr",
        el("th", "status"),
        *[
            el("td", ", ".join(sorted({s.schedule.status for s in c.samples})), class_="num")
            for c in comparison.columns
        ],
    )
    rows = [
        el("tr", el("th", m.label), *[_cell(comparison, c, m) for c in comparison.columns], data_metric=m.key)
        for m in comparison.metrics
    ]
    return el("table", el("thead", head), el("tbody", status, *rows), class_="compare")


def changes_list(comparison: Comparison) -> Html:
    items = []
    if comparison.base.changes:
        items.append(el("li", el("b", "every column"), ": ", _set_list(comparison.base.changes)))
    items.append(el("li", el("b", comparison.base.name), ": the base"))
    for column in comparison.columns[1:]:
        draws = f" ({len(column.samples)} draws: mean, with lowest–highest)" if len(column.samples) > 1 else ""
        changed = _set_list(column.changes) if column.changes else "as the base"
        items.append(el("li", el("b", column.name), draws, ": ", changed, data_variant=column.name))
    return el("ul", *items, class_="changes")


def switch_each_table(result: SwitchEach) -> Html:
    head = el("tr", *[el("th", name, class_=None if i == 0 else "num") for i, name in enumerate(SWITCH_EACH_HEADINGS)])
    rows = [
        el(
            "tr",
            el("td", el("span", g.participant, class_="pid")),
            *[el("td", signed_text(change), class_="num") for change in gain_changes(g)],
            data_participant=g.participant,
        )
        for g in result.gains
    ]
    return el(
        "section",
        el("h2", "Each injecting participant switched alone, against the base"),
        el("table", el("thead", head), el("tbody", *rows), class_="switch-each"),
        el("p", OWN_DAYS_NOTE, class_="meta"),
    )


def _cell(comparison: Comparison, column: Column, metric: Metric) -> Html:
    mean = column.mean(metric.key)
    if mean is None:
        return el("td", "–", class_="num")
    parts: list[object] = [number_text(mean)]
    low, high = column.low(metric.key), column.high(metric.key)
    if len(column.samples) > 1 and low != high:
        parts.append(el("span", f" ({number_text(low)}–{number_text(high)})", class_="muted range"))
    if column is not comparison.base:
        delta = comparison.delta(column, metric.key)
        if delta is not None and abs(delta) > 1e-9:
            colour = DELTA_CLASS[delta_colour(metric, delta)]
            parts.append(el("span", f" {signed_text(delta)}", class_=f"delta {colour}"))
    return el("td", *parts, class_="num")


def _tablet_plot(comparison: Comparison) -> Html | None:
    if any(c.share is None for c in comparison.columns) or len(comparison.columns) < 2:
        return None
    from workwindow.whatif.plot import tablet_plot_svg  # matplotlib only for tablet shares

    return el(
        "section",
        el("h2", "Every number against the share switched"),
        el("figure", raw(inline_svg(tablet_plot_svg(comparison))), class_="share-plot"),
    )


def _set_list(changes: tuple[str, ...]) -> Html:
    """Overrides as the --set options to run them again; a file or a sentence as it is."""
    return el(
        "span", *[el("code", f"--set {shlex.quote(c)}") if _is_override(c) else c for c in changes], class_="sets"
    )


def _is_override(change: str) -> bool:
    path, equals, _ = change.partition("=")
    return bool(equals) and " " not in path


def _meta(comparison: Comparison) -> str:
    solves = len({id(s.schedule) for c in comparison.columns for s in c.samples})
    return (
        f"{len(comparison.columns)} columns, {solves} solves in {comparison.wall_seconds:.1f} s · deltas against "
        f"{comparison.base.name}, the first column; green is better, red is worse"
    )


def _plan_label(column: Column) -> str:
    return f"{column.name} (first of {len(column.samples)} draws)" if len(column.samples) > 1 else column.name


def _numbered(comparison: Comparison) -> list[tuple[int, Column]]:
    return list(enumerate(comparison.columns, start=1))

"""The HTML report of a sweep: one self-contained file, made of the same parts as the schedule report.

The plot is inline SVG (no image file, no network), the results table has a
row per solve, a table counts the days without work by reason for each
variant, and small sweeps get every variant's plan in full after that.
"""

import re
from collections import Counter
from pathlib import Path

from workwindow.models.schedule import REASONS
from workwindow.output import write_text
from workwindow.report.figures import inline_svg
from workwindow.report.html import page, schedule_section
from workwindow.report.markup import Html, el, raw
from workwindow.sweep.load import Sweep
from workwindow.sweep.run import Outcome, SweepResult, best
from workwindow.sweep.summary import finding, number

FULL_PLANS_UP_TO = 12
"""More variants than this and the report leaves the full plans out: each is some 300 kB for the pilot."""
KPI_COLUMNS = (
    ("days worked", "days_worked"),
    ("participants served", "participants_served"),
    ("mean late start offset", "mean_late_start_offset"),
    ("station peak", "station_peak"),
    ("shortfall (days)", "shortfall"),
)


def write_sweep_report(result: SweepResult, output: Path) -> None:
    from workwindow.sweep.plot import plot_svg  # matplotlib only when asked for

    write_text(output, render_sweep_report(result, plot_svg(result)), result.sweep.inputs)


def render_sweep_report(result: SweepResult, plot_svg: str) -> str:
    """The report; `plot_svg` is the plot as matplotlib writes it (made inline here)."""
    sweep = result.sweep
    full_plans = len(sweep.variants) <= FULL_PLANS_UP_TO
    overview = el(
        "section",
        el("h1", sweep.title),
        el("p", _meta(result), class_="meta"),
        _what_changes(sweep),
        el("p", finding(result)),
        el("h2", "Objectives and key figures"),
        el("figure", raw(inline_svg(plot_svg)), class_="sweep-plot"),
        el("h2", "Results"),
        results_table(result, link=full_plans),
        _reasons_part(result),
        el("h2", "Plans"),
        el("p", _plans_note(sweep, full_plans), class_="meta"),
        class_="sweep",
    )
    plans = [_plan(outcome) for outcome in _first_seed(result)] if full_plans else []
    return page(sweep.title, overview, *plans)


def results_table(result: SweepResult, *, link: bool) -> Html:
    sweep = result.sweep
    top = {id(outcome) for outcome in best(result)}
    several_seeds = len(sweep.seeds) > 1
    head = [
        "variant",
        *sweep.varied_paths,
        *(["seed"] if several_seeds else []),
        "status",
        *sweep.base.objective,
        *(label for label, _ in KPI_COLUMNS),
        "seconds",
        "",
    ]
    rows = [_result_row(outcome, several_seeds, id(outcome) in top, link) for outcome in result.outcomes]
    header = el("tr", *[el("th", *_breakable(name), style="white-space: normal") for name in head])
    return el("table", el("thead", header), el("tbody", *rows), class_="sweep-results")


def _result_row(outcome: Outcome, several_seeds: bool, is_best: bool, link: bool) -> Html:
    variant, schedule = outcome.variant, outcome.schedule
    order = variant.scenario.objective
    number_cell = el("a", variant.number, href=f"#v{variant.number}") if link else variant.number
    cells = [
        el("td", number_cell, class_="num"),
        *[el("td", setting.text, class_="num") for setting in variant.settings],
        *([el("td", outcome.seed, class_="num")] if several_seeds else []),
        el("td", outcome.status if outcome.error is None else f"error: {outcome.error}"),
    ]
    if schedule is not None:
        kpis = schedule.kpis.model_dump()
        cells += [el("td", number(schedule.objectives.get(name)), class_="num") for name in order]
        cells += [el("td", number(kpis[key]), class_="num") for _, key in KPI_COLUMNS]
        cells.append(el("td", f"{schedule.solver.wall_seconds:.1f}", class_="num"))
    else:
        cells += [el("td", "–", class_="num") for _ in (*order, *KPI_COLUMNS, "seconds")]
    cells.append(el("td", "best" if is_best else ""))
    return el("tr", *cells, data_variant=variant.number, data_seed=outcome.seed)


def _breakable(heading: str) -> list[object]:
    """The heading with a line-break opportunity after each dot and underscore: paths are long."""
    pieces: list[object] = []
    for piece in re.split(r"(?<=[._])", heading):
        pieces += [piece, raw("<wbr>")]
    return pieces[:-1]


def _reasons_part(result: SweepResult) -> Html | None:
    """Days without work by reason and variant: where each change moves the bottleneck."""
    if not result.settings.explain:
        return None
    counted = {o.variant.number: Counter(u.reason for u in o.schedule.unassigned) for o in _solved_first_seed(result)}
    reasons = [reason for reason in REASONS if any(counts[reason] for counts in counted.values())]
    head = el("tr", el("th", "variant"), *[el("th", r.replace("_", " ")) for r in reasons], el("th", "all"))
    rows = [
        el(
            "tr",
            el("td", number_label, class_="num"),
            *[el("td", counts[reason] or "", class_="num") for reason in reasons],
            el("td", sum(counts.values()), class_="num"),
        )
        for number_label, counts in counted.items()
    ]
    note = "first seed of each variant" if len(result.sweep.seeds) > 1 else "each variant"
    return el(
        "section",
        el("h2", "Days without work, by reason"),
        el("p", f"Eligible participant-days without work, by the first reason that applies ({note}).", class_="meta"),
        el("table", el("thead", head), el("tbody", *rows), class_="sweep-reasons"),
    )


def _meta(result: SweepResult) -> str:
    sweep = result.sweep
    seeds = f" × {len(sweep.seeds)} seeds" if len(sweep.seeds) > 1 else ""
    return (
        f"{len(sweep.variants)} variants{seeds} of {sweep.base_path.name} · {sweep.solves} solves in "
        f"{result.wall_seconds:.1f} s on {result.ran_on} · time limit {result.settings.time_limit:g} s per solve"
    )


def _what_changes(sweep: Sweep) -> Html:
    items = [
        el("li", f"{axis.label}: {', '.join(map(axis.point_label, range(len(axis.points))))}") for axis in sweep.axes
    ]
    parts = [
        el("p", "Varied (every combination of the lines below; paths joined by / change together):"),
        el("ul", *items),
    ]
    if sweep.fixed:
        fixed = "; ".join(f"{setting.path}={setting.text}" for setting in sweep.fixed)
        parts.append(el("p", f"The same in every variant: {fixed}"))
    return el("div", *parts, class_="sweep-changes")


def _plans_note(sweep: Sweep, full_plans: bool) -> str:
    if full_plans:
        return "Each variant's plan follows in full (its first seed); the variant numbers above link to them."
    return (
        f"{len(sweep.variants)} variants are more than the {FULL_PLANS_UP_TO} whose plans this report shows in full; "
        "solve one with `workwindow solve` and its --set values to see its plan."
    )


def _plan(outcome: Outcome) -> Html:
    variant = outcome.variant
    if outcome.schedule is None:
        heading = el("h1", f"Variant {variant.number} ({variant.label})")
        return el("section", heading, el("p", outcome.error or ""), class_="schedule", id=f"v{variant.number}")
    return schedule_section(
        variant.scenario,
        outcome.schedule,
        label=f"Variant {variant.number} ({variant.label})",
        anchor=f"v{variant.number}",
    )


def _first_seed(result: SweepResult) -> list[Outcome]:
    first = result.sweep.seeds[0]
    return [outcome for outcome in result.outcomes if outcome.seed == first]


def _solved_first_seed(result: SweepResult) -> list[Outcome]:
    return [outcome for outcome in _first_seed(result) if outcome.schedule is not None]

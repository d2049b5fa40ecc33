"""`workwindow compare` as one call: which kind of comparison, solved, and its files written."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workwindow.output import write_text
from workwindow.solver import SolveSettings
from workwindow.whatif.compare import CompareError, Comparison, NamedVariant, compare, load_variants
from workwindow.whatif.tablets import SwitchEach, compare_tablet_shares, switch_each

Result = Comparison | SwitchEach


@dataclass(frozen=True)
class CompareRequest:
    base: Path
    files: tuple[Path, ...] = ()
    common: tuple[str, ...] = ()
    """Overrides for the base and every variant."""
    named: tuple[NamedVariant, ...] = ()
    shares: tuple[float, ...] | None = None
    draws: int = 1
    switch_each: bool = False

    @property
    def inputs(self) -> tuple[Path, ...]:
        return (self.base, *self.files)


def run_compare(request: CompareRequest, settings: SolveSettings, jobs: int, *, fill_cores: bool = False) -> Result:
    """Variants side by side, a sweep of tablet shares, or each switch alone: one of the three.

    `fill_cores`: see `workwindow.whatif.parallel.solve_all`."""
    _one_kind(request)
    base, variants = load_variants(request.base, request.files, request.common, request.named)
    title = base.scenario.name
    if request.switch_each:
        return switch_each(title, base, settings=settings, jobs=jobs, fill_cores=fill_cores)
    if request.shares is not None:
        return compare_tablet_shares(
            f"{title}: tablets instead of injection",
            base,
            request.shares,
            draws=request.draws,
            seed=settings.seed,
            settings=settings,
            jobs=jobs,
            fill_cores=fill_cores,
        )
    return compare(title, base, variants, settings, jobs, fill_cores=fill_cores)


def number_paths(output: Path) -> list[Path]:
    """PATH.csv and PATH.json (a .csv or .json suffix on PATH is dropped first)."""
    stem = output.with_suffix("") if output.suffix in (".csv", ".json") else output
    return [stem.with_name(stem.name + suffix) for suffix in (".csv", ".json")]


def write_numbers(result: Result, output: Path, inputs: Sequence[Path]) -> list[Path]:
    written = number_paths(output)
    for path, text in zip(written, (result.to_csv(), result.to_json()), strict=True):
        write_text(path, text, inputs)
    return written


def write_comparison_report(result: Result, output: Path, inputs: Sequence[Path]) -> None:
    from workwindow.whatif.report import render_comparison_report

    write_text(output, render_comparison_report(result), inputs)


def _one_kind(request: CompareRequest) -> None:
    given = [
        name
        for name, present in (
            ("variants", request.files or request.named),
            ("--switch-to-tablet", request.shares is not None),
            ("--switch-each", request.switch_each),
        )
        if present
    ]
    if len(given) > 1:
        raise CompareError(f"compare one kind of thing at a time; {' and '.join(given)} were both given")
    if not given:
        raise CompareError(
            "nothing to compare: give VARIANT files, --variant NAME --set PATH=VALUE, "
            "--switch-to-tablet SHARES or --switch-each"
        )
    if request.draws > 1 and request.shares is None:
        raise CompareError("--draws goes with --switch-to-tablet")

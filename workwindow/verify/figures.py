"""A hand-edited plan written back with the figures its entries give."""

from collections.abc import Iterable
from pathlib import Path

from workwindow.errors import OutputError
from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Schedule
from workwindow.output import write_text
from workwindow.verify.core import with_figures


def write_figures(
    scenario: Scenario, schedule: Schedule, output: Path, *, inputs: Iterable[Path], force: bool = False
) -> Schedule:
    """Write the plan with recomputed objectives and KPIs to `output`; its entries stay as they are.

    An existing file is kept unless `force` (the user's edited plan may be
    sitting there); the plan's own inputs are never written over.
    """
    if output.exists() and not force:
        raise OutputError(f"{output}: already exists; give --force to write over it, or another file name")
    updated = with_figures(scenario, schedule)
    write_text(output, updated.to_json(), inputs)
    return updated

"""Whether a plan can be worked from: made for this scenario, and keeping its rules.

`replan`, `simulate` and `explain --plan` start from a plan a planner holds
(written by `solve -o`, a re-plan or the workbench, maybe edited by hand).
Figures derived from its assignments do not matter to them, as each
recomputes what it needs; a plan made for another scenario, or one that
breaks a rule, is refused with verify's sentences.
"""

from workwindow.errors import InputError, Problem
from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Schedule
from workwindow.verify.core import verify
from workwindow.verify.violation import Violation

DERIVED_KINDS = frozenset({"objective", "kpi", "unassigned"})
"""Violations of figures derived from the assignments (SPEC §5): whoever works from the plan recomputes them."""

FOREIGN_KINDS = frozenset({"scenario", "unknown_id", "outside_horizon"})
"""Violations that say the plan was made for another scenario."""


def refuse_unusable_plan(
    scenario: Scenario, plan: Schedule, plan_name: str, *, repair: bool = False, remedy: str | None = None
) -> None:
    """Raise `InputError` for a plan of another scenario, and for one that breaks a rule unless `repair`.

    `plan_name` names the plan in the message (its file); `remedy` is added to the
    broken-rules sentence, e.g. "give --repair to re-plan it anyway".
    """
    found = rule_violations(scenario, plan)
    foreign = [v for v in found if v.kind in FOREIGN_KINDS]
    if foreign:
        raise InputError(f"{plan_name} does not belong to the scenario", [Problem("", v.message) for v in foreign])
    if found and not repair:
        said = f" ({remedy})" if remedy else ""
        raise InputError(f"{plan_name} breaks rules of the scenario{said}", [Problem("", v.message) for v in found])


def rule_violations(scenario: Scenario, plan: Schedule) -> list[Violation]:
    """What verify finds in the plan, but for the figures derived from its assignments."""
    return [v for v in verify(scenario, plan) if v.kind not in DERIVED_KINDS]

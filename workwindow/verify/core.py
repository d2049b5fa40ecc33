"""Check a schedule against every rule of SPEC section 3, without the solver.

Two kinds of findings: a broken rule (the plan cannot be carried out as it
stands) and a figure that no longer matches the plan (objectives and KPIs a
hand edit left behind; recompute them with `with_figures`).
"""

from dataclasses import dataclass

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Fairness, Schedule
from workwindow.verify.caps import check_caps
from workwindow.verify.eligibility import check_eligibility
from workwindow.verify.groups import check_groups
from workwindow.verify.identities import check_identities
from workwindow.verify.ledger import build_ledger
from workwindow.verify.staffing import check_staffing
from workwindow.verify.starts import check_starts
from workwindow.verify.stations import check_stations
from workwindow.verify.tally import Tally, as_kpis, check_tally, tally
from workwindow.verify.timing import check_timing
from workwindow.verify.unassigned import check_unassigned
from workwindow.verify.violation import Violation
from workwindow.verify.wants import check_wants

FIGURE_KINDS = frozenset({"objective", "kpi"})
"""Findings about reported figures rather than rules."""


@dataclass(frozen=True)
class Findings:
    rules: list[Violation]
    """Rules the plan breaks."""
    figures: list[Violation]
    """Reported objectives and KPIs that differ from what the plan gives."""
    tally: Tally
    """What the plan gives."""


def check_plan(scenario: Scenario, schedule: Schedule) -> Findings:
    """Every finding, the broken rules apart from the figures to update."""
    found, gives = _check(scenario, schedule)
    return Findings(
        rules=[v for v in found if v.kind not in FIGURE_KINDS],
        figures=[v for v in found if v.kind in FIGURE_KINDS],
        tally=gives,
    )


def verify(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """Every rule the schedule breaks and every figure it misreports, in the order of SPEC section 3.

    Empty when the schedule is valid and its figures true, as every schedule
    the program writes must be.
    """
    return _check(scenario, schedule)[0]


def _check(scenario: Scenario, schedule: Schedule) -> tuple[list[Violation], Tally]:
    ledger = build_ledger(scenario, schedule)
    gives = tally(scenario, ledger)
    found = [
        *check_identities(scenario, schedule),
        *check_eligibility(scenario, ledger),
        *check_timing(scenario, ledger),
        *check_starts(scenario, ledger),
        *check_stations(scenario, ledger),
        *check_caps(scenario, ledger),
        *check_staffing(scenario, ledger),
        *check_wants(scenario, ledger),
        *check_groups(scenario, ledger),
        *check_unassigned(scenario, schedule, ledger),
        *check_tally(schedule, gives),
    ]
    return list(dict.fromkeys(found)), gives  # an entry given twice would say the same sentence twice


def recompute(scenario: Scenario, schedule: Schedule) -> Tally:
    """The objectives and KPIs the schedule's own entries give, whatever the file reports."""
    return tally(scenario, build_ledger(scenario, schedule))


def with_figures(scenario: Scenario, schedule: Schedule) -> Schedule:
    """The plan with its objectives and KPIs as its entries give them (and the scenario's name when it has none)."""
    found = recompute(scenario, schedule)
    return schedule.model_copy(
        update={
            "scenario": schedule.scenario or scenario.name,
            "objectives": dict(found.objectives),
            "fairness": Fairness(days=found.fairness_days),
            "kpis": as_kpis(found),
        }
    )

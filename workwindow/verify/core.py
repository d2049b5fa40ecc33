"""Check a schedule against every rule of SPEC section 3, without the solver."""

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Schedule
from workwindow.verify.caps import check_caps
from workwindow.verify.eligibility import check_eligibility
from workwindow.verify.groups import check_groups
from workwindow.verify.identities import check_identities
from workwindow.verify.ledger import build_ledger
from workwindow.verify.staffing import check_staffing
from workwindow.verify.starts import check_starts
from workwindow.verify.stations import check_stations
from workwindow.verify.tally import Tally, check_tally, tally
from workwindow.verify.timing import check_timing
from workwindow.verify.unassigned import check_unassigned
from workwindow.verify.violation import Violation
from workwindow.verify.wants import check_wants


def verify(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """Every rule the schedule breaks, in the order of SPEC section 3; empty when it is valid."""
    ledger = build_ledger(scenario, schedule)
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
        *check_tally(schedule, tally(scenario, ledger)),
    ]
    return list(dict.fromkeys(found))  # an entry given twice would say the same sentence twice


def recompute(scenario: Scenario, schedule: Schedule) -> Tally:
    """The objectives and KPIs the schedule's own entries give, whatever the file reports."""
    return tally(scenario, build_ledger(scenario, schedule))

"""A participant works only where and when they may, and at most once a day."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Assignment
from workwindow.verify.facts import day_name, why_not_eligible
from workwindow.verify.ledger import Ledger
from workwindow.verify.violation import Violation


def check_eligibility(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    for a in ledger.assignments:
        reason = why_not_eligible(scenario, a.participant, a.crew, a.date)
        if reason is not None:
            yield Violation(
                "not_eligible",
                f"{a.participant} on {a.date} ({day_name(a.date)}) works in {a.crew}, but {reason}.",
            )
    yield from _one_assignment_a_day(ledger)


def _one_assignment_a_day(ledger: Ledger) -> Iterator[Violation]:
    by_day: dict[tuple[str, dt.date], list[Assignment]] = defaultdict(list)
    for a in ledger.assignments:
        by_day[(a.participant, a.date)].append(a)
    for (pid, date), found in by_day.items():
        if len(found) > 1:
            listed = ", ".join(f"{a.crew} {a.group}" for a in found)
            yield Violation(
                "two_assignments",
                f"{pid} on {date} has {len(found)} assignments ({listed}); at most one a day.",
            )

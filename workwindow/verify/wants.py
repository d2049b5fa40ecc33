"""No participant works more days in a week than they want at most (want[1])."""

from collections import defaultdict
from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.verify.facts import week_number
from workwindow.verify.ledger import Ledger
from workwindow.verify.violation import Violation


def check_wants(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    for (pid, week), dates in sorted(weekly_days(scenario, ledger).items()):
        most = scenario.participants[pid].want[1]
        if len(dates) > most:
            listed = ", ".join(str(d) for d in sorted(dates))
            yield Violation(
                "want_max",
                f"{pid} works {len(dates)} days in week {week} ({listed}), but wants at most {most} (want[1]).",
            )


def weekly_days(scenario: Scenario, ledger: Ledger) -> dict[tuple[str, int], set]:
    """The distinct dates each participant works, per week number."""
    weeks: dict[tuple[str, int], set] = defaultdict(set)
    for pid, dates in ledger.days_worked().items():
        for date in dates:
            weeks[(pid, week_number(scenario, date))].add(date)
    return dict(weeks)

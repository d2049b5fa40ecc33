"""Groups stay within their capacity and days within the daily cap (or ramp-up)."""

from collections import defaultdict
from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.verify.facts import daily_cap, week_number
from workwindow.verify.ledger import Ledger, capital, group_name
from workwindow.verify.violation import Violation


def check_caps(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    yield from _group_caps(scenario, ledger)
    yield from _daily_caps(scenario, ledger)


def _group_caps(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    for key, members in sorted(ledger.members.items()):
        _, crew, group = key
        field = f"{group}_capacity"
        cap = getattr(scenario.program.crews[crew], field)
        count = len({a.participant for a in members})
        if cap is not None and count > cap:
            yield Violation(
                "group_cap",
                f"{capital(group_name(key))} has {count} participants, but {crew}'s {field} is {cap}.",
            )


def _daily_caps(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    working = defaultdict(set)
    for a in ledger.assignments:
        working[a.date].add(a.participant)
    for date, participants in sorted(working.items()):
        week = week_number(scenario, date)
        cap, source = daily_cap(scenario, week)
        if cap is not None and len(participants) > cap:
            yield Violation(
                "daily_cap",
                f"{date} (week {week}) has {len(participants)} participants working, "
                f"but the cap that day is {cap} ({source}).",
            )

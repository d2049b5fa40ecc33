"""`unassigned` lists only eligible participant-days that got no work, each once."""

from collections import Counter
from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Schedule
from workwindow.verify.facts import crews_open_to, day_name, in_horizon, why_not_eligible
from workwindow.verify.ledger import Ledger
from workwindow.verify.violation import Violation


def check_unassigned(scenario: Scenario, schedule: Schedule, ledger: Ledger) -> Iterator[Violation]:
    worked = {(a.participant, a.date) for a in ledger.assignments}
    entries = [
        u for u in schedule.unassigned if u.participant in scenario.participants and in_horizon(scenario, u.date)
    ]
    for (pid, date), times in sorted(Counter((u.participant, u.date) for u in entries).items()):
        if times > 1:
            yield Violation("unassigned", f"{pid} on {date} is listed as unassigned {times} times; once is enough.")
    for u in entries:
        who = f"{u.participant} on {u.date}"
        if (u.participant, u.date) in worked:
            yield Violation("unassigned", f"{who} is listed as unassigned ({u.reason}), but works that day.")
            continue
        crews = crews_open_to(scenario, scenario.participants[u.participant])
        reasons = [why_not_eligible(scenario, u.participant, c, u.date) for c in crews]
        if all(reasons):
            because = "; ".join(dict.fromkeys(r for r in reasons if r)) or f"{u.participant} has no crews"
            yield Violation(
                "unassigned",
                f"{who} ({day_name(u.date)}) is listed as unassigned ({u.reason}), "
                f"but could not work that day anyway: {because}.",
            )

"""The `groups` list describes exactly the groups the assignments make up."""

from collections import Counter
from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import GroupRun
from workwindow.verify.ledger import GroupKey, Ledger, capital, group_name, hm
from workwindow.verify.violation import Violation


def check_groups(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    for key in sorted(set(ledger.members) | set(ledger.records)):
        records = ledger.records.get(key, [])
        name = capital(group_name(key))
        if not records:
            pids = ", ".join(sorted({a.participant for a in ledger.members[key]}))
            yield _group(f"{name} has assignments ({pids}) but is missing from the groups list.")
            continue
        if len(records) > 1:
            yield _group(f"{name} is listed {len(records)} times in the groups list; once is enough.")
        for record in records:
            yield from _record_matches_members(scenario, ledger, key, record)


def _record_matches_members(scenario: Scenario, ledger: Ledger, key: GroupKey, record: GroupRun) -> Iterator[Violation]:
    name = capital(group_name(key))
    members = ledger.members.get(key, [])
    if not record.participants:
        yield _group(f"{name} is listed with no participants; only groups that run belong in the list.")
    for label, names in (("participant", record.participants), ("supervisor", record.staff)):
        for twice in sorted(n for n, times in Counter(names).items() if times > 1):
            yield _group(f"{name} lists {label} {twice} more than once.")
    assigned = {a.participant for a in members}
    listed = {pid for pid in record.participants if pid in scenario.participants}
    for pid in sorted(assigned - listed):
        yield _group(f"{pid} is assigned to {group_name(key)}, but the group does not list {pid}.")
    for pid in sorted(listed - assigned):
        yield _group(f"{name} lists {pid}, but {pid} has no assignment in it.")
    for a in members:
        if a.start != record.start:
            yield _group(
                f"{a.participant} on {a.date}: the assignment starts {hm(a.start)}, "
                f"but {group_name(key)} starts {hm(record.start)}."
            )


def _group(message: str) -> Violation:
    return Violation("group", message)

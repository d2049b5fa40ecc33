"""Ordinary groups start at the ordinary start, late groups in their window; all end at payout."""

from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.verify.facts import latest_late_start
from workwindow.verify.ledger import GroupKey, Ledger, capital, group_name, hm
from workwindow.verify.violation import Violation


def check_starts(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    for key in sorted(set(ledger.members) | set(ledger.records)):
        records, members = ledger.records.get(key, []), ledger.members.get(key, [])
        for start in sorted({g.start for g in records} | {a.start for a in members}):
            yield from _start(scenario, key, start)
        for end in sorted({g.end for g in records} | {a.end for a in members}):
            if end != scenario.program.payout:
                yield Violation(
                    "end",
                    f"{capital(group_name(key))} ends {hm(end)}, but every group ends at the payout "
                    f"{hm(scenario.program.payout)}.",
                )


def _start(scenario: Scenario, key: GroupKey, start: int) -> Iterator[Violation]:
    program, name = scenario.program, capital(group_name(key))
    if key[2] == "ordinary":
        if start != program.ordinary_start:
            yield Violation(
                "start",
                f"{name} starts {hm(start)}, but ordinary groups start at the ordinary start "
                f"{hm(program.ordinary_start)}.",
            )
        elif program.payout - start < program.min_work_minutes:
            yield Violation(
                "start",
                f"{name} runs {hm(start)}–{hm(program.payout)}, only {program.payout - start} minutes, "
                f"less than min_work_minutes {program.min_work_minutes}.",
            )
        return
    if start % scenario.time_step:
        yield Violation(
            "start_grid", f"{name} starts {hm(start)}, off the {scenario.time_step}-minute grid (time_step)."
        )
    latest = latest_late_start(program)
    if start < program.ordinary_start:
        yield Violation("start", f"{name} starts {hm(start)}, before the ordinary start {hm(program.ordinary_start)}.")
    if start > latest:
        yield Violation(
            "start",
            f"{name} starts {hm(start)}, after the latest late start {hm(latest)} = min(latest_start "
            f"{hm(program.latest_start)}, payout {hm(program.payout)} − {program.min_work_minutes} "
            "min work).",
        )

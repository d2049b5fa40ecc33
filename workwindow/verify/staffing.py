"""Late groups have enough supervisors, and each supervisor may lead where and when listed."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import GroupRun
from workwindow.verify.facts import day_name, staff_crews, supervisors_needed, week_number
from workwindow.verify.ledger import Ledger, capital, group_name, hm
from workwindow.verify.violation import Violation


def check_staffing(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    yield from _enough_supervisors(scenario, ledger)
    for g in ledger.groups:
        if g.group == "ordinary":
            yield from _no_supervisors_on_ordinary(g)
        else:
            yield from _supervisors_may_lead(scenario, g)
    yield from _one_group_a_day(scenario, ledger)
    yield from _max_days_a_week(scenario, ledger)


def supervisor_days(ledger: Ledger) -> set[tuple[str, dt.date]]:
    """Every (supervisor, date) on which a supervisor leads a late group."""
    return {(s, g.date) for g in ledger.groups if g.group == "late" for s in g.staff}


def _enough_supervisors(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    for key in ledger.late_groups_that_run():
        _, crew, _ = key
        ratio = scenario.program.crews[crew].staff_ratio
        count = len({a.participant for a in ledger.members[key]})
        needed = supervisors_needed(count, ratio)
        listed = {s for g in ledger.records.get(key, []) for s in g.staff if s in scenario.staff}
        if len(listed) < needed:
            yield Violation(
                "staff",
                f"{capital(group_name(key))} has {count} participants and {len(listed)} "
                f"supervisor{'s' if len(listed) != 1 else ''}"
                f"{' (' + ', '.join(sorted(listed)) + ')' if listed else ''}, "
                f"but needs ceil({count} / staff_ratio {ratio}) = {needed}.",
            )


def _no_supervisors_on_ordinary(g: GroupRun) -> Iterator[Violation]:
    for s in g.staff:
        yield Violation(
            "staff_ordinary",
            f"The ordinary group of {g.crew} on {g.date} lists supervisor {s}; supervisors lead late groups only.",
        )


def _supervisors_may_lead(scenario: Scenario, g: GroupRun) -> Iterator[Violation]:
    program = scenario.program
    for s in g.staff:
        if s not in scenario.staff:
            continue
        member, lead = scenario.staff[s], f"Supervisor {s} leads the late group of {g.crew} on {g.date}"
        if g.crew not in staff_crews(scenario, s):
            yield Violation(
                "staff_eligibility",
                f"{lead}, but may lead only {', '.join(staff_crews(scenario, s)) or 'no crew'}.",
            )
        if day_name(g.date) not in member.days:
            yield Violation(
                "staff_eligibility",
                f"{lead}, but does not work on {day_name(g.date)} (days: {', '.join(member.days)}).",
            )
        arrive = g.start - program.staff_prep_minutes
        first, last = member.hours
        if not (first <= arrive and program.payout <= last):
            yield Violation(
                "staff_eligibility",
                f"{lead}, but {s}'s hours {hm(first)}–{hm(last)} do not cover {hm(arrive)} "
                f"(start {hm(g.start)} − {program.staff_prep_minutes} prep) to payout {hm(program.payout)}.",
            )


def _one_group_a_day(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    led: dict[tuple[str, dt.date], list[GroupRun]] = defaultdict(list)
    for g in ledger.groups:
        for s in set(g.staff):
            led[(s, g.date)].append(g)
    for (s, date), groups in sorted(led.items()):
        if len(groups) > 1 and s in scenario.staff:
            listed = ", ".join(f"{g.crew} {g.group}" for g in groups)
            yield Violation(
                "staff_twice",
                f"Supervisor {s} on {date} leads {len(groups)} groups ({listed}); at most one a day.",
            )


def _max_days_a_week(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    weeks: dict[tuple[str, int], set[dt.date]] = defaultdict(set)
    for s, date in supervisor_days(ledger):
        if s in scenario.staff:
            weeks[(s, week_number(scenario, date))].add(date)
    for (s, week), dates in sorted(weeks.items()):
        most = scenario.staff[s].max_days
        if len(dates) > most:
            yield Violation(
                "staff_max_days",
                f"Supervisor {s} leads groups on {len(dates)} days in week {week} "
                f"({', '.join(str(d) for d in sorted(dates))}), but max_days is {most}.",
            )

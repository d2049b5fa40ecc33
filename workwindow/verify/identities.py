"""Every id and date in the schedule must be one the scenario knows."""

from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Schedule
from workwindow.verify.facts import in_horizon, last_date
from workwindow.verify.violation import Violation


def check_identities(scenario: Scenario, schedule: Schedule) -> Iterator[Violation]:
    if schedule.scenario is not None and schedule.scenario != scenario.name:
        yield Violation("scenario", f"The schedule is for scenario '{schedule.scenario}', not '{scenario.name}'.")
    yield from _assignment_ids(scenario, schedule)
    yield from _group_ids(scenario, schedule)
    yield from _unassigned_ids(scenario, schedule)


def _assignment_ids(scenario: Scenario, schedule: Schedule) -> Iterator[Violation]:
    for a in schedule.assignments:
        if a.participant not in scenario.participants:
            yield _unknown_participant(a.participant, f"is assigned on {a.date}")
        if a.crew not in scenario.program.crews:
            yield Violation(
                "unknown_id",
                f"{a.participant} on {a.date} is assigned to crew '{a.crew}', which is not in the scenario.",
            )
        if not in_horizon(scenario, a.date):
            yield _outside(scenario, f"{a.participant} is assigned on {a.date}")


def _group_ids(scenario: Scenario, schedule: Schedule) -> Iterator[Violation]:
    for g in schedule.groups:
        name = f"The {g.group} group of {g.crew} on {g.date}"
        if g.crew not in scenario.program.crews:
            yield Violation("unknown_id", f"{name} names crew '{g.crew}', which is not in the scenario.")
        if not in_horizon(scenario, g.date):
            yield _outside(scenario, f"{name} runs on {g.date}")
        for pid in g.participants:
            if pid not in scenario.participants:
                yield _unknown_participant(pid, f"is listed in {name[0].lower()}{name[1:]}")
        for s in g.staff:
            if s not in scenario.staff:
                yield Violation("unknown_id", f"{name} lists supervisor '{s}', who is not in the scenario's staff.")


def _unassigned_ids(scenario: Scenario, schedule: Schedule) -> Iterator[Violation]:
    for u in schedule.unassigned:
        if u.participant not in scenario.participants:
            yield _unknown_participant(u.participant, f"is listed as unassigned on {u.date}")
        if not in_horizon(scenario, u.date):
            yield _outside(scenario, f"{u.participant} is listed as unassigned on {u.date}")


def _unknown_participant(pid: str, doing: str) -> Violation:
    return Violation("unknown_id", f"{pid} {doing}, but there is no participant {pid} in the scenario.")


def _outside(scenario: Scenario, what: str) -> Violation:
    return Violation(
        "outside_horizon",
        f"{what}, outside the scenario's horizon {scenario.start} to {last_date(scenario)}.",
    )

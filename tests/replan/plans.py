"""Published plans written by hand for the hand-checked replan cases."""

import datetime as dt

from workwindow.models import Scenario, Schedule, parse_time
from workwindow.models.schedule import Assignment, GroupRun, SolverInfo
from workwindow.solver.facts import ready_offset
from workwindow.solver.readback import kpis, objective_values

MONDAY = dt.date(2024, 3, 11)


def plan_of(
    scenario: Scenario, places: dict[str, tuple[str, str, str, str]], leads: dict[str, list[str]] | None = None
) -> Schedule:
    """A Monday plan: participant → (crew, group, dose, start); leads: crew → supervisors of its late group."""
    assignments = [
        Assignment(
            participant=pid,
            date=MONDAY,
            crew=crew,
            group=group,
            dose=parse_time(dose),
            ready=parse_time(dose) + ready_offset(scenario, pid, crew),
            start=parse_time(start),
            end=scenario.program.payout,
        )
        for pid, (crew, group, dose, start) in places.items()
    ]
    groups = []
    for crew, group in sorted({(a.crew, a.group) for a in assignments}):
        members = [a for a in assignments if (a.crew, a.group) == (crew, group)]
        staff = (leads or {}).get(crew, []) if group == "late" else []
        groups.append(
            GroupRun(
                date=MONDAY,
                crew=crew,
                group=group,
                start=members[0].start,
                end=members[0].end,
                participants=[a.participant for a in members],
                staff=staff,
            )
        )
    return Schedule(
        scenario=scenario.name,
        status="optimal",
        objectives=objective_values(scenario, assignments, groups),
        assignments=assignments,
        groups=groups,
        unassigned=[],
        kpis=kpis(scenario, assignments, groups),
        solver=SolverInfo(wall_seconds=0.0, workers=1, seed=0),
    )

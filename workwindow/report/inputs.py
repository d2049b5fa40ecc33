"""Read a schedule file for reports and exports, and check it belongs to the scenario.

A report drawn from a schedule of another scenario would name people and crews
that do not exist, so every reference is checked before anything is drawn.
"""

from collections.abc import Sequence
from pathlib import Path

from workwindow.errors import InputError, Problem
from workwindow.models import Scenario, Schedule, load_scenario
from workwindow.models.schedule_file import load_schedule
from workwindow.verify import with_figures

_MAX_PROBLEMS = 8


def load_inputs(scenario_path: Path, schedule_path: Path, overrides: Sequence[str] = ()) -> tuple[Scenario, Schedule]:
    scenario = load_scenario(scenario_path, overrides)
    schedule = load_schedule(schedule_path)
    check_schedule_fits(scenario, schedule, str(schedule_path))
    return scenario, _with_its_figures(scenario, schedule)


def _with_its_figures(scenario: Scenario, schedule: Schedule) -> Schedule:
    """A plan made elsewhere may give only assignments and groups; the report shows what they give."""
    if schedule.objectives is None or schedule.kpis is None:
        return with_figures(scenario, schedule)
    return schedule


def check_schedule_fits(scenario: Scenario, schedule: Schedule, source: str) -> None:
    problems = [*_same_scenario(scenario, schedule), *_references(scenario, schedule)]
    if problems:
        raise InputError(source, _capped(problems))


def _same_scenario(scenario: Scenario, schedule: Schedule) -> list[Problem]:
    if schedule.scenario in (None, scenario.name):
        return []
    return [
        Problem(
            "scenario",
            f"the schedule was made for '{schedule.scenario}', not for the scenario '{scenario.name}' "
            "(is this the scenario it was solved for?)",
        )
    ]


def _references(scenario: Scenario, schedule: Schedule) -> list[Problem]:
    dates = set(scenario.dates)
    crews = scenario.program.crews
    problems: list[Problem] = []

    def known(field: str, value: object, pool: object, kind: str) -> None:
        if value not in pool:  # type: ignore[operator]
            problems.append(Problem(field, f"{kind} '{value}' is not in the scenario"))

    for i, a in enumerate(schedule.assignments):
        known(f"assignments.{i}.participant", a.participant, scenario.participants, "participant")
        known(f"assignments.{i}.crew", a.crew, crews, "crew")
        known(f"assignments.{i}.date", a.date, dates, "date")
    for i, g in enumerate(schedule.groups):
        known(f"groups.{i}.crew", g.crew, crews, "crew")
        known(f"groups.{i}.date", g.date, dates, "date")
        for j, pid in enumerate(g.participants):
            known(f"groups.{i}.participants.{j}", pid, scenario.participants, "participant")
        for j, s in enumerate(g.staff):
            known(f"groups.{i}.staff.{j}", s, scenario.staff, "supervisor")
    for i, u in enumerate(schedule.unassigned):
        known(f"unassigned.{i}.participant", u.participant, scenario.participants, "participant")
        known(f"unassigned.{i}.date", u.date, dates, "date")
    return problems


def _capped(problems: list[Problem]) -> list[Problem]:
    """A wrong file can break every record; the first few say what is wrong."""
    if len(problems) <= _MAX_PROBLEMS:
        return problems
    rest = len(problems) - _MAX_PROBLEMS
    return [*problems[:_MAX_PROBLEMS], Problem("", f"and {rest} more like these")]

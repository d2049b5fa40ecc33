"""Warnings that a scenario cannot give anyone work, or cannot give people their minimums.

`check` says these before anyone solves, so a planner fixes the scenario
rather than wondering at an empty plan: no dosing station free for a whole
dose, minimums that exceed the places of a week, late groups no supervisor
can cover, a crew no participant can join. Participants are named by id only:
never their dose form or the values of their fields.
"""

from collections import defaultdict
from collections.abc import Sequence

from workwindow.models import WEEKDAYS, Scenario, format_time, weekday
from workwindow.models.scenario import Clinic
from workwindow.solver.facts import WeekFacts


def work_warnings(scenario: Scenario, facts: Sequence[WeekFacts], places: dict[int, int | None]) -> list[str]:
    return [
        *_clinics_without_stations(scenario),
        *_minimums_above_places(scenario, places),
        *_minimums_above_eligible_days(scenario),
        *_late_groups_no_supervisor_covers(scenario, facts),
        *_crews_no_one_can_join(scenario, facts),
    ]


def _clinics_without_stations(scenario: Scenario) -> list[str]:
    """A clinic where no dose start in the morning window has a station free for the whole dose."""
    dosed = {p.clinic for p in scenario.participants.values()}
    warnings = []
    for name, clinic in scenario.clinics.items():
        first, last = clinic.morning
        starts = range(first, last + 1, scenario.time_step)
        if name in dosed and not any(_station_free(clinic, t) for t in starts):
            warnings.append(
                f"clinic {name} has no dosing station free for a whole dose in its morning window "
                f"({format_time(first)}–{format_time(last)}; clinics.{name}.stations): "
                "nobody who takes the morning dose there can work"
            )
    return warnings


def _station_free(clinic: Clinic, start: int) -> bool:
    return all(clinic.stations_at(minute) > 0 for minute in range(start, start + clinic.dose_minutes))


def _minimums_above_places(scenario: Scenario, places: dict[int, int | None]) -> list[str]:
    wanted = sum(p.want[0] for p in scenario.participants.values())
    return [
        f"week {week}: the participants' minimums (want[0]) add up to {wanted} days but the caps allow "
        f"{allowed} participant-days: at least {_days(wanted - allowed)} will be short of a minimum"
        for week, allowed in places.items()
        if allowed is not None and wanted > allowed
    ]


def _minimums_above_eligible_days(scenario: Scenario) -> list[str]:
    """Participants whose minimum a week cannot hold: too few days with a crew open to them."""
    weeks_of: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for week in range(1, scenario.weeks + 1):
        dates = scenario.dates[7 * (week - 1) : 7 * week]
        short = tuple(
            pid
            for pid, p in scenario.participants.items()
            if sum(1 for d in dates if scenario.eligible_crews(pid, d)) < p.want[0]
        )
        if short:
            weeks_of[short].append(week)
    return [
        f"{_weeks(weeks)}: {', '.join(pids)} {'has' if len(pids) == 1 else 'have'} fewer days with a crew open "
        "to them than their minimum (want[0])"
        for pids, weeks in weeks_of.items()
    ]


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _weeks(weeks: list[int]) -> str:
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {', '.join(map(str, weeks))}"


def _late_groups_no_supervisor_covers(scenario: Scenario, facts: Sequence[WeekFacts]) -> list[str]:
    """Crew-days where someone could join the late group but no supervisor could lead it."""
    uncovered: dict[str, set[str]] = defaultdict(set)
    for week in facts:
        covered = {(s.crew, s.date) for s in week.supervisions}
        for crew, date in week.start_slots:
            if scenario.program.crews[crew].staff_ratio is not None and (crew, date) not in covered:
                uncovered[crew].add(weekday(date))
    program = scenario.program
    window = f"{format_time(scenario.latest_late_start - program.staff_prep_minutes)}–{format_time(program.payout)}"
    return [
        f"crew {crew}'s late group needs a supervisor, but on {', '.join(_in_week_order(days))} none can lead it "
        f"(staff crews, days, max_days, and hours covering at least {window}): it cannot run on those days"
        for crew, days in uncovered.items()
    ]


def _crews_no_one_can_join(scenario: Scenario, facts: Sequence[WeekFacts]) -> list[str]:
    joinable = {o.crew for week in facts for o in week.all_options}
    return [
        f"crew {crew}: no participant can ever work in it (their crews, days and away dates, "
        "or they cannot be ready and back for the afternoon dose)"
        for crew in scenario.program.crews
        if crew not in joinable and any(scenario.crew_runs(crew, d) for d in scenario.dates)
    ]


def _in_week_order(days: set[str]) -> list[str]:
    return sorted(days, key=WEEKDAYS.index)

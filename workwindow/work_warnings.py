"""Warnings that a scenario cannot give anyone work, or cannot give people their minimums.

`check` says these before anyone solves, so a planner fixes the scenario
rather than wondering at an empty plan: no dosing station free for a whole
dose, minimums that exceed the places of a week, late groups no supervisor
can cover, a crew no participant can join. Participants are named by id only:
never their dose form or the values of their fields.
"""

import datetime as dt
import heapq
from collections import Counter, defaultdict

from workwindow.horizon_facts import HorizonFacts
from workwindow.models import WEEKDAYS, Scenario, format_time, weekday
from workwindow.models.scenario import Clinic


def work_warnings(scenario: Scenario, facts: HorizonFacts, places: dict[int, int | None]) -> list[str]:
    return [
        *_clinics_without_stations(scenario),
        *_minimums_above_places(scenario, places),
        *_minimums_above_eligible_days(scenario, facts),
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


def _minimums_above_eligible_days(scenario: Scenario, facts: HorizonFacts) -> list[str]:
    """Participants whose minimum a week cannot hold: too few days with a crew open to them."""
    pids = list(scenario.participants)
    always, sometimes = _short_weeks(scenario, facts)
    weeks_of: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for week in range(1, scenario.weeks + 1):
        short = tuple(pids[i] for i in heapq.merge(always, sometimes.get(week, [])))
        if short:
            weeks_of[short].append(week)
    return _short_of_minimum_warnings(weeks_of)


def _short_of_minimum_warnings(weeks_of: dict[tuple[str, ...], list[int]]) -> list[str]:
    return [
        f"{_weeks(weeks)}: {', '.join(pids)} {'has' if len(pids) == 1 else 'have'} fewer days with a crew open "
        "to them than their minimum (want[0])"
        for pids, weeks in weeks_of.items()
    ]


def _short_weeks(scenario: Scenario, facts: HorizonFacts) -> tuple[list[int], dict[int, list[int]]]:
    """Participants (by index) short of their minimum every week, and those short in some weeks only:
    their away and closed dates take open days from those weeks."""
    open_days = facts.open_weekdays()
    first, last = scenario.dates[0], scenario.dates[-1]
    always: list[int] = []
    sometimes: dict[int, list[int]] = defaultdict(list)
    for index, (pid, p) in enumerate(scenario.participants.items()):
        days = open_days.get(pid, [])
        if len(days) < p.want[0]:
            always.append(index)
            continue
        lost = Counter(
            scenario.week_of(d) for d in {*scenario.closed, *p.away} if first <= d <= last and weekday(d) in days
        )
        for week, n in sorted(lost.items()):
            if len(days) - n < p.want[0]:
                sometimes[week].append(index)
    return always, sometimes


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _weeks(weeks: list[int]) -> str:
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {', '.join(map(str, weeks))}"


def _late_groups_no_supervisor_covers(scenario: Scenario, facts: HorizonFacts) -> list[str]:
    """Crew-days where someone could join the late group but no supervisor could lead it; crews
    in the order of the first week that shows it, then by name."""
    covered = facts.supervised()
    supervised_crews = {name for name, crew in scenario.program.crews.items() if crew.staff_ratio is not None}
    first: dict[tuple[str, str], dt.date] = {}
    for date, options in facts.options():
        for o in options:
            if o.group == "late" and o.crew in supervised_crews and (key := (o.crew, weekday(date))) not in covered:
                first[key] = min(date, first.get(key, date))
    uncovered: dict[str, set[str]] = defaultdict(set)
    for (crew, day), _ in sorted(first.items(), key=lambda item: (scenario.week_of(item[1]), item[0][0])):
        uncovered[crew].add(day)
    return _no_supervisor_warnings(scenario, uncovered)


def _no_supervisor_warnings(scenario: Scenario, uncovered: dict[str, set[str]]) -> list[str]:
    program = scenario.program
    window = f"{format_time(scenario.latest_late_start - program.staff_prep_minutes)}–{format_time(program.payout)}"
    return [
        f"crew {crew}'s late group needs a supervisor, but on {', '.join(_in_week_order(days))} none can lead it "
        f"(staff crews, days, max_days, and hours covering at least {window}): it cannot run on those days"
        for crew, days in uncovered.items()
    ]


def _crews_no_one_can_join(scenario: Scenario, facts: HorizonFacts) -> list[str]:
    return _no_one_can_join_warnings(scenario, {o.crew for _, options in facts.options() for o in options})


def _no_one_can_join_warnings(scenario: Scenario, joinable: set[str]) -> list[str]:
    return [
        f"crew {crew}: no participant can ever work in it (their crews, days and away dates, "
        "or they cannot be ready and back for the afternoon dose)"
        for crew in scenario.program.crews
        if crew not in joinable and any(scenario.crew_runs(crew, d) for d in scenario.dates)
    ]


def _in_week_order(days: set[str]) -> list[str]:
    return sorted(days, key=WEEKDAYS.index)

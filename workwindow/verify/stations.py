"""Doses in progress at a clinic never outnumber its free dosing stations."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.verify.facts import clinic_of, free_stations, station_breakpoints
from workwindow.verify.ledger import Ledger, hm
from workwindow.verify.violation import Violation

Doses = dict[tuple[str, dt.date], list[tuple[int, str]]]
"""(clinic, date) -> [(dose start, participant)]."""


def check_stations(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    for (name, date), doses in sorted(doses_by_clinic_day(scenario, ledger).items()):
        clinic = scenario.clinics[name]
        reported: set[tuple[frozenset[str], int]] = set()
        for minute in _moments_to_check(doses, station_breakpoints(clinic)):
            busy = in_progress(doses, minute, clinic.dose_minutes)
            free = free_stations(clinic, minute)
            if len(busy) > free and (frozenset(busy), free) not in reported:
                reported.add((frozenset(busy), free))
                yield Violation(
                    "stations",
                    f"Clinic {name} on {date} at {hm(minute)}: {len(busy)} doses in progress "
                    f"({', '.join(busy)}) but only {free} station{'s' if free != 1 else ''} free.",
                )


def station_peak(scenario: Scenario, ledger: Ledger) -> int:
    """The most doses in progress at once at any clinic on any day."""
    peak = 0
    for (name, _), doses in doses_by_clinic_day(scenario, ledger).items():
        minutes = scenario.clinics[name].dose_minutes
        peak = max(peak, *(len(in_progress(doses, start, minutes)) for start, _ in doses))
    return peak


def doses_by_clinic_day(scenario: Scenario, ledger: Ledger) -> Doses:
    doses: dict[tuple[str, dt.date], set[tuple[int, str]]] = defaultdict(set)
    for a in ledger.assignments:
        name, _ = clinic_of(scenario, a.participant)
        doses[(name, a.date)].add((a.dose, a.participant))
    return {key: sorted(found) for key, found in doses.items()}


def in_progress(doses: list[tuple[int, str]], minute: int, dose_minutes: int) -> list[str]:
    return [pid for start, pid in doses if start <= minute < start + dose_minutes]


def _moments_to_check(doses: list[tuple[int, str]], breakpoints: list[int]) -> list[int]:
    """The count of doses only rises at a dose start; free stations only change at a breakpoint."""
    return sorted({start for start, _ in doses} | set(breakpoints))

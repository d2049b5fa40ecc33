"""The clinic's roster: per clinic and day, each morning dose in time order with its booth.

The plan reserves a dose slot for everyone who works, so the clinic needs to
know who comes when and where. Booths are numbered by interval colouring: in
order of start, each dose takes the lowest-numbered booth that is free, so
no two doses overlap at one booth, and a dose never takes a number above the
doses in progress when it begins. Those never outnumber the stations free
at that moment (a rule every schedule keeps), so every dose's booth is among
the stations free when it begins: within `stations`, or within the free
stations of that time of day for a clinic that lists them by time of day.
Ids only: no dose form, no names.
"""

import csv
import datetime as dt
import heapq
import io
from collections import defaultdict
from dataclasses import dataclass

from workwindow.errors import WorkwindowError
from workwindow.models import Scenario, format_time, weekday
from workwindow.models.schedule import Schedule

CSV_COLUMNS = ("clinic", "date", "weekday", "start", "end", "booth", "participant")


class RosterError(WorkwindowError):
    """The schedule has more doses in progress than free stations: no roster can seat them."""


@dataclass(frozen=True)
class Dose:
    participant: str
    start: int
    end: int
    booth: int


@dataclass(frozen=True)
class ClinicDay:
    clinic: str
    date: dt.date
    doses: tuple[Dose, ...]
    """In time order (then by booth)."""

    @property
    def booths_used(self) -> int:
        return max((d.booth for d in self.doses), default=0)


def roster(scenario: Scenario, schedule: Schedule) -> list[ClinicDay]:
    """Every clinic-day with doses, by date and then clinic in scenario order."""
    starts: dict[tuple[str, dt.date], list[tuple[int, str]]] = defaultdict(list)
    for a in schedule.assignments:
        starts[(scenario.participants[a.participant].clinic or "", a.date)].append((a.dose, a.participant))
    order = list(scenario.clinics)
    days = []
    for clinic, date in sorted(starts, key=lambda key: (key[1], order.index(key[0]))):
        doses = seat(starts[(clinic, date)], scenario.clinics[clinic].dose_minutes)
        _check_stations(scenario, clinic, date, doses)
        days.append(ClinicDay(clinic, date, tuple(doses)))
    return days


def seat(starts: list[tuple[int, str]], dose_minutes: int) -> list[Dose]:
    """Interval colouring: in start order, the lowest free booth; as many booths as doses at once."""
    busy: list[tuple[int, int]] = []  # (end, booth)
    free: list[int] = []
    opened = 0
    doses = []
    for start, pid in sorted(starts):
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            booth = heapq.heappop(free)
        else:
            opened += 1
            booth = opened
        heapq.heappush(busy, (start + dose_minutes, booth))
        doses.append(Dose(pid, start, start + dose_minutes, booth))
    return doses


def roster_csv(days: list[ClinicDay]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for day in days:
        for d in day.doses:
            writer.writerow(
                (
                    day.clinic,
                    day.date.isoformat(),
                    weekday(day.date),
                    format_time(d.start),
                    format_time(d.end),
                    d.booth,
                    d.participant,
                )
            )
    return out.getvalue()


def _check_stations(scenario: Scenario, clinic: str, date: dt.date, doses: list[Dose]) -> None:
    """A booth above the stations free when its dose begins means the plan breaks the station rule."""
    for d in doses:
        free = scenario.clinics[clinic].stations_at(d.start)
        if d.booth > free:
            raise RosterError(
                f"clinic {clinic} on {date} at {format_time(d.start)}: at least {d.booth} doses in progress but only "
                f"{free} station{'s' if free != 1 else ''} free, so the plan cannot be seated; "
                "run workwindow verify on it"
            )

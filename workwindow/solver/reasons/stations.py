"""The `stations` family: witnesses that one more dose fits, and proofs that it cannot."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from workwindow.models import Scenario, format_time
from workwindow.models.schedule import Assignment
from workwindow.solver.bounds import doses_startable_by
from workwindow.solver.facts import Option, ParticipantDay, WeekFacts


def stations_detail(scenario: Scenario, key: ParticipantDay, window: list[int] | None = None) -> str:
    """Why no dose fits; `window` (the participant's dose slots) is health data, for the clinic only:
    its ends tell a fixed dose time, and its last slot the observation."""
    clinic_id = scenario.participants[key[0]].clinic
    clinic = scenario.clinics[clinic_id]
    stations = clinic.stations if isinstance(clinic.stations, int) else "the listed"
    when = f"between {format_time(window[0])} and {format_time(window[-1])}" if window else "early enough"
    return (
        f"no dose slot at {clinic_id} {when} is free "
        f"({stations} stations, {clinic.dose_minutes} min a dose) beside the others' doses"
    )


@dataclass
class Stations:
    """The doses of one date as scheduled, and whether one more fits beside them."""

    scenario: Scenario
    facts: WeekFacts
    date: dt.date
    held: list[Assignment]
    """The date's assignments, held as scheduled."""
    _free_stations: dict[str, dict[int, int]] = field(default_factory=dict)

    def fit(self, option: Option) -> bool:
        """A witness that the stations allow this option: a free slot beside the others' doses
        as scheduled, or else all of the clinic's doses that day placed anew, earliest deadline first."""
        return self._dose_for(option) is not None or self._doses_replaced(option)

    def refuse(self, key: ParticipantDay, options: list[Option]) -> bool:
        """More doses must start by some minute than the clinic's stations can start by then.

        Everyone's dose must start by a deadline (the ordinary group's, or
        for a late group the latest start less their offset; a fixed dose at
        its time), and no dose starts before the morning opens; counting
        those against `doses_startable_by` is a necessary condition for any
        placement of the doses, so a count that fails proves the refusal.
        """
        clinic_id = self.scenario.participants[key[0]].clinic
        clinic = self.scenario.clinics[clinic_id]
        deadlines = [self._deadline(a) for a in self._held_at(clinic_id)]
        slots = self.facts.dose_slots[key]
        own = max(self._latest_dose(o) for o in options)
        deadlines.append(max((t for t in slots if t <= own), default=own))
        deadlines.sort()
        return any(
            deadlines[i] < clinic.morning[0] or i + 1 > doses_startable_by(clinic, d) for i, d in enumerate(deadlines)
        )

    def _doses_replaced(self, option: Option) -> bool:
        clinic_id = self.scenario.participants[option.participant].clinic
        clinic = self.scenario.clinics[clinic_id]
        people = [((a.participant, a.date), self._deadline(a)) for a in self._held_at(clinic_id)]
        people.append(((option.participant, option.date), self._latest_dose(option)))
        free = {m: clinic.stations_at(m) for m in range(clinic.morning[0], clinic.morning[1] + clinic.dose_minutes)}
        length = clinic.dose_minutes
        placed: set[ParticipantDay] = set()

        def place(key: ParticipantDay, t: int) -> None:
            placed.add(key)
            for m in range(t, t + length):
                free[m] = free.get(m, 0) - 1

        waiting: dict[int, list[tuple[int, ParticipantDay]]] = defaultdict(list)
        for key, deadline in people:
            slots = [t for t in self.facts.dose_slots[key] if t <= deadline]
            if len(slots) == 1:
                place(key, slots[0])
            else:
                for t in slots:
                    waiting[t].append((deadline, key))
        if any(n < 0 for n in free.values()):
            return False
        for t in sorted(waiting):
            for _, key in sorted(waiting[t]):
                if key not in placed and all(free.get(m, 0) >= 1 for m in range(t, t + length)):
                    place(key, t)
        return len(placed) == len(people)

    def _dose_for(self, option: Option) -> int | None:
        """The earliest dose slot free beside the others' doses as scheduled that this option can use."""
        key = (option.participant, option.date)
        clinic_id = self.scenario.participants[option.participant].clinic
        length = self.scenario.clinics[clinic_id].dose_minutes
        free = self._free(clinic_id)
        last = self._latest_dose(option)
        for t in self.facts.dose_slots[key]:
            if t > last:
                return None
            if all(free.get(m, 0) >= 1 for m in range(t, t + length)):
                return t
        return None

    def _free(self, clinic_id: str) -> dict[int, int]:
        """Stations free at each minute of the morning beside the doses as scheduled."""
        if clinic_id not in self._free_stations:
            clinic = self.scenario.clinics[clinic_id]
            minutes = range(clinic.morning[0], clinic.morning[1] + clinic.dose_minutes)
            free = {m: clinic.stations_at(m) for m in minutes}
            for a in self._held_at(clinic_id):
                for m in range(a.dose, a.dose + clinic.dose_minutes):
                    free[m] = free.get(m, 0) - 1
            self._free_stations[clinic_id] = free
        return self._free_stations[clinic_id]

    def _held_at(self, clinic_id: str) -> list[Assignment]:
        return [a for a in self.held if self.scenario.participants[a.participant].clinic == clinic_id]

    def _deadline(self, a: Assignment) -> int:
        if self.scenario.participants[a.participant].morning_dose is not None:
            return a.dose
        option = next(o for o in self.facts.options[(a.participant, a.date)] if (o.crew, o.group) == (a.crew, a.group))
        return self._latest_dose(option)

    def _latest_dose(self, option: Option) -> int:
        if option.group == "late":
            return self.facts.start_slots[(option.crew, option.date)][-1] - option.offset
        return option.deadline

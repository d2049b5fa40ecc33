"""The solver's per-day facts over a whole horizon, worked out once per participant and weekday.

What a participant can do on a date depends on the date only through its
weekday, their away dates and the closed dates. So `check` works out one
typical week (nobody away, nothing closed) and, for each participant-weekday,
the first date of the horizon that holds it, instead of the facts of every
week: 53 weeks of 10,000 participants cost what one week does.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from workwindow.models import Scenario, weekday
from workwindow.solver.facts import Option, ParticipantDay, StaticReason, WeekFacts, week_facts


@dataclass(frozen=True)
class HorizonFacts:
    typical: WeekFacts
    """Week 1 as if nobody were away and nothing closed."""
    first_dates: dict[ParticipantDay, dt.date]
    """Per participant-day of `typical`, the first date of its weekday in the horizon that the
    participant is not away and nothing is closed; missing when the horizon holds none."""

    def options(self) -> Iterator[tuple[dt.date, list[Option]]]:
        """The options of every participant-weekday that some date holds, with that first date."""
        for key, options in self.typical.options.items():
            if key in self.first_dates:
                yield self.first_dates[key], options

    def static_reasons(self) -> Iterator[tuple[str, dt.date, StaticReason]]:
        for key, reason in self.typical.static_reasons.items():
            if key in self.first_dates:
                yield key[0], self.first_dates[key], reason

    def open_weekdays(self) -> dict[str, list[str]]:
        """Per participant, the weekdays some crew open to them runs (before away and closed dates)."""
        days: dict[str, list[str]] = {}
        for pid, date in [*self.typical.options, *self.typical.static_reasons]:
            days.setdefault(pid, []).append(weekday(date))
        return days

    def supervised(self) -> set[tuple[str, str]]:
        """(crew, weekday) whose late group some supervisor could lead."""
        return {(s.crew, weekday(s.date)) for s in self.typical.supervisions}


def horizon_facts(scenario: Scenario) -> HorizonFacts:
    typical = week_facts(_nobody_away(scenario), 1)
    closed = set(scenario.closed)
    last = scenario.dates[-1]
    first_dates = {}
    for key in [*typical.options, *typical.static_reasons]:
        pid, date = key
        away = scenario.participants[pid].away
        skipped = closed.union(away) if away else closed
        while date <= last and date in skipped:
            date += dt.timedelta(days=7)
        if date <= last:
            first_dates[key] = date
    return HorizonFacts(typical, first_dates)


def _nobody_away(scenario: Scenario) -> Scenario:
    participants = {pid: p.model_copy(update={"away": []}) if p.away else p for pid, p in scenario.participants.items()}
    return scenario.model_copy(update={"closed": [], "participants": participants})

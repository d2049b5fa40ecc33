"""The rules of a scenario that relate fields to each other, each a small named check.

Each check yields the field path it blames with a sentence, so that the
loader can point at the line; `Scenario` runs them all after its fields.
"""

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from workwindow.models.fields import FieldPath, weekday
from workwindow.models.times import format_time
from workwindow.models.uncertainty import distribution_problems

if TYPE_CHECKING:
    from workwindow.models.scenario import Participant, Scenario, StationSlot


def problems_of(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    yield from _start_is_monday(scenario)
    yield from _windows_are_ordered(scenario)
    yield from _times_on_grid(scenario)
    yield from _references_exist(scenario)
    yield from _wants_are_ordered(scenario)
    yield from _morning_doses_fit(scenario)
    yield from _objective_has_no_repeats(scenario)
    yield from _replan_has_no_repeats(scenario)
    yield from _uncertainty_fits(scenario)


def _start_is_monday(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    if scenario.start.weekday() != 0:
        yield ("start",), f"{scenario.start} is a {weekday(scenario.start)}; the horizon starts on a Monday"


def _windows_are_ordered(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    for k, clinic in scenario.clinics.items():
        for name in ("morning", "afternoon"):
            first, last = getattr(clinic, name)
            if last < first:
                yield ("clinics", k, name), _ends_before_it_starts(first, last)
        if isinstance(clinic.stations, list):
            yield from _station_slots_problems(k, clinic.stations)
    for s, member in scenario.staff.items():
        if member.hours[1] < member.hours[0]:
            yield ("staff", s, "hours"), _ends_before_it_starts(*member.hours)
    program = scenario.program
    if program.latest_start < program.ordinary_start:
        yield (
            ("program", "latest_start"),
            (f"{format_time(program.latest_start)} is before the ordinary start {format_time(program.ordinary_start)}"),
        )
    if program.payout <= program.ordinary_start:
        yield (
            ("program", "payout"),
            (f"{format_time(program.payout)} is not after the ordinary start {format_time(program.ordinary_start)}"),
        )


def _times_on_grid(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    step = scenario.time_step
    timed: list[tuple[FieldPath, int]] = [
        (("program", name), getattr(scenario.program, name)) for name in ("ordinary_start", "latest_start", "payout")
    ]
    for k, clinic in scenario.clinics.items():
        timed += [(("clinics", k, "morning", i), t) for i, t in enumerate(clinic.morning)]
    for pid, p in scenario.participants.items():
        if p.morning_dose is not None:
            timed.append((("participants", pid, "morning_dose"), p.morning_dose))
    for path, minutes in timed:
        if minutes % step:
            value = "" if path[0] == "participants" else f"{format_time(minutes)} "
            yield path, f"{value}is off the {step}-minute grid (time_step)"


def _references_exist(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    for c, crew in scenario.program.crews.items():
        if crew.site not in scenario.sites:
            yield ("program", "crews", c, "site"), _unknown("site", crew.site, scenario.sites)
    for site_id, site in scenario.sites.items():
        for k in site.travel:
            if k not in scenario.clinics:
                yield ("sites", site_id, "travel", k), _unknown("clinic", k, scenario.clinics)
    for s, member in scenario.staff.items():
        for i, c in enumerate(member.crews or []):
            if c not in scenario.program.crews:
                yield ("staff", s, "crews", i), _unknown("crew", c, scenario.program.crews)
    for pid, p in scenario.participants.items():
        yield from _participant_references(scenario, pid, p)


def _participant_references(scenario: "Scenario", pid: str, p: "Participant") -> Iterator[tuple[FieldPath, str]]:
    if p.clinic is None:
        yield (
            ("participants", pid, "clinic"),
            (f"required when there is more than one clinic ({', '.join(scenario.clinics)})"),
        )
        return
    if p.clinic not in scenario.clinics:
        yield ("participants", pid, "clinic"), _unknown("clinic", p.clinic, scenario.clinics)
        return
    for i, c in enumerate(p.crews or []):
        if c not in scenario.program.crews:
            yield ("participants", pid, "crews", i), _unknown("crew", c, scenario.program.crews)
            continue
        site_id = scenario.program.crews[c].site
        site = scenario.sites.get(site_id)
        if site is not None and p.clinic not in site.travel:
            yield (
                ("sites", site_id, "travel"),
                (f"has no travel time from clinic '{p.clinic}', which {pid} (crew {c}) needs"),
            )


# A participant's own values are never echoed: the message may reach people who must not see them.


def _wants_are_ordered(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    for pid, p in scenario.participants.items():
        if p.want[0] > p.want[1]:
            yield (
                ("participants", pid, "want"),
                "the minimum is above the maximum",
            )


def _morning_doses_fit(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    for pid, p in scenario.participants.items():
        if p.morning_dose is None or p.clinic not in scenario.clinics:
            continue
        first, last = scenario.clinics[p.clinic].morning
        if not first <= p.morning_dose <= last:
            yield (
                ("participants", pid, "morning_dose"),
                (f"is outside clinic {p.clinic}'s morning window {format_time(first)}–{format_time(last)}"),
            )


def _objective_has_no_repeats(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    seen: set[str] = set()
    for i, name in enumerate(scenario.objective):
        if name in seen:
            yield ("objective", i), f"'{name}' is listed twice"
        seen.add(name)


def _replan_has_no_repeats(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    for i, name in enumerate(scenario.replan):
        if name in scenario.replan[:i]:
            yield ("replan", i), f"'{name}' is listed twice"


def _uncertainty_fits(scenario: "Scenario") -> Iterator[tuple[FieldPath, str]]:
    yield from distribution_problems(scenario.uncertainty, scenario.time_step)
    for pid in scenario.uncertainty.participants:
        if pid not in scenario.participants:
            yield ("uncertainty", "participants", pid), f"unknown participant '{pid}' (not under participants)"


def _unknown(kind: str, name: str, known: dict) -> str:
    return f"unknown {kind} '{name}' (known: {', '.join(known) or 'none'})"


def _ends_before_it_starts(first: int, last: int) -> str:
    return f"ends at {format_time(last)}, before it starts at {format_time(first)}"


def _station_slots_problems(clinic: str, slots: "list[StationSlot]") -> Iterator[tuple[FieldPath, str]]:
    for i, slot in enumerate(slots):
        if slot.to <= slot.from_:
            yield ("clinics", clinic, "stations", i), _ends_before_it_starts(slot.from_, slot.to)
    ordered = sorted(enumerate(slots), key=lambda item: item[1].from_)
    for (_, before), (i, after) in itertools.pairwise(ordered):
        if after.from_ < before.to:
            yield (
                ("clinics", clinic, "stations", i),
                (
                    f"{format_time(after.from_)}–{format_time(after.to)} overlaps "
                    f"{format_time(before.from_)}–{format_time(before.to)}"
                ),
            )

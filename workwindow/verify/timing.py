"""Each worker's morning: a dose the clinic can give, ready before the group, back by afternoon."""

from collections.abc import Iterator

from workwindow.models.scenario import Scenario
from workwindow.models.schedule import Assignment
from workwindow.verify.facts import clinic_of, observation_minutes, travel_minutes
from workwindow.verify.ledger import Ledger, hm
from workwindow.verify.violation import Violation


def check_timing(scenario: Scenario, ledger: Ledger) -> Iterator[Violation]:
    for a in ledger.assignments:
        yield from _dose(scenario, a, given=(a.participant, a.date) in ledger.dose_given)
        travel = travel_minutes(scenario, a.participant, a.crew)
        if travel is None:
            continue  # a crew p may not join (reported as not_eligible), with no way there
        yield from _ready(scenario, ledger, a, travel)
        yield from _back_for_afternoon(scenario, a, travel)


def _dose(scenario: Scenario, a: Assignment, *, given: bool) -> Iterator[Violation]:
    who = f"{a.participant} on {a.date}"
    name, clinic = clinic_of(scenario, a.participant)
    first, last = clinic.morning
    if not first <= a.dose <= last:
        yield Violation(
            "dose_window",
            f"{who}: morning dose at {hm(a.dose)} is outside clinic {name}'s morning window {hm(first)}–{hm(last)}.",
        )
    if a.dose % scenario.time_step:
        yield Violation(
            "dose_grid",
            f"{who}: morning dose at {hm(a.dose)} is off the {scenario.time_step}-minute grid (time_step).",
        )
    fixed = scenario.participants[a.participant].morning_dose
    if fixed is not None and a.dose != fixed and not given:
        yield Violation(
            "dose_fixed",
            f"{who}: morning dose at {hm(a.dose)}, but {a.participant}'s dose is fixed at {hm(fixed)}.",
        )


def _ready(scenario: Scenario, ledger: Ledger, a: Assignment, travel: int) -> Iterator[Violation]:
    """ready = dose + dose_minutes + observation + travel, and no later than the group's start.

    A replan may record that a participant's observation that morning was not
    the scenario's: the plan's `ready` then stands, as long as it leaves room
    for the dose and the travel.
    """
    who = f"{a.participant} on {a.date}"
    _, clinic = clinic_of(scenario, a.participant)
    if (a.participant, a.date) in ledger.observed:
        observation = a.ready - a.dose - clinic.dose_minutes - travel
        if observation < 0:
            yield Violation(
                "ready_reported", f"{who}: ready is given as {hm(a.ready)}, before the dose and travel end."
            )
    else:
        observation = observation_minutes(scenario, a.participant)
    ready = a.dose + clinic.dose_minutes + observation + travel
    sum_text = f"dose at {hm(a.dose)} + {clinic.dose_minutes} + {observation} observation + {travel} travel"
    if a.ready != ready:
        yield Violation("ready_reported", f"{who}: ready is given as {hm(a.ready)}, but {sum_text} makes {hm(ready)}.")
    if a.group == "ordinary":
        start, group = scenario.program.ordinary_start, f"the ordinary group of {a.crew}"
    else:
        start = min(a.start, ledger.start_of((a.date, a.crew, a.group)))
        group = f"the late group of {a.crew}"
    if ready > start:
        yield Violation("ready", f"{who}: ready {hm(ready)} after {sum_text}, but {group} starts {hm(start)}.")


def _back_for_afternoon(scenario: Scenario, a: Assignment, travel: int) -> Iterator[Violation]:
    name, clinic = clinic_of(scenario, a.participant)
    payout = scenario.program.payout
    latest = clinic.afternoon[1] - clinic.dose_minutes
    if payout + travel > latest:
        yield Violation(
            "afternoon",
            f"{a.participant} on {a.date} ({a.crew}): back at clinic {name} at {hm(payout + travel)} "
            f"(payout {hm(payout)} + {travel} travel), but the afternoon dose must begin by {hm(latest)} "
            f"(window closes {hm(clinic.afternoon[1])} − {clinic.dose_minutes} dose minutes).",
        )

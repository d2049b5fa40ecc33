"""Hypothesis strategies for small, valid scenarios.

Every drawn scenario passes `Scenario.model_validate`: times are on the grid
where the scenario demands it, windows are ordered, station slots do not
overlap, references exist, wants are ordered and fixed doses sit in their
clinic's window. Sizes stay small so that solver and brute force both finish
quickly: one week, 1–2 clinics, 1–2 crews, up to 5 participants.
"""

import datetime as dt
import itertools

from hypothesis import strategies as st

from workwindow.models import OBJECTIVES, WEEKDAYS, Scenario, format_time

START = dt.date(2024, 3, 11)  # a Monday
DATES = [START + dt.timedelta(days=i) for i in range(7)]


def scenarios(
    *, max_participants: int = 5, work_days: int | None = None, busy: bool = False
) -> st.SearchStrategy[Scenario]:
    """Small valid scenarios; with `work_days`, crews run on at most that many weekdays.

    `busy` mornings have one clinic with few stations, injection patients who
    mostly miss the ordinary start, and supervised late groups: draws where
    late starts, stations and supervisors' hours decide the plan.
    """
    return scenario_data(max_participants=max_participants, work_days=work_days, busy=busy).map(Scenario.model_validate)


def tiny_scenarios(*, busy: bool = False) -> st.SearchStrategy[Scenario]:
    """Small enough for the brute force: up to 4 participants, crews on at most 2 days."""
    return scenarios(max_participants=4, work_days=2, busy=busy)


@st.composite
def scenario_data(
    draw: st.DrawFn, *, max_participants: int = 5, work_days: int | None = None, busy: bool = False
) -> dict:
    step = draw(st.sampled_from([5, 10, 15]))
    clinic_count = 1 if busy else draw(st.integers(1, 2))
    clinics = {f"k{i}": draw(clinic_data(step, busy)) for i in range(1, clinic_count + 1)}
    crew_ids = [f"c{i}" for i in range(1, draw(st.integers(1, 2)) + 1)]
    open_days = WEEKDAYS if work_days is None else draw(_subset(WEEKDAYS, min_size=work_days, max_size=work_days))
    data = {
        "name": "drawn",
        "start": START.isoformat(),
        "weeks": 1,
        "time_step": step,
        "closed": [d.isoformat() for d in draw(_subset(DATES, max_size=1))] if _sometimes(draw) else [],
        "clinics": clinics,
        "sites": {f"s_{c}": {"travel": {k: draw(st.integers(0, 30)) for k in clinics}} for c in crew_ids},
        "program": draw(program_data(step, crew_ids, open_days, busy)),
        "objective": draw(objective_orders()),
    }
    data["staff"] = {
        f"s{i}": draw(staff_data(crew_ids, open_days, data["program"], busy))
        for i in range(1, draw(st.sampled_from([1, 2] if busy else [0, 1, 1, 2, 2])) + 1)
    }
    count = draw(st.sampled_from([n for n in range(2 if busy else 1, max_participants + 1) for _ in range(n)]))
    data["participants"] = {
        f"P{i}": draw(participant_data(clinics, crew_ids, step, open_days, busy)) for i in range(1, count + 1)
    }
    return data


@st.composite
def clinic_data(draw: st.DrawFn, step: int, busy: bool = False) -> dict:
    first = draw(_on_grid(8 * 60, 8 * 60 + 15, step) if busy else _on_grid(7 * 60 + 45, 8 * 60 + 30, step))
    last = first + draw(_on_grid(0, 120, step))
    afternoon_close = draw(st.integers(12 * 60 + 15, 17 * 60)) if _sometimes(draw) else 17 * 60
    return {
        "morning": [format_time(first), format_time(last)],
        "afternoon": [format_time(min(14 * 60, afternoon_close)), format_time(afternoon_close)],
        "stations": draw(st.one_of(st.sampled_from([1, 1, 2] if busy else [1, 1, 2, 2, 3]), station_profiles())),
        "dose_minutes": draw(st.integers(5, 15)),
        "observation": {"injection": draw(st.integers(15, 40)), "tablet": draw(st.integers(0, 20))},
    }


@st.composite
def station_profiles(draw: st.DrawFn) -> list[dict]:
    """Back-to-back slots from 07:00 to 11:00, sometimes with one left out (a gap with none)."""
    inner = sorted(draw(st.sets(st.integers(7 * 60 + 1, 11 * 60 - 1), min_size=1, max_size=3)))
    cuts = [7 * 60, *inner, 11 * 60]
    slots = [
        {
            "from": format_time(a),
            "to": format_time(b),
            "n": draw(st.integers(0, 3)) if _sometimes(draw) else 2,
        }
        for a, b in itertools.pairwise(cuts)
    ]
    if _sometimes(draw):
        del slots[draw(st.integers(0, len(slots) - 1))]
    return slots


@st.composite
def program_data(draw: st.DrawFn, step: int, crew_ids: list[str], open_days: tuple | list, busy: bool = False) -> dict:
    ordinary = draw(_on_grid(8 * 60 + 45, 9 * 60 + 15 if busy else 9 * 60 + 30, step))
    late_window = draw(_on_grid(0, 90, step))
    work = draw(_on_grid(60, 240, step))
    # mostly leave the late window open; now and then let min_work_minutes close it
    min_work = draw(st.integers(0, 150)) if _sometimes(draw) else draw(st.integers(0, max(0, work - late_window)))
    program: dict = {
        "ordinary_start": format_time(ordinary),
        "latest_start": format_time(ordinary + late_window),
        "payout": format_time(ordinary + work),
        "min_work_minutes": min_work,
        "staff_prep_minutes": draw(st.integers(0, 30)),
        "crews": {c: draw(crew_data(c, open_days, busy)) for c in crew_ids},
    }
    if draw(st.booleans()):
        program["daily_cap"] = draw(_mostly_positive(5))
    if draw(st.booleans()):
        program["ramp_up"] = {1: draw(_mostly_positive(5))}
    return program


@st.composite
def crew_data(draw: st.DrawFn, crew: str, open_days: tuple | list, busy: bool = False) -> dict:
    data = {"site": f"s_{crew}", "days": sorted(draw(_subset(open_days, min_size=1)), key=WEEKDAYS.index)}
    for field in ("late_capacity", "ordinary_capacity"):
        if draw(st.booleans()):
            data[field] = draw(_mostly_positive(3))
    if busy or draw(st.booleans()):
        data["staff_ratio"] = draw(st.integers(1, 2 if busy else 3))
    return data


@st.composite
def staff_data(
    draw: st.DrawFn, crew_ids: list[str], open_days: tuple | list, program: dict, busy: bool = False
) -> dict:
    """A supervisor whose hours, when partial, mostly begin around the late starts and end near payout."""
    member: dict = {}
    if not busy and draw(st.booleans()):
        member["crews"] = draw(_subset(crew_ids))
    if not busy and draw(st.booleans()):
        member["days"] = draw(_days(open_days))
    if busy or draw(st.booleans()):
        ordinary, latest, payout = (_minutes(program[f]) for f in ("ordinary_start", "latest_start", "payout"))
        member["hours"] = [
            format_time(draw(st.sampled_from(range(ordinary - 45, latest + 16)))),
            format_time(draw(st.sampled_from(range(max(latest + 16, payout - 15), payout + 61)))),
        ]
    if draw(st.booleans()):
        member["max_days"] = draw(st.sampled_from([0, 1, 1, 1, 2, 3]))
    return member


@st.composite
def participant_data(
    draw: st.DrawFn, clinics: dict, crew_ids: list[str], step: int, open_days: tuple | list, busy: bool = False
) -> dict:
    clinic = draw(st.sampled_from(sorted(clinics)))
    forms = ["injection", "injection", "injection", "tablet"] if busy else ["injection", "tablet"]
    p: dict = {"dose_form": draw(st.sampled_from(forms))}
    if len(clinics) > 1 or draw(st.booleans()):
        p["clinic"] = clinic
    if draw(st.booleans()):
        p["crews"] = draw(_subset(crew_ids, min_size=1 if draw(st.booleans()) else 0))
    if _sometimes(draw):
        p["days"] = draw(_days(open_days))
    if draw(st.booleans()):
        low = draw(st.integers(0, 3))
        p["want"] = [low, draw(st.integers(low, 3))]
    if draw(st.booleans()):
        p["priority"] = draw(st.integers(0, 3))
    if _sometimes(draw):
        p["away"] = [d.isoformat() for d in draw(_subset(DATES, max_size=2))]
    if draw(st.booleans()):
        p["observation"] = draw(st.integers(0, 45))
    if draw(st.booleans()):
        first, last = (_minutes(t) for t in clinics[clinic]["morning"])
        p["morning_dose"] = format_time(draw(_on_grid(first, min(last, first + 60), step)))
    return p


def objective_orders() -> st.SearchStrategy[list[str]]:
    """Mostly all four objectives in a random order; sometimes only some of them."""
    every = st.permutations(list(OBJECTIVES))
    some = st.lists(st.sampled_from(OBJECTIVES), min_size=1, max_size=3, unique=True)
    return st.one_of(every, every, some)


def _sometimes(draw: st.DrawFn) -> bool:
    """True one time in three: for fields that, set too often, leave nobody able to work."""
    return draw(st.integers(0, 2)) == 0


def _mostly_positive(high: int) -> st.SearchStrategy[int]:
    """A cap of 0 shuts everything; draw it now and then, not half the time."""
    return st.sampled_from([0] + [n for n in range(1, high + 1) for _ in range(2 if n == 1 else 1)] * 2)


@st.composite
def _days(draw: st.DrawFn, open_days: tuple | list) -> list[str]:
    """At least one day a crew may run on, plus some others: a list that matters."""
    chosen = set(draw(_subset(open_days, min_size=1))) | set(draw(_subset(WEEKDAYS, max_size=2)))
    return sorted(chosen, key=WEEKDAYS.index)


def _on_grid(low: int, high: int, step: int) -> st.SearchStrategy[int]:
    """Grid times in [low, high], drawn evenly (integers() favours the ends)."""
    return st.sampled_from(range(-(-low // step) * step, high + 1, step))


def _subset(items, *, min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[list]:
    return st.lists(st.sampled_from(list(items)), min_size=min_size, max_size=max_size, unique=True)


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)

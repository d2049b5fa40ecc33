"""The brute force itself, on cases worked out by hand, and its dose placement against plain enumeration."""

import copy
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.brute_force import Dose, doses_fit, optimum
from workwindow.models import Scenario
from workwindow.models.scenario import Clinic

MON, TUE = "2024-03-11", "2024-03-12"

BASE = {
    "name": "hand",
    "start": MON,
    "clinics": {
        "k": {
            "morning": ["08:00", "10:00"],
            "afternoon": ["14:00", "17:00"],
            "stations": 2,
            "dose_minutes": 10,
            "observation": {"injection": 30, "tablet": 10},
        }
    },
    "sites": {"site": {"travel": {"k": 20}}},
    "program": {
        "ordinary_start": "09:00",
        "latest_start": "10:00",
        "payout": "12:00",
        "crews": {"c": {"site": "site", "days": ["mon"]}},
    },
    "staff": {},
    "participants": {},
}


def scenario(*, participants: dict, program: dict | None = None, **fields) -> Scenario:
    data = copy.deepcopy(BASE)
    data["participants"] = participants
    data["program"].update(program or {})
    for key, value in fields.items():
        data[key] = value
    return Scenario.model_validate(data)


def test_a_tablet_participant_works_in_the_ordinary_group():
    # 08:00 + 10 + 10 + 20 = 08:40 <= 09:00
    s = scenario(participants={"P1": {"dose_form": "tablet", "want": [1, 1]}})
    assert optimum(s) == (0, 1, 0, 0)


def test_an_injection_participant_starts_late_by_the_minutes_missing():
    # 08:00 + 10 + 30 + 20 = 09:00; observation 35 makes it 09:05: late start 5
    s = scenario(participants={"P1": {"dose_form": "injection", "observation": 35}})
    assert optimum(s) == (0, 1, 5, 0)


def test_one_station_staggers_the_doses_and_the_late_start():
    # doses 08:00 and 08:10 on one station: ready 09:05 and 09:15, one late group at 09:15
    s = scenario(
        participants={
            "P1": {"dose_form": "injection", "observation": 35},
            "P2": {"dose_form": "injection", "observation": 35},
        },
        clinics={**BASE["clinics"], "k": {**BASE["clinics"]["k"], "stations": 1}},
    )
    assert optimum(s) == (0, 2, 15, 0)


def test_a_station_profile_with_a_gap_moves_the_dose():
    # no station 08:00-08:30: dose 08:30 -> ready 09:30
    stations = [{"from": "08:30", "to": "10:00", "n": 1}]
    s = scenario(
        participants={"P1": {"dose_form": "injection"}},
        clinics={"k": {**BASE["clinics"]["k"], "stations": stations}},
    )
    assert optimum(s) == (0, 1, 30, 0)


def test_a_supervisor_arriving_late_holds_back_the_late_start():
    # ready 09:00 would allow 09:00, but the only supervisor comes 09:20 + 15 prep
    s = scenario(
        participants={"P1": {"dose_form": "injection", "observation": 35}},
        program={
            "staff_prep_minutes": 15,
            "crews": {"c": {"site": "site", "days": ["mon"], "staff_ratio": 2}},
        },
        staff={"s": {"hours": ["09:20", "12:00"]}},
    )
    assert optimum(s) == (0, 1, 35, 1)


def test_without_a_supervisor_nobody_works_late():
    s = scenario(
        participants={"P1": {"dose_form": "injection", "observation": 35, "want": [1, 1], "priority": 2}},
        program={"crews": {"c": {"site": "site", "days": ["mon"], "staff_ratio": 2}}},
        staff={"s": {"hours": ["09:20", "11:30"]}},  # leaves before payout
    )
    assert optimum(s) == (2, 0, 0, 0)


def test_the_daily_cap_goes_to_the_higher_priority():
    s = scenario(
        participants={"P1": {"dose_form": "tablet"}, "P2": {"dose_form": "tablet", "priority": 3}},
        program={"daily_cap": 1},
    )
    assert optimum(s) == (0, 3, 0, 0)


def test_the_objective_order_decides_between_days_and_late_start():
    people = {"P1": {"dose_form": "tablet"}, "P2": {"dose_form": "injection", "observation": 40}}
    days_first = scenario(participants=people, objective=["participant_days", "late_start"])
    late_first = scenario(participants=people, objective=["late_start", "participant_days"])
    assert optimum(days_first) == (2, 10)
    assert optimum(late_first) == (0, 1)


def test_want_max_and_shortfall_count_over_the_week():
    crews = {"c": {"site": "site", "days": ["mon", "tue"]}}
    s = scenario(
        participants={
            "P1": {"dose_form": "tablet", "want": [0, 1]},
            "P2": {"dose_form": "tablet", "want": [2, 2], "priority": 2, "away": [TUE]},
        },
        program={"crews": crews},
    )
    # P1 works one of two days; P2 can only work monday: one day short, weighted 2
    assert optimum(s) == (2, 3, 0, 0)


def test_a_supervisor_with_one_day_a_week_covers_one_late_day():
    s = scenario(
        participants={"P1": {"dose_form": "injection", "observation": 35}},
        program={"crews": {"c": {"site": "site", "days": ["mon", "tue"], "staff_ratio": 1}}},
        staff={"s": {"max_days": 1}},
    )
    assert optimum(s) == (0, 1, 5, 1)


def test_the_afternoon_dose_rules_out_a_far_crew():
    s = scenario(
        participants={"P1": {"dose_form": "tablet"}},
        clinics={"k": {**BASE["clinics"]["k"], "afternoon": ["12:00", "12:25"]}},
    )
    # back at 12:20 but the last afternoon dose must begin by 12:15
    assert optimum(s) == (0, 0, 0, 0)


def test_two_late_crews_share_one_station():
    # one station: doses 08:00 and 08:10 in either order; each crew starts when its member is ready
    s = scenario(
        participants={
            "P1": {"dose_form": "injection", "crews": ["c"]},
            "P2": {"dose_form": "injection", "crews": ["d"]},
        },
        clinics={"k": {**BASE["clinics"]["k"], "stations": 1}},
        sites={"site": {"travel": {"k": 20}}, "far": {"travel": {"k": 25}}},
        program={
            "ordinary_start": "08:45",
            "crews": {"c": {"site": "site", "days": ["mon"]}, "d": {"site": "far", "days": ["mon"]}},
        },
    )
    # P1 first: 09:00 (15) and P2 09:15 (30) = 45; P2 first: 09:05 (20) and P1 09:10 (25) = 45
    assert optimum(s) == (0, 2, 45, 0)


def test_a_fixed_dose_is_kept_even_when_a_slot_is_free_earlier():
    s = scenario(participants={"P1": {"dose_form": "tablet", "morning_dose": "08:40"}})
    # 08:40 + 10 + 10 + 20 = 09:20: late start 20
    assert optimum(s) == (0, 1, 20, 0)


# -- the greedy dose placement against plain enumeration -----------------------

STEP = 5


@st.composite
def dose_cases(draw) -> tuple[Clinic, list[Dose]]:
    dose_minutes = draw(st.integers(3, 15))
    if draw(st.booleans()):
        stations = draw(st.integers(0, 2))
    else:
        cuts = sorted(draw(st.sets(st.integers(475, 540), min_size=2, max_size=4)))
        stations = [
            {
                "from": f"{a // 60:02d}:{a % 60:02d}",
                "to": f"{b // 60:02d}:{b % 60:02d}",
                "n": draw(st.integers(0, 2)),
            }
            for a, b in itertools.pairwise(cuts)
        ]
    clinic = Clinic.model_validate(
        {
            "morning": ["08:00", "08:30"],
            "afternoon": ["14:00", "17:00"],
            "stations": stations,
            "dose_minutes": dose_minutes,
            "observation": {"injection": 30, "tablet": 10},
        }
    )
    doses = []
    for _ in range(draw(st.integers(1, 4))):
        latest = draw(st.sampled_from(range(480 - STEP, 511, STEP)))
        fixed = draw(st.one_of(st.none(), st.sampled_from(range(480, 511, STEP))))
        doses.append(Dose(480, latest, fixed))
    return clinic, doses


def _fits_by_enumeration(clinic: Clinic, doses: list[Dose]) -> bool:
    choices = [
        [d.fixed]
        if d.fixed is not None and d.fixed <= d.latest
        else []
        if d.fixed is not None
        else list(range(d.earliest, d.latest + 1, STEP))
        for d in doses
    ]
    for starts in itertools.product(*choices):
        if all(sum(1 for s in starts if s <= m < s + clinic.dose_minutes) <= _free(clinic, m) for m in range(470, 560)):
            return True
    return False


def _free(clinic: Clinic, minute: int) -> int:
    if isinstance(clinic.stations, int):
        return clinic.stations
    return sum(slot.n for slot in clinic.stations if slot.from_ <= minute < slot.to)


@settings(max_examples=300, deadline=None)
@given(dose_cases())
def test_greedy_dose_placement_agrees_with_enumeration(case):
    clinic, doses = case
    assert doses_fit(clinic, doses, STEP) == _fits_by_enumeration(clinic, doses)

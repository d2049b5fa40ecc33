"""One hand-checked morning per kind of event, on the tiny Monday (one clinic, one crew).

In the tiny scenario a dose takes 10 minutes, observation is 30 minutes after
an injection and 15 after tablets, and travel 25: an injection at 08:00 is
ready at 09:05, tablets at 08:00 at 08:50; the ordinary group starts at 09:00.
"""

from tests.conftest import people, tiny
from tests.replan.plans import MONDAY, plan_of
from workwindow.models import parse_time
from workwindow.replan import Events, replan
from workwindow.verify import verify

STREET = {"site": "street", "days": ["mon"]}


def _lines(result) -> list[str]:
    return [str(c) for c in result.changes]


def _place(schedule, pid):
    return next(((a.crew, a.group, a.dose, a.start) for a in schedule.assignments if a.participant == pid), None)


def test_an_absent_participant_frees_the_place_and_nobody_else_is_told():
    scenario = tiny(participants=people("injection", "injection"))
    plan = plan_of(scenario, {p: ("street", "late", "08:00", "09:05") for p in ("P1", "P2")})
    result = replan(scenario, plan, MONDAY, Events(absent={"P1"}))
    assert _lines(result) == ["P1: absent, place freed (street late 09:05)"]
    assert result.to_tell == ()
    assert _place(result.schedule, "P2") == ("street", "late", parse_time("08:00"), parse_time("09:05"))
    assert [(f.crew, f.group, f.places) for f in result.freed] == [("street", "late", 1)]
    assert verify(scenario, result.schedule) == []


def test_a_walk_in_on_tablets_joins_the_ordinary_group_and_the_planned_keep_their_day():
    scenario = tiny(participants=people("injection", "tablet"))
    plan = plan_of(scenario, {"P1": ("street", "late", "08:00", "09:05")})
    result = replan(scenario, plan, MONDAY, Events(arrived={"P2"}))
    assert _lines(result) == ["P2: added to street ordinary 09:00 (walk-in)"]
    assert result.to_tell == ("P2",)
    assert verify(scenario, result.schedule) == []


def test_an_absent_supervisor_is_covered_by_the_other_and_only_the_cover_is_told():
    scenario = tiny(
        participants=people("injection"),
        **{"program.crews.street": {**STREET, "staff_ratio": 1}},
        staff={"kari": {}, "ola": {}},
    )
    plan = plan_of(scenario, {"P1": ("street", "late", "08:00", "09:05")}, leads={"street": ["kari"]})
    result = replan(scenario, plan, MONDAY, Events(staff_absent={"kari"}))
    assert _lines(result) == ["kari: absent, street late 09:05 needs cover", "ola: now leads street late 09:05"]
    assert result.to_tell == ("ola",)
    assert verify(scenario, result.schedule) == []


def test_a_dose_given_late_moves_the_late_group_to_when_its_member_is_ready():
    scenario = tiny(participants=people("injection", "injection"))
    plan = plan_of(scenario, {p: ("street", "late", "08:00", "09:05") for p in ("P1", "P2")})
    result = replan(scenario, plan, MONDAY, Events(doses={"P1": parse_time("08:15")}))
    # 08:15 + 10 + 30 + 25 = 09:20: the only way to keep P1 is a start at 09:20 for both
    assert _lines(result) == [
        "P1: late group street 09:05 → 09:20",
        "P1: dose 08:00 → 08:15 (given at that time)",
        "P2: late group street 09:05 → 09:20",
    ]
    assert verify(scenario, result.schedule) == []


def test_a_longer_observation_today_makes_the_ready_time_later():
    scenario = tiny(participants=people("injection"))
    plan = plan_of(scenario, {"P1": ("street", "late", "08:00", "09:05")})
    result = replan(scenario, plan, MONDAY, Events(observation={"P1": 45}))
    # 08:00 + 10 + 45 + 25 = 09:20
    assert result.schedule.assignments[0].ready == parse_time("09:20")
    assert _lines(result) == ["P1: late group street 09:05 → 09:20"]
    assert verify(scenario, result.schedule) == []  # the plan's `morning` says P1's observation was not the usual
    assert [(m.observation, m.dose_given) for m in result.schedule.morning] == [(["P1"], [])]
    without_the_morning = result.schedule.model_copy(update={"morning": None})
    assert [v.kind for v in verify(scenario, without_the_morning)] == ["ready_reported"]


def test_at_now_given_doses_stay_and_a_walk_in_dosed_later_moves_the_group():
    scenario = tiny(participants=people("injection", "injection", "injection"))
    plan = plan_of(scenario, {p: ("street", "late", "08:00", "09:05") for p in ("P1", "P2")})
    result = replan(scenario, plan, MONDAY, Events(arrived={"P3"}, now=parse_time("08:30")))
    # P3's dose can start at 08:30 at the earliest: ready 09:35, so the group waits for P3
    assert _place(result.schedule, "P3") == ("street", "late", parse_time("08:30"), parse_time("09:35"))
    assert _place(result.schedule, "P1") == ("street", "late", parse_time("08:00"), parse_time("09:35"))
    assert result.to_tell == ("P1", "P2", "P3")
    assert verify(scenario, result.schedule) == []


def test_a_group_that_started_before_now_takes_no_walk_in():
    scenario = tiny(participants=people("injection", "injection", "tablet"))
    plan = plan_of(scenario, {p: ("street", "late", "08:00", "09:05") for p in ("P1", "P2")})
    result = replan(scenario, plan, MONDAY, Events(absent={"P2"}, arrived={"P3"}, now=parse_time("09:10")))
    assert _place(result.schedule, "P1") == ("street", "late", parse_time("08:00"), parse_time("09:05"))
    assert _place(result.schedule, "P3") is None
    assert _lines(result) == ["P2: absent, place freed (street late 09:05)"]
    assert dict(result.freed[0].not_taken)["P3"] == "the group started before now and takes nobody new"


def test_a_booked_dose_moves_only_to_take_a_walk_in_and_the_table_says_so():
    scenario = tiny(**{"clinics.habio.stations": 1}, participants=people("injection", "tablet"))
    scenario = scenario.model_copy(
        update={
            "participants": {
                **scenario.participants,
                "P2": scenario.participants["P2"].model_copy(update={"morning_dose": parse_time("08:00")}),
            }
        }
    )
    plan = plan_of(scenario, {"P1": ("street", "late", "08:00", "09:05")})
    assert replan(scenario, plan, MONDAY).changes == ()
    result = replan(scenario, plan, MONDAY, Events(arrived={"P2"}))
    # P2's dose is fixed at 08:00 and there is one station: P1's booked 08:00 must go to 08:10
    assert (
        "P1: dose 08:00 → 08:10 (booked time moved: the only way to keep the planned days or to take the walk-ins)"
        in _lines(result)
    )
    assert _place(result.schedule, "P1") == ("street", "late", parse_time("08:10"), parse_time("09:15"))
    assert verify(scenario, result.schedule) == []


def test_without_a_supervisor_to_cover_the_late_group_its_members_are_dropped_and_told_why():
    scenario = tiny(
        participants=people("injection"), **{"program.crews.street": {**STREET, "staff_ratio": 1}}, staff={"kari": {}}
    )
    plan = plan_of(scenario, {"P1": ("street", "late", "08:00", "09:05")}, leads={"street": ["kari"]})
    result = replan(scenario, plan, MONDAY, Events(staff_absent={"kari"}))
    assert _lines(result) == [
        "P1: dropped from street late 09:05: no supervisor can cover the group",
        "kari: absent, street late 09:05 needs cover",
    ]
    assert result.to_tell == ("P1",)
    assert verify(scenario, result.schedule) == []


def test_places_freed_in_two_groups_are_each_listed_with_who_could_take_them():
    scenario = tiny(participants=people("injection", "tablet", "tablet"))
    plan = plan_of(
        scenario, {"P1": ("street", "late", "08:00", "09:05"), "P2": ("street", "ordinary", "08:00", "09:00")}
    )
    result = replan(scenario, plan, MONDAY, Events(absent={"P1", "P2"}))
    assert [(f.group, f.places, dict(f.not_taken)["P3"]) for f in result.freed] == [
        ("late", 1, "not there this morning: neither planned nor arrived (see --candidates)"),
        ("ordinary", 1, "not there this morning: neither planned nor arrived (see --candidates)"),
    ]

"""The linear relaxation's view of a rule: what CP-SAT's bound can see, read from the model itself.

Each rule here has the same integer schedules in every form; only the
coefficients decide how much a fractional schedule can save.
"""

from tests.conftest import people, tiny
from workwindow.solver.facts import week_facts
from workwindow.solver.week_model import WeekModel, build_week_model


def _full_group_week(*, explainable: bool, ratio: int = 4, daily_cap: int | None = None) -> WeekModel:
    """Six injections for a late group of at most five, one supervisor per `ratio`."""
    caps = {} if daily_cap is None else {"program.daily_cap": daily_cap}
    scenario = tiny(
        participants=people(*["injection"] * 6),
        staff={"kari": {}, "ola": {}, "per": {}},
        **{"program.crews.street.late_capacity": 5, "program.crews.street.staff_ratio": ratio, **caps},
    )
    return build_week_model(scenario, week_facts(scenario, 1), explainable=explainable)


def _places_per_supervisor_step(week: WeekModel) -> list[int]:
    """Members each step of ceil(n / ratio) makes room for, in the rule members ≤ Σ places × step."""
    [crew_day] = week.v.more_leaders
    steps = [week.v.runs[crew_day], *week.v.more_leaders[crew_day]]
    members = {x.Index() for o, x in week.v.assign.items() if o.group == "late"}
    for constraint in week.model.proto.constraints:
        terms = dict(zip(constraint.linear.vars, constraint.linear.coeffs, strict=True))
        if members | {steps[0].Index()} <= terms.keys() and all(terms[i] == 1 for i in members):
            return [-terms.get(s.Index(), 0) for s in steps]
    raise AssertionError("no rule ties the late group's members to its supervisor steps")


def test_a_full_late_groups_second_supervisor_makes_room_only_for_the_fifth_member():
    # 5 members ≤ 4 × runs + 1 × second: five members need both steps whole, so two
    # supervisors even in the relaxation (with 4 × second, 1.25 supervisors would do).
    assert _places_per_supervisor_step(_full_group_week(explainable=False)) == [4, 1]


def test_the_explanations_model_keeps_the_plain_ratio_as_its_capacity_can_be_switched_off():
    assert _places_per_supervisor_step(_full_group_week(explainable=True)) == [4, 4]


def test_a_late_group_makes_room_for_no_more_than_the_daily_cap_lets_in():
    # A daily cap of 3 under a late capacity of 5: the first supervisor (ratio 2) makes room
    # for 2, the second for the 1 the cap has left, a third for none. Without the cap in the
    # rule, a group of 3 could be staffed with 0.6 of a supervisor each step in the relaxation.
    assert _places_per_supervisor_step(_full_group_week(explainable=False, ratio=2, daily_cap=3)) == [2, 1, 0]

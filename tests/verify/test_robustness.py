"""Whatever a planner types into a plan, verify answers with sentences, never a crash."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.verify.plans import as_schedule, small_plan, small_scenario_with
from workwindow.verify import KINDS, verify


def _with_a_second_clinic(data: dict) -> None:
    """P07 comes from a clinic with no way to gaterydding: a plan sending P07 there must not crash."""
    data["clinics"]["annen"] = dict(data["clinics"]["habio"])
    data["sites"]["verksted"]["travel"]["annen"] = 15
    data["participants"]["P07"] = {"clinic": "annen", "dose_form": "tablet", "crews": ["verksted"]}
    for p in data["participants"].values():
        p.setdefault("clinic", "habio")


SCENARIO = small_scenario_with(_with_a_second_clinic)
PARTICIPANTS = ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P99"]
CREWS = ["gaterydding", "verksted", "bakeri"]
DATES = ["2024-03-10", "2024-03-11", "2024-03-12", "2024-03-13", "2024-03-16", "2024-03-18"]
TIMES = ["00:00", "07:55", "08:00", "08:03", "08:30", "09:00", "09:05", "09:37", "10:00", "10:05", "12:00", "24:00"]

assignments = st.fixed_dictionaries(
    {
        "participant": st.sampled_from(PARTICIPANTS),
        "date": st.sampled_from(DATES),
        "crew": st.sampled_from(CREWS),
        "group": st.sampled_from(["ordinary", "late"]),
        "dose": st.sampled_from(TIMES),
        "ready": st.sampled_from(TIMES),
        "start": st.sampled_from(TIMES),
        "end": st.sampled_from(TIMES),
    }
)
groups = st.fixed_dictionaries(
    {
        "date": st.sampled_from(DATES),
        "crew": st.sampled_from(CREWS),
        "group": st.sampled_from(["ordinary", "late"]),
        "start": st.sampled_from(TIMES),
        "end": st.sampled_from(TIMES),
        "participants": st.lists(st.sampled_from(PARTICIPANTS), max_size=4),
        "staff": st.lists(st.sampled_from(["kari", "ola", "nils"]), max_size=3),
    }
)
unassigned = st.fixed_dictionaries(
    {
        "participant": st.sampled_from(PARTICIPANTS),
        "date": st.sampled_from(DATES),
        "reason": st.sampled_from(["capacity", "tradeoff"]),
        "detail": st.just("-"),
    }
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(assignments, max_size=6),
    st.lists(groups, max_size=4),
    st.lists(unassigned, max_size=3),
    st.integers(0, 8),
)
def test_verify_answers_any_edited_plan_with_known_kinds(extra_assignments, extra_groups, extra_unassigned, keep):
    plan = small_plan()
    plan["assignments"] = plan["assignments"][:keep] + extra_assignments
    plan["groups"] = plan["groups"][:keep] + extra_groups
    plan["unassigned"] = plan["unassigned"] + extra_unassigned
    violations = verify(SCENARIO, as_schedule(plan))
    assert all(v.kind in KINDS and v.message.endswith(".") for v in violations)
    assert len({v.message for v in violations}) == len(violations)

"""explain: each what-if is a re-solve, and each changes the answer where it provably should.

In the tiny scenario (tests/conftest.py) injection is ready at 09:05 at the
earliest and tablets at 08:50; the one crew, street, runs on Mondays.
"""

import datetime as dt
import json

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import TINY, people, tiny
from workwindow.cli import main
from workwindow.models import Schedule
from workwindow.solver import SolveSettings, solve_with
from workwindow.whatif.explain import UnknownParticipant, explain_participant
from workwindow.whatif.parallel import solve_all

MONDAY = dt.date(2024, 3, 11)
SETTINGS = SolveSettings(time_limit=20, explain=False)


def what_ifs(explanation) -> dict:
    return {w.kind: w for w in explanation.what_ifs}


def test_injection_not_ready_would_work_with_tablets_or_a_later_start():
    scenario = tiny(**{"program.latest_start": "09:00", "participants": people("injection")})
    explanation = explain_participant(scenario, "P1", SETTINGS, jobs=1, health_details=True)
    [day] = explanation.days
    assert (day.date, day.reason) == (MONDAY, "not_ready") and "09:05" in (day.detail or "")
    answers = what_ifs(explanation)
    assert answers["tablets"].overrides == ("participants.P1.dose_form=tablet",)
    assert answers["tablets"].gained == (MONDAY,) and answers["tablets"].change == 1
    assert answers["later_start"].overrides == ("program.latest_start=09:05",)
    assert answers["later_start"].gained == (MONDAY,)
    assert not answers["one_more_place"].tried and not answers["one_more_supervisor"].tried


def test_when_min_work_minutes_binds_the_later_start_lowers_it_and_says_so():
    scenario = tiny(**{"program.min_work_minutes": 180, "participants": people("injection")})
    later = what_ifs(explain_participant(scenario, "P1", SETTINGS, jobs=1))["later_start"]
    assert later.overrides == ("program.min_work_minutes=175",)
    assert "min_work_minutes binds" in (later.note or "")
    assert later.gained == (MONDAY,)


def test_blocked_by_a_full_late_group_works_with_one_more_place():
    participants = people("injection", "injection")
    participants["P1"]["priority"] = 2
    scenario = tiny(**{"program.crews.street.late_capacity": 1, "participants": participants})
    explanation = explain_participant(scenario, "P2", SETTINGS, jobs=1)
    assert [d.reason for d in explanation.days] == ["capacity"]
    place = what_ifs(explanation)["one_more_place"]
    assert place.overrides == ("program.crews.street.late_capacity=2",)
    assert place.gained == (MONDAY,) and place.still_without == {}
    assert not what_ifs(explanation)["one_more_supervisor"].tried


def test_a_full_daily_cap_is_raised_for_that_week():
    participants = people("tablet", "tablet")
    participants["P1"]["priority"] = 2
    scenario = tiny(**{"program.daily_cap": 1, "participants": participants})
    place = what_ifs(explain_participant(scenario, "P2", SETTINGS, jobs=1))["one_more_place"]
    assert place.overrides == ("program.ramp_up.1=2",) and place.gained == (MONDAY,)


def test_blocked_by_staff_works_with_one_more_supervisor():
    participants = people("injection", "injection")
    participants["P1"]["priority"] = 2
    scenario = tiny(
        **{
            "program.crews.street.staff_ratio": 1,
            "staff": {"kari": {"hours": ["08:00", "13:00"]}},
            "participants": participants,
        }
    )
    explanation = explain_participant(scenario, "P2", SETTINGS, jobs=1)
    assert [d.reason for d in explanation.days] == ["staff"]
    supervisor = what_ifs(explanation)["one_more_supervisor"]
    assert supervisor.overrides[0].startswith("staff.kari-copy={crews: [street]")
    assert "a copy of kari" in supervisor.question
    assert supervisor.gained == (MONDAY,)


def test_with_no_one_able_to_lead_the_crew_the_extra_supervisor_is_free_all_week():
    scenario = tiny(
        **{
            "program.crews.street.staff_ratio": 1,
            "staff": {"kari": {"days": ["tue"]}},
            "participants": people("injection"),
        }
    )
    supervisor = what_ifs(explain_participant(scenario, "P1", SETTINGS, jobs=1))["one_more_supervisor"]
    assert supervisor.overrides == ("staff.extra-supervisor={}",)
    assert supervisor.gained == (MONDAY,)


def test_a_later_start_is_not_tried_when_they_could_not_be_back_for_the_afternoon_dose_either():
    scenario = tiny(
        **{
            "program.latest_start": "09:00",
            "clinics.habio.afternoon": ["11:00", "12:00"],
            "participants": people("injection"),
        }
    )
    explanation = explain_participant(scenario, "P1", SETTINGS, jobs=1)
    assert [d.reason for d in explanation.days] == ["not_ready"]
    later = what_ifs(explanation)["later_start"]
    assert not later.tried and "back for the afternoon dose" in (later.note or "")


def test_tablets_are_not_tried_for_someone_with_their_own_observation_time():
    scenario = tiny(**{"program.latest_start": "09:00", "participants": people("injection", observation=40)})
    tablets = what_ifs(explain_participant(scenario, "P1", SETTINGS, jobs=1, health_details=True))["tablets"]
    assert not tablets.tried and "own observation time (40 min)" in (tablets.note or "")


@pytest.mark.parametrize("form", ["injection", "tablet"])
def test_without_health_details_the_tablets_question_says_nothing_of_the_dose_form(form):
    scenario = tiny(**{"program.latest_start": "09:00", "participants": people(form)})
    tablets = what_ifs(explain_participant(scenario, "P1", SETTINGS, jobs=1))["tablets"]
    assert not tablets.tried and tablets.question == "with another dose form"
    assert tablets.note == "the clinic's question, as its answer names the dose form: ask with --health-details"


def test_an_unknown_participant_is_a_clear_error():
    with pytest.raises(UnknownParticipant, match=r"no participant 'P9'.*participants: P1"):
        explain_participant(tiny(participants=people("tablet")), "P9", SETTINGS, jobs=1)


def scenario_file(tmp_path, **changes) -> str:
    data = {**TINY, **changes}
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return str(path)


def test_explain_prints_the_days_and_each_change_as_a_set_option(tmp_path):
    path = scenario_file(tmp_path, participants=people("injection"))
    explain = ["explain", path, "P1", "--set", "program.latest_start=09:00", "--jobs", "1", "--health-details"]
    result = CliRunner().invoke(main, explain)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "works 0 of 1 eligible days" in text and "no work: not_ready" in text
    assert "--set participants.P1.dose_form=tablet" in text and "+1 day: 2024-03-11" in text
    assert "--set program.latest_start=09:05" in text


def test_explain_of_an_unknown_participant_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["explain", scenario_file(tmp_path, participants=people("tablet")), "P7"])
    assert result.exit_code == 2 and "there is no participant 'P7'" in result.stderr


# -- explain --plan: the plan the planner holds, not a fresh solve ------------------------------


def two_for_one_late_place(**changes):
    """P1 (priority 2) and P2 inject; one late place on the one Monday: the solve gives it to P1."""
    participants = people("injection", "injection")
    participants["P1"]["priority"] = 2
    return tiny(**{"program.crews.street.late_capacity": 1, "participants": participants, **changes})


EXACT = SolveSettings(time_limit=20, deterministic=True, explain=False)


@pytest.mark.parametrize("weekly", [True, False], ids=["by the week", "whole, with fairness"])
def test_a_plan_from_solve_is_explained_as_without_it(weekly):
    fairness = [] if weekly else ["fairness"]
    scenario = two_for_one_late_place(weeks=2, objective=["shortfall", *fairness, "participant_days", "late_start"])
    plan = solve_with(scenario, SolveSettings(time_limit=20, deterministic=True))
    for pid in ("P1", "P2"):
        fresh = explain_participant(scenario, pid, EXACT, jobs=1, health_details=True)
        held = explain_participant(scenario, pid, EXACT, jobs=1, health_details=True, plan=plan)
        assert held == fresh
    assert "capacity" in [d.reason for d in held.days]  # P2 (with fairness: one of the two Mondays)


def moved(plan, giver: str, taker: str):
    """The plan with `giver`'s place handed to `taker` by hand; its unassigned left as they were (stale)."""
    data = json.loads(plan.to_json().replace(f'"{giver}"', '"SWAP"').replace(f'"{taker}"', f'"{giver}"'))
    return Schedule.model_validate(json.loads(json.dumps(data).replace('"SWAP"', f'"{taker}"')))


def test_the_reasons_follow_a_plan_moved_by_hand_not_the_reasons_it_lists():
    scenario = two_for_one_late_place()
    plan = solve_with(scenario, SolveSettings(time_limit=20, deterministic=True))
    by_hand = moved(plan, "P1", "P2")
    assert [u.participant for u in by_hand.unassigned] == ["P1"]  # swapped along: now stale for P2's day
    stale = by_hand.model_copy(
        update={"unassigned": [u.model_copy(update={"participant": "P2"}) for u in by_hand.unassigned]}
    )
    for given in (by_hand, stale, by_hand.model_copy(update={"unassigned": []})):
        p1 = explain_participant(scenario, "P1", EXACT, jobs=1, plan=given)
        assert [(d.reason, d.detail) for d in p1.days] == [("capacity", "street late group full (1/1)")]
        place = what_ifs(p1)["one_more_place"]
        assert place.overrides == ("program.crews.street.late_capacity=2",)
        assert place.gained == (MONDAY,)  # against the plan held, where P1 does not work
        p2 = explain_participant(scenario, "P2", EXACT, jobs=1, plan=given)
        assert [d.works for d in p2.days] == [True] and p2.worked == (MONDAY,)


def test_explain_plan_on_the_command_line_says_what_explain_says(tmp_path):
    participants = people("injection", "injection")
    participants["P1"]["priority"] = 2
    path = scenario_file(tmp_path, participants=participants)
    common = ["--set", "program.crews.street.late_capacity=1", "--jobs", "1", "--workers", "1"]
    plan = tmp_path / "plan.json"
    solved = CliRunner().invoke(main, ["solve", path, *common[:2], "--deterministic", "-o", str(plan)])
    assert solved.exit_code == 0, solved.output
    fresh = CliRunner().invoke(main, ["explain", path, "P2", *common])
    held = CliRunner().invoke(main, ["explain", path, "P2", "--plan", str(plan), *common])
    assert held.exit_code == 0, held.output
    assert held.output == fresh.output and "no work: capacity" in " ".join(held.output.split())


def test_explain_refuses_a_plan_that_breaks_a_rule_or_is_of_another_scenario(tmp_path):
    path = scenario_file(tmp_path, participants=people("injection"))
    plan = solve_with(tiny(participants=people("injection")), SolveSettings(time_limit=20, deterministic=True))
    early = tmp_path / "early.json"
    early.write_text(plan.to_json().replace('"start": "09:05"', '"start": "09:00"'))
    other = tmp_path / "other.json"
    other.write_text(plan.to_json().replace('"scenario": "tiny"', '"scenario": "elsewhere"'))
    for given, said in ((early, "breaks rules of the scenario"), (other, "does not belong to the scenario")):
        result = CliRunner().invoke(main, ["explain", path, "P1", "--plan", str(given), "--jobs", "1"])
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"Error: {given} {said}") and "Traceback" not in result.output
        assert "--repair" not in result.stderr


def test_someone_never_ready_is_explained_without_solving_the_scenario(monkeypatch):
    scenario = tiny(**{"weeks": 2, "program.latest_start": "09:00", "participants": people("injection", "tablet")})
    plan = solve_with(scenario, SolveSettings(time_limit=20, deterministic=True))
    solved = []

    def counted(scenarios, *args, **kwargs):
        solved.append(len(scenarios))
        return solve_all(scenarios, *args, **kwargs)

    monkeypatch.setattr("workwindow.whatif.explain.solve_all", counted)
    fresh = explain_participant(scenario, "P1", EXACT, jobs=1, health_details=True)
    assert solved == [2]  # tablets and a later start; no solve of the scenario itself
    assert [d.reason for d in fresh.days] == ["not_ready", "not_ready"]
    assert fresh == explain_participant(scenario, "P1", EXACT, jobs=1, health_details=True, plan=plan)
    solved.clear()
    explain_participant(scenario, "P2", EXACT, jobs=1)  # P2 works: the scenario is solved first
    assert solved[0] == 1

"""explain: each what-if is a re-solve, and each changes the answer where it provably should.

In the tiny scenario (tests/conftest.py) injection is ready at 09:05 at the
earliest and tablets at 08:50; the one crew, street, runs on Mondays.
"""

import datetime as dt

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import TINY, people, tiny
from workwindow.cli import main
from workwindow.solver import SolveSettings
from workwindow.whatif.explain import UnknownParticipant, explain_participant

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

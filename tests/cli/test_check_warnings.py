"""`check` warns, before any solve, when a scenario cannot give anyone work or their minimums: ids only."""

import pytest
from click.testing import CliRunner

from tests.conftest import PILOT, people, tiny
from workwindow.cli import main
from workwindow.diagnostics import summarize

HEALTH_WORDS = ("injection", "tablet")
SUPERVISED = {"program.crews.street.staff_ratio": 2, "program.staff_prep_minutes": 15}


def _warnings(scenario) -> list[str]:
    warnings = summarize(scenario).warnings
    for warning in warnings:
        assert not any(word in warning for word in HEALTH_WORDS), warning
    return warnings


def _one(warnings: list[str], start: str) -> str:
    found = [w for w in warnings if w.startswith(start)]
    assert len(found) == 1, warnings
    return found[0]


@pytest.mark.parametrize(
    "stations",
    [0, [{"from": "06:00", "to": "08:00", "n": 4}], [{"from": "08:00", "to": "08:05", "n": 2}]],
)
def test_a_clinic_with_no_station_free_for_a_whole_morning_dose_is_named(stations):
    scenario = tiny(participants=people("tablet"), **{"clinics.habio.stations": stations})
    warning = _one(_warnings(scenario), "clinic habio has no dosing station free")
    assert "nobody who takes the morning dose there can work" in warning


def test_a_station_free_for_one_dose_is_enough():
    stations = [{"from": "09:55", "to": "10:05", "n": 1}]
    scenario = tiny(participants=people("tablet"), **{"clinics.habio.stations": stations})
    assert not [w for w in _warnings(scenario) if w.startswith("clinic habio")]


def test_minimums_above_the_places_of_a_week_are_counted():
    scenario = tiny(participants=people("tablet", "tablet", "tablet", want=[1, 1]), **{"program.daily_cap": 2})
    warning = _one(_warnings(scenario), "week 1: the participants' minimums")
    assert "add up to 3 days but the caps allow 2 participant-days: at least 1 day will be short" in warning


def test_a_minimum_above_the_days_open_to_someone_names_them_by_id_only():
    participants = {**people("tablet", want=[2, 3]), "P2": {"dose_form": "injection", "want": [1, 1]}}
    warning = _one(_warnings(tiny(participants=participants)), "week 1:")
    assert warning == "week 1: P1 has fewer days with a crew open to them than their minimum (want[0])"


def test_late_groups_that_no_supervisor_can_cover_are_named_with_their_days():
    staff = {"kari": {"hours": ["10:00", "13:00"]}}  # from 10:00 is too late to prepare a 10:00 start
    scenario = tiny(participants=people("injection"), staff=staff, **SUPERVISED)
    warning = _one(_warnings(scenario), "crew street's late group needs a supervisor")
    assert "on mon none can lead it" in warning and "09:45–12:00" in warning
    covered = tiny(participants=people("injection"), staff={"kari": {"hours": ["09:45", "13:00"]}}, **SUPERVISED)
    assert not [w for w in _warnings(covered) if "late group needs a supervisor" in w]


def test_a_crew_no_participant_can_join_is_named():
    crews = {
        "street": {"site": "street", "days": ["mon"]},
        "shop": {"site": "street", "days": ["tue"]},
    }
    scenario = tiny(participants=people("tablet", days=["mon"]), **{"program.crews": crews})
    warning = _one(_warnings(scenario), "crew shop:")
    assert "no participant can ever work in it" in warning
    assert not [w for w in _warnings(scenario) if w.startswith("crew street:")]


def test_check_on_the_pilot_warns_that_week_1_cannot_give_everyone_their_minimum():
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, ["check", str(PILOT)])
    assert result.exit_code == 0
    assert (
        "warning: week 1: the participants' minimums (want[0]) add up to 16 days but the caps allow 12 "
        "participant-days: at least 4 days will be short of a minimum" in result.output
    )
    assert not any(word in line for line in result.output.splitlines() if "warning" in line for word in HEALTH_WORDS)
